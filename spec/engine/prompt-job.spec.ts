// Prompts that carry their own call options and metadata: `{ input, callOptions?, meta? }` items next to bare
// prompts, in `generate` and `generateFrom`.
import { firstValueFrom, from, of, toArray } from 'rxjs';
import type { PromptItem } from '../../src/engine/generate-options.js';
import { InvalidArgumentError, ServerError } from '../../src/errors/index.js';
import { generate } from '../../src/operators/generate.js';
import { generateFrom } from '../../src/operators/generate-from.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { testScheduler } from '../support/test-scheduler.js';

describe('prompt items', () => {
  it('an item runs with its own callOptions over the pipeline\'s (settings merged, tags added) and returns its meta', async () => {
    const model = fakeModel((input) => String(input));
    const items: (string | PromptItem<{ row: number }>)[] = [
      { input: 'a', callOptions: { temperature: 0.5, tags: ['item'] }, meta: { row: 1 } },
      'b',
      { input: 'c', meta: { row: 3 } },
    ];
    const out = await firstValueFrom(
      from(items).pipe(generate(model, { withIndex: true, ordered: true, callOptions: { temperature: 0, maxTokens: 9, tags: ['run'] } }), toArray()),
    );
    expect(out.map((o) => [o.index, o.input, o.meta, o.attempts, o.generation.text])).toEqual([
      [0, 'a', { row: 1 }, 1, 'a'],
      [1, 'b', undefined, 1, 'b'],
      [2, 'c', { row: 3 }, 1, 'c'],
    ]);
    expect('meta' in out[1]!).toBe(false); // a bare prompt's outcome has no meta member
    expect(model.calls.map((c) => c.options)).toEqual([
      { temperature: 0.5, maxTokens: 9, tags: ['run', 'item'] },
      { temperature: 0, maxTokens: 9, tags: ['run'] },
      { temperature: 0, maxTokens: 9, tags: ['run'] },
    ]);
  });

  it('an item\'s signal replaces the pipeline\'s', async () => {
    const model = fakeModel('x');
    const pipeline = new AbortController();
    const own = new AbortController();
    await firstValueFrom(of({ input: 'p', callOptions: { signal: own.signal } }).pipe(generate(model, { callOptions: { signal: pipeline.signal } })));
    expect(model.calls[0]!.options?.signal).toBe(own.signal);
  });

  it('a failed item keeps its meta and counts its attempts, retries included', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const model = fakeModel({ error: new ServerError('down'), latency: 1 });
      const out = cold('a|', { a: { input: 'p', meta: 'row-7' } }).pipe(
        generate<string>(model, { errors: 'emit', withIndex: true, retry: { maxAttempts: 3, jitter: 'none', baseDelayMs: 2 } }),
      );
      // attempts at 0, 3 (1 + 2 ms backoff), 8 (1 + 4 ms): the failure at 9
      expectObservable(out).toBe('---------(x|)', {
        x: { ok: false, index: 0, input: 'p', meta: 'row-7', attempts: 3, error: new ServerError('down') },
      });
    });
  });

  it('an invalid item fails that prompt alone, naming the member at fault, and sends nothing', async () => {
    const model = fakeModel((input) => String(input));
    const items = [
      { input: 'ok', meta: 1 },
      { input: 42, meta: 2 },
      { input: 'p', callOptions: { temprature: 1 }, meta: 3 },
      { input: 'p', extra: true, meta: 4 },
    ] as unknown as PromptItem[];
    const out = await firstValueFrom(generateFrom(model, items, { errors: 'emit', withIndex: true }).pipe(toArray()));
    const failures = out.filter((o) => !o.ok).map((o) => (o.ok ? undefined : [o.meta, o.attempts, (o.error as InvalidArgumentError).argument]));
    expect(failures).toEqual([
      [2, 0, 'prompts[1].input'],
      [3, 0, 'prompts[2].callOptions.temprature'],
      [4, 0, 'prompts[3].extra'],
    ]);
    expect(out.filter((o) => !o.ok).every((o) => !o.ok && o.error instanceof InvalidArgumentError)).toBe(true);
    expect(model.callCount).toBe(1);
  });

  it('a plain object without `input` is not an item: it is an invalid prompt', async () => {
    const out = await firstValueFrom(generateFrom(fakeModel('x'), [{ prompt: 'hi' }] as never, { errors: 'emit' }).pipe(toArray()));
    expect(out[0]).toMatchObject({ ok: false, error: { name: 'InvalidArgumentError', argument: 'prompts[0]' } });
  });

  it('the rate limiter estimates an item with its own maxTokens', async () => {
    const estimates: unknown[] = [];
    const limiter = {
      acquire: () => of(0),
      estimate: (request: unknown) => (estimates.push(request), 0),
      reconcile: () => undefined,
      penalize: () => undefined,
      queued: 0,
      limitsTokens: true,
    };
    await firstValueFrom(
      from([{ input: 'a', callOptions: { maxTokens: 7 } }, 'b']).pipe(generate(fakeModel('x'), { rateLimit: limiter, callOptions: { maxTokens: 3 } }), toArray()),
    );
    expect(estimates).toEqual([{ input: 'a', maxTokens: 7 }, { input: 'b', maxTokens: 3 }]);
  });
});
