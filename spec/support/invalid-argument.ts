import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';

/**
 * Asserts that `call` throws, synchronously, an `InvalidArgumentError` (instanceof and name literal)
 * naming `argument` (exactly, or as a prefix with `{ prefix: true }`, e.g. `max` for `max`/`maxEntries`).
 * An Observable returned instead is a failure: bad input must fail before anything is subscribed.
 */
export function expectInvalid(call: () => unknown, argument: string, { prefix = false } = {}): InvalidArgumentError {
  let thrown: unknown;
  let returned: unknown;
  try {
    returned = call();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected InvalidArgumentError naming "${argument}", but the call returned ${typeof returned}`);
  expect(thrown).toBeInstanceOf(InvalidArgumentError);
  const e = thrown as InvalidArgumentError;
  expect(e.name).toBe('InvalidArgumentError');
  if (prefix) expect(e.argument.startsWith(argument) ? argument : e.argument).toBe(argument);
  else expect(e.argument).toBe(argument);
  expect(e.message).toContain(e.argument);
  expect(e.isRetryable).toBe(false);
  return e;
}

/** The `argument` of the `InvalidArgumentError` that `f` throws (asserting the class), or 'no error'. */
export function invalidArgumentOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as InvalidArgumentError).argument;
  }
  return 'no error';
}
