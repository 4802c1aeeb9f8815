import { inspect } from 'node:util';
import {
  LlmError,
  isLlmError,
  RateLimitError,
  TimeoutError,
  InvalidArgumentError,
  ServerError,
  BadRequestError,
  StreamError,
  InvalidOutputError,
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

  it('toJSON carries what each class adds (partial text, the invalid output, the timeout kind)', () => {
    const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
    expect(new StreamError('broke', { partialText: 'Once upon', provider: 'openai.chat' }).toJSON()).toEqual({
      name: 'StreamError', message: 'broke', isRetryable: false, provider: 'openai.chat', partialText: 'Once upon',
    });
    expect(new TimeoutError('slow', { timeout: 'idle', timeoutMs: 100, partialText: 'Hel' }).toJSON()).toMatchObject({
      name: 'TimeoutError', timeout: 'idle', timeoutMs: 100, partialText: 'Hel',
    });
    expect(new InvalidOutputError('bad args', { text: '{"a":', issues: ['Unexpected end of JSON input'], usage }).toJSON()).toEqual({
      name: 'InvalidOutputError', message: 'bad args', isRetryable: false, text: '{"a":', issues: ['Unexpected end of JSON input'], usage,
    });
    expect(new RateLimitError('no credit', { quotaExceeded: true }).toJSON()).toMatchObject({ quotaExceeded: true });
    expect(new InvalidArgumentError('concurrency', 'must be positive').toJSON()).toMatchObject({ argument: 'concurrency' });
    expect(Object.keys(new LlmError('x').toJSON())).toEqual(['name', 'message', 'isRetryable']);
  });

  it('an invalid output that echoes a key keeps it out of text, issues and toJSON', () => {
    const key = 'azure-PLANTEDKEY-0123456789abcdef';
    registerSecret(key);
    const e = new InvalidOutputError('bad', { text: `{"token":"${key}"`, issues: [`"${key}" is not a number`] });
    expect(e.text).toBe('{"token":"[REDACTED]"');
    expect(`${e.issues.join(' ')} ${JSON.stringify(e)} ${inspect(e)}`).not.toContain('PLANTEDKEY');
  });
});
