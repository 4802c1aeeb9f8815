import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import OpenAI from 'openai';
import { firstValueFrom, take } from 'rxjs';
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
import { openAIChat } from '../../../src/providers/openai/chat-model.js';
import { collect, deltaText, errorOf, waitUntil } from '../../support/rx-helpers.js';
import { fault, useSharedSimulator } from '../../support/shared-simulator.js';

const KEY = 'sk-test-openai-chat-0000000000';
const sim = useSharedSimulator();

const model = (extra: Partial<Parameters<typeof openAIChat>[0]> = {}) =>
  openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: sim().openaiBaseURL, ...extra });

describe('openAIChat over the simulator', () => {
  it('generate: one Generation with text, usage, model, provider and request id', async () => {
    const values = await collect(model().generate('Hello there'));
    expect(values).toHaveLength(1);
    const g = values[0]!;
    expect(g.text.length).toBeGreaterThan(0);
    expect(g).toMatchObject({ provider: 'openai.chat', modelId: expect.any(String), finishReason: 'stop', rawFinishReason: 'stop' });
    expect(g.requestId).toEqual(expect.any(String));
    expect(g.usage!.inputTokens).toBeGreaterThan(0);
    expect(g.usage!.outputTokens).toBeGreaterThan(0);
    expect(g.usage!.totalTokens).toBe(g.usage!.inputTokens + g.usage!.outputTokens);
    expect(g.choices).toEqual([{ index: 0, text: g.text, finishReason: 'stop', rawFinishReason: 'stop', content: [{ type: 'text', text: g.text }], toolCalls: [], reasoning: '' }]);
  });

  it('stream: start, deltas that concatenate to the generate text, finish, then one usage (by default)', async () => {
    const g = await firstValueFrom(model().generate([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Tell me a story' }]));
    const events = await collect(model().stream([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Tell me a story' }]));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'openai.chat', requestId: expect.any(String) });
    expect(deltaText(events)).toBe(g.text);
    const tail = events.slice(-2);
    expect(tail[0]).toEqual({ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' });
    expect(tail[1]).toEqual({ type: 'usage', usage: g.usage });
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
  });

  it('maxTokens ends with length; a stop sequence ends with stop', async () => {
    const long = await firstValueFrom(model({ maxTokens: 2 }).generate('Write a long essay'));
    expect(long.finishReason).toBe('length');
    expect(long.usage!.outputTokens).toBeLessThanOrEqual(2);
    const reply = { 'x-sim-reply': encodeURIComponent('one two three four five') };
    const stopped = await firstValueFrom(model().generate('Count', { stop: ['three'], headers: reply }));
    expect(stopped).toMatchObject({ finishReason: 'stop', rawFinishReason: 'stop' });
    expect(stopped.text).not.toContain('three');
    expect(stopped.text.startsWith('one two')).toBe(true);
    const streamed = await collect(model().stream('Count', { stop: 'three', headers: reply }));
    expect(deltaText(streamed)).toBe(stopped.text);
  });

  it('n > 1: every choice, in generate and in stream', async () => {
    const g = await firstValueFrom(model({ n: 3 }).generate('Name a colour'));
    expect(g.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(g.text).toBe(g.choices[0]!.text);
    const events = await collect(model().stream('Name a colour', { n: 2 }));
    expect(events.filter((e) => e.type === 'finish').map((e) => (e as { index: number }).index).sort()).toEqual([0, 1]);
    expect(deltaText(events, 1).length).toBeGreaterThan(0);
  });

  it('is cold: nothing is sent before subscribe; each subscription sends its own request', async () => {
    const call = model().generate('cold?');
    await new Promise((r) => setTimeout(r, 30));
    expect(sim().stats().requestsReceived).toBe(0);
    await Promise.all([firstValueFrom(call), firstValueFrom(call)]);
    expect(sim().stats().byRoute['/v1/chat/completions']).toBe(2);
  });

  it.each([
    ['rate-limit; retry-after-ms=1500', RateLimitError, { statusCode: 429, retryAfterMs: 1500, quotaExceeded: false, isRetryable: true }],
    ['rate-limit; type=quota', RateLimitError, { statusCode: 429, quotaExceeded: true, isRetryable: false, code: 'insufficient_quota' }],
    ['server-error', ServerError, { statusCode: 500, isRetryable: true }],
    ['server-error; status=502', ServerError, { statusCode: 502 }],
    ['unavailable', OverloadedError, { statusCode: 503, isRetryable: true }],
    ['overloaded', OverloadedError, { statusCode: 503 }],
    ['reset; after=0', ConnectionError, { isRetryable: true }],
    ['malformed', ServerError, { code: 'malformed_response', isRetryable: true }],
  ])('generate with fault %s -> %p', async (header, errorClass, fields) => {
    const error = await errorOf(model().generate('Hi', fault(header)));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ provider: 'openai.chat', ...fields });
  });

  it.each([
    ['stream-error; after=3', 'server_error'],
    ['malformed; after=3', 'malformed_chunk'],
    ['reset; after=3', 'connection_dropped'],
  ])('stream with fault %s -> StreamError with the partial text', async (header, code) => {
    const seen: GenerationEvent[] = [];
    const error = await errorOf(model().stream('Tell me a long story', fault(header)), seen);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ provider: 'openai.chat', code, isRetryable: false });
    expect((error as StreamError).partialText).toBe(deltaText(seen));
    expect((error as StreamError).partialText.length).toBeGreaterThan(0);
  });

  it('stream reset before any text -> ConnectionError (retryable)', async () => {
    const error = await errorOf(model().stream('Hi', fault('reset; after=0')));
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('a connection that was never made -> ConnectionError naming the network code (ECONNREFUSED)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port)); // nothing listens there any more
      });
    });
    const error = await errorOf(openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: `http://127.0.0.1:${closed}/v1` }).generate('Hi'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', isRetryable: true });
  });

  it('a stall longer than the SDK timeout -> TimeoutError', async () => {
    const error = await errorOf(model({ timeout: 150 }).generate('Hi', fault('stall; ms=3000; after=0')));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: 'first-token', timeoutMs: 150, isRetryable: true });
  });

  it('a stall mid-stream ended by the caller signal -> AbortError; the server sees the abort', async () => {
    const controller = new AbortController();
    const seen: GenerationEvent[] = [];
    const pending = errorOf(model().stream('Tell me a story', { ...fault('stall; ms=5000; after=2'), signal: controller.signal }), seen);
    await waitUntil(() => seen.some((e) => e.type === 'text-delta'), 5000, 'first delta');
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ provider: 'openai.chat', isRetryable: false });
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'server abort count');
  });

  it('an already aborted signal errors at once without sending', async () => {
    const error = await errorOf(model().generate('Hi', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(sim().stats().requestsReceived).toBe(0);
  });

  it('unsubscribing mid-stream aborts the request silently', async () => {
    sim().configure({ tokensPerSecond: 50 });
    const error = jest.fn();
    const events: GenerationEvent[] = [];
    const sub = model().stream('Tell me a long story').subscribe({ next: (e) => events.push(e), error });
    await waitUntil(() => events.some((e) => e.type === 'text-delta'), 5000, 'first delta');
    sub.unsubscribe();
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'server abort count');
    expect(error).not.toHaveBeenCalled();
    expect(sim().stats().requestsCompleted).toBe(0);
  });

  it('take(3) on a stream ends it early and aborts the request', async () => {
    sim().configure({ tokensPerSecond: 50 });
    const events = await collect(model().stream('Tell me a long story').pipe(take(3)));
    expect(events).toHaveLength(3);
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'server abort count');
  });

  it('a missing key fails at subscribe with ConfigurationError, not at construction', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const m = openAIChat({ model: 'gpt-4o-mini', baseURL: sim().openaiBaseURL });
      const error = await errorOf(m.generate('Hi'));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('OPENAI_API_KEY');
      expect(sim().stats().requestsReceived).toBe(0);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('reads OPENAI_API_KEY at subscribe time', async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-from-env-0000000000000';
    try {
      sim().configure({ apiKey: 'sk-from-env-0000000000000' });
      const g = await firstValueFrom(openAIChat({ model: 'gpt-4o-mini', baseURL: sim().openaiBaseURL }).generate('Hi'));
      expect(g.text.length).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });

  it('a wrong key: AuthenticationError that never shows the key', async () => {
    const planted = 'sk-PLANTED-wrong-key-1234567890abcdef';
    sim().configure({ apiKey: 'sk-the-right-key-0000000000' });
    const error = await errorOf(model({ apiKey: planted }).generate('Hi'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    for (const text of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 }), String((error as Error).stack)]) {
      expect(text).not.toContain(planted);
      expect(text).not.toContain('PLANTED-wrong-key');
    }
  });

  it('a bad request -> BadRequestError with the provider code', async () => {
    const error = await errorOf(model({ providerOptions: { max_tokens: 'lots' } }).generate('Hi'));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false, code: 'invalid_type' });
  });

  it('bad arguments throw InvalidArgumentError at once', () => {
    expect(() => openAIChat({ model: '' })).toThrow(InvalidArgumentError);
    expect(() => model({ temperature: -1 })).toThrow(InvalidArgumentError);
    expect(() => model().generate(42 as never)).toThrow(InvalidArgumentError);
    expect(() => model().stream('Hi', { n: 0 })).toThrow(expect.objectContaining({ argument: 'options.n' }));
  });

  it('uses a ready client (custom fetch), with retries still off by default', async () => {
    let calls = 0;
    const client = new OpenAI({
      apiKey: 'sk-client-key-00000000000',
      baseURL: sim().openaiBaseURL,
      fetch: (url, init) => {
        calls++;
        return fetch(url, init);
      },
    });
    const m = openAIChat({ model: 'gpt-4o-mini', client });
    expect((await firstValueFrom(m.generate('Hi'))).text.length).toBeGreaterThan(0);
    expect(calls).toBe(1);
    const error = await errorOf(m.generate('Hi', fault('server-error')));
    expect(error).toBeInstanceOf(ServerError);
    expect(calls).toBe(2);
  });

  it('taking the answer and leaving (firstValueFrom) does not abort the finished request', async () => {
    const real = new OpenAI({ apiKey: KEY, baseURL: sim().openaiBaseURL, maxRetries: 0 });
    const signals: AbortSignal[] = [];
    const recording = {
      chat: {
        completions: {
          create: (body: never, options: { signal: AbortSignal }) => {
            signals.push(options.signal);
            return real.chat.completions.create(body, options);
          },
        },
      },
      completions: real.completions,
    };
    const m = openAIChat({ model: 'gpt-4o-mini', client: recording as never });
    for (let i = 0; i < 3; i++) expect((await firstValueFrom(m.generate(`Hi ${i}`))).text.length).toBeGreaterThan(0);
    await new Promise((r) => setImmediate(r));
    // an abort after the answer costs an abort event, an AbortError and undici's abort handling per request
    expect(signals.map((s) => s.aborted)).toEqual([false, false, false]);
    expect(sim().stats().requestsAborted).toBe(0);
  });

  it('works with a client whose create returns a plain Promise (an instrumentation wrapper); the request id still comes through', async () => {
    const real = new OpenAI({ apiKey: KEY, baseURL: sim().openaiBaseURL, maxRetries: 0 });
    const wrapper = {
      chat: { completions: { create: (body: never, options: never) => real.chat.completions.create(body, options).then((data) => data) } },
      completions: { create: (body: never, options: never) => real.completions.create(body, options).then((data) => data) },
    };
    const g = await firstValueFrom(openAIChat({ model: 'gpt-4o-mini', client: wrapper as never }).generate('Hi'));
    expect(g.text.length).toBeGreaterThan(0);
    expect(g.requestId).toEqual(expect.any(String));
  });

  it('maxRetries turns the SDK retries back on', async () => {
    sim().configure({ faults: [{ kind: 'server-error', nth: 1 }] });
    const g = await firstValueFrom(model({ maxRetries: 1 }).generate('Hi'));
    expect(g.text.length).toBeGreaterThan(0);
    expect(sim().stats().byRoute['/v1/chat/completions']).toBe(2);
  });

  it('compatible: true sends no stream_options and needs no key', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const m = openAIChat({ model: 'llama3.2', baseURL: sim().openaiBaseURL, compatible: true });
      const events = await collect(m.stream('Hi'));
      expect(deltaText(events).length).toBeGreaterThan(0);
      expect(events.some((e) => e.type === 'usage')).toBe(false);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});
