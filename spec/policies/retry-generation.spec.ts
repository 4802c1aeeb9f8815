import { getEventListeners } from 'node:events';
import { catchError, mergeMap, of, take, throwError, timer } from 'rxjs';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  InvalidArgumentError,
  LlmError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type StreamError,
} from '../../src/errors/index.js';
import { isAbortError } from '../../src/errors/abort-error.js';
import type { Generation } from '../../src/core/generation.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { retryGeneration, type RetryInfo } from '../../src/policies/retry-generation.js';
import { ev, gen, sequence, syncInfinite } from '../support/policy-fixtures.js';
import { invalidArgumentOf } from '../support/invalid-argument.js';
import { testScheduler } from '../support/test-scheduler.js';

const boom = () => new ServerError('boom', { statusCode: 500 });
const errorName = (e: unknown) => of((e as Error).name);

describe('retryGeneration', () => {
  it('retries with exponential backoff (no jitter) and gives up after maxAttempts', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<Generation>('--#', undefined, boom());
      const out = source.pipe(retryGeneration({ maxAttempts: 3, baseDelayMs: 100, jitter: 'none' }));
      // fail at 2, wait 100, fail at 104, wait 200, fail at 306: give up
      expectObservable(out).toBe('306ms #', undefined, boom());
      expectSubscriptions(source.subscriptions).toBe(['^-!', '102ms ^-!', '304ms ^-!']);
    });
  });

  it('emits the answer of the attempt that succeeds', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const g = gen('ok');
      const source = sequence([cold<Generation>('--#', undefined, boom()), cold<Generation>('--#', undefined, boom()), cold('---(g|)', { g })]);
      const out = source.pipe(retryGeneration({ baseDelayMs: 10, jitter: 'none' }));
      // fail at 2, wait 10, fail at 14, wait 20, answer at 34 + 3
      expectObservable(out).toBe('37ms (g|)', { g });
    });
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a|', { a: gen('x') }).pipe(retryGeneration())).toBe('-a|', { a: gen('x') });
    });
  });

  it('full jitter draws a uniform delay below the exponential step (injected random)', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const source = cold<Generation>('-#', undefined, boom());
      const randoms = [0.5, 0.25, 0.999];
      const out = source.pipe(retryGeneration({ maxAttempts: 4, baseDelayMs: 1000, jitter: 'full', random: () => randoms.shift() ?? 0 }));
      out.subscribe({ error: () => undefined });
      // delays: 0.5*1000 = 500, 0.25*2000 = 500, floor(0.999*4000) = 3996
      expectSubscriptions(source.subscriptions).toBe(['^!', '501ms ^!', '1002ms ^!', '4999ms ^!']);
    });
  });

  it('reports each retry to onRetry and the tracker, with virtual times', () => {
    testScheduler().run(({ cold, flush }) => {
      const infos: RetryInfo[] = [];
      const events: TrackingEvent[] = [];
      const err = boom();
      cold<Generation>('-#', undefined, err)
        .pipe(retryGeneration({ maxAttempts: 3, baseDelayMs: 100, jitter: 'none', onRetry: (i) => infos.push(i), track: (e) => events.push(e) }))
        .subscribe({ error: () => undefined });
      flush();
      expect(infos).toEqual([
        { attempt: 2, delayMs: 100, error: err },
        { attempt: 3, delayMs: 200, error: err },
      ]);
      expect(events).toEqual([
        { type: 'retry', attempt: 2, delayMs: 100, error: err, at: 1 },
        { type: 'retry', attempt: 3, delayMs: 200, error: err, at: 102 },
      ]);
    });
  });

  it('decorrelated jitter grows from the previous delay', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const source = cold<Generation>('-#', undefined, boom());
      const randoms = [0.5, 0.5, 1 - 1e-12];
      source
        .pipe(retryGeneration({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, jitter: 'decorrelated', random: () => randoms.shift() ?? 0 }))
        .subscribe({ error: () => undefined });
      // 100 + 0.5 * (300 - 100) = 200; 100 + 0.5 * (600 - 100) = 350; min(1000, 100 + ~(1050 - 100)) = 1000
      expectSubscriptions(source.subscriptions).toBe(['^!', '201ms ^!', '552ms ^!', '1553ms ^!']);
    });
  });

  describe('429 classes', () => {
    it("'wait': a short retry-after is waited exactly", () => {
      testScheduler().run(({ cold, expectSubscriptions, flush }) => {
        const infos: RetryInfo[] = [];
        const source = cold<Generation>('--#', undefined, new RateLimitError('slow down', { retryAfterMs: 1500 }));
        source.pipe(retryGeneration({ maxAttempts: 2, onRetry: (i) => infos.push(i) })).subscribe({ error: () => undefined });
        expectSubscriptions(source.subscriptions).toBe(['^-!', '1502ms ^-!']);
        flush();
        expect(infos[0]).toMatchObject({ attempt: 2, delayMs: 1500, rateLimit: 'wait' });
      });
    });

    it("'cap': a long retry-after is capped at maxRetryAfterMs", () => {
      testScheduler().run(({ cold, expectSubscriptions, flush }) => {
        const infos: RetryInfo[] = [];
        const source = cold<Generation>('--#', undefined, new RateLimitError('slow down', { retryAfterMs: 90_000 }));
        source
          .pipe(retryGeneration({ maxAttempts: 2, maxRetryAfterMs: 5000, onRetry: (i) => infos.push(i) }))
          .subscribe({ error: () => undefined });
        expectSubscriptions(source.subscriptions).toBe(['^-!', '5002ms ^-!']);
        flush();
        expect(infos[0]).toMatchObject({ delayMs: 5000, rateLimit: 'cap' });
      });
    });

    it("'cap': a missing retry-after backs off", () => {
      testScheduler().run(({ cold, expectSubscriptions, flush }) => {
        const infos: RetryInfo[] = [];
        const source = cold<Generation>('--#', undefined, new RateLimitError('slow down'));
        source
          .pipe(retryGeneration({ maxAttempts: 3, baseDelayMs: 400, jitter: 'none', onRetry: (i) => infos.push(i) }))
          .subscribe({ error: () => undefined });
        expectSubscriptions(source.subscriptions).toBe(['^-!', '402ms ^-!', '1204ms ^-!']);
        flush();
        expect(infos.map((i) => i.rateLimit)).toEqual(['cap', 'cap']);
      });
    });

    it("'stop': an exhausted quota is never retried, even when shouldRetry says yes", () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const err = new RateLimitError('no credit', { quotaExceeded: true, retryAfterMs: 10 });
        const source = cold<Generation>('--#', undefined, err);
        expectObservable(source.pipe(retryGeneration({ shouldRetry: () => true }))).toBe('--#', undefined, err);
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });
  });

  it('never retries 400/401/403/404, aborts, bad arguments, configuration errors or plain errors', () => {
    const errors: unknown[] = [
      new BadRequestError('bad', { statusCode: 400 }),
      new AuthenticationError('who', { statusCode: 401 }),
      new PermissionDeniedError('no', { statusCode: 403 }),
      new NotFoundError('where', { statusCode: 404 }),
      new LlmError('retryable but 404', { statusCode: 404, isRetryable: true }),
      new AbortError(),
      new InvalidArgumentError('input', 'bad'),
      new ConfigurationError('no key'),
      new Error('a bug'),
    ];
    for (const err of errors) {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<Generation>('-#', undefined, err);
        expectObservable(source.pipe(retryGeneration())).toBe('-#', undefined, err);
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    }
  });

  it('retries timeouts, overloads, connection and server errors', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const source = cold<Generation>('-#', undefined, new TimeoutError('slow', { timeout: 'total', timeoutMs: 5 }));
      source.pipe(retryGeneration({ maxAttempts: 2, baseDelayMs: 10, jitter: 'none' })).subscribe({ error: () => undefined });
      expectSubscriptions(source.subscriptions).toBe(['^!', '11ms ^!']);
    });
  });

  it('shouldRetry overrides the default (but never for aborts)', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const notFound = cold<Generation>('-#', undefined, new NotFoundError('later'));
      notFound.pipe(retryGeneration({ maxAttempts: 2, baseDelayMs: 5, jitter: 'none', shouldRetry: () => true })).subscribe({ error: () => undefined });
      expectSubscriptions(notFound.subscriptions).toBe(['^!', '6ms ^!']);
      const server = cold<Generation>('-#', undefined, boom());
      server.pipe(retryGeneration({ shouldRetry: (_e, attempt) => attempt < 1 })).subscribe({ error: () => undefined });
      expectSubscriptions(server.subscriptions).toBe('^!');
      const abort = cold<Generation>('-#', undefined, new AbortError());
      abort.pipe(retryGeneration({ shouldRetry: () => true })).subscribe({ error: () => undefined });
      expectSubscriptions(abort.subscriptions).toBe('^!');
    });
  });

  it('maxTotalTimeMs: no retry starts when its delay would pass the bound', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<Generation>('--#', undefined, boom());
      const out = source.pipe(retryGeneration({ maxAttempts: 10, baseDelayMs: 1000, jitter: 'none', maxTotalTimeMs: 2500 }));
      // fail at 2, wait 1000 (ends 1002 <= 2500), fail at 1004, next delay 2000 would end at 3004 > 2500
      expectObservable(out).toBe('1004ms #', undefined, boom());
      expectSubscriptions(source.subscriptions).toBe(['^-!', '1002ms ^-!']);
    });
  });

  describe('streams', () => {
    it('retries a stream that failed before its first text-delta (a start event does not commit)', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = sequence([cold('-s-#', ev, boom()), cold('-s-a-b-f|', ev)]);
        const out = source.pipe(retryGeneration({ baseDelayMs: 10, jitter: 'none' }));
        expectObservable(out).toBe('-s-' + '-'.repeat(10) + '-s-a-b-f|', ev);
      });
    });

    it('after the first text-delta, a retryable failure errors with StreamError carrying partialText', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const err = boom();
        const source = cold('-s-a-b-#', ev, err);
        const out = source.pipe(
          retryGeneration(),
          catchError((e: StreamError) => of({ name: e.name, partialText: e.partialText, cause: e.cause, retryable: e.isRetryable })),
        );
        expectObservable(out).toBe('-s-a-b-(e|)', { ...ev, e: { name: 'StreamError', partialText: 'Hello', cause: err, retryable: false } });
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    it('a non-retryable failure after the first token passes through unchanged', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const err = new AbortError();
        expectObservable(cold('-a-#', ev, err).pipe(retryGeneration())).toBe('-a-#', ev, err);
      });
    });

    it('partialText holds only choice 0', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const events = { ...ev, x: { type: 'text-delta' as const, index: 1, text: 'other' } };
        const out = cold('-a-x-c-#', events, boom()).pipe(retryGeneration(), catchError((e: StreamError) => of(e.partialText)));
        expectObservable(out).toBe('-a-x-c-(p|)', { ...events, p: 'Hel!' });
      });
    });
  });

  it('errors with what a user callback throws', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const oops = new Error('callback failed');
      const out = cold<Generation>('-#', undefined, boom()).pipe(
        retryGeneration({
          onRetry: () => {
            throw oops;
          },
        }),
      );
      expectObservable(out).toBe('-#', undefined, oops);
    });
  });

  it('throws InvalidArgumentError at once for bad options', () => {
    expect(invalidArgumentOf(() => retryGeneration(0))).toBe('options');
    expect(invalidArgumentOf(() => retryGeneration({ maxAttempts: 1.5 }))).toBe('maxAttempts');
    expect(invalidArgumentOf(() => retryGeneration({ baseDelayMs: -1 }))).toBe('baseDelayMs');
    expect(invalidArgumentOf(() => retryGeneration({ jitter: 'some' as 'full' }))).toBe('jitter');
    expect(invalidArgumentOf(() => retryGeneration({ onRetry: 3 as unknown as () => void }))).toBe('onRetry');
    expect(invalidArgumentOf(() => retryGeneration(null as unknown as number))).toBe('options');
    expect(invalidArgumentOf(() => retryGeneration({ track: 5 as never }))).toBe('track');
    expect(retryGeneration({ maxAttempts: Infinity, maxTotalTimeMs: Infinity })).toEqual(expect.any(Function));
  });

  describe('signal', () => {
    const named = catchError((e: unknown) => of(isAbortError(e) ? 'AbortError' : String(e)));

    it('aborting during a backoff ends the wait at once with AbortError; nothing more is sent', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const ac = new AbortController();
        const source = cold<Generation>('--#', undefined, new ServerError('boom', { statusCode: 500, provider: 'openai.chat' }));
        timer(300).subscribe(() => ac.abort());
        const seen: unknown[] = [];
        const out = source.pipe(
          retryGeneration({ baseDelayMs: 5000, jitter: 'none', signal: ac.signal }),
          catchError((e: unknown) => (seen.push(e), of('ended'))),
        );
        expectObservable(out).toBe('300ms (a|)', { a: 'ended' });
        expectSubscriptions(source.subscriptions).toBe('^-!'); // no retry
        flush();
        // the same kind of AbortError a provider raises for its signal, naming the provider of the failed attempt
        expect(seen[0]).toBeInstanceOf(AbortError);
        expect(seen[0]).toMatchObject({ name: 'AbortError', code: 'aborted', provider: 'openai.chat', isRetryable: false });
      });
    });

    it('aborting during a retry-after wait ends it at once', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const ac = new AbortController();
        const source = cold<Generation>('--#', undefined, new RateLimitError('slow down', { retryAfterMs: 5000 }));
        timer(300).subscribe(() => ac.abort());
        const out = source.pipe(retryGeneration({ signal: ac.signal }), named);
        expectObservable(out).toBe('300ms (a|)', { a: 'AbortError' });
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });

    it('aborting during an attempt unsubscribes it (aborting its request) and errors with AbortError', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const ac = new AbortController();
        const source = cold<Generation>('-----(g|)', { g: gen('late') });
        timer(3).subscribe(() => ac.abort());
        const out = source.pipe(retryGeneration({ signal: ac.signal }), named);
        expectObservable(out).toBe('---(a|)', { a: 'AbortError' });
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('an aborted signal errors at once and never subscribes the call', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const ac = new AbortController();
        ac.abort();
        const source = cold<Generation>('-(g|)', { g: gen('x') });
        const out = source.pipe(retryGeneration({ signal: ac.signal }), named);
        expectObservable(out).toBe('(a|)', { a: 'AbortError' });
        expectSubscriptions(source.subscriptions).toBe([]);
      });
    });

    it('one signal shared by many retried calls holds one listener, removed when they end', () => {
      testScheduler().run(({ cold, flush }) => {
        const ac = new AbortController();
        const calls = Array.from({ length: 50 }, () =>
          cold<Generation>('-#', undefined, boom()).pipe(retryGeneration({ maxAttempts: 2, baseDelayMs: 10, jitter: 'none', signal: ac.signal })),
        );
        calls.forEach((c) => c.subscribe({ error: () => undefined }));
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
        flush();
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
      });
    });

    it('rejects a signal that is not an AbortSignal', () => {
      expect(invalidArgumentOf(() => retryGeneration({ signal: {} as AbortSignal }))).toBe('signal');
    });
  });

  describe('teardown', () => {
    it('unsubscribing downstream ends the source subscription (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-s--a--b--|', ev);
        const out = source.pipe(retryGeneration(), mergeMap((x) => of(x)));
        expectObservable(out, '^-----!').toBe('-s--a-', ev);
        expectSubscriptions(source.subscriptions).toBe('^-----!');
      });
    });

    it('unsubscribing during a backoff cancels the pending retry', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<Generation>('-#', undefined, boom());
        expectObservable(source.pipe(retryGeneration({ baseDelayMs: 100, jitter: 'none' })), '^---!').toBe('-');
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      const source = syncInfinite(ev.a);
      const seen: unknown[] = [];
      source.pipe(retryGeneration(), take(3)).subscribe((x) => seen.push(x));
      expect(seen).toEqual([ev.a, ev.a, ev.a]);
      expect(source.emitted).toBe(3);
      const out: unknown[] = [];
      of(gen('sync')).pipe(retryGeneration()).subscribe({ next: (g) => out.push(g), complete: () => out.push('done') });
      expect(out).toEqual([gen('sync'), 'done']);
    });

    it('retries a synchronously failing source', () => {
      const source = sequence<Generation>([throwError(() => boom()), throwError(() => boom()), of(gen('third'))]);
      testScheduler().run(({ expectObservable }) => {
        const out = source.pipe(retryGeneration({ baseDelayMs: 10, jitter: 'none' }), catchError(errorName));
        expectObservable(out).toBe('30ms (g|)', { g: gen('third') });
      });
      expect(source.calls).toBe(3);
    });
  });
});
