import { getEventListeners } from 'node:events';
import { catchError, from, mergeMap, of, take, timer, type SchedulerLike } from 'rxjs';
import { AbortError, InvalidArgumentError, LlmError, RateLimitError, ServerError, StreamError } from '../../src/errors/index.js';
import { isAbortError } from '../../src/errors/abort-error.js';
import type { Generation } from '../../src/core/generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { rateLimit } from '../../src/policies/rate-limit.js';
import { createRateLimiter, type RateLimiter } from '../../src/policies/rate-limiter/rate-limiter.js';
import { loadTokenizer } from '../../src/policies/estimate-tokens.js';
import { ev, gen, syncInfinite } from '../support/policy-fixtures.js';
import { testScheduler } from '../support/test-scheduler.js';

describe('rateLimit', () => {
  beforeAll(() => loadTokenizer());

  it('does not subscribe to the call until the limiter admits it', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1 });
      const a = cold<Generation>('--(g|)', { g: gen('a') });
      const b = cold<Generation>('--(g|)', { g: gen('b') });
      expectObservable(a.pipe(rateLimit(limiter))).toBe('--(g|)', { g: gen('a') });
      expectObservable(b.pipe(rateLimit(limiter))).toBe('1002ms (g|)', { g: gen('b') });
      expectSubscriptions(a.subscriptions).toBe('^-!');
      expectSubscriptions(b.subscriptions).toBe('1000ms ^-!');
    });
  });

  it('one limiter shared by two pipelines holds the combined rate, first come first served', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 10 });
      const call = (name: string) => cold<string>('-(x|)', { x: name });
      const pipeline = (names: string[]) => from(names).pipe(mergeMap((n) => call(n).pipe(rateLimit(limiter))));
      const a = pipeline(['a1', 'a2', 'a3']);
      const b = timer(150).pipe(mergeMap(() => pipeline(['b1', 'b2'])));
      expectObservable(a).toBe('-a 99ms b 99ms (c|)', { a: 'a1', b: 'a2', c: 'a3' });
      // b1 arrives at 150, behind a3 (admitted at 200): admitted at 300, b2 at 400
      expectObservable(b).toBe('301ms a 99ms (b|)', { a: 'b1', b: 'b2' });
    });
  });

  it('tokensPerMinute: reserves the estimate and reconciles with Generation.usage', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // 0.1 token/ms, bucket of 100 tokens; every request is estimated at 100
      const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => 100 });
      const first = cold<Generation>('--(g|)', { g: gen('a', { inputTokens: 30, outputTokens: 10 }) });
      const second = cold<Generation>('-(g|)', { g: gen('b') });
      expectObservable(first.pipe(rateLimit(limiter, { input: 'a' }))).toBe('--(g|)', { g: gen('a', { inputTokens: 30, outputTokens: 10 }) });
      // at frame 2: 0.2 refilled + 60 given back = 60.2; 39.8 more takes 398 ms -> admitted at 400
      expectObservable(second.pipe(rateLimit(limiter, { input: 'b' }))).toBe('401ms (g|)', { g: gen('b') });
    });
  });

  it('tokensPerMinute: reconciles with the usage event of a stream', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => 100 });
      const stream = cold<GenerationEvent>('-s-a-u|', ev);
      const next = cold<Generation>('(g|)', { g: gen('b') });
      expectObservable(stream.pipe(rateLimit(limiter, { input: 'a' }))).toBe('-s-a-u|', ev);
      // at frame 5: 0.5 + (100 - 13) = 87.5; 12.5 more takes 125 ms -> admitted at 130
      expectObservable(next.pipe(rateLimit(limiter, { input: 'b' }))).toBe('130ms (g|)', { g: gen('b') });
    });
  });

  it('without usage the estimate stays spent', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => 100 });
      expectObservable(cold<Generation>('-(g|)', { g: gen('a') }).pipe(rateLimit(limiter, { input: 'a' }))).toBe('-(g|)', { g: gen('a') });
      expectObservable(cold<Generation>('(g|)', { g: gen('b') }).pipe(rateLimit(limiter, { input: 'b' }))).toBe('1000ms (g|)', { g: gen('b') });
    });
  });

  it('estimates with the real tokenizer by default', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // 'Hello, how are you?' + maxTokens 77 = 6 + 7 + 77 = 90 tokens; bucket 100 at 0.1/ms
      const limiter = createRateLimiter({ tokensPerMinute: 6000 });
      const request = { input: 'Hello, how are you?', maxTokens: 77 };
      const call = () => cold<Generation>('(g|)', { g: gen('x') });
      expectObservable(call().pipe(rateLimit(limiter, request))).toBe('(g|)', { g: gen('x') });
      // level 10 after the first; the second needs 90: 800 ms
      expectObservable(call().pipe(rateLimit(limiter, request))).toBe('800ms (g|)', { g: gen('x') });
    });
  });

  it('a 429 with retryAfterMs pauses the limiter for every pipeline sharing it', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1000 });
      const err = new RateLimitError('slow down', { retryAfterMs: 500 });
      const failing = cold<Generation>('-----#', undefined, err);
      const other = timer(10).pipe(mergeMap(() => cold<Generation>('-(g|)', { g: gen('b') }).pipe(rateLimit(limiter))));
      expectObservable(failing.pipe(rateLimit(limiter))).toBe('-----#', undefined, err);
      expectObservable(other).toBe('506ms (g|)', { g: gen('b') });
    });
    testScheduler().run(({ cold, expectObservable }) => {
      // a quota error, or a 429 without retry-after, does not pause it
      const limiter = createRateLimiter({ requestsPerSecond: 1000 });
      const quota = new RateLimitError('no credit', { quotaExceeded: true, retryAfterMs: 500 });
      expectObservable(cold<Generation>('-#', undefined, quota).pipe(rateLimit(limiter))).toBe('-#', undefined, quota);
      const other = timer(10).pipe(mergeMap(() => cold<Generation>('(g|)', { g: gen('b') }).pipe(rateLimit(limiter))));
      expectObservable(other).toBe('10ms (g|)', { g: gen('b') });
    });
  });

  it('throws InvalidArgumentError at once for a bad limiter or an invalid prompt', () => {
    expect(() => rateLimit(undefined as unknown as RateLimiter)).toThrow(InvalidArgumentError);
    const limiter = createRateLimiter({ tokensPerMinute: 1000 });
    expect(() => rateLimit(limiter, { input: 42 as unknown as string })).toThrow(InvalidArgumentError);
    expect(() => rateLimit(limiter, 'hi' as never)).toThrow(InvalidArgumentError);
  });

  describe("a failed request's reservation (tokensPerMinute)", () => {
    // 0.1 token/ms, a bucket of 100 tokens. The big request reserves 80,000 (deep into debt); small ones 10.
    const limiterFor = () => createRateLimiter({ tokensPerMinute: 6000, estimateTokens: (r) => (r.input === 'big' ? 80_000 : 10) });

    it('a 413 (the provider counted nothing) gives the whole reservation back: the next request is not held back', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const limiter = limiterFor();
        const tooLarge = cold<Generation>('--#', undefined, new LlmError('Request body too large', { statusCode: 413 }));
        expectObservable(tooLarge.pipe(rateLimit(limiter, { input: 'big' }), catchError(() => of(gen('x'))))).toBe('--(g|)', { g: gen('x') });
        // before: the 80,000-token debt held the next request back for 800 s
        const next = timer(2).pipe(mergeMap(() => cold<Generation>('-(g|)', { g: gen('s') }).pipe(rateLimit(limiter, { input: 'small' }))));
        expectObservable(next).toBe('---(g|)', { g: gen('s') });
      });
    });

    it('a failure reporting usage is reconciled with it', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => 100 });
        const err = Object.assign(new StreamError('dropped', { partialText: 'Hel' }), { usage: { inputTokens: 20, outputTokens: 10, totalTokens: 30 } });
        expectObservable(cold<Generation>('--#', undefined, err).pipe(rateLimit(limiter, { input: 'a' }), catchError(() => of('failed')))).toBe('--(f|)', { f: 'failed' });
        // at frame 2: 0.2 refilled + 70 given back = 70.2; 29.8 more takes 298 ms -> admitted at 300
        expectObservable(cold<Generation>('(g|)', { g: gen('b') }).pipe(rateLimit(limiter, { input: 'b' }))).toBe('300ms (g|)', { g: gen('b') });
      });
    });

    it('a 500 keeps the reservation (the provider may have counted it)', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => 100 });
        expectObservable(cold<Generation>('-#', undefined, new ServerError('boom', { statusCode: 500 })).pipe(rateLimit(limiter, { input: 'a' }), catchError(() => of('failed')))).toBe('-(f|)', { f: 'failed' });
        expectObservable(cold<Generation>('(g|)', { g: gen('b') }).pipe(rateLimit(limiter, { input: 'b' }))).toBe('1000ms (g|)', { g: gen('b') });
      });
    });

    it('a request cancelled before the provider answered is refunded; one cancelled while queued took nothing', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => 100 });
        expectObservable(cold<Generation>('-----(g|)', { g: gen('a') }).pipe(rateLimit(limiter, { input: 'a' })), '^--!').toBe('---');
        // cancelled at 3: refunded, so b (at 3) goes at once; c waits for b's 100 tokens only
        const b = timer(3).pipe(mergeMap(() => cold<Generation>('(g|)', { g: gen('b') }).pipe(rateLimit(limiter, { input: 'b' }))));
        expectObservable(b).toBe('---(g|)', { g: gen('b') });
        const queued = timer(4).pipe(mergeMap(() => cold<Generation>('(g|)', { g: gen('q') }).pipe(rateLimit(limiter, { input: 'q' }))));
        expectObservable(queued, '^-----!').toBe('');
        const c = timer(10).pipe(mergeMap(() => cold<Generation>('(g|)', { g: gen('c') }).pipe(rateLimit(limiter, { input: 'c' }))));
        expectObservable(c).toBe('1003ms (g|)', { g: gen('c') }); // 100 tokens from frame 3 at 0.1/ms
      });
    });
  });

  describe('signal (in the request)', () => {
    const named = catchError((e: unknown) => of(isAbortError(e) ? 'AbortError' : String(e)));

    it('aborting while queued ends the wait at once with AbortError, gives the place up, never subscribes the call', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const limiter = createRateLimiter({ requestsPerSecond: 1 });
        const ac = new AbortController();
        timer(300).subscribe(() => ac.abort());
        const a = cold<string>('-(x|)', { x: 'a' });
        const b = cold<string>('-(x|)', { x: 'b' });
        const c = cold<string>('-(x|)', { x: 'c' });
        const seen: unknown[] = [];
        expectObservable(a.pipe(rateLimit(limiter))).toBe('-(x|)', { x: 'a' });
        const waiting = b.pipe(rateLimit(limiter, { input: 'b', signal: ac.signal }), catchError((e: unknown) => (seen.push(e), of('ended'))));
        expectObservable(waiting).toBe('300ms (x|)', { x: 'ended' });
        expectObservable(c.pipe(rateLimit(limiter))).toBe('1001ms (x|)', { x: 'c' }); // c moved up to b's place
        expectSubscriptions(b.subscriptions).toBe([]);
        flush();
        expect(seen[0]).toBeInstanceOf(AbortError);
        expect(seen[0]).toMatchObject({ name: 'AbortError', code: 'aborted' });
        expect(limiter.queued).toBe(0);
      });
    });

    it('an aborted signal errors at once without taking a place or tokens', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const limiter = createRateLimiter({ requestsPerSecond: 1, tokensPerMinute: 6000, estimateTokens: () => 100 });
        const ac = new AbortController();
        ac.abort();
        const b = cold<string>('-(x|)', { x: 'b' });
        expectObservable(b.pipe(rateLimit(limiter, { input: 'b', signal: ac.signal }), named)).toBe('(a|)', { a: 'AbortError' });
        expectSubscriptions(b.subscriptions).toBe([]);
        expectObservable(cold<string>('-(x|)', { x: 'c' }).pipe(rateLimit(limiter, { input: 'c' }))).toBe('-(x|)', { x: 'c' });
      });
    });

    it('aborting after admission aborts the call too (it is unsubscribed)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const limiter = createRateLimiter({ requestsPerSecond: 1 });
        const ac = new AbortController();
        timer(3).subscribe(() => ac.abort());
        const call = cold<string>('-----(x|)', { x: 'late' });
        expectObservable(call.pipe(rateLimit(limiter, { input: 'x', signal: ac.signal }), named)).toBe('---(a|)', { a: 'AbortError' });
        expectSubscriptions(call.subscriptions).toBe('^--!');
      });
    });

    it('one signal shared by many queued requests holds one listener, removed when they end', () => {
      testScheduler().run(({ cold, flush }) => {
        const limiter = createRateLimiter({ requestsPerSecond: 100 });
        const ac = new AbortController();
        for (let i = 0; i < 30; i++) cold<string>('-(x|)', { x: 'x' }).pipe(rateLimit(limiter, { input: 'x', signal: ac.signal })).subscribe();
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
        flush();
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
      });
    });

    it('rejects a signal that is not an AbortSignal', () => {
      const limiter = createRateLimiter({ requestsPerSecond: 1 });
      expect(() => rateLimit(limiter, { input: 'x', signal: 'stop' as never })).toThrow(InvalidArgumentError);
    });
  });

  describe('teardown', () => {
    it('unsubscribing while queued leaves the queue and never subscribes the call', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const limiter = createRateLimiter({ requestsPerSecond: 1 });
        const a = cold<string>('-(x|)', { x: 'a' });
        const b = cold<string>('-(x|)', { x: 'b' });
        const c = cold<string>('-(x|)', { x: 'c' });
        expectObservable(a.pipe(rateLimit(limiter))).toBe('-(x|)', { x: 'a' });
        expectObservable(b.pipe(rateLimit(limiter)), '^--!').toBe('');
        expectObservable(c.pipe(rateLimit(limiter))).toBe('1001ms (x|)', { x: 'c' });
        expectSubscriptions(b.subscriptions).toBe([]);
        expectSubscriptions(c.subscriptions).toBe('1000ms ^!');
      });
    });

    it('the last queued request leaving cancels the limiter timer (nothing keeps the process alive)', () => {
      const scheduled: { delay: number; sub: { closed: boolean } }[] = [];
      const scheduler: SchedulerLike = {
        now: () => 0,
        schedule: ((_work: unknown, delay = 0) => {
          const sub = { closed: false, unsubscribe() { this.closed = true; } };
          scheduled.push({ delay, sub });
          return sub;
        }) as SchedulerLike['schedule'],
      };
      const limiter = createRateLimiter({ requestsPerSecond: 1000, scheduler });
      limiter.penalize(30_000);
      const waiting = of('x').pipe(rateLimit(limiter)).subscribe();
      expect(scheduled.filter((s) => !s.sub.closed).map((s) => s.delay)).toEqual([30_000]);
      waiting.unsubscribe();
      expect(scheduled.filter((s) => !s.sub.closed)).toEqual([]);
    });

    it('unsubscribing downstream ends the call subscription (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const limiter = createRateLimiter({ requestsPerSecond: 1 });
        const source = cold<GenerationEvent>('-s-a-b-c|', ev);
        const out = source.pipe(rateLimit(limiter), mergeMap((x) => of(x)));
        expectObservable(out, '^----!').toBe('-s-a-', ev);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      const limiter = createRateLimiter({ requestsPerSecond: 1 });
      const source = syncInfinite(ev.a);
      const seen: unknown[] = [];
      source.pipe(rateLimit(limiter), take(3)).subscribe((x) => seen.push(x));
      expect(seen).toEqual([ev.a, ev.a, ev.a]);
      expect(source.emitted).toBe(3);
    });
  });
});
