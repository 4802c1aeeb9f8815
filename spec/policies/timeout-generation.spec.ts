import { catchError, mergeMap, of, take } from 'rxjs';
import type { TimeoutError } from '../../src/errors/index.js';
import type { Generation } from '../../src/core/generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { retryGeneration } from '../../src/policies/retry-generation.js';
import { timeoutGeneration } from '../../src/policies/timeout-generation.js';
import { ev, gen, sequence, syncInfinite } from '../support/policy-fixtures.js';
import { invalidArgumentOf } from '../support/invalid-argument.js';
import { testScheduler } from '../support/test-scheduler.js';

/** Replaces a TimeoutError by a plain summary value so marbles can compare it. */
const summary = catchError((e: TimeoutError) =>
  of({ name: e.name, timeout: e.timeout, timeoutMs: e.timeoutMs, partialText: e.partialText, retryable: e.isRetryable }),
);
const timedOut = (timeout: string, timeoutMs: number, partialText = '') => ({
  name: 'TimeoutError',
  timeout,
  timeoutMs,
  partialText,
  retryable: true,
});

describe('timeoutGeneration', () => {
  it('first-token: fires at the frame of the limit and ends the source subscription there', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<GenerationEvent>('-s------a--|', ev);
      const out = source.pipe(timeoutGeneration<GenerationEvent>({ firstToken: 5 }), summary);
      expectObservable(out).toBe('-s---(t|)', { ...ev, t: timedOut('first-token', 5) });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('first-token: a token in time disarms it (and for generate, the Generation is the first token)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold<GenerationEvent>('-s--a---------b|', ev);
      expectObservable(source.pipe(timeoutGeneration<GenerationEvent>({ firstToken: 5 }))).toBe('-s--a---------b|', ev);
      const g = gen('ok');
      expectObservable(cold('----(g|)', { g }).pipe(timeoutGeneration<Generation>({ firstToken: 5 }))).toBe('----(g|)', { g });
      expectObservable(cold('-----(g|)', { g }).pipe(timeoutGeneration<Generation>({ firstToken: 5 }), summary)).toBe(
        '-----(t|)',
        { t: timedOut('first-token', 5) },
      );
    });
  });

  it('idle: fires when two events are too far apart, with the partial text', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<GenerationEvent>('-s-a-b-----c|', ev);
      const out = source.pipe(timeoutGeneration<GenerationEvent>({ firstToken: 10, idle: 4 }), summary);
      // last event (b) at frame 5: idle fires at 9
      expectObservable(out).toBe('-s-a-b---(t|)', { ...ev, t: timedOut('idle', 4, 'Hello') });
      expectSubscriptions(source.subscriptions).toBe('^--------!');
    });
  });

  it('idle: with firstToken set, the wait before the first token is not idle time', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold<GenerationEvent>('-s-------a-b|', ev);
      expectObservable(source.pipe(timeoutGeneration<GenerationEvent>({ firstToken: 20, idle: 3 }))).toBe('-s-------a-b|', ev);
    });
  });

  it('idle: without firstToken, it counts from subscription and from every event', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const stalled = cold<GenerationEvent>('-------s-a|', ev);
      expectObservable(stalled.pipe(timeoutGeneration<GenerationEvent>({ idle: 3 }), summary)).toBe('---(t|)', {
        t: timedOut('idle', 3),
      });
      expectSubscriptions(stalled.subscriptions).toBe('^--!');
      const slowStart = cold<GenerationEvent>('--s-----a|', ev);
      expectObservable(slowStart.pipe(timeoutGeneration<GenerationEvent>({ idle: 3 }), summary)).toBe('--s--(t|)', {
        ...ev,
        t: timedOut('idle', 3),
      });
    });
  });

  it('total: a number means total; it fires even while events keep coming', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<GenerationEvent>('-s-a-b-c-b-c|', ev);
      const out = source.pipe(timeoutGeneration<GenerationEvent>(8), summary);
      expectObservable(out).toBe('-s-a-b-c(t|)', { ...ev, t: timedOut('total', 8, 'Hello!') });
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('keeps the provider and request id from the start event on the error', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { s: { type: 'start' as const, provider: 'openai.chat', modelId: 'm', requestId: 'req_1' } };
      const out = cold<GenerationEvent>('-s----', events).pipe(
        timeoutGeneration<GenerationEvent>({ total: 3 }),
        catchError((e: TimeoutError) => of(`${e.provider} ${e.requestId}`)),
      );
      expectObservable(out).toBe('-s-(x|)', { ...events, x: 'openai.chat req_1' });
    });
  });

  it('passes errors and completion through, and fires nothing afterwards', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const err = new Error('boom');
      expectObservable(cold<Generation>('-#', undefined, err).pipe(timeoutGeneration<Generation>(3))).toBe('-#', undefined, err);
      expectObservable(cold<GenerationEvent>('-s|', ev).pipe(timeoutGeneration<GenerationEvent>({ idle: 2, total: 3 }))).toBe('-s|', ev);
    });
  });

  it('throws InvalidArgumentError at once for bad options', () => {
    expect(invalidArgumentOf(() => timeoutGeneration(0))).toBe('options');
    expect(invalidArgumentOf(() => timeoutGeneration(-5))).toBe('options');
    expect(invalidArgumentOf(() => timeoutGeneration({}))).toBe('options');
    expect(invalidArgumentOf(() => timeoutGeneration(undefined as unknown as number))).toBe('options');
    expect(invalidArgumentOf(() => timeoutGeneration({ idle: 'x' as unknown as number }))).toBe('idle');
    expect(invalidArgumentOf(() => timeoutGeneration({ firstToken: NaN }))).toBe('firstToken');
    expect(invalidArgumentOf(() => timeoutGeneration({ total: 5, scheduler: {} as never }))).toBe('scheduler');
  });

  describe('teardown', () => {
    it('unsubscribing downstream ends the source subscription (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<GenerationEvent>('-s-a-b-c|', ev);
        const out = source.pipe(timeoutGeneration<GenerationEvent>({ idle: 5, total: 100 }), mergeMap((x) => of(x)));
        expectObservable(out, '^----!').toBe('-s-a-', ev);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      testScheduler().run(() => {
        const source = syncInfinite(ev.a);
        const seen: unknown[] = [];
        source.pipe(timeoutGeneration({ total: 10, idle: 5 }), take(3)).subscribe((x) => seen.push(x));
        expect(seen).toEqual([ev.a, ev.a, ev.a]);
        expect(source.emitted).toBe(3);
        const out: unknown[] = [];
        of(gen('sync')).pipe(timeoutGeneration(5)).subscribe({ next: (g) => out.push(g), complete: () => out.push('done') });
        expect(out).toEqual([gen('sync'), 'done']);
      });
    });
  });
});

