import { inspect } from 'node:util';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { callbackSink } from '../../src/tracking/callback-sink.js';
import { promptLayerSink } from '../../src/tracking/prompt-layer-sink.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PL_KEY = 'pl_PLANTED_promptlayer_key_0123456789';
let sim: SimulatorHandle;
let promptLayer: TestServer;
let status = 200;
beforeAll(async () => {
  sim = await startSimulator();
  promptLayer = await startTestServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { success: true, request_id: 42 } : { success: false, message: 'bad key' }));
  });
});
afterAll(async () => {
  await sim.close();
  await promptLayer.close();
});
beforeEach(() => {
  status = 200;
  promptLayer.requests.length = 0;
});

const url = () => `${promptLayer.url}/rest/track-request`;

describe('promptLayerSink', () => {
  it('posts a track-request for every successful call (generate and stream), with tags and timing', async () => {
    const sink = promptLayerSink({ apiKey: PL_KEY, url: url(), tags: ['rxllm'] });
    const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-openai-key-for-tracking-000', baseURL: sim.openaiBaseURL, track: sink, tags: ['model-tag'] });
    const g = await firstValueFrom(model.generate('Hello', { tags: ['call-tag'], temperature: 0 }));
    await lastValueFrom(model.stream('Stream me').pipe(toArray()));
    await sink.flush();
    expect(promptLayer.requests).toHaveLength(2);
    const [first, second] = promptLayer.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(promptLayer.requests[0]).toMatchObject({ method: 'POST', url: '/rest/track-request' });
    expect(promptLayer.requests[0]!.headers['content-type']).toBe('application/json');
    expect(first).toMatchObject({
      function_name: 'openai.ChatCompletion.create',
      kwargs: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], temperature: 0 },
      request_response: { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: g.text }, finish_reason: 'stop' }] },
      tags: ['rxllm', 'model-tag', 'call-tag'],
      api_key: PL_KEY,
    });
    expect(first!.request_end_time as number).toBeGreaterThanOrEqual(first!.request_start_time as number);
    expect(first!.request_start_time as number).toBeLessThan(Date.now() / 1000 + 1);
    expect(second).toMatchObject({ kwargs: { messages: [{ role: 'user', content: 'Stream me' }] } });
    // Neither the OpenAI key nor any header travels to PromptLayer.
    for (const r of promptLayer.requests) expect(r.body).not.toContain('sk-openai-key-for-tracking');
  });

  it('Anthropic calls are posted as anthropic.messages.create', async () => {
    const sink = promptLayerSink({ apiKey: PL_KEY, url: url() });
    const model = anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-ant-tracking-0000000', baseURL: sim.anthropicBaseURL, track: [sink] });
    await firstValueFrom(model.generate([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]));
    await sink.flush();
    expect(JSON.parse(promptLayer.requests[0]!.body)).toMatchObject({
      function_name: 'anthropic.messages.create',
      kwargs: { model: 'claude-haiku-4-5', system: 'Be brief.', max_tokens: 1024 },
      request_response: { type: 'message', stop_reason: 'end_turn' },
    });
  });

  it('failed and cancelled calls are not posted; a failing endpoint goes to onError without the key', async () => {
    const errors: Error[] = [];
    const sink = promptLayerSink({ apiKey: PL_KEY, url: url(), onError: (e) => errors.push(e) });
    const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-openai-key-for-tracking-000', baseURL: sim.openaiBaseURL, track: sink });
    await firstValueFrom(model.generate('Hi', { headers: { 'x-sim-fault': 'server-error' } })).catch(() => undefined);
    model.generate('Hi').subscribe().unsubscribe();
    await sink.flush();
    expect(promptLayer.requests).toHaveLength(0);
    status = 401;
    await firstValueFrom(model.generate('Hi'));
    await sink.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('HTTP 401');
    expect(`${errors[0]!.message} ${inspect(errors[0])}`).not.toContain('PLANTED_promptlayer');
  });

  it('an unreachable endpoint never breaks the call', async () => {
    const errors: Error[] = [];
    const sink = promptLayerSink({ apiKey: PL_KEY, url: 'http://127.0.0.1:9/rest/track-request', onError: (e) => errors.push(e) });
    const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-openai-key-for-tracking-000', baseURL: sim.openaiBaseURL, track: sink });
    const g = await firstValueFrom(model.generate('Hi'));
    expect(g.text.length).toBeGreaterThan(0);
    await sink.flush();
    expect(errors).toHaveLength(1);
  });

  it('uses the given fetch; checks its options at once', async () => {
    const posted: string[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      posted.push(String(init.body));
      return new Response('{"success":true}', { status: 200 });
    }) as unknown as typeof fetch;
    const sink = promptLayerSink({ apiKey: PL_KEY, fetch: fakeFetch });
    const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-openai-key-for-tracking-000', baseURL: sim.openaiBaseURL, track: sink });
    await firstValueFrom(model.generate('Hi'));
    await sink.flush();
    expect(posted).toHaveLength(1);
    expect(() => promptLayerSink({ apiKey: '' })).toThrow(InvalidArgumentError);
    expect(() => promptLayerSink({ apiKey: 'k', url: 'ftp://x' })).toThrow(expect.objectContaining({ argument: 'url' }));
  });
});

describe('tracking events from a real model', () => {
  it('request, first-token, response for a stream; a throwing sink does not break the call', async () => {
    const events: TrackingEvent[] = [];
    const model = openAIChat({
      model: 'gpt-4o-mini',
      apiKey: 'sk-openai-key-for-tracking-000',
      baseURL: sim.openaiBaseURL,
      track: [
        () => {
          throw new Error('broken sink');
        },
        callbackSink((e) => events.push(e)),
      ],
    });
    const out = await lastValueFrom(model.stream('Hi', { tags: ['t1'] }).pipe(toArray()));
    expect(out.length).toBeGreaterThan(2);
    expect(events.map((e) => e.type)).toEqual(['request', 'first-token', 'response']);
    expect(events[0]).toMatchObject({ type: 'request', input: 'Hi', call: { stream: true, tags: ['t1'], provider: 'openai.chat' } });
    expect(JSON.stringify(events)).not.toContain('sk-openai-key-for-tracking');
  });
});
