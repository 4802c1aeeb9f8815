// The chat page's script, bundled for the browser by esbuild (see ../page-bundle.ts). RxJS in the browser:
// prompts are a stream of submit events; `switchMap` cancels the answer in flight when a new prompt comes,
// `takeUntil(stop$)` cancels it on Stop, and cancelling aborts the fetch — which the server sees, and which
// makes it abort its own call to the model.
import { EMPTY, Observable, catchError, filter, finalize, fromEvent, map, share, switchMap, takeUntil, tap } from 'rxjs';
import { fromFetch } from 'rxjs/fetch';

/** The events the server sends (see ../chat-stream.ts). */
type ChatEvent =
  | { type: 'delta'; text: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  | { type: 'done'; finishReason: string }
  | { type: 'error'; name: string; message: string };

/** Parses a `text/event-stream` response body into its `data:` payloads, as JSON. */
function serverSentEvents(response: Response): Observable<ChatEvent> {
  return new Observable<ChatEvent>((subscriber) => {
    const body = response.body;
    if (!body) {
      subscriber.error(new Error('The response has no body.'));
      return undefined;
    }
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const pump = async (): Promise<void> => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return subscriber.complete();
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          if (data !== '') subscriber.next(JSON.parse(data) as ChatEvent);
        }
      }
    };
    pump().catch((error: unknown) => subscriber.error(error));
    return () => void reader.cancel().catch(() => undefined);
  });
}

/** One prompt's answer, as an Observable: unsubscribing aborts the request (fromFetch's AbortController). */
function chat(prompt: string): Observable<ChatEvent> {
  return fromFetch('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt }),
    selector: (response) =>
      response.ok
        ? serverSentEvents(response)
        : new Observable<never>((subscriber) => {
            void response.text().then((text) => subscriber.error(new Error(`HTTP ${response.status}: ${text.trim()}`)));
          }),
  });
}

const form = document.querySelector<HTMLFormElement>('#chat-form');
const input = document.querySelector<HTMLInputElement>('#prompt');
const stopButton = document.querySelector<HTMLButtonElement>('#stop');
const log = document.querySelector<HTMLDivElement>('#log');
if (!form || !input || !stopButton || !log) throw new Error('The chat page is missing an element.');

function bubble(className: string, text: string): HTMLDivElement {
  const element = document.createElement('div');
  element.className = className;
  const span = document.createElement('span');
  span.className = 'text';
  span.textContent = text; // textContent, never innerHTML: model output is not trusted markup
  element.append(span);
  log?.append(element);
  element.scrollIntoView({ block: 'end' });
  return element;
}

function setMeta(answer: HTMLElement, state: string, text: string): void {
  answer.dataset['state'] = state;
  let meta = answer.querySelector<HTMLSpanElement>('.meta');
  if (!meta) {
    meta = document.createElement('span');
    meta.className = 'meta';
    answer.append(meta);
  }
  meta.textContent = text;
}

const stop$ = fromEvent(stopButton, 'click').pipe(share());
const prompts$ = fromEvent<SubmitEvent>(form, 'submit').pipe(
  tap((event) => event.preventDefault()),
  map(() => input.value.trim()),
  filter((prompt) => prompt !== ''),
  tap(() => (input.value = '')),
);

prompts$
  .pipe(
    switchMap((prompt) => {
      bubble('prompt', prompt);
      const answer = bubble('answer', '');
      const text = answer.querySelector('.text') as HTMLSpanElement;
      setMeta(answer, 'streaming', 'streaming…');
      let ended = false;
      let summary = 'done';
      let endState = 'cancelled'; // what unsubscribing means unless Stop was pressed: a newer prompt took over
      stopButton.disabled = false;
      return chat(prompt).pipe(
        takeUntil(stop$.pipe(tap(() => (endState = 'stopped')))),
        tap((event) => {
          if (event.type === 'delta') text.textContent += event.text;
          if (event.type === 'done') summary = `finished (${event.finishReason})`;
          if (event.type === 'usage') summary += ` · ${event.inputTokens} + ${event.outputTokens} tokens`;
          if (event.type === 'error') throw new Error(`${event.name}: ${event.message}`);
        }),
        tap({ complete: () => (ended = true) }),
        finalize(() => {
          stopButton.disabled = true;
          if (ended && endState === 'stopped') setMeta(answer, 'stopped', 'stopped');
          else if (ended) setMeta(answer, 'done', summary);
          else if (answer.dataset['state'] === 'streaming') setMeta(answer, 'cancelled', 'cancelled by a new prompt');
        }),
        // An error ends this answer only; the page keeps taking prompts.
        catchError((error: unknown) => {
          setMeta(answer, 'error', error instanceof Error ? error.message : String(error));
          return EMPTY;
        }),
      );
    }),
  )
  .subscribe();
