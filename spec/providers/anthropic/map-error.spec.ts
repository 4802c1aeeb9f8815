import { inspect } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
} from '../../../src/errors/index.js';
import { registerSecret } from '../../../src/errors/redact.js';
import { mapAnthropicError } from '../../../src/providers/anthropic/map-error.js';

const ctx = { provider: 'anthropic.messages' };
const httpError = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  Anthropic.APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers({ 'request-id': 'req_ant_1', ...headers }));

describe('mapAnthropicError', () => {
  it.each([
    [400, 'invalid_request_error', BadRequestError],
    [401, 'authentication_error', AuthenticationError],
    [403, 'permission_error', PermissionDeniedError],
    [404, 'not_found_error', NotFoundError],
    [413, 'request_too_large', BadRequestError],
    [429, 'rate_limit_error', RateLimitError],
    [500, 'api_error', ServerError],
    [503, 'api_error', OverloadedError],
    [529, 'overloaded_error', OverloadedError],
  ])('HTTP %i %s -> %p', (status, type, errorClass) => {
    const e = mapAnthropicError(httpError(status, type, 'details'), ctx);
    expect(e).toBeInstanceOf(errorClass);
    expect(e).toMatchObject({ statusCode: status, code: type, requestId: 'req_ant_1', provider: 'anthropic.messages' });
    expect(e.message).toContain('details');
  });

  it('overloaded_error is OverloadedError whatever the status; 429 carries retryAfterMs', () => {
    expect(mapAnthropicError(httpError(500, 'overloaded_error', 'Overloaded'), ctx)).toBeInstanceOf(OverloadedError);
    expect(mapAnthropicError(httpError(429, 'rate_limit_error', 'slow', { 'retry-after': '3' }), ctx).retryAfterMs).toBe(3000);
    expect(mapAnthropicError(httpError(429, 'rate_limit_error', 'slow', { 'retry-after-ms': '250' }), ctx).retryAfterMs).toBe(250);
  });

  it('billing errors are quota RateLimitErrors', () => {
    for (const e of [
      mapAnthropicError(httpError(400, 'billing_error', 'Your credit balance is too low'), ctx),
      mapAnthropicError(httpError(402, 'billing_error', 'Payment required'), ctx),
      mapAnthropicError(httpError(429, 'rate_limit_error', 'Your credit balance is too low to access the API'), ctx),
    ]) {
      expect(e).toBeInstanceOf(RateLimitError);
      expect(e).toMatchObject({ quotaExceeded: true, isRetryable: false });
    }
  });

  it('event: error inside a stream -> StreamError with the partial text', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const sdkError = new Anthropic.APIError(undefined, body, undefined, new Headers({ 'request-id': 'req_s' }), 'overloaded_error');
    const e = mapAnthropicError(sdkError, { ...ctx, streaming: true, partialText: 'Par', contentStarted: true });
    expect(e).toBeInstanceOf(StreamError);
    expect(e).toMatchObject({ code: 'overloaded_error', partialText: 'Par', requestId: 'req_s', isRetryable: false });
    expect(mapAnthropicError(sdkError, { ...ctx, streaming: true, contentStarted: false }).isRetryable).toBe(true);
  });

  it('event: error without a request-id header: the request id of its body, else the one the stream knew', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_body' };
    const withBodyId = new Anthropic.APIError(undefined, body, undefined, new Headers(), 'overloaded_error');
    expect(mapAnthropicError(withBodyId, { ...ctx, streaming: true, requestId: 'msg_1' })).toMatchObject({ requestId: 'req_body' });
    const bare = new Anthropic.APIError(undefined, { ...body, request_id: undefined }, undefined, new Headers(), 'overloaded_error');
    expect(mapAnthropicError(bare, { ...ctx, streaming: true, requestId: 'msg_1', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } })).toMatchObject({
      requestId: 'msg_1',
      usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
    });
  });

  it('connection errors and timeouts', () => {
    expect(mapAnthropicError(new Anthropic.APIConnectionError({ message: 'Connection error.' }), ctx)).toBeInstanceOf(ConnectionError);
    expect(mapAnthropicError(new Anthropic.APIConnectionTimeoutError(), { ...ctx, timeoutMs: 10 })).toBeInstanceOf(TimeoutError);
  });

  it('never shows a registered key echoed by the server', () => {
    const key = 'my-anthropic-PLANTED-key-0123456789';
    registerSecret(key);
    const e = mapAnthropicError(httpError(401, 'authentication_error', `invalid x-api-key ${key}`), ctx);
    for (const text of [e.message, JSON.stringify(e), inspect(e, { depth: 10 })]) expect(text).not.toContain('PLANTED');
  });
});
