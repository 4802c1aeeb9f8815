import { EMPTY, mergeMap, of, take, type Observable } from 'rxjs';
import { InvalidArgumentError, ServerError } from '../../src/errors/index.js';
import type { Generation } from '../../src/core/generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { retryGeneration } from '../../src/policies/retry-generation.js';
import { trackModel } from '../../src/models/track-model.js';
import { ev, gen, marbleModel, sequence, syncInfinite } from '../support/policy-fixtures.js';
import { testScheduler } from '../support/test-scheduler.js';

const none = <T>(): Observable<T> => EMPTY;

describe('trackModel', () => {
  it('reports request and response (with usage) for generate, with tags and without secrets', () => {
    testScheduler().run(({ cold, flush }) => {
      const events: TrackingEvent[] = [];
      const g = gen('Hi there', { inputTokens: 3, outputTokens: 2 });
      const model = trackModel(marbleModel('m', () => cold<Generation>('--(g|)', { g }), none), (e) => events.push(e), { tags: ['job'] });
      model.generate('Hi', { temperature: 0, tags: ['call'], headers: { authorization: 'Bearer x' } }).subscribe();
      flush();
      expect(events.map((e) => e.type)).toEqual(['request', 'response']);
      const [request, response] = events;
      expect(request).toMatchObject({ type: 'request', input: 'Hi', settings: { temperature: 0 }, call: { provider: 'test', modelId: 'm', stream: false, tags: ['job', 'call'] } });
      expect(JSON.stringify(request)).not.toContain('Bearer');
      expect(response).toMatchObject({ type: 'response', generation: { text: 'Hi there', usage: { totalTokens: 5 } } });
      expect(response.type === 'response' && request.type === 'request' && response.call.callId).toBe(request.type === 'request' && request.call.callId);
    });
  });

  it('reports first-token and the assembled response for streams; error and cancel', () => {
    testScheduler().run(({ cold, flush }) => {
      const events: TrackingEvent[] = [];
      const sources = [cold<GenerationEvent>('-s-a-b-f-u|', ev), cold<GenerationEvent>('-s-#', ev, new ServerError('boom')), cold<GenerationEvent>('-s-a---|', ev)];
      let i = 0;
      const model = trackModel(marbleModel('m', none, () => sources[i++]), [(e) => events.push(e)]);
      model.stream('a').subscribe();
      flush();
      expect(events.map((e) => e.type)).toEqual(['request', 'first-token', 'response']);
      expect(events[2]).toMatchObject({ generation: { text: 'Hello', usage: { totalTokens: 13 } } });
      events.length = 0;
      model.stream('b').subscribe({ error: () => undefined });
      flush();
      expect(events.map((e) => e.type)).toEqual(['request', 'error']);
      events.length = 0;
      const sub = model.stream('c').subscribe();
      cold('----x').subscribe(() => sub.unsubscribe());
      flush();
      expect(events.map((e) => e.type)).toEqual(['request', 'first-token', 'cancel']);
    });
  });

  it('with retryGeneration, one set of sinks sees every attempt and every retry', () => {
    testScheduler().run(({ cold, flush }) => {
      const events: TrackingEvent[] = [];
      const track = (e: TrackingEvent) => events.push(e);
      // one call, subscribed twice by the retry: each subscription is a new request
      const call = sequence([cold<Generation>('-#', undefined, new ServerError('boom')), cold<Generation>('-(g|)', { g: gen('ok') })]);
      const model = trackModel(marbleModel('m', () => call, none), track);
      model.generate('x').pipe(retryGeneration({ track, baseDelayMs: 10, jitter: 'none' })).subscribe();
      flush();
      expect(events.map((e) => e.type)).toEqual(['request', 'error', 'retry', 'request', 'response']);
    });
  });

  it('throws InvalidArgumentError at once for bad arguments', () => {
    const model = marbleModel('m', none, none);
    expect(() => trackModel(undefined as never, () => undefined)).toThrow(InvalidArgumentError);
    expect(() => trackModel(model, 'x' as never)).toThrow(InvalidArgumentError);
    expect(() => trackModel(model, [])).toThrow(InvalidArgumentError);
    expect(() => trackModel(model, () => undefined, { tags: 'x' as never })).toThrow(InvalidArgumentError);
  });

  describe('teardown', () => {
    it('unsubscribing downstream ends the model subscription (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<GenerationEvent>('-s-a-b-c|', ev);
        const model = trackModel(marbleModel('m', none, () => source), () => undefined);
        expectObservable(model.stream('x').pipe(mergeMap((v) => of(v))), '^----!').toBe('-s-a-', ev);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      const source = syncInfinite(ev.a);
      const model = trackModel(marbleModel('m', none, () => source), () => undefined);
      const seen: unknown[] = [];
      model.stream('x').pipe(take(3)).subscribe((v) => seen.push(v));
      expect(seen).toHaveLength(3);
      expect(source.emitted).toBe(3);
    });
  });
});
