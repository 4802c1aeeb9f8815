import { inspect } from 'node:util';
import OpenAI from 'openai';
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
  TimeoutError,
} from '../../../src/errors/index.js';
import { openAIEmbedding } from '../../../src/providers/openai/embedding-model.js';
import { textVector } from '../../../src/simulator/routes/openai-embeddings.js';
import { callbackSink } from '../../../src/tracking/callback-sink.js';
import type { TrackingEvent } from '../../../src/tracking/tracking-event.js';
import { expectInvalid } from '../../support/invalid-argument.js';
import { errorOf, waitUntil } from '../../support/rx-helpers.js';
import { fault, useSharedSimulator } from '../../support/shared-simulator.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const KEY = 'sk-test-openai-embedding-000000';
const MODEL = 'text-embedding-3-small';
const sim = useSharedSimulator();
const ROUTE = '/v1/embeddings';

const model = (extra: Partial<Parameters<typeof openAIEmbedding>[0]> = {}) =>
  openAIEmbedding({ model: MODEL, apiKey: KEY, baseURL: sim().openaiBaseURL, ...extra });
const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
/** The simulator's vectors are float32s: what arrives is them, exactly. */
const expected = (text: string, dimensions = 1536): number[] => Array.from(new Float32Array(textVector(MODEL, text, dimensions)));

