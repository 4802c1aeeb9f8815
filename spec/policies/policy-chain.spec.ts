import { RateLimitError, ServerError, TimeoutError, type InvalidArgumentError } from '../../src/errors/index.js';
import { getEventListeners } from 'node:events';
import { merge, of, timer } from 'rxjs';
import type { GenerationOutcome, PromptItem } from '../../src/engine/generate-options.js';
import { adaptiveConcurrency } from '../../src/policies/adaptive-concurrency.js';
import { generate } from '../../src/operators/generate.js';
import { generateAll } from '../../src/operators/generate-all.js';
import { createRateLimiter } from '../../src/policies/rate-limiter/rate-limiter.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { instantModel } from '../../src/testing/instant-model.js';
import { texts } from '../../src/testing/texts.js';
import { testScheduler } from '../support/test-scheduler.js';

const scheduler = testScheduler;

describe('generate with per-request policies (fakeModel, virtual time)', () => {
  it('retry: a failed request is sent again after the backoff', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const model = fakeModel([{ error: new ServerError('flaky'), latency: 1 }, { text: 'ok', latency: 2 }]);
      const retry = { maxAttempts: 3, jitter: 'none', baseDelayMs: 4 } as const;
      expectObservable(cold('a|').pipe(generate(model, { retry }), texts())).toBe('-------(x|)', { x: 'ok' });
      expectSubscriptions(model.subscriptions).toBe(['^!', '-----^-!']);
    });
  });

  it('timeout: the request is cut at the limit and the prompt fails with TimeoutError', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const model = fakeModel({ text: 'slow', latency: 10 });
      expectObservable(cold('ab|').pipe(generate(model, { timeout: 5, errors: 'emit' }), texts())).toBe('-----a(b|)', {
        a: 'TimeoutError#0',
        b: 'TimeoutError#1',
      });
      expectSubscriptions(model.subscriptions).toBe(['^----!', '-^----!']);
    });
  });

  it('timeout + retry: a stalled request is timed out and retried', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const model = fakeModel([{ latency: Infinity }, { text: 'ok', latency: 1 }]);
      const out = cold('a|').pipe(generate(model, { timeout: 3, retry: { maxAttempts: 2, jitter: 'none', baseDelayMs: 2 } }), texts());
      expectObservable(out).toBe('------(x|)', { x: 'ok' });
      expectSubscriptions(model.subscriptions).toBe(['^--!', '-----^!']);
      flush();
      expect(model.calls.map((c) => c.outcome)).toEqual(['cancelled', 'completed']);
    });
  });

  it('rateLimit: requests start no faster than the limiter admits, shared by two pipelines', () => {
    scheduler().run(({ flush }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 100 }); // one every 10 ms
      const left = fakeModel({ text: 'x', latency: 1 });
      const right = fakeModel({ text: 'y', latency: 1 });
      const out: string[] = [];
      merge(of('a', 'b').pipe(generate(left, { rateLimit: limiter })), of('c', 'd').pipe(generate(right, { rateLimit: limiter })))
        .pipe(texts())
        .subscribe((t) => out.push(t));
      flush();
      expect(left.calls.map((c) => c.subscribedAt)).toEqual([0, 10]);
      expect(right.calls.map((c) => c.subscribedAt)).toEqual([20, 30]);
      expect(out).toEqual(['x', 'x', 'y', 'y']);
    });
  });

  it('adaptive concurrency: a wave of 429s cuts the limit, so fewer requests start, and nothing is lost', () => {
    scheduler().run(({ flush }) => {
      const concurrency = adaptiveConcurrency({ initial: 4, max: 4, min: 1, cooldownMs: 100 });
      const limits: number[] = [];
      concurrency.changes.subscribe((n) => limits.push(n));
      // The first four requests get a 429, everything after succeeds in 5 ms.
      const model = fakeModel((_input, i) => (i < 4 ? { error: new RateLimitError('busy'), latency: 1 } : { text: 'ok', latency: 5 }));
      const out: string[] = [];
      of(...'abcdefgh')
        .pipe(generate(model, { concurrency, retry: { maxAttempts: 3, jitter: 'none', baseDelayMs: 10 }, errors: 'emit' }), texts())
        .subscribe((t) => out.push(t));
      flush();
      // Cut in half by the first 429 (the other three are from the same wave, so no further cut); grown
      // back by one per `limit` successes.
      expect(limits.slice(0, 2)).toEqual([2, 3]);
      // The four retried prompts hold their slots until they succeed at 16. Then only 3 new prompts start
      // (the limit is 3 by then; a fixed concurrency of 4 would start 4), and h waits for a free slot.
      const started = (p: string) => model.calls.find((c) => c.input === p)?.subscribedAt;
      expect(['e', 'f', 'g', 'h'].map(started)).toEqual([16, 16, 16, 21]);
      expect(out).toEqual(Array(8).fill('ok'));
    });
  });

  it('generateAll: the policies wrap each batch request', () => {
    scheduler().run(({ expectObservable, expectSubscriptions }) => {
      // Replies are drawn per prompt: the first batch (2 prompts) fails, the retry succeeds.
      const model = fakeModel((input, i) => (i < 2 ? { error: new ServerError('x'), latency: 1 } : { text: `re ${String(input)}`, latency: 1 }), {
        batch: true,
      });
      const result = generateAll(model, ['a', 'b'], { retry: { maxAttempts: 2, jitter: 'none', baseDelayMs: 1 }, timeout: 10 });
      expectObservable(result).toBe('---(r|)', {
        r: expect.objectContaining({ generations: [[expect.objectContaining({ text: 're a' })], [expect.objectContaining({ text: 're b' })]] }),
      });
      expectSubscriptions(model.subscriptions).toBe(['^!', '--^!']);
    });
  });

  it.each([
    [{ retry: 0 }, 'retry'],
    [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: { idle: -1 } }, 'timeout.idle'],
    [{ rateLimit: {} }, 'rateLimit'],
  ])('rejects bad policy options %p at call time naming %s', (options, argument) => {
    let error: unknown;
    try {
      generate(instantModel(), options as never);
    } catch (e) {
      error = e;
    }
    expect((error as InvalidArgumentError).argument).toBe(argument);
  });

  it('a timed-out prompt carries a TimeoutError saying which limit fired', () => {
    scheduler().run(({ flush }) => {
      const model = fakeModel({ text: 'slow', latency: 10 });
      const out: unknown[] = [];
      of('a').pipe(generate(model, { timeout: { total: 4 }, errors: 'emit' })).subscribe((r) => out.push(r));
      flush();
      expect(out[0]).toMatchObject({ ok: false, index: 0, error: expect.any(TimeoutError) });
      expect((out[0] as { error: TimeoutError }).error.timeout).toBe('total');
    });
  });
});