describe('timeoutGeneration with retryGeneration', () => {
  it('a first-token timeout is retried; an idle timeout after the first token becomes a StreamError', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const stalled = cold<GenerationEvent>('-s--------a|', ev);
      const fine = cold<GenerationEvent>('-s-a-b|', ev);
      const call = sequence([stalled, fine]);
      const out = call.pipe(timeoutGeneration<GenerationEvent>({ firstToken: 5 }), retryGeneration({ baseDelayMs: 10, jitter: 'none' }));
      // attempt 1 times out at 5, retry after 10 ms at 15
      expectObservable(out).toBe('-s--------------s-a-b|', ev);
      expectSubscriptions(stalled.subscriptions).toBe('^----!');
      expectSubscriptions(fine.subscriptions).toBe('---------------^-----!');
    });
    testScheduler().run(({ cold, expectObservable }) => {
      const call = cold<GenerationEvent>('-s-a------b|', ev);
      const out = call.pipe(
        timeoutGeneration<GenerationEvent>({ idle: 4 }),
        retryGeneration(),
        catchError((e: { name: string; partialText: string; cause: TimeoutError }) => of(`${e.name}: ${e.partialText} (${e.cause.timeout})`)),
      );
      expectObservable(out).toBe('-s-a---(x|)', { ...ev, x: 'StreamError: Hel (idle)' });
    });
  });
});
