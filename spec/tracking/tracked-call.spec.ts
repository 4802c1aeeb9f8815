import {
  NEVER,
  Observable,
  Subject,
  finalize,
  firstValueFrom,
  from,
  lastValueFrom,
  mergeMap,
  of,
  take,
  throwError,
  toArray,
} from 'rxjs';
import { makeChoice, makeGeneration, textContent, type Generation } from '../../src/core/generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { ServerError } from '../../src/errors/server-error.js';
import { trackBatch, trackGenerate, trackStream } from '../../src/tracking/tracked-call.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';

const generation: Generation = makeGeneration([makeChoice({ index: 0, content: textContent('hi'), finishReason: 'stop', rawFinishReason: 'stop' })], {
  provider: 'p',
  modelId: 'm',
});
const call = { provider: 'p', modelId: 'm', tags: ['t'], input: 'Hi', settings: { temperature: 0, headers: { authorization: 'Bearer secret-token-123' } } };

describe('tracking a call', () => {
  it('generate: request then response, with tags and timing; headers never reach sinks', async () => {
    const events: TrackingEvent[] = [];
    await firstValueFrom(trackGenerate(of(generation), [(e) => events.push(e)], call));
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
    const [request, response] = events as [Extract<TrackingEvent, { type: 'request' }>, Extract<TrackingEvent, { type: 'response' }>];
    expect(request.call).toMatchObject({ provider: 'p', modelId: 'm', stream: false, tags: ['t'], callId: expect.any(String) });
    expect(request.settings).toEqual({ temperature: 0 });
    expect(response.call.callId).toBe(request.call.callId);
    expect(response.generation).toBe(generation);
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('stream: first-token at the first text delta, response built from the events', async () => {
    const events: TrackingEvent[] = [];
    const stream: GenerationEvent[] = [
      { type: 'start', provider: 'p', modelId: 'm' },
      { type: 'text-delta', index: 0, text: 'a' },
      { type: 'text-delta', index: 0, text: 'b' },
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
    ];
    const source = from(stream);
    await lastValueFrom(trackStream(source, [(e) => events.push(e)], call).pipe(toArray()));
    expect(events.map((e) => e.type)).toEqual(['request', 'first-token', 'response']);
    expect((events[2] as Extract<TrackingEvent, { type: 'response' }>).generation.text).toBe('ab');
    expect(events[0]!.type === 'request' && events[0].call.stream).toBe(true);
  });

  it('error and cancel end a call; a throwing sink breaks nothing', async () => {
    const events: TrackingEvent[] = [];
    const sinks = [
      () => {
        throw new Error('sink failure');
      },
      (e: TrackingEvent) => events.push(e),
    ];
    const error = await firstValueFrom(trackGenerate(throwError(() => new ServerError('boom')), sinks, call)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(events.map((e) => e.type)).toEqual(['request', 'error']);
    events.length = 0;
    trackGenerate(NEVER, sinks, call).subscribe().unsubscribe();
    expect(events.map((e) => e.type)).toEqual(['request', 'cancel']);
    // generate's one value is its response, even when the consumer unsubscribes right after it.
    events.length = 0;
    const subject = new Subject<Generation>();
    const first = firstValueFrom(trackGenerate(subject, sinks, call));
    subject.next(generation);
    await first;
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
  });

  it('each subscription is its own call', () => {
    const events: TrackingEvent[] = [];
    const subject = new Subject<Generation>();
    const tracked = trackGenerate(subject, [(e) => events.push(e)], call);
    tracked.subscribe();
    tracked.subscribe();
    subject.next(generation);
    subject.complete();
    const ids = new Set(events.map((e) => (e.type === 'request' || e.type === 'response' ? e.call.callId : '')));
    expect(ids.size).toBe(2);
  });

  it('a packed batch is one call per prompt; no trackers = the source itself', async () => {
    const events: TrackingEvent[] = [];
    await firstValueFrom(trackBatch(of([generation, { ...generation, text: 'second' }]), [(e) => events.push(e)], [call, { ...call, input: 'Two' }]));
    expect(events.map((e) => e.type)).toEqual(['request', 'request', 'response', 'response']);
    expect((events[3] as Extract<TrackingEvent, { type: 'response' }>).generation.text).toBe('second');
    const source = of(generation);
    expect(trackGenerate(source, [], call)).toBe(source);
  });

  it('works with a synchronous source: stops it as soon as the consumer has enough, and reports a cancel', () => {
    const events: TrackingEvent[] = [];
    let produced = 0;
    const endless = new Observable<GenerationEvent>((subscriber) => {
      subscriber.next({ type: 'start', provider: 'p', modelId: 'm' });
      for (let i = 0; !subscriber.closed; i++) {
        produced++;
        subscriber.next({ type: 'text-delta', index: 0, text: String(i) });
      }
    });
    const seen: GenerationEvent[] = [];
    trackStream(endless, [(e) => events.push(e)], call).pipe(take(3)).subscribe((e) => seen.push(e));
    expect(seen).toHaveLength(3);
    expect(produced).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['request', 'first-token', 'cancel']);
  });

  it('unsubscription chain: unsubscribing from the outside ends the source subscription', () => {
    const events: TrackingEvent[] = [];
    let finalized = false;
    const inner = NEVER.pipe(finalize(() => (finalized = true)));
    const subscription = of(1)
      .pipe(mergeMap(() => trackGenerate(inner, [(e) => events.push(e)], call)))
      .subscribe();
    expect(finalized).toBe(false);
    subscription.unsubscribe();
    expect(finalized).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['request', 'cancel']);
  });
});
