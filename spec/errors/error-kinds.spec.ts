import {
  isCallersFault,
  isClientError,
  isFallbackWorthy,
  isFatalForRun,
  isNeverRetried,
  isRetryableError,
  isTransientRateLimit,
} from '../../src/errors/error-kinds.js';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  LlmError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
} from '../../src/errors/index.js';

// The one classification every policy, model wrapper and the CLI asks. Each row: an error and how it is
// classed — [callersFault, neverRetried, clientError, retryable, fallbackWorthy, fatalForRun].
const ROWS: readonly [string, unknown, readonly boolean[]][] = [
  ['abort', new AbortError(), [true, true, false, false, false, false]],
  ['bad argument', new InvalidArgumentError('x', 'bad'), [true, true, false, false, false, false]],
  ['configuration', new ConfigurationError('no key'), [true, true, false, false, false, true]],
  ['400', new BadRequestError('bad', { statusCode: 400 }), [false, false, true, false, false, false]],
  ['401', new AuthenticationError('no'), [false, false, true, false, false, true]],
  ['403', new PermissionDeniedError('no'), [false, false, true, false, false, true]],
  ['404', new NotFoundError('no'), [false, false, true, false, false, true]],
  ['429', new RateLimitError('slow', { retryAfterMs: 5 }), [false, false, false, true, true, false]],
  ['429 quota', new RateLimitError('no credit', { quotaExceeded: true }), [false, true, false, false, true, true]],
  ['529', new OverloadedError('busy'), [false, false, false, true, true, false]],
  ['500', new ServerError('boom'), [false, false, false, true, true, false]],
  ['connection', new ConnectionError('reset'), [false, false, false, true, true, false]],
  ['timeout', new TimeoutError('slow', { timeout: 'total', timeoutMs: 5 }), [false, false, false, true, true, false]],
  ['stream after text', new StreamError('broke'), [false, false, false, false, false, false]],
  ['retryable error with a 413 status', new LlmError('big', { statusCode: 413, isRetryable: true }), [false, false, true, false, false, false]],
  ['a plain Error (a bug, not an outage)', new Error('bug'), [false, false, false, false, false, false]],
];

describe('error kinds', () => {
  it.each(ROWS)('%s', (_name, error, [callers, never, client, retryable, fallback, fatal]) => {
    expect([
      isCallersFault(error),
      isNeverRetried(error),
      isClientError(error),
      isRetryableError(error),
      isFallbackWorthy(error),
      isFatalForRun(error),
    ]).toEqual([callers, never, client, retryable, fallback, fatal]);
  });

  it('a transient rate limit is a 429 that waiting can fix', () => {
    expect(isTransientRateLimit(new RateLimitError('slow'))).toBe(true);
    expect(isTransientRateLimit(new RateLimitError('no credit', { quotaExceeded: true }))).toBe(false);
    expect(isTransientRateLimit(new ServerError('boom'))).toBe(false);
  });
});
