import { lastValueFrom, toArray, type Observable } from 'rxjs';
import type { GenerationEvent } from '../../src/core/stream-event.js';

/** Every value of a finite Observable. */
export function collect<T>(source: Observable<T>): Promise<T[]> {
  return lastValueFrom(source.pipe(toArray()));
}

/** The error the Observable ends with (fails the test if it completes instead); `seen` gets its values. */
export function errorOf<T>(source: Observable<T>, seen: T[] = []): Promise<unknown> {
  return new Promise((resolve, reject) =>
    source.subscribe({ next: (v) => seen.push(v), error: resolve, complete: () => reject(new Error('expected an error, got completion')) }),
  );
}

/** Polls `condition` every `everyMs` until it holds (rejects after `timeoutMs`). */
export async function waitUntil(condition: () => boolean, timeoutMs = 5000, what = 'condition', everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The text of choice `index` in a list of stream events. */
export function deltaText(events: readonly GenerationEvent[], index = 0): string {
  return events
    .filter((e): e is Extract<GenerationEvent, { type: 'text-delta' }> => e.type === 'text-delta' && e.index === index)
    .map((e) => e.text)
    .join('');
}

/** An iterable over `values` that counts how many were taken and whether `return()` was called early. */
export function counting<T>(values: readonly T[]): { iterable: Iterable<T>; state: { pulled: number; returned: boolean } } {
  const state = { pulled: 0, returned: false };
  const iterable: Iterable<T> = {
    *[Symbol.iterator]() {
      try {
        for (const v of values) {
          state.pulled++;
          yield v;
        }
      } finally {
        state.returned = state.pulled < values.length;
      }
    },
  };
  return { iterable, state };
}
