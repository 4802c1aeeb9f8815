import { catchError, mergeMap, of, take, type Observable } from 'rxjs';
import type { Generation } from '../../src/core/generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  OverloadedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type StreamError,
} from '../../src/errors/index.js';
import { fallback, type FallbackInfo } from '../../src/models/fallback.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { ev, gen, marbleModel, syncInfinite } from '../support/policy-fixtures.js';
import { testScheduler } from '../support/test-scheduler.js';

const never = <T>(): Observable<T> => of();

describe('fallback', () => {
  it('tries the next model, in order, on a retryable failure', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Generation>('--#', undefined, new ServerError('down', { statusCode: 500 }));
      const b = cold<Generation>('---#', undefined, new OverloadedError('busy', { statusCode: 529 }));
      const c = cold<Generation>('-(g|)', { g: gen('from c') });
      const models = [marbleModel('a', () => a, never), marbleModel('b', () => b, never), marbleModel('c', () => c, never)];
      const model = fallback(models);
      expectObservable(model.generate('Hi')).toBe('------(g|)', { g: gen('from c') });
      expectSubscriptions(a.subscriptions).toBe('^-!');
      expectSubscriptions(b.subscriptions).toBe('--^--!');
      expectSubscriptions(c.subscriptions).toBe('-----^!');
      expect(model.provider).toBe('fallback');
      expect(model.modelId).toBe('a,b,c');
    });
  });

  it('passes the same input and options to each model; the last failure is the call failure', () => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const last = new TimeoutError('slow', { timeout: 'total', timeoutMs: 1 });
      const a = marbleModel('a', () => cold<Generation>('-#', undefined, new RateLimitError('slow')), never);
      const b = marbleModel('b', () => cold<Generation>('-#', undefined, last), never);
      expectObservable(fallback([a, b]).generate('Hello', { temperature: 0 })).toBe('--#', undefined, last);
      flush();
      expect(a.calls).toEqual([{ method: 'generate', input: 'Hello', options: { temperature: 0 } }]);
      expect(b.calls).toEqual([{ method: 'generate', input: 'Hello', options: { temperature: 0 } }]);
    });
  });

  it('does not fall back on bad requests, authentication, not found or aborts', () => {
    for (const err of [new BadRequestError('bad', { statusCode: 400 }), new AuthenticationError('who'), new NotFoundError('?'), new AbortError()]) {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const b = marbleModel('b', () => cold<Generation>('-(g|)', { g: gen('b') }), never);
        expectObservable(fallback([marbleModel('a', () => cold<Generation>('-#', undefined, err), never), b]).generate('x')).toBe('-#', undefined, err);
        flush();
        expect(b.calls).toHaveLength(0);
      });
    }
  });

  it('falls back on an exhausted quota (the next model may have its own)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const a = marbleModel('a', () => cold<Generation>('-#', undefined, new RateLimitError('no credit', { quotaExceeded: true })), never);
      const b = marbleModel('b', () => cold<Generation>('-(g|)', { g: gen('b') }), never);
      expectObservable(fallback([a, b]).generate('x')).toBe('--(g|)', { g: gen('b') });
    });
  });

  it('streams fall back only before the first text-delta', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const a = marbleModel('a', never, () => cold<GenerationEvent>('-s-#', ev, new ServerError('down')));
      const b = marbleModel('b', never, () => cold<GenerationEvent>('-s-a-b|', ev));
      expectObservable(fallback([a, b]).stream('x')).toBe('-s--s-a-b|', ev);
    });
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const err = new ServerError('down');
      const a = marbleModel('a', never, () => cold<GenerationEvent>('-s-a-#', ev, err));
      const b = marbleModel('b', never, () => cold<GenerationEvent>('-s-a-b|', ev));
      const out = fallback([a, b]).stream('x').pipe(catchError((e: StreamError) => of({ name: e.name, partialText: e.partialText, cause: e.cause })));
      expectObservable(out).toBe('-s-a-(e|)', { ...ev, e: { name: 'StreamError', partialText: 'Hel', cause: err } });
      flush();
      expect(b.calls).toHaveLength(0);
    });
  });

  it('reports each fallback to onFallback and the tracker', () => {
    testScheduler().run(({ cold, flush }) => {
      const err = new ServerError('down');
      const a = marbleModel('a', () => cold<Generation>('---#', undefined, err), never, 'openai.chat');
      const b = marbleModel('b', () => cold<Generation>('-(g|)', { g: gen('b') }), never, 'anthropic.messages');
      const infos: FallbackInfo[] = [];
      const events: TrackingEvent[] = [];
      fallback([a, b], { onFallback: (i) => infos.push(i), track: (e) => events.push(e) }).generate('x').subscribe();
      flush();
      expect(infos).toEqual([{ from: a, to: b, error: err }]);
      expect(events).toEqual([{ type: 'fallback', from: 'openai.chat:a', to: 'anthropic.messages:b', error: err, at: 3 }]);
    });
  });

  it('shouldFallback overrides the default, but never for aborts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const b = marbleModel('b', () => cold<Generation>('-(g|)', { g: gen('b') }), never);
      const bad = marbleModel('a', () => cold<Generation>('-#', undefined, new BadRequestError('context too long')), never);
      expectObservable(fallback([bad, b], { shouldFallback: (e) => e instanceof BadRequestError }).generate('x')).toBe('--(g|)', { g: gen('b') });
      const abort = new AbortError();
      const aborted = marbleModel('a', () => cold<Generation>('-#', undefined, abort), never);
      expectObservable(fallback([aborted, b], { shouldFallback: () => true }).generate('x')).toBe('-#', undefined, abort);
    });
  });

  it('throws InvalidArgumentError at once for bad arguments', () => {
    expect(() => fallback([])).toThrow(InvalidArgumentError);
    expect(() => fallback(undefined as never)).toThrow(InvalidArgumentError);
    try {
      fallback([marbleModel('a', never, never), {} as never]);
    } catch (e) {
      expect((e as InvalidArgumentError).argument).toBe('models[1]');
    }
    expect(() => fallback([marbleModel('a', never, never)], { onFallback: 1 as never })).toThrow(InvalidArgumentError);
  });

  describe('teardown', () => {
    it('unsubscribing ends the subscription to the model answering (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold<GenerationEvent>('-#', undefined, new ServerError('down'));
        const b = cold<GenerationEvent>('-s-a-b-c|', ev);
        const model = fallback([marbleModel('a', never, () => a), marbleModel('b', never, () => b)]);
        expectObservable(model.stream('x').pipe(mergeMap((v) => of(v))), '^-----!').toBe('--s-a-', ev);
        expectSubscriptions(a.subscriptions).toBe('^!');
        expectSubscriptions(b.subscriptions).toBe('-^----!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      const source = syncInfinite(ev.a);
      const model = fallback([marbleModel('a', never, () => source)]);
      const seen: unknown[] = [];
      model.stream('x').pipe(take(3)).subscribe((v) => seen.push(v));
      expect(seen).toHaveLength(3);
      expect(source.emitted).toBe(3);
    });
  });
});