describe('openAIEmbedding over the simulator', () => {
  it('embeds a list in one request: one unit vector per value, in order, with usage, model and request id', async () => {
    const r = await firstValueFrom(model().embed(['the cat sat', 'a dog ran', 'the cat sat']));
    expect(r).toMatchObject({ provider: 'openai.embedding', modelId: MODEL, requestId: expect.stringMatching(/^req_/) });
    expect(r.usage).toEqual({ inputTokens: 9, outputTokens: 0, totalTokens: 9 });
    expect(r.embeddings).toHaveLength(3);
    expect(r.embeddings[0]).toHaveLength(1536);
    expect(norm(r.embeddings[0]!)).toBeCloseTo(1, 5);
    expect(r.embeddings[2]).toEqual(r.embeddings[0]);
    expect(r.embeddings[1]).toEqual(expected('a dog ran'));
    expect(sim().stats().byRoute[ROUTE]).toBe(1);
  });

  it('base64 (the default) and float give the same vectors; dimensions at the model and per call', async () => {
    const base64 = await firstValueFrom(model({ dimensions: 256 }).embed(['hello there']));
    const float = await firstValueFrom(model({ dimensions: 256, encodingFormat: 'float' }).embed(['hello there']));
    expect(base64.embeddings[0]).toHaveLength(256);
    expect(float.embeddings).toEqual(base64.embeddings);
    expect(base64.embeddings[0]).toEqual(expected('hello there', 256));
    const perCall = await firstValueFrom(model({ dimensions: 256 }).embed(['hello there'], { dimensions: 64 }));
    expect(perCall.embeddings[0]).toHaveLength(64);
  });

  it('is cold, and unsubscribing aborts the request in flight', async () => {
    sim().configure({ latencyMs: 2000 });
    const call = model().embed(['a']);
    await new Promise((r) => setTimeout(r, 20));
    expect(sim().stats().requestsReceived).toBe(0);
    const error = jest.fn();
    const sub = call.subscribe({ error });
    await waitUntil(() => sim().stats().requestsReceived === 1, 5000, 'request');
    sub.unsubscribe();
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'abort');
    expect(error).not.toHaveBeenCalled();
  });

  it('an empty list emits no vectors and sends nothing', async () => {
    expect(await firstValueFrom(model().embed([]))).toEqual({ embeddings: [], provider: 'openai.embedding', modelId: MODEL });
    expect(sim().stats().requestsReceived).toBe(0);
  });

  it.each([
    ['rate-limit; retry-after-ms=1500', RateLimitError, { retryAfterMs: 1500, quotaExceeded: false, statusCode: 429 }],
    ['rate-limit; type=quota', RateLimitError, { quotaExceeded: true, isRetryable: false }],
    ['server-error', ServerError, { statusCode: 500 }],
    ['unavailable', OverloadedError, { statusCode: 503 }],
    ['reset', ConnectionError, {}],
    ['malformed', ServerError, { code: 'malformed_response' }],
    ['stream-error', ServerError, { statusCode: 500 }],
  ])('fault %s -> %p', async (header, errorClass, fields) => {
    const error = await errorOf(model().embed(['Hi'], fault(header)));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ provider: 'openai.embedding', ...fields });
  });

  it('the simulator\'s token bucket counts the input tokens: a 429 with retry-after', async () => {
    sim().configure({ rateLimit: { tokensPerMinute: 10 } });
    try {
      await firstValueFrom(model().embed(['one two three four five six']));
      const error = await errorOf(model().embed(['one two three four five six']));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    } finally {
      sim().configure({ rateLimit: undefined });
    }
  });

  it('SDK timeout -> TimeoutError; caller signal -> AbortError', async () => {
    expect(await errorOf(model({ timeout: 100 }).embed(['Hi'], fault('stall; ms=3000')))).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = errorOf(model().embed(['Hi'], { ...fault('stall; ms=3000'), signal: controller.signal }));
    await waitUntil(() => sim().stats().requestsReceived === 2, 5000, 'request');
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it('the API\'s own 400s -> BadRequestError (dimensions over the model\'s, ada-002 with dimensions)', async () => {
    const tooLong = await errorOf(model({ dimensions: 2000 }).embed(['Hi']));
    expect(tooLong).toBeInstanceOf(BadRequestError);
    expect((tooLong as Error).message).toContain("Invalid value for 'dimensions'");
    const ada = await errorOf(model({ model: 'text-embedding-ada-002', dimensions: 512 }).embed(['Hi']));
    expect((ada as Error).message).toContain('This model does not support specifying dimensions.');
  });

  it('a wrong key: AuthenticationError that never shows the key; a missing key: ConfigurationError at subscribe', async () => {
    const planted = 'sk-PLANTED-wrong-embedding-key-1234567890';
    sim().configure({ apiKey: 'sk-the-right-key-0000000000' });
    const error = await errorOf(model({ apiKey: planted }).embed(['Hi']));
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const text of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 }), String((error as Error).stack)]) {
      expect(text).not.toContain(planted);
    }
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const noKey = openAIEmbedding({ model: MODEL, baseURL: sim().openaiBaseURL });
      expect(await errorOf(noKey.embed(['a']))).toBeInstanceOf(ConfigurationError);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('reports each call to its trackers: embed-request (without headers) then embed-response; errors and cancels too', async () => {
    const events: TrackingEvent[] = [];
    const m = model({ track: callbackSink((e) => events.push(e)), tags: ['index'], headers: { 'x-secret': 'hidden' } });
    const r = await firstValueFrom(m.embed(['a', 'b'], { tags: ['run-1'], dimensions: 8 }));
    await errorOf(m.embed(['c'], fault('server-error')));
    expect(events.map((e) => e.type)).toEqual(['embed-request', 'embed-response', 'embed-request', 'error']);
    const [request, response] = events as [Extract<TrackingEvent, { type: 'embed-request' }>, Extract<TrackingEvent, { type: 'embed-response' }>];
    expect(request).toMatchObject({ values: ['a', 'b'], settings: { dimensions: 8 }, call: { provider: 'openai.embedding', modelId: MODEL, stream: false, tags: ['index', 'run-1'] } });
    expect(JSON.stringify(request)).not.toContain('hidden');
    expect(response.result).toBe(r);
    expect(response.call.callId).toBe(request.call.callId);
  });

  it('a ready client works (custom fetch), SDK retries off unless maxRetries', async () => {
    let calls = 0;
    const client = new OpenAI({ apiKey: 'sk-client-key-00000000000', baseURL: sim().openaiBaseURL, fetch: (url, init) => (calls++, fetch(url, init)) });
    const m = openAIEmbedding({ model: MODEL, client });
    expect((await firstValueFrom(m.embed(['x']))).embeddings).toHaveLength(1);
    expect(await errorOf(m.embed(['x'], fault('server-error')))).toBeInstanceOf(ServerError);
    expect(calls).toBe(2);
    sim().configure({ faults: [{ kind: 'server-error', nth: 1, route: 'embeddings' }] });
    expect((await firstValueFrom(model({ maxRetries: 1 }).embed(['x']))).embeddings).toHaveLength(1);
  });

  it('checks its arguments at once', () => {
    expectInvalid(() => openAIEmbedding({ model: '' }), 'model');
    expectInvalid(() => model({ dimensions: 0 }), 'dimensions');
    expectInvalid(() => model({ encodingFormat: 'hex' as never }), 'encodingFormat');
    expect(expectInvalid(() => model({ temperature: 0 } as never), 'options.temperature').message).toContain('is not a known option');
    expectInvalid(() => model().embed('one' as never), 'values');
    expectInvalid(() => model().embed(['ok', '']), 'values[1]');
    expectInvalid(() => model().embed(['ok', 3 as never]), 'values[1]');
    expectInvalid(() => model().embed(Array.from({ length: 2049 }, () => 'x')), 'values');
    expectInvalid(() => model().embed(['ok'], { maxTokens: 5 } as never), 'options.maxTokens');
    expectInvalid(() => model().embed(['ok'], { dimensions: -1 }), 'options.dimensions');
    expect(model().maxBatchSize).toBe(2048);
    expect(model({ compatible: true }).maxBatchSize).toBeUndefined();
  });
});

