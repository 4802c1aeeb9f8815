import Anthropic from '@anthropic-ai/sdk';
import { connect } from 'node:net';
import OpenAI from 'openai';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/start-simulator.js';
import {
  anthropicFor,
  openaiFor,
  post,
  rejectionOf,
  type AnthropicApiError,
  type OpenAIApiError,
} from './sim-fixture.js';
import { useSharedSimulator } from '../support/shared-simulator.js';

const chatBody = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
const messagesBody = { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('simulator: bad requests get the real 400 shapes', () => {
  const sim = useSharedSimulator();

  async function openaiError(path: string, body: unknown): Promise<{ status: number; error: Record<string, unknown> }> {
    const res = await post(sim(), path, typeof body === 'string' ? body : JSON.stringify(body));
    const json = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    return { status: res.status, error: json.error };
  }

  it.each([
    ['invalid JSON', '{"model": ', null],
    ['missing model', { messages: chatBody.messages }, null],
    ['missing messages', { model: 'm' }, 'messages'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['messages not an array', { model: 'm', messages: 'hi' }, 'messages'],
    ['content of a wrong type', { model: 'm', messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    ['an unknown role', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    ['max_tokens a string', { ...chatBody, max_tokens: '5' }, 'max_tokens'],
    ['n out of range', { ...chatBody, n: 0 }, 'n'],
    ['stop not strings', { ...chatBody, stop: [1] }, 'stop'],
    ['stream_options without stream', { ...chatBody, stream_options: { include_usage: true } }, 'stream_options'],
    ['a body that is not an object', [1, 2], 'body'],
  ])('chat: %s', async (_name, body, param) => {
    const { status, error } = await openaiError('/v1/chat/completions', body);
    expect(status).toBe(400);
    expect(error['type']).toBe('invalid_request_error');
    expect(error['param']).toBe(param);
    expect(typeof error['message']).toBe('string');
  });

  it('completions: missing prompt, prompt of numbers', async () => {
    expect((await openaiError('/v1/completions', { model: 'm' })).error['param']).toBe('prompt');
    expect((await openaiError('/v1/completions', { model: 'm', prompt: [1, 2] })).error['code']).toBe('invalid_type');
  });

  it('the OpenAI SDK surfaces them as BadRequestError', async () => {
    const e = await rejectionOf(openaiFor(sim()).chat.completions.create({ model: 'm', messages: [] }));
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect((e as OpenAIApiError).param).toBe('messages');
  });

  it.each([
    ['missing max_tokens', { model: 'c', messages: messagesBody.messages }, 'max_tokens: Field required'],
    ['missing model', { max_tokens: 5, messages: messagesBody.messages }, 'model: Field required'],
    ['empty messages', { ...messagesBody, messages: [] }, 'messages: at least one message is required'],
    ['a bad role', { ...messagesBody, messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role'],
    ['content of a wrong type', { ...messagesBody, messages: [{ role: 'user', content: 5 }] }, 'messages.0.content'],
    ['system of a wrong type', { ...messagesBody, system: 5 }, 'system'],
    ['invalid JSON', 'not json', 'could not parse the JSON'],
  ])('messages: %s', async (_name, body, text) => {
    const res = await post(sim(), '/v1/messages', typeof body === 'string' ? body : JSON.stringify(body), { 'anthropic-version': '2023-06-01' });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { type: string; error: { type: string; message: string }; request_id: string };
    expect(json.type).toBe('error');
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toContain(text);
    expect(json.request_id).toBe(res.headers.get('request-id'));
  });

  it('the Anthropic SDK surfaces them as BadRequestError', async () => {
    const e = await rejectionOf(anthropicFor(sim()).messages.create({ model: 'c', max_tokens: 0, messages: messagesBody.messages }));
    expect(e).toBeInstanceOf(Anthropic.BadRequestError);
    expect((e as AnthropicApiError).type).toBe('invalid_request_error');
  });

  it('bad x-sim-* control headers are 400s naming the header', async () => {
    const res = await post(sim(), '/v1/chat/completions', JSON.stringify(chatBody), { 'x-sim-latency-ms': 'soon' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe('x-sim-latency-ms');
    const bad = await post(sim(), '/v1/chat/completions', JSON.stringify(chatBody), { 'x-sim-reply': '%E0%A4%A' });
    expect(bad.status).toBe(400);
  });
});

describe('simulator: routes, keys, sizes and garbage', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ apiKey: 'sk-right-key-123456', maxBodyBytes: 2048 });
  });
  afterAll(() => sim.close());

  it('unknown routes and wrong methods get 404 in the caller\'s shape', async () => {
    const auth = { authorization: 'Bearer sk-right-key-123456' };
    const res = await fetch(`${sim.url}/v1/images/generations`, { method: 'POST', headers: auth, body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/images/generations)', type: 'invalid_request_error', param: null, code: null } });
    expect((await fetch(`${sim.url}/v1/chat/completions`, { headers: auth })).status).toBe(404);
    const anth = await fetch(`${sim.url}/v2/nothing`, { headers: { 'x-api-key': 'sk-right-key-123456', 'anthropic-version': '2023-06-01' } });
    expect(anth.status).toBe(404);
    expect(await anth.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(sim.stats().byRoute['(unknown)']).toBe(2);
  });

  it('a wrong or missing key gets 401 in each SDK, and the key is never echoed', async () => {
    const e = await rejectionOf(openaiFor(sim, { apiKey: 'sk-wrong-key-999999' }).chat.completions.create(chatBody as never));
    expect(e).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((e as OpenAIApiError).code).toBe('invalid_api_key');
    expect(JSON.stringify((e as OpenAIApiError).error)).not.toContain('sk-wrong-key-999999');
    const a = await rejectionOf(anthropicFor(sim, { apiKey: 'sk-wrong-key-999999' }).messages.create(messagesBody as never));
    expect(a).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((a as AnthropicApiError).type).toBe('authentication_error');
    const none = await post(sim, '/v1/chat/completions', JSON.stringify(chatBody));
    expect(none.status).toBe(401);
    const ok = await openaiFor(sim, { apiKey: 'sk-right-key-123456' }).chat.completions.create(chatBody as never);
    expect(ok.object).toBe('chat.completion');
    expect((await openaiFor(sim, { apiKey: 'sk-right-key-123456' }).models.list()).data.length).toBeGreaterThan(0);
  });

  it('an oversized body gets 413 (the SDKs read it as an APIError)', async () => {
    const big = { ...chatBody, messages: [{ role: 'user', content: 'x'.repeat(5000) }] };
    const e = await rejectionOf(openaiFor(sim, { apiKey: 'sk-right-key-123456' }).chat.completions.create(big as never));
    expect(e).toBeInstanceOf(OpenAI.APIError);
    expect((e as OpenAIApiError).status).toBe(413);
    const res = await post(sim, '/v1/messages', JSON.stringify({ ...messagesBody, system: 'y'.repeat(5000) }), { 'x-api-key': 'sk-right-key-123456' });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('survives garbage bytes and half-sent requests on raw sockets', async () => {
    const send = (bytes: string | Buffer): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(sim.port, '127.0.0.1', () => socket.end(bytes));
        let out = '';
        socket.on('data', (d) => (out += d.toString()));
        socket.on('close', () => resolve(out));
        socket.on('error', () => resolve(out));
      });
    expect(await send('\x00\xff garbage \r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await send(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])); // a TLS hello to a plain port
    await send('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{"model":'); // body cut short
    const ok = await openaiFor(sim, { apiKey: 'sk-right-key-123456' }).chat.completions.create(chatBody as never);
    expect(ok.choices).toHaveLength(1);
  });
});

describe('simulator: GET /v1/models', () => {
  it('lists models in the OpenAI shape, and in the Anthropic shape for the Anthropic SDK', async () => {
    const sim = await startSimulator({ models: ['model-a', 'model-b'] });
    try {
      const list = await openaiFor(sim).models.list();
      expect(list.data.map((m) => [m.id, m.object])).toEqual([['model-a', 'model'], ['model-b', 'model']]);
      const anth = await anthropicFor(sim).models.list();
      expect(anth.data.map((m) => [m.id, m.type])).toEqual([['model-a', 'model'], ['model-b', 'model']]);
    } finally {
      await sim.close();
    }
  });
});
