import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkOptions, checkTags, describe } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { Tracker, TrackingEvent } from './tracking-event.js';

/** Options of `callbackSink`. */
export interface CallbackSinkOptions {
  /** Only these event types reach the callback. @default every type */
  readonly types?: readonly TrackingEvent['type'][];
}

/** Every `CallbackSinkOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<CallbackSinkOptions> = { types: true };

/**
 * The plain tracking sink: calls `fn` with every tracking event (or only the `types` you name). Pass it in a
 * model's `track` option. An error thrown by `fn` is swallowed: tracking never breaks a call.
 *
 * @example
 * const model = openAIChat({ model: 'gpt-4o-mini', track: callbackSink((e) => console.log(e.type, e.at)) });
 * const onlyOutcomes = callbackSink(log, { types: ['response', 'error'] });
 */
export function callbackSink(fn: (event: TrackingEvent) => void, options: CallbackSinkOptions = {}): Tracker {
  if (typeof fn !== 'function') throw new InvalidArgumentError('fn', `must be a function, got ${describe(fn)}`);
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const { types } = options;
  checkTags('types', types);
  const wanted = types ? new Set<string>(types) : undefined;
  return (event) => {
    if (wanted && !wanted.has(event.type)) return;
    try {
      fn(event);
    } catch {
      // Tracking must never break the call it observes.
    }
  };
}
