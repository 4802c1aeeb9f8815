import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
import { callbackSink } from '../../src/tracking/callback-sink.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';

describe('callbackSink', () => {
  const hit: TrackingEvent = { type: 'cache-hit', key: 'k', at: 1 };
  const retry = { type: 'retry', attempt: 1, delayMs: 5, at: 2 } as unknown as TrackingEvent;

  it('calls back with every event, or only the types asked for', () => {
    const all: string[] = [];
    const some: string[] = [];
    const a = callbackSink((e) => all.push(e.type));
    const b = callbackSink((e) => some.push(e.type), { types: ['retry'] });
    for (const e of [hit, retry]) {
      a(e);
      b(e);
    }
    expect(all).toEqual(['cache-hit', 'retry']);
    expect(some).toEqual(['retry']);
  });

  it('swallows what the callback throws; checks its arguments', () => {
    expect(() =>
      callbackSink(() => {
        throw new Error('x');
      })(hit),
    ).not.toThrow();
    expect(() => callbackSink('x' as never)).toThrow(InvalidArgumentError);
    expect(() => callbackSink(() => undefined, { types: 'retry' as never })).toThrow(expect.objectContaining({ argument: 'types' }));
  });
});
