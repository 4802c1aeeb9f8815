import { readHeader } from '../../../src/providers/shared/headers.js';
import { parseRetryAfter } from '../../../src/providers/shared/parse-retry-after.js';

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': '2' })).toBe(2000);
    expect(parseRetryAfter({ 'Retry-After': '0.5' })).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, now)).toBe(0);
  });

  it('ignores missing or unparseable values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': 'soon', 'retry-after': 'later' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': '-5', 'retry-after': '1' })).toBe(1000);
  });

  it('readHeader reads Headers and plain records case-insensitively', () => {
    expect(readHeader(new Headers({ 'X-Request-Id': 'a' }), 'x-request-id')).toBe('a');
    expect(readHeader({ 'X-Request-Id': 'b' }, 'x-request-id')).toBe('b');
    expect(readHeader(null, 'x')).toBeUndefined();
  });
});
