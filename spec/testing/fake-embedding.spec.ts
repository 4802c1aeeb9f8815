import { firstValueFrom, map } from 'rxjs';
import { AbortError, ConfigurationError, RateLimitError } from '../../src/errors/index.js';
import { textVector } from '../../src/simulator/routes/openai-embeddings.js';
import { fakeEmbedding } from '../../src/testing/index.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { errorOf } from '../support/rx-helpers.js';
import { testScheduler as scheduler } from '../support/test-scheduler.js';

describe('fakeEmbedding', () => {
  it('answers at once with deterministic unit vectors of the texts (the simulator\'s rule), usage and identity', async () => {
    const model = fakeEmbedding();
    const r = await firstValueFrom(model.embed(['a cat', 'a dog', 'a cat']));
    expect(r).toMatchObject({ provider: 'fake', modelId: 'fake-embedding', usage: { inputTokens: 6, outputTokens: 0, totalTokens: 6 } });
    expect(r.embeddings[0]).toEqual(textVector('fake-embedding', 'a cat', 8));
    expect(r.embeddings[2]).toEqual(r.embeddings[0]);
    expect(Math.hypot(...r.embeddings[1]!)).toBeCloseTo(1, 5);
    const wide = await firstValueFrom(fakeEmbedding({}, { dimensions: 32, modelId: 'm', provider: 'p' }).embed(['x'], { dimensions: 5 }));
    expect(wide).toMatchObject({ provider: 'p', modelId: 'm' });
    expect(wide.embeddings[0]).toHaveLength(5);
  });

  it('plays latency and errors in scheduler time, records every call', () => {
    scheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
      const error = new RateLimitError('slow down', { retryAfterMs: 5 });
      const model = fakeEmbedding([{ latency: 3 }, { latency: 2, error }, { latency: Infinity }]);
      expectObservable(model.embed(['a', 'b']).pipe(map((r) => r.embeddings.length))).toBe('---(n|)', { n: 2 });
      expectObservable(model.embed(['c'])).toBe('--#', undefined, error);
      expectObservable(model.embed(['d']), '^----!').toBe('');
      expectSubscriptions(model.subscriptions).toBe(['^--!', '^-!', '^----!']);
      flush();
      expect(model.calls.map((c) => [c.kind, c.input, c.outcome])).toEqual([
        ['embed', ['a', 'b'], 'completed'],
        ['embed', ['c'], 'errored'],
        ['embed', ['d'], 'cancelled'],
      ]);
      expect(model.calls[1]!.error).toBe(error);
      expect([model.callCount, model.active, model.maxActive]).toEqual([3, 0, 3]);
    });
  });

  it('a function script sees the values and the call index; fixed vectors and usage are used as given', async () => {
    const model = fakeEmbedding((values, i) => ({ embeddings: values.map(() => [i, values.length]), inputTokens: i === 0 ? 42 : null, requestId: `r${i}` }));
    const first = await firstValueFrom(model.embed(['a', 'b']));
    expect(first).toMatchObject({ embeddings: [[0, 2], [0, 2]], usage: { inputTokens: 42, totalTokens: 42 }, requestId: 'r0' });
    const second = await firstValueFrom(model.embed(['c']));
    expect(second.embeddings).toEqual([[1, 1]]);
    expect(second.usage).toBeUndefined();
    model.reset();
    expect(model.callCount).toBe(0);
    expect((await firstValueFrom(model.embed(['z']))).requestId).toBe('r0');
  });

  it('a list script beyond its end, or vectors that do not match the values, fail the call', async () => {
    const model = fakeEmbedding([{}]);
    await firstValueFrom(model.embed(['a']));
    expect(await errorOf(model.embed(['b']))).toBeInstanceOf(ConfigurationError);
    const wrong = fakeEmbedding({ embeddings: [[1]] });
    expect(await errorOf(wrong.embed(['a', 'b']))).toMatchObject({ name: 'InvalidArgumentError', argument: 'script' });
  });

  it('honours a signal; an empty list answers without a call', async () => {
    const controller = new AbortController();
    const model = fakeEmbedding({ latency: 10_000 });
    const pending = errorOf(model.embed(['a'], { signal: controller.signal }));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(await firstValueFrom(model.embed([]))).toEqual({ embeddings: [], provider: 'fake', modelId: 'fake-embedding' });
    expect(model.callCount).toBe(1);
  });

  it('checks its arguments like the real model', () => {
    expectInvalid(() => fakeEmbedding({ latency: -1 }), 'script.latency');
    expectInvalid(() => fakeEmbedding({ nope: 1 } as never), 'script.nope');
    expectInvalid(() => fakeEmbedding([{}, { embeddings: 'x' as never }]), 'script[1].embeddings');
    expectInvalid(() => fakeEmbedding(5 as never), 'script');
    expectInvalid(() => fakeEmbedding({}, { dimensions: 0 }), 'options.dimensions');
    expectInvalid(() => fakeEmbedding({}, { dimenions: 3 } as never), 'options.dimenions');
    const model = fakeEmbedding({}, { maxBatchSize: 2 });
    expect(model.maxBatchSize).toBe(2);
    expectInvalid(() => model.embed(['a', 'b', 'c']), 'values');
    expectInvalid(() => model.embed(['a', '']), 'values[1]');
    expectInvalid(() => model.embed(['a'], { temperature: 1 } as never), 'options.temperature');
  });
});