describe('openAIEmbedding against OpenAI-compatible servers', () => {
  let server: TestServer;
  const f32 = [0.25, -0.5, 0.125];
  const b64 = Buffer.from(new Float32Array(f32).buffer).toString('base64');
  /** Answers base64 or floats whatever was asked, data listed in reverse order. */
  let answer: 'float' | 'base64' = 'float';
  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const body = JSON.parse(req.body) as { input: string[]; model: string };
      const data = body.input.map((_, index) => ({ object: 'embedding', index, embedding: answer === 'float' ? f32.map((x) => x + index) : b64 })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 4, total_tokens: 4 } }));
    });
  });
  afterAll(() => server.close());
  const compatible = (extra: object = {}) => openAIEmbedding({ model: 'nomic-embed-text', baseURL: `${server.url}/v1`, compatible: true, ...extra });

  it('reads floats when it asked for base64 (a server that ignores encoding_format), in index order', async () => {
    answer = 'float';
    const r = await firstValueFrom(compatible().embed(['a', 'b']));
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ encoding_format: 'base64', input: ['a', 'b'] });
    expect(r.embeddings).toEqual([f32, f32.map((x) => x + 1)]);
    expect(r.usage).toEqual({ inputTokens: 4, outputTokens: 0, totalTokens: 4 });
  });

  it('reads base64 when it asked for floats', async () => {
    answer = 'base64';
    const r = await firstValueFrom(compatible({ encodingFormat: 'float' }).embed(['a']));
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ encoding_format: 'float' });
    expect(r.embeddings).toEqual([f32]);
  });

  it('needs no key; a response with the wrong number of vectors is a retryable ServerError', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const bad = await startTestServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ index: 0, embedding: [1] }], model: 'm' }));
      });
      try {
        const error = await errorOf(openAIEmbedding({ model: 'm', baseURL: `${bad.url}/v1`, compatible: true }).embed(['a', 'b']));
        expect(error).toBeInstanceOf(ServerError);
        expect(error).toMatchObject({ code: 'malformed_response', isRetryable: true });
        expect((error as Error).message).toContain('1 embeddings for 2 inputs');
      } finally {
        await bad.close();
      }
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('providerOptions are sent as they are, model and input stay rxllm\'s', async () => {
    answer = 'float';
    await firstValueFrom(compatible({ providerOptions: { user: 'u-1', model: 'other', truncate: true } }).embed(['a']));
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({ user: 'u-1', truncate: true, model: 'nomic-embed-text', input: ['a'], encoding_format: 'base64' });
    expect(() => compatible({ providerOptions: 5 })).toThrow(InvalidArgumentError);
  });
});
