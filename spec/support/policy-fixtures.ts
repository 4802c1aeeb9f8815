// Test fixtures for the policy specs (retry, timeout, rate limit, adaptive concurrency, fallback, cache).
import { Observable } from 'rxjs';
import type { Generation } from '../../src/core/generation.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';

/** A generation answering `text`. */
export function gen(text: string, usage?: { inputTokens: number; outputTokens: number }): Generation {
  return {
    text,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    choices: [{ index: 0, text, finishReason: 'stop', rawFinishReason: 'stop' }],
    provider: 'test',
    modelId: 'test-model',
    ...(usage ? { usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens } } : {}),
  };
}

/** Stream events by marble letter: s = start, a/b/c = text deltas "Hel", "lo", "!", f = finish, u = usage. */
export const ev: Record<string, GenerationEvent> = {
  s: { type: 'start', provider: 'test', modelId: 'test-model' },
  a: { type: 'text-delta', index: 0, text: 'Hel' },
  b: { type: 'text-delta', index: 0, text: 'lo' },
  c: { type: 'text-delta', index: 0, text: '!' },
  f: { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
  u: { type: 'usage', usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 } },
};

/** An Observable that subscribes to `attempts[0]` the first time, `attempts[1]` the second... */
export function sequence<T>(attempts: readonly Observable<T>[]): Observable<T> & { readonly calls: number } {
  let calls = 0;
  const obs = new Observable<T>((subscriber) => {
    const next = attempts[Math.min(calls, attempts.length - 1)];
    calls += 1;
    return next.subscribe(subscriber);
  });
  return Object.defineProperty(obs, 'calls', { get: () => calls }) as Observable<T> & { readonly calls: number };
}

/** A LanguageModel answering from marble observables; it counts its calls. */
export interface MarbleModel extends LanguageModel {
  readonly calls: { method: 'generate' | 'stream'; input: unknown; options?: unknown }[];
}

export function marbleModel(
  modelId: string,
  generate: () => Observable<Generation>,
  stream: () => Observable<GenerationEvent>,
  provider = 'test',
): MarbleModel {
  const calls: MarbleModel['calls'] = [];
  return {
    provider,
    modelId,
    calls,
    generate: (input, options) => {
      calls.push({ method: 'generate', input, ...(options ? { options } : {}) });
      return generate();
    },
    stream: (input, options) => {
      calls.push({ method: 'stream', input, ...(options ? { options } : {}) });
      return stream();
    },
  };
}

/** A synchronous source that emits `value` until unsubscribed (or `limit` times), counting emissions. */
export function syncInfinite<T>(value: T, limit = 1000): Observable<T> & { readonly emitted: number } {
  let emitted = 0;
  const obs = new Observable<T>((subscriber) => {
    for (let i = 0; i < limit && !subscriber.closed; i++) {
      emitted += 1;
      subscriber.next(value);
    }
    subscriber.complete();
  });
  return Object.defineProperty(obs, 'emitted', { get: () => emitted }) as Observable<T> & { readonly emitted: number };
}

