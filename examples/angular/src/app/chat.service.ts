// The app's one door to the models: plain RxJS over rxllm's `LanguageModel`, no Angular in the pipelines.
// Everything is cold: nothing is sent until a subscription, and unsubscribing (Stop, a new prompt, a new
// keystroke, a destroyed component) aborts the browser's fetch; the server sees the connection close and
// aborts its own call to the provider.
import { Injectable, inject } from '@angular/core';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, scan, startWith, switchMap, type Observable } from 'rxjs';
import type { GenerationEvent, TextDeltaEvent } from 'rxllm';
import { CHAT_MODEL, SUGGEST_MODEL } from './models';

/** A suggestion for how to finish `input`. */
export interface Suggestion {
  /** The (trimmed) text it completes. */
  readonly input: string;
  /** The words to add after it. */
  readonly text: string;
}

/** Options of `ChatService.suggestions`. */
export interface SuggestionOptions {
  /** Ask only after this long without a keystroke, in ms. @default 250 */
  readonly debounceMs?: number;
  /** Inputs shorter than this (trimmed) get no suggestion. @default 3 */
  readonly minLength?: number;
}

const isTextDelta = (event: GenerationEvent): event is TextDeltaEvent => event.type === 'text-delta';

@Injectable({ providedIn: 'root' })
export class ChatService {
  private readonly chatModel = inject(CHAT_MODEL);
  private readonly suggestModel = inject(SUGGEST_MODEL);

  /**
   * The answer to `prompt` as it streams: the whole text so far, once per token; completes with the
   * answer, errors with rxllm's typed error (a `RateLimitError` for the server's 429...).
   *
   * @example
   * chat.stream('Tell me a story').pipe(takeUntil(stop$)).subscribe((text) => (output.textContent = text));
   */
  stream(prompt: string): Observable<string> {
    return this.chatModel.stream(prompt).pipe(
      filter(isTextDelta),
      scan((text, event) => text + event.text, ''),
    );
  }

  /**
   * Type-ahead: suggestions for what the user types. Waits for a pause in typing (`debounceTime`), skips
   * an input that did not change (`distinctUntilChanged`), and asks the server, cancelling the request for
   * a stale input as soon as a new one is due (`switchMap`: the fetch is aborted). Emits `undefined` while
   * there is no suggestion for the latest input (too short, on its way, or failed: a suggestion is a nicety).
   *
   * @example
   * const suggestion = toSignal(chat.suggestions(typed$)); // in a component
   */
  suggestions(typed$: Observable<string>, options: SuggestionOptions = {}): Observable<Suggestion | undefined> {
    const { debounceMs = 250, minLength = 3 } = options;
    // #region readme
    return typed$.pipe(
      map((text) => text.trim()),
      debounceTime(debounceMs),
      distinctUntilChanged(),
      switchMap((input) =>
        input.length < minLength
          ? of(undefined)
          : this.suggestModel.generate(input).pipe(
              map((generation): Suggestion | undefined => {
                const text = generation.text.trim();
                return text === '' ? undefined : { input, text };
              }),
              catchError(() => of(undefined)),
              startWith(undefined),
            ),
      ),
    );
    // #endregion
  }
}
