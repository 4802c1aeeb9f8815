import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describe, isPlainObject } from './validate.js';

// RFC 9110 field names are tokens; field values are visible ASCII, spaces, tabs and obs-text (0x80-0xFF):
// the same rules Node's http module and fetch apply, checked here so a bad header fails at once by name
// instead of at subscribe, inside the SDK, with an error quoting the value.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Throws `InvalidArgumentError` unless `headers` is undefined or an object of valid HTTP headers: names that are
 * tokens (no spaces, colons or non-ASCII), string values without control characters (CR, LF, NUL...) or
 * characters beyond U+00FF. The error names the header (`headers["x-bad name"]`), never its value.
 *
 * @example
 * checkHeaders('options.headers', { 'x-trace': 'a\r\nInjected: 1' }); // throws, naming options.headers["x-trace"]
 */
export function checkHeaders(argument: string, headers: unknown): void {
  if (headers === undefined) return;
  if (!isPlainObject(headers)) throw new InvalidArgumentError(argument, `must be an object of header names to string values, got ${describe(headers)}`);
  for (const [name, value] of Object.entries(headers)) {
    const path = `${argument}[${JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name)}]`;
    if (!TOKEN.test(name)) {
      throw new InvalidArgumentError(path, 'is not a valid header name (letters, digits and !#$%&\'*+-.^_`|~ only: no spaces, colons or non-ASCII)');
    }
    if (typeof value !== 'string') throw new InvalidArgumentError(path, `must be a string, got ${describe(value)}`);
    if (BAD_VALUE_CHAR.test(value)) {
      throw new InvalidArgumentError(path, 'has a value with a control character (CR, LF, NUL...) or a character beyond U+00FF (the value is not shown)');
    }
  }
}
