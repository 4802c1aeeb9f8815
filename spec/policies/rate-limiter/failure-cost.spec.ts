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
} from '../../../src/errors/index.js';
import { failureCost } from '../../../src/policies/rate-limiter/failure-cost.js';

// What a failed or cancelled request costs against a tokens-per-minute limit (the one rule rateLimit uses).
const RESERVED = 1000;

describe('failureCost', () => {
  it('uses the usage the failure reports, when it reports one', () => {
    const error = Object.assign(new StreamError('broke', { partialText: 'Hel' }), { usage: { inputTokens: 30, outputTokens: 5, totalTokens: 35 } });
    expect(failureCost(RESERVED, { error, answered: true })).toBe(35);
    const bogus = Object.assign(new ServerError('x'), { usage: { totalTokens: 'many' } });
    expect(failureCost(RESERVED, { error: bogus, answered: false })).toBe(RESERVED);
  });

  it.each<[string, unknown]>([
    ['400', new BadRequestError('bad', { statusCode: 400 })],
    ['413 (too large)', new LlmError('too large', { statusCode: 413 })],
    ['422', new LlmError('unprocessable', { statusCode: 422 })],
    ['401', new AuthenticationError('who')],
    ['403', new PermissionDeniedError('no')],
    ['404', new NotFoundError('where')],
    ['429 (not admitted)', new RateLimitError('slow down', { retryAfterMs: 100 })],
    ['429 quota', new RateLimitError('no credit', { quotaExceeded: true })],
    ['a bad argument (nothing was sent)', new InvalidArgumentError('input', 'bad')],
    ['a configuration error (nothing was sent)', new ConfigurationError('no key')],
    ['connection refused', new ConnectionError('connect ECONNREFUSED', { code: 'ECONNREFUSED' })],
    ['an unknown host', new ConnectionError('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' })],
    ['an abort before anything came back', new AbortError()],
  ])('refunds everything for %s: the provider counted nothing', (_what, error) => {
    expect(failureCost(RESERVED, { error, answered: false })).toBe(0);
  });

  it('refunds a cancellation (unsubscribed) before anything came back', () => {
    expect(failureCost(RESERVED, { answered: false })).toBe(0);
  });

  it.each<[string, unknown, boolean]>([
    ['a 500', new ServerError('boom', { statusCode: 500 }), false],
    ['an overload (503/529)', new OverloadedError('busy', { statusCode: 529 }), false],
    ['a timeout', new TimeoutError('slow', { timeout: 'first-token', timeoutMs: 10 }), false],
    ['a reset connection', new ConnectionError('socket hang up', { code: 'ECONNRESET' }), false],
    ['a stream broken after its first tokens', new StreamError('dropped', { partialText: 'Hel' }), true],
    ['an abort after the provider answered', new AbortError(), true],
    ['a plain error', new Error('bug'), false],
  ])('keeps the whole reservation for %s (the provider may have counted it)', (_what, error, answered) => {
    expect(failureCost(RESERVED, { error, answered })).toBe(RESERVED);
  });

  it('keeps it for a cancellation after the provider answered', () => {
    expect(failureCost(RESERVED, { answered: true })).toBe(RESERVED);
  });
});
