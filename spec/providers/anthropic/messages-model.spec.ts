import { inspect } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { firstValueFrom } from 'rxjs';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  OverloadedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
} from '../../../src/errors/index.js';
import type { GenerationEvent } from '../../../src/core/stream-event.js';
import { anthropicMessages } from '../../../src/providers/anthropic/messages-model.js';
import { collect, deltaText, errorOf, waitUntil } from '../../support/rx-helpers.js';
import { fault, useSharedSimulator } from '../../support/shared-simulator.js';

const KEY = 'sk-ant-test-anthropic-00000000';
const sim = useSharedSimulator();

const model = (extra: Partial<Parameters<typeof anthropicMessages>[0]> = {}) =>
  anthropicMessages({ model: 'claude-haiku-4-5', apiKey: KEY, baseURL: sim().anthropicBaseURL, ...extra });
const chat = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Tell me about the sea' },
];

describe('anthropicMessages over the simulator', () => {
  it('generate: text, normalised stop reason, usage, request id', async () => {
    const g = await firstValueFrom(model().generate(chat));
    expect(g).toMatchObject({ provider: 'anthropic.messages', finishReason: 'stop', rawFinishReason: 'end_turn', requestId: expect.any(String) });
    expect(g.text.length).toBeGreaterThan(0);
    expect(g.usage!.inputTokens).toBeGreaterThan(0);
    expect(g.usage!.totalTokens).toBe(g.usage!.inputTokens + g.usage!.outputTokens);
  });

  it('stream: deltas concatenate to the generate text; ONE usage event combining message_start and message_delta', async () => {
    const g = await firstValueFrom(model().generate(chat));
    const events = await collect(model().stream(chat));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'anthropic.messages', requestId: expect.any(String) });
    expect(deltaText(events)).toBe(g.text);
    expect(events.slice(-2)).toEqual([
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn' },
      { type: 'usage', usage: g.usage },
    ]);
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
  });

  it('max_tokens defaults to 1024; maxTokens -> length; stop -> stop_sequence', async () => {
    const long = await firstValueFrom(model({ maxTokens: 2 }).generate('Write an essay'));
    expect(long).toMatchObject({ finishReason: 'length', rawFinishReason: 'max_tokens' });
    const reply = { 'x-sim-reply': encodeURIComponent('red green blue yellow') };
    const g = await firstValueFrom(model().generate('Colours', { stop: ['blue'], headers: reply }));
    expect(g).toMatchObject({ finishReason: 'stop', rawFinishReason: 'stop_sequence' });
    expect(g.text).not.toContain('blue');
    const events = await collect(model().stream('Colours', { stop: ['blue'], headers: reply }));
    expect(deltaText(events)).toBe(g.text);
  });

  it('n > 1 is refused at once (the API has one answer per request)', () => {
    expect(() => model({ n: 2 })).toThrow(expect.objectContaining({ argument: 'n' }));
    expect(() => model().generate('Hi', { n: 3 })).toThrow(expect.objectContaining({ argument: 'options.n' }));
    expect(() => model().generate([{ role: 'system', content: 'only system' }])).toThrow(InvalidArgumentError);
  });

  it('is cold: two subscriptions, two requests', async () => {
    const call = model().generate('Hi');
    await new Promise((r) => setTimeout(r, 20));
    expect(sim().stats().requestsReceived).toBe(0);
    await Promise.all([firstValueFrom(call), firstValueFrom(call)]);
    expect(sim().stats().byRoute['/v1/messages']).toBe(2);
  });

  it.each([
    ['rate-limit; retry-after-ms=1500', RateLimitError, { statusCode: 429, retryAfterMs: 1500, quotaExceeded: false, code: 'rate_limit_error' }],
    ['rate-limit; retry-after=2', RateLimitError, { retryAfterMs: 2000 }],
    ['rate-limit; type=quota', RateLimitError, { quotaExceeded: true, isRetryable: false }],
    ['server-error', ServerError, { statusCode: 500, code: 'api_error' }],
    ['unavailable', OverloadedError, { statusCode: 503 }],
    ['overloaded', OverloadedError, { statusCode: 529, code: 'overloaded_error', isRetryable: true }],
    ['reset; after=0', ConnectionError, {}],
    ['malformed', ServerError, { code: 'malformed_response', isRetryable: true }],
  ])('generate with fault %s -> %p', async (header, errorClass, fields) => {
    const error = await errorOf(model().generate('Hi', fault(header)));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ provider: 'anthropic.messages', ...fields });
    if (errorClass !== ConnectionError && !header.startsWith('malformed')) expect((error as { requestId?: string }).requestId).toEqual(expect.any(String));
  });

  it.each([
    ['stream-error; after=3', 'api_error'],
    ['stream-error; after=3; type=overloaded_error', 'overloaded_error'],
    ['malformed; after=3', 'malformed_chunk'],
    ['reset; after=3', 'connection_dropped'],
  ])('stream with fault %s -> StreamError (%s) with the partial text', async (header, code) => {
    const seen: GenerationEvent[] = [];
    const error = await errorOf(model().stream('Tell me a long story', fault(header)), seen);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code, isRetryable: false });
    expect((error as StreamError).partialText).toBe(deltaText(seen));
    expect((error as StreamError).partialText.length).toBeGreaterThan(0);
  });

  it('an error event before any text is retryable when transient', async () => {
    const error = await errorOf(model().stream('Hi', fault('stream-error; after=0; type=overloaded_error')));
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: 'overloaded_error', isRetryable: true, partialText: '' });
  });

  it('SDK timeout -> TimeoutError; a caller signal mid-stream -> AbortError', async () => {
    const timeout = await errorOf(model({ timeout: 100 }).generate('Hi', fault('stall; ms=3000; after=0')));
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout).toMatchObject({ timeoutMs: 100 });
    const controller = new AbortController();
    const seen: GenerationEvent[] = [];
    const pending = errorOf(model().stream('A story', { ...fault('stall; ms=5000; after=2'), signal: controller.signal }), seen);
    await waitUntil(() => seen.some((e) => e.type === 'text-delta'), 5000, 'first delta');
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it('unsubscribing mid-stream aborts silently', async () => {
    sim().configure({ tokensPerSecond: 50 });
    const error = jest.fn();
    const events: GenerationEvent[] = [];
    const sub = model().stream('Tell me a long story').subscribe({ next: (e) => events.push(e), error });
    await waitUntil(() => events.some((e) => e.type === 'text-delta'), 5000, 'first delta');
    sub.unsubscribe();
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'server abort count');
    expect(error).not.toHaveBeenCalled();
  });

  it('a missing key fails at subscribe with ConfigurationError', async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const error = await errorOf(anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim().anthropicBaseURL }).generate('Hi'));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('ANTHROPIC_API_KEY');
      expect(sim().stats().requestsReceived).toBe(0);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('a wrong key: AuthenticationError without the key', async () => {
    const planted = 'sk-ant-PLANTED-wrong-key-1234567890';
    sim().configure({ apiKey: 'sk-ant-right-key-0000000000' });
    const error = await errorOf(model({ apiKey: planted }).generate('Hi'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, code: 'authentication_error' });
    for (const text of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain('PLANTED');
  });

  it('a bad request -> BadRequestError', async () => {
    const error = await errorOf(model({ providerOptions: { max_tokens: 'lots' } }).generate('Hi'));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'invalid_request_error' });
  });

  it('uses a ready client', async () => {
    let calls = 0;
    const client = new Anthropic({
      apiKey: 'sk-ant-client-0000000000',
      baseURL: sim().anthropicBaseURL,
      fetch: (url, init) => {
        calls++;
        return fetch(url, init);
      },
    });
    const g = await firstValueFrom(anthropicMessages({ model: 'claude-haiku-4-5', client }).generate('Hi'));
    expect(g.text.length).toBeGreaterThan(0);
    expect(calls).toBe(1);
  });
});
