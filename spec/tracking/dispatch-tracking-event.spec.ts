import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
import { dispatchTrackingEvent, toTrackers } from '../../src/tracking/dispatch-tracking-event.js';

describe('dispatchTrackingEvent', () => {
  it('gives the event to every tracker; one that throws does not stop the others', () => {
    const seen: string[] = [];
    const event = { type: 'cache-hit' as const, key: 'k', at: 1 };
    dispatchTrackingEvent(
      [
        () => {
          throw new Error('x');
        },
        (e) => seen.push(e.type),
      ],
      event,
    );
    expect(seen).toEqual(['cache-hit']);
  });

  it('toTrackers accepts one function or a list', () => {
    const f = () => undefined;
    expect(toTrackers(undefined)).toEqual([]);
    expect(toTrackers(f)).toEqual([f]);
    expect(toTrackers([f, f])).toHaveLength(2);
    expect(() => toTrackers([f, 1])).toThrow(InvalidArgumentError);
    expect(() => toTrackers('x')).toThrow(expect.objectContaining({ argument: 'track' }));
  });
});
