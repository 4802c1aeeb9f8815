// The chat page's script, bundled for the browser by esbuild (see ../page-bundle.ts). rxllm and RxJS in the
// browser: the server's model is a `remoteModel` here, a LanguageModel like any other. Prompts are a stream
// of submit events; `switchMap` cancels the answer in flight when a new prompt comes, `takeUntil(stop$)`
// cancels it on Stop, and cancelling aborts the fetch — which the server sees, and which makes it abort its
// own call to the model (and any tool still running).
import { EMPTY, catchError, filter, finalize, fromEvent, map, share, switchMap, takeUntil, tap } from 'rxjs';
import { GenerationCollector, remoteModel, type AgentGeneration, type GenerationEvent, type Message } from 'rxllm';
import { answerView } from './answer-view.js';

const model = remoteModel({ url: '/api/chat' });

const form = document.querySelector<HTMLFormElement>('#chat-form');
const input = document.querySelector<HTMLInputElement>('#prompt');
const stopButton = document.querySelector<HTMLButtonElement>('#stop');
const log = document.querySelector<HTMLDivElement>('#log');
if (!form || !input || !stopButton || !log) throw new Error('The chat page is missing an element.');

/** The conversation so far: finished exchanges only (a stopped or failed answer is not part of it). */
let history: readonly Message[] = [];

const stop$ = fromEvent(stopButton, 'click').pipe(share());
const prompts$ = fromEvent<SubmitEvent>(form, 'submit').pipe(
  tap((event) => event.preventDefault()),
  map(() => input.value.trim()),
  filter((prompt) => prompt !== ''),
  tap(() => (input.value = '')),
);

// #region readme
prompts$
  .pipe(
    switchMap((prompt) => {
      const conversation: Message[] = [...history, { role: 'user', content: prompt }];
      const view = answerView(log, prompt);
      const collector = new GenerationCollector(model.provider, model.modelId);
      let stopped = false;
      stopButton.disabled = false;
      return model.stream(conversation).pipe(
        takeUntil(stop$.pipe(tap(() => (stopped = true)))),
        tap((event: GenerationEvent) => {
          collector.push(event);
          view.show(event); // thinking, tool calls and their results, text: as they arrive
        }),
        tap({
          complete: () => {
            if (stopped) return view.end('stopped', 'stopped');
            const answer = collector.result();
            // A tool loop's answer (AgentGeneration) appended its steps' messages; a plain answer, one message.
            const added = 'steps' in answer ? (answer as AgentGeneration).messages : [answer.message];
            history = [...conversation, ...added];
            const usage = answer.usage ? ` · ${answer.usage.inputTokens} + ${answer.usage.outputTokens} tokens` : '';
            view.end('done', `finished (${answer.finishReason})${usage}`);
          },
        }),
        // An error ends this answer only; the page keeps taking prompts.
        catchError((error: unknown) => {
          view.end('error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
          return EMPTY;
        }),
        finalize(() => {
          stopButton.disabled = true;
          view.end('cancelled', 'cancelled by a new prompt'); // only when nothing else ended it: switchMap moved on
        }),
      );
    }),
  )
  .subscribe();
// #endregion readme
