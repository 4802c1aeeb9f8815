import { inspect } from 'node:util';
import OpenAI from 'openai';
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  LlmError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
} from '../../../src/errors/index.js';
import { mapOpenAIError } from '../../../src/providers/openai/map-error.js';

const ctx = { provider: 'openai.chat' };
const httpError = (status: number, error: object, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, { error }, undefined, new Headers({ 'x-request-id': 'req_123', ...headers }));

describe('mapOpenAIError', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [413, BadRequestError],
    [422, BadRequestError],
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [503, OverloadedError],
    [529, OverloadedError],
  ])('HTTP %i -> %p, with status, request id, code and provider', (status, errorClass) => {
    const e = mapOpenAIError(httpError(status, { message: 'boom', type: 'some_type', code: 'some_code' }), ctx);
    expect(e).toBeInstanceOf(errorClass);
    expect(e).toMatchObject({ statusCode: status, requestId: 'req_123', code: 'some_code', provider: 'openai.chat' });
    expect(e.message).toContain('boom');
  });

  it('429 carries retryAfterMs from retry-after-ms, else retry-after', () => {
    const a = mapOpenAIError(httpError(429, { message: 'slow', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after-ms': '1500', 'retry-after': '9' }), ctx);
    expect(a).toMatchObject({ retryAfterMs: 1500, isRetryable: true, quotaExceeded: false });
    const b = mapOpenAIError(httpError(429, { message: 'slow' }, { 'retry-after': '2' }), ctx);
    expect(b.retryAfterMs).toBe(2000);
  });

  it('insufficient_quota is a quota RateLimitError, never retried', () => {
    const e = mapOpenAIError(httpError(429, { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' }), ctx);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toMatchObject({ quotaExceeded: true, isRetryable: false, code: 'insufficient_quota' });
  });

  it('an error object inside a stream (no status) -> StreamError with the partial text', () => {
    const sdkError = new OpenAI.APIError(undefined, { message: 'server had an error', type: 'server_error' }, undefined, new Headers());
    const e = mapOpenAIError(sdkError, { ...ctx, streaming: true, partialText: 'Once', contentStarted: true });
    expect(e).toBeInstanceOf(StreamError);
    expect(e).toMatchObject({ partialText: 'Once', code: 'server_error', isRetryable: false });
    const early = mapOpenAIError(sdkError, { ...ctx, streaming: true, partialText: '', contentStarted: false });
    expect(early.isRetryable).toBe(true);
  });

  it('connection failures: ConnectionError, or StreamError once text arrived; timeouts: TimeoutError', () => {
    const conn = new OpenAI.APIConnectionError({ message: 'Connection error.', cause: new Error('ECONNREFUSED') });
    expect(mapOpenAIError(conn, ctx)).toBeInstanceOf(ConnectionError);
    const terminated = new TypeError('terminated');
    expect(mapOpenAIError(terminated, { ...ctx, streaming: true, contentStarted: false })).toBeInstanceOf(ConnectionError);
    const dropped = mapOpenAIError(terminated, { ...ctx, streaming: true, contentStarted: true, partialText: 'Hel' });
    expect(dropped).toBeInstanceOf(StreamError);
    expect(dropped).toMatchObject({ partialText: 'Hel', isRetryable: false, code: 'connection_dropped' });
    const timeout = mapOpenAIError(new OpenAI.APIConnectionTimeoutError(), { ...ctx, timeoutMs: 500 });
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout).toMatchObject({ timeout: 'first-token', timeoutMs: 500, isRetryable: true });
    // A plain connection error no sooner than the SDK timeout is that timeout.
    expect(mapOpenAIError(conn, { ...ctx, timeoutMs: 100, elapsedMs: 120 })).toBeInstanceOf(TimeoutError);
  });

  it('a chunk that is not JSON -> StreamError; rxllm errors pass through; anything else -> LlmError', () => {
    let syntax: unknown;
    try {
      JSON.parse('{"choices": [');
    } catch (e) {
      syntax = e;
    }
    expect(mapOpenAIError(syntax, { ...ctx, streaming: true, partialText: 'a' })).toMatchObject({ name: 'StreamError', code: 'malformed_chunk', partialText: 'a' });
    // Not streaming: a 200 with a body that is not JSON is the server's fault, and retryable.
    expect(mapOpenAIError(syntax, ctx)).toMatchObject({ name: 'ServerError', code: 'malformed_response', isRetryable: true });
    const config = new ConfigurationError('no key');
    expect(mapOpenAIError(config, ctx)).toBe(config);
    const other = mapOpenAIError(new RangeError('weird'), ctx);
    expect(other).toBeInstanceOf(LlmError);
    expect(other.isRetryable).toBe(false);
  });

  it('never shows the API key, even when the 401 body echoes it', () => {
    const key = 'sk-proj-PLANTEDsecretKEY0123456789';
    const sdkError = httpError(401, { message: `Incorrect API key provided: ${key}. You can find your API key at ...`, type: 'invalid_request_error', code: 'invalid_api_key' });
    const e = mapOpenAIError(sdkError, ctx);
    expect(e).toBeInstanceOf(AuthenticationError);
    for (const text of [e.message, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), String(e.stack), String(e.cause)]) {
      expect(text).not.toContain('PLANTEDsecretKEY');
    }
  });
});
