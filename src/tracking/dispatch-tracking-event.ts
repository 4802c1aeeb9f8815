import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describe } from '../core/validate.js';
import type { Tracker, TrackingEvent } from './tracking-event.js';

/**
 * Hands `event` to every tracker. A tracker that throws is ignored: tracking never breaks a call.
 * `trackers` that is not an array throws `InvalidArgumentError` (use `toTrackers` to normalise a `track` option).
 *
 * @example
 * dispatchTrackingEvent(trackers, { type: 'cache-hit', key: 'k', at: Date.now() });
 */
export function dispatchTrackingEvent(trackers: readonly Tracker[], event: TrackingEvent): void {
  if (!Array.isArray(trackers)) throw new InvalidArgumentError('trackers', `must be an array of trackers, got ${describe(trackers)}`);
  for (const tracker of trackers) {
    try {
      tracker(event);
    } catch {
      // A sink's failure must not break the call it observes.
    }
  }
}

/**
 * Normalises a `track` option (one tracker or a list) to a list; throws `InvalidArgumentError` for anything
 * that is not a function or a list of functions.
 *
 * @example
 * toTrackers(callbackSink(console.log)); // [tracker]
 */
export function toTrackers(track: unknown, argName = 'track'): readonly Tracker[] {
  if (track === undefined) return [];
  if (typeof track === 'function') return [track as Tracker];
  if (Array.isArray(track) && track.every((t) => typeof t === 'function')) return [...(track as Tracker[])];
  throw new InvalidArgumentError(argName, `must be a tracker function or an array of them, got ${describe(track)}`);
}
