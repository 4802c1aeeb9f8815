import { readHeader, type HeaderSource } from './headers.js';

/**
 * How long the provider asked us to wait, in milliseconds, from its response headers: `retry-after-ms`
 * (OpenAI's and Anthropic's precise header) first, then `retry-after` as seconds or as an HTTP date.
 * Returns `undefined` when neither header is present or parseable; never a negative number.
 *
 * @example
 * parseRetryAfter(new Headers({ 'retry-after-ms': '1500' })); // 1500
 * parseRetryAfter({ 'retry-after': '2' });                    // 2000
 */
export function parseRetryAfter(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = readHeader(headers, 'retry-after-ms')?.trim();
  if (ms) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = readHeader(headers, 'retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
