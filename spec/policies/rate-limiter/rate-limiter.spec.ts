import { asyncScheduler, map, merge, type Observable } from 'rxjs';
import { createRateLimiter, type RateLimiter } from '../../../src/policies/rate-limiter/rate-limiter.js';
import { loadTokenizer } from '../../../src/policies/estimate-tokens.js';
import { invalidArgumentOf } from '../../support/invalid-argument.js';
import { testScheduler } from '../../support/test-scheduler.js';

/** `n` acquisitions made at once, emitting their index when granted. */
const many = (limiter: RateLimiter, n: number, tokens = 0, from = 0): Observable<number> =>
  merge(...Array.from({ length: n }, (_, i) => limiter.acquire(tokens).pipe(map(() => from + i))));

/** The largest number of grant times inside any half-open window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('createRateLimiter', () => {
  beforeAll(() => loadTokenizer());

  it('requestsPerSecond: evenly spaced admissions (burst 1 by default)', () => {
    testScheduler().run(({ expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 2 });
      expectObservable(many(limiter, 4)).toBe('a 499ms b 499ms c 499ms (d|)', { a: 0, b: 1, c: 2, d: 3 });
    });
  });

  it('burst lets a quiet client start several at once, then the rate holds', () => {
    testScheduler().run(({ expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 3 });
      expectObservable(many(limiter, 5)).toBe('(abc) 495ms d 499ms (e|)', { a: 0, b: 1, c: 2, d: 3, e: 4 });
    });
  });

  it('requestsPerMinute: never more than N admissions in any one-minute window, over ten minutes', () => {
    const times: number[] = [];
    testScheduler().run(({ flush }) => {
      const scheduler = createRateLimiter({ requestsPerMinute: 60 });
      many(scheduler, 700).subscribe(() => times.push(asyncScheduler.now()));
      flush();
    });
    expect(times).toHaveLength(700);
    expect(maxInWindow(times, 60_000)).toBe(60);
    expect(times[699]).toBe(699_000);
  });

  it('requestsPerMinute and requestsPerSecond together: both hold', () => {
    const times: number[] = [];
    testScheduler().run(({ flush }) => {
      const limiter = createRateLimiter({ requestsPerMinute: 120, requestsPerSecond: 10, burst: 10 });
      many(limiter, 200).subscribe(() => times.push(asyncScheduler.now()));
      flush();
    });
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(10 + 10);
    // 120/min with a burst of 10: in any minute, at most 120 + 10
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(130);
    expect(times[199] - times[10]).toBeGreaterThanOrEqual(94_000); // 189 more at 2/s
  });

  it('is FIFO: a large token request at the head is not overtaken by small ones', () => {
    testScheduler().run(({ expectObservable }) => {
      // 60 tokens/s = 0.06/ms; capacity 60
      const limiter = createRateLimiter({ tokensPerMinute: 3600 });
      const out = merge(
        limiter.acquire(60).pipe(map(() => 'a')),
        limiter.acquire(60).pipe(map(() => 'b')),
        limiter.acquire(1).pipe(map(() => 'c')),
      );
      // b waits for a full bucket (1000 ms), c (1 token) waits behind b: 1000 + 17 ms
      expectObservable(out).toBe('a 999ms b 16ms (c|)');
    });
  });

  it('a token request larger than the bucket is admitted once it is full, and its debt is waited out', () => {
    testScheduler().run(({ expectObservable }) => {
      const limiter = createRateLimiter({ tokensPerMinute: 6000, tokenBurst: 100 }); // 0.1 token/ms
      const out = merge(limiter.acquire(300).pipe(map(() => 'a')), limiter.acquire(100).pipe(map(() => 'b')));
      // a takes the full 100 and 200 more on credit (level -200): b needs 100 -> waits 3000 ms
      expectObservable(out).toBe('a 2999ms (b|)');
    });
  });

  it('reconcile gives back what a call did not use (and takes what it overran)', () => {
    testScheduler().run(({ expectObservable, cold }) => {
      const limiter = createRateLimiter({ tokensPerMinute: 6000 }); // 0.1/ms, capacity 100
      cold('--x').subscribe(() => limiter.reconcile(100, 40)); // at frame 2: +60
      const out = merge(limiter.acquire(100).pipe(map(() => 'a')), limiter.acquire(100).pipe(map(() => 'b')));
      // level 0 at 0; at 2: 0.2 + 60 = 60.2; needs 100 -> 398 more ms
      expectObservable(out).toBe('a 399ms (b|)');
    });
    testScheduler().run(({ expectObservable, cold }) => {
      const limiter = createRateLimiter({ tokensPerMinute: 6000 });
      cold('--x').subscribe(() => limiter.reconcile(100, 150)); // overran by 50
      const out = merge(limiter.acquire(100).pipe(map(() => 'a')), limiter.acquire(100).pipe(map(() => 'b')));
      expectObservable(out).toBe('a 1499ms (b|)');
    });
  });

  it('penalize pauses admissions for everyone, up to maxPenaltyMs', () => {
    testScheduler().run(({ expectObservable, cold }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1000 });
      cold('-x').subscribe(() => limiter.penalize(300));
      expectObservable(many(limiter, 3)).toBe('a 300ms b (c|)', { a: 0, b: 1, c: 2 });
    });
    testScheduler().run(({ expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1000, maxPenaltyMs: 50 });
      limiter.penalize(100_000);
      expectObservable(many(limiter, 1)).toBe('50ms (a|)', { a: 0 });
    });
  });

  it('unsubscribing a waiting acquire releases its place in the queue', () => {
    testScheduler().run(({ expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1 });
      expectObservable(limiter.acquire().pipe(map(() => 'a'))).toBe('(a|)');
      expectObservable(limiter.acquire().pipe(map(() => 'b')), '^--!').toBe('---');
      expectObservable(limiter.acquire().pipe(map(() => 'c'))).toBe('1000ms (c|)');
      expectObservable(limiter.acquire().pipe(map(() => 'd'))).toBe('2000ms (d|)');
    });
    testScheduler().run(({ flush }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1 });
      const subs = [limiter.acquire().subscribe(), limiter.acquire().subscribe(), limiter.acquire().subscribe()];
      expect(limiter.queued).toBe(2);
      subs[2].unsubscribe();
      expect(limiter.queued).toBe(1);
      flush();
      expect(limiter.queued).toBe(0);
    });
  });

  it('a limiter made outside TestScheduler.run works in virtual time inside it', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 4, tokensPerMinute: 60_000 });
    testScheduler().run(({ expectObservable }) => {
      expectObservable(many(limiter, 3, 10)).toBe('a 249ms b 249ms (c|)', { a: 0, b: 1, c: 2 });
    });
  });

  it('estimate uses the tokenizer only when tokens are limited', () => {
    expect(createRateLimiter({ requestsPerSecond: 1 }).estimate({ input: 'Hello, how are you?' })).toBe(0);
    expect(createRateLimiter({ tokensPerMinute: 1000 }).estimate({ input: 'Hello, how are you?', maxTokens: 10 })).toBe(23);
    expect(createRateLimiter({ tokensPerMinute: 1000, defaultCompletionTokens: 0 }).estimate({ input: 'Hello, how are you?' })).toBe(13);
    expect(createRateLimiter({ tokensPerMinute: 1000, estimateTokens: () => 7 }).estimate({ input: 'x' })).toBe(7);
    expect(createRateLimiter({ tokensPerMinute: 1000 }).limitsTokens).toBe(true);
  });

  it('throws InvalidArgumentError at once for bad options and arguments', () => {
    expect(invalidArgumentOf(() => createRateLimiter({}))).toBe('options');
    expect(invalidArgumentOf(() => createRateLimiter(undefined as never))).toBe('options');
    expect(invalidArgumentOf(() => createRateLimiter({ requestsPerMinute: 0 }))).toBe('requestsPerMinute');
    expect(invalidArgumentOf(() => createRateLimiter({ requestsPerSecond: -1 }))).toBe('requestsPerSecond');
    expect(invalidArgumentOf(() => createRateLimiter({ tokensPerMinute: Infinity }))).toBe('tokensPerMinute');
    expect(invalidArgumentOf(() => createRateLimiter({ requestsPerSecond: 1, burst: 0.5 }))).toBe('burst');
    const limiter = createRateLimiter({ requestsPerSecond: 1 });
    expect(invalidArgumentOf(() => limiter.acquire(-1))).toBe('tokens');
    expect(invalidArgumentOf(() => limiter.penalize(NaN))).toBe('ms');
    expect(invalidArgumentOf(() => limiter.reconcile(1, -1))).toBe('actualTokens');
  });

  it('a pipeline cancelling its queued requests in one teardown gets none of them granted meanwhile', () => {
    testScheduler().run(({ flush }) => {
      const limiter = createRateLimiter({ tokensPerMinute: 60_000, tokenBurst: 100 }); // 1 token per ms
      const granted: string[] = [];
      limiter.acquire(100).subscribe(() => granted.push('a')); // empties the bucket
      const teardown = limiter.acquire(100).pipe(map(() => 'b')).subscribe((x) => granted.push(x)); // waits 100 ms
      teardown.add(limiter.acquire(1).pipe(map(() => 'c')).subscribe((x) => granted.push(x))); // FIFO: waits behind b
      asyncScheduler.schedule(() => teardown.unsubscribe(), 50); // c alone could go now, but it is cancelled too
      flush();
      expect(granted).toEqual(['a']);
      expect(limiter.queued).toBe(0);
    });
  });
});
