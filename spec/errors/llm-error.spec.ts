import { inspect } from 'node:util';
import {
  LlmError,
  isLlmError,
  RateLimitError,
  TimeoutError,
  InvalidArgumentError,
  ServerError,
  BadRequestError,
} from '../../src/errors/index.js';
import { registerSecret } from '../../src/errors/redact.js';

describe('LlmError hierarchy', () => {
  it('subclasses are instanceof LlmError and carry a name literal', () => {
    const e = new RateLimitError('slow down', { statusCode: 429, retryAfterMs: 1500, provider: 'openai.chat' });
    expect(e).toBeInstanceOf(LlmError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('RateLimitError');
    expect(e.isRetryable).toBe(true);
    expect(e.retryAfterMs).toBe(1500);
    expect(isLlmError(e)).toBe(true);
    expect(isLlmError(new Error('x'))).toBe(false);
    expect(isLlmError(null)).toBe(false);
  });

  it('quota errors and bad requests are never retryable; server errors are', () => {
    expect(new RateLimitError('no money', { quotaExceeded: true }).isRetryable).toBe(false);
    expect(new BadRequestError('bad').isRetryable).toBe(false);
    expect(new ServerError('boom').isRetryable).toBe(true);
    expect(new ServerError('boom', { isRetryable: false }).isRetryable).toBe(false);
  });

  it('TimeoutError says which timeout fired', () => {
    const e = new TimeoutError('too slow', { timeout: 'idle', timeoutMs: 100 });
    expect(e.timeout).toBe('idle');
    expect(e.isRetryable).toBe(true);
  });

  it('InvalidArgumentError names the argument', () => {
    const e = new InvalidArgumentError('concurrency', 'must be a positive integer');
    expect(e.argument).toBe('concurrency');
    expect(e.message).toContain('concurrency');
  });

  it('never shows an API key in message, toJSON, toString or inspect', () => {
    const key = 'sk-test-PLANTEDKEY1234567890';
    registerSecret(key);
    const cause = new Error(`Incorrect API key provided: ${key}`);
    const e = new LlmError(`failed with key ${key} and Bearer abcdefghijklmnop`, { cause });
    expect(e.message).not.toContain(key);
    expect(e.message).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(e)).not.toContain(key);
    expect(String(e)).not.toContain(key);
    expect(inspect(e)).not.toContain(key.slice(3));
  });
});