describe("generate: a prompt's signal ends any wait at once and frees its slot", () => {
  /** Runs `prompts` through `generate` in virtual time, aborting `ac` at `abortAt`; outcomes with their times. */
  function runAborting(
    model: ReturnType<typeof fakeModel>,
    prompts: (string | PromptItem)[],
    options: Parameters<typeof generate>[1],
    ac: AbortController,
    abortAt: number,
  ) {
    const ts = scheduler();
    const out: { at: number; index: number; ok: boolean; error?: string; code?: string; attempts: number }[] = [];
    ts.run(({ flush }) => {
      timer(abortAt).subscribe(() => ac.abort());
      of(...prompts)
        .pipe(generate(model, { ...options, withIndex: true, errors: 'emit' }))
        .subscribe((o) => {
          const r = o as GenerationOutcome;
          out.push({ at: ts.now(), index: r.index, ok: r.ok, attempts: r.attempts, ...(r.ok ? {} : { error: r.error.name, code: r.error.code }) });
        });
      flush();
    });
    return out;
  }

  it('during a retry backoff (the prompt item carries the signal): AbortError at once, the next prompt starts', () => {
    const ac = new AbortController();
    const model = fakeModel((input) => (input === 'a' ? { error: new ServerError('flaky'), latency: 1 } : { text: 'ok', latency: 1 }));
    const out = runAborting(model, [{ input: 'a', callOptions: { signal: ac.signal } }, 'b'], {
      concurrency: 1,
      retry: { maxAttempts: 5, baseDelayMs: 5000, jitter: 'none' },
    }, ac, 300);
    expect(out).toEqual([
      { at: 300, index: 0, ok: false, error: 'AbortError', code: 'aborted', attempts: 1 },
      { at: 301, index: 1, ok: true, attempts: 1 },
    ]);
    expect(model.calls.map((c) => [c.input, c.subscribedAt])).toEqual([['a', 0], ['b', 300]]); // nothing sent for a after the abort
  });

  it("during a retry-after wait (the pipeline's callOptions.signal)", () => {
    const ac = new AbortController();
    const model = fakeModel({ error: new RateLimitError('slow down', { retryAfterMs: 5000 }), latency: 2 });
    const out = runAborting(model, ['a'], { retry: 5, callOptions: { signal: ac.signal } }, ac, 300);
    expect(out).toEqual([{ at: 300, index: 0, ok: false, error: 'AbortError', code: 'aborted', attempts: 1 }]);
    expect(model.callCount).toBe(1);
  });

  it('in the rate limiter queue: AbortError at once, the request is never sent', () => {
    const ac = new AbortController();
    const limiter = createRateLimiter({ requestsPerSecond: 1 });
    const model = fakeModel({ text: 'ok', latency: 1 });
    const out = runAborting(model, ['a', { input: 'b', callOptions: { signal: ac.signal } }, 'c'], { concurrency: 2, rateLimit: limiter }, ac, 300);
    expect(out).toEqual([
      { at: 1, index: 0, ok: true, attempts: 1 },
      { at: 300, index: 1, ok: false, error: 'AbortError', code: 'aborted', attempts: 0 },
      { at: 1001, index: 2, ok: true, attempts: 1 }, // c took b's place in the queue
    ]);
    expect(model.calls.map((c) => c.input)).toEqual(['a', 'c']);
  });

  it('an already aborted signal fails the prompt at once, sending nothing', () => {
    const ac = new AbortController();
    ac.abort();
    const model = fakeModel('ok');
    const out = runAborting(model, [{ input: 'a', callOptions: { signal: ac.signal } }, 'b'], { retry: 3, rateLimit: createRateLimiter({ requestsPerSecond: 1 }) }, new AbortController(), 10);
    expect(out[0]).toEqual({ at: 0, index: 0, ok: false, error: 'AbortError', code: 'aborted', attempts: 0 });
    expect(model.calls.map((c) => c.input)).toEqual(['b']);
  });

  it('one signal for a whole pipeline adds one abort listener, removed at the end', () => {
    const ts = scheduler();
    ts.run(({ flush }) => {
      const ac = new AbortController();
      const model = fakeModel({ text: 'ok', latency: 5 });
      of(...'abcdefghijklmnopqrst').pipe(generate(model, { concurrency: 20, retry: 2, callOptions: { signal: ac.signal } })).subscribe();
      expect(getEventListeners(ac.signal, 'abort').length).toBeLessThanOrEqual(1);
      flush();
      expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
    });
  });

  it('generateAll: a signal aborted during a backoff ends the batch request at once', () => {
    scheduler().run(({ expectObservable, expectSubscriptions }) => {
      const ac = new AbortController();
      timer(300).subscribe(() => ac.abort());
      const model = fakeModel({ error: new ServerError('x'), latency: 1 }, { batch: true });
      const result = generateAll(model, ['a', 'b'], { errors: 'emit', retry: { maxAttempts: 5, baseDelayMs: 5000, jitter: 'none' }, callOptions: { signal: ac.signal } });
      expectObservable(result).toBe('300ms (r|)', {
        r: expect.objectContaining({ failures: [expect.objectContaining({ index: 0, error: expect.objectContaining({ name: 'AbortError' }) }), expect.objectContaining({ index: 1 })] }),
      });
      expectSubscriptions(model.subscriptions).toBe('^!');
    });
  });
});
