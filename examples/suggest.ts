// A user's own pipeline, as an application would write it: type-ahead suggestions. It is marble-tested with
// `fakeModel` in spec/examples/suggest.spec.ts, and used against the simulator by examples/type-ahead.ts.
import {
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  switchMap,
  asyncScheduler,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { retryGeneration, type LanguageModel } from 'rxllm';

/** Options of `suggest`. */
export interface SuggestOptions {
  /** Wait this long after the last keystroke before asking. @default 0 (ask at every keystroke) */
  readonly debounceMs?: number;
  /** Inputs shorter than this are ignored. @default 1 */
  readonly minLength?: number;
  /** For tests: the scheduler of the debounce and the retries. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/** One suggestion and the input it answers. */
export interface Suggestion {
  readonly input: string;
  readonly suggestion: string;
}

/**
 * Turns what the user types into suggestions: trims and skips repeats, waits for a pause in typing, and asks
 * the model, cancelling the request for a stale input (`switchMap`: the HTTP request is aborted). A failed
 * request is retried twice, quickly.
 *
 * @example
 * fromEvent(input, 'input').pipe(map(() => input.value), suggest(model, { debounceMs: 200 }))
 *   .subscribe(({ suggestion }) => (hint.textContent = suggestion));
 */
export function suggest(model: LanguageModel, options: SuggestOptions = {}): OperatorFunction<string, Suggestion> {
  const { debounceMs = 0, minLength = 1, scheduler = asyncScheduler } = options;
  return (input$) =>
    input$.pipe(
      map((text) => text.trim()),
      filter((text) => text.length >= minLength),
      debounceMs > 0 ? debounceTime(debounceMs, scheduler) : (source) => source,
      distinctUntilChanged(),
      switchMap((input) =>
        model.generate(`Complete the search: ${input}`).pipe(
          retryGeneration({ maxAttempts: 3, baseDelayMs: 5, jitter: 'none', scheduler }),
          map((g) => ({ input, suggestion: g.text })),
        ),
      ),
    );
}
