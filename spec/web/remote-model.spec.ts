// remoteModel against rxllm's own server helpers over real HTTP: the server streams a real provider call (the
// official SDKs against the simulator) as a UI message stream, remoteModel turns it back into the same events.
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import type { AgentGeneration } from '../../src/core/agent-generation.js';
import { GenerationCollector } from '../../src/core/generation-collector.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { isAbortError } from '../../src/errors/abort-error.js';
import { isAuthenticationError } from '../../src/errors/authentication-error.js';
import { isBadRequestError } from '../../src/errors/bad-request-error.js';
import { isConnectionError } from '../../src/errors/connection-error.js';
import { isRateLimitError, type RateLimitError } from '../../src/errors/rate-limit-error.js';
import { isStreamError, type StreamError } from '../../src/errors/stream-error.js';
import { tool } from '../../src/models/with-tools/tool.js';
import { withTools } from '../../src/models/with-tools/with-tools.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { remoteModel } from '../../src/web/remote-model.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { errorOf } from '../support/rx-helpers.js';
import { useSharedSimulator } from '../support/shared-simulator.js';
import { startTestServer } from '../support/test-server.js';
import { startUiStreamServer, type Serve, type UiStreamServer } from '../support/ui-stream-server.js';

const sim = useSharedSimulator();
const KEY = 'sk-server-side-secret-0000';

const openai = (): LanguageModel => openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: sim().openaiBaseURL });
const anthropicThinking = (): LanguageModel =>
  anthropicMessages({ model: 'claude-haiku-4-5', apiKey: KEY, baseURL: sim().anthropicBaseURL, reasoning: { budgetTokens: 1024 } });
const cityTools = [
  tool({ name: 'get_weather', description: 'The weather in a city', inputSchema: z.object({ city: z.string() }), execute: ({ city }) => ({ city, tempC: 21 }) }),
  tool({ name: 'get_time', description: 'The time in a city', inputSchema: z.object({ city: z.string() }), execute: ({ city }) => `14:05 in ${city}` }),
];

const servers: UiStreamServer[] = [];
async function serve(how: Serve, mode: 'pipe' | 'response' = 'pipe'): Promise<UiStreamServer> {
  const server = await startUiStreamServer(how, mode);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const events = (model: LanguageModel, input: string): Promise<GenerationEvent[]> => lastValueFrom(model.stream(input).pipe(toArray()));
const collected = (provider: string, modelId: string, list: readonly GenerationEvent[]) => {
  const c = new GenerationCollector(provider, modelId);
  for (const e of list) c.push(e);
  return c.result();
};

describe.each(['pipe', 'response'] as const)('remoteModel <- rxllm server (%s)', (mode) => {
  it('a model\'s stream: the page gets the server\'s very events; generate gives the same Generation', async () => {
    const server = await serve((input, settings) => openai().stream(input, settings), mode);
    const model = remoteModel({ url: server.url });
    const received = await events(model, 'Tell me about reactive streams');
    const sent = server.served[0]!.events;
    expect(sent.some((e) => e.type === 'text-delta')).toBe(true);
    expect(received).toEqual(sent);

    const g = await firstValueFrom(model.generate('Tell me about reactive streams'));
    expect(g).toEqual(collected('openai.chat', 'gpt-4o-mini', server.served[1]!.events));
    expect(g).toMatchObject({ provider: 'openai.chat', finishReason: 'stop', usage: { inputTokens: expect.any(Number) } });
    expect(model).toMatchObject({ provider: 'remote', modelId: server.url });
  });

  it('reasoning with signatures (Anthropic thinking) arrives as the same events', async () => {
    const server = await serve((input, settings) => anthropicThinking().stream(input, settings), mode);
    const received = await events(remoteModel({ url: server.url }), 'Why is the sky blue?');
    expect(received.filter((e) => e.type === 'reasoning-signature')).toHaveLength(1);
    expect(received).toEqual(server.served[0]!.events);
  });

  it('an agent\'s stream: steps, tool calls and tool results; generate gives the same AgentGeneration', async () => {
    const server = await serve((input) => withTools(openai(), { tools: cityTools }).stream(input), mode);
    const model = remoteModel({ url: server.url });
    const received = await events(model, 'Use get_weather and get_time for Lisbon');
    expect(received).toEqual(server.served[0]!.events);
    expect(received.filter((e) => e.type === 'tool-result').map((e) => e.type === 'tool-result' && e.toolName).sort()).toEqual(['get_time', 'get_weather']);

    const g = (await firstValueFrom(model.generate('Use get_weather and get_time for Lisbon'))) as AgentGeneration;
    expect(g).toEqual(collected('openai.chat', 'gpt-4o-mini', server.served[1]!.events));
    expect(g.steps).toHaveLength(2);
    expect(g.text).toContain('14:05 in Lisbon');
  });
});

describe('remoteModel: the request', () => {
  it('POSTs the prompt as UI messages, with the call\'s settings, its headers and the body fields', async () => {
    const server = await serve((input, settings) => openai().stream(input, settings));
    const model = remoteModel({ url: server.url, headers: async () => ({ authorization: 'Bearer page-token' }), body: { chatId: 'c-1' } });
    await lastValueFrom(model.stream([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], { temperature: 0, maxTokens: 20, headers: { 'x-trace': 't1' } }));
    const [request] = server.served;
    expect(request!.headers).toMatchObject({ authorization: 'Bearer page-token', 'x-trace': 't1', 'content-type': 'application/json' });
    expect(request!.body).toEqual({
      chatId: 'c-1',
      trigger: 'submit-message',
      messages: [{ id: 'm0', role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] }, { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }],
      settings: { temperature: 0, maxTokens: 20 },
    });
    expect(request!.input).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('calls fetch as a plain function, as a browser\'s fetch requires ("Illegal invocation" with any other this)', async () => {
    const server = await serve((input) => openai().stream(input));
    const thisSeen: unknown[] = [];
    function browserLikeFetch(this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
      thisSeen.push(this);
      if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
      return fetch(...args);
    }
    const answer = await lastValueFrom(remoteModel({ url: server.url, fetch: browserLikeFetch }).generate('Hi'));
    expect(answer.text).not.toBe('');
    expect(thisSeen).toEqual([undefined]);
  });

  it('a tool loop in the page over a remote model: the tools run in the page, the conversation round-trips each step', async () => {
    const server = await serve((input, settings) => openai().stream(input, settings));
    const agent = withTools(remoteModel({ url: server.url }), { tools: cityTools });
    const g = await firstValueFrom(agent.generate('Use get_weather and get_time for Lisbon'));
    expect(g.steps).toHaveLength(2);
    expect(g.text).toContain('The get_weather tool says: "{"city":"Lisbon","tempC":21}"');
    // The second request carried the first step's tool calls and their results back to the server.
    expect(server.served[1]!.input.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(server.served[1]!.settings.tools?.map((t) => t.name)).toEqual(['get_weather', 'get_time']);
  });
});

describe('remoteModel: errors', () => {
  it('an HTTP error status gives that status\'s error (429 with its Retry-After, 401, 400 with the server\'s message)', async () => {
    const statuses = [429, 401];
    const http = await startTestServer((_req, res) => {
      const status = statuses.shift()!;
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end(JSON.stringify({ error: { message: status === 429 ? 'slow down' : 'who are you?' } }));
    });
    try {
      const model = remoteModel({ url: `${http.url}/api/chat` });
      const limited = (await errorOf(model.stream('Hi'))) as RateLimitError;
      expect(isRateLimitError(limited)).toBe(true);
      expect(limited).toMatchObject({ statusCode: 429, retryAfterMs: 3000, provider: 'remote', message: 'remote: HTTP 429: slow down' });
      expect(isAuthenticationError(await errorOf(model.generate('Hi')))).toBe(true);
    } finally {
      await http.close();
    }
    const server = await serve((input) => openai().stream(input));
    // The page sends a file the server cannot pass to a model: parseUiMessageRequest rejects it, the server answers 400.
    const pdf = [{ role: 'user' as const, content: [{ type: 'image' as const, image: 'https://example.com/a.pdf', mediaType: 'application/pdf' }] }];
    const bad = await errorOf(remoteModel({ url: server.url }).stream(pdf));
    expect(isBadRequestError(bad)).toBe(true);
    expect((bad as Error).message).toContain('remote: HTTP 400: Invalid argument "body.messages[0].parts[0].mediaType"');
  });

  it('the provider fails on the server: a StreamError with its text; retryable before any content, as the server\'s error was', async () => {
    sim().configure({ faults: [{ kind: 'rate-limit', params: { retryAfterMs: 1500 } }] });
    const server = await serve((input) => openai().stream(input));
    const before = (await errorOf(remoteModel({ url: server.url }).stream('Hi'))) as StreamError;
    expect(isStreamError(before)).toBe(true);
    expect(before).toMatchObject({ isRetryable: true, retryAfterMs: 1500, partialText: '' });
    expect(before.message).toMatch(/^RateLimitError: openai\.chat: HTTP 429/);
    expect(before.message).not.toContain(KEY);

    sim().configure({ faults: [{ kind: 'stream-error', params: { after: 3 } }] });
    const seen: GenerationEvent[] = [];
    const after = (await errorOf(remoteModel({ url: server.url }).stream('Tell me a story'), seen)) as StreamError;
    expect(after).toMatchObject({ name: 'StreamError', isRetryable: false });
    expect(after.partialText.length).toBeGreaterThan(0);
    expect(after.partialText).toBe(seen.map((e) => (e.type === 'text-delta' ? e.text : '')).join(''));
  });

  it('not a UI message stream: a StreamError; nobody listening: a ConnectionError', async () => {
    const http = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html></html>');
    });
    const url = `${http.url}/index.html`;
    try {
      const error = await errorOf(remoteModel({ url }).stream('Hi'));
      expect(isStreamError(error)).toBe(true);
      expect((error as Error).message).toContain('did not answer with a UI message stream');
    } finally {
      await http.close();
    }
    expect(isConnectionError(await errorOf(remoteModel({ url }).stream('Hi')))).toBe(true);
  });

  it('the call\'s signal aborts it: AbortError', async () => {
    sim().configure({ tokensPerSecond: 20 });
    const server = await serve((input) => openai().stream(input));
    const controller = new AbortController();
    const seen: GenerationEvent[] = [];
    const failing = errorOf(remoteModel({ url: server.url }).stream('Tell me a story', { signal: controller.signal }), seen);
    setTimeout(() => controller.abort(), 200);
    expect(isAbortError(await failing)).toBe(true);
    expect(isAbortError(await errorOf(remoteModel({ url: server.url }).stream('Hi', { signal: controller.signal })))).toBe(true);
  });

  it('bad options, prompts and call options throw InvalidArgumentError at once', () => {
    expectInvalid(() => remoteModel(undefined as never), 'options');
    expectInvalid(() => remoteModel({ url: '' }), 'options.url');
    expectInvalid(() => remoteModel({ url: '/api/chat' }), 'options.url'); // relative, and no page to resolve it against
    expectInvalid(() => remoteModel({ url: 'http://x', hedaers: {} } as never), 'options.hedaers');
    expectInvalid(() => remoteModel({ url: 'http://x', headers: { 'bad name': 'v' } }), 'options.headers["bad name"]');
    expectInvalid(() => remoteModel({ url: 'http://x', credentials: 'always' as never }), 'options.credentials');
    expectInvalid(() => remoteModel({ url: 'http://x', fetch: 1 as never }), 'options.fetch');
    const model = remoteModel({ url: 'http://x' });
    expectInvalid(() => model.stream([]), 'input');
    expectInvalid(() => model.generate('Hi', { temperature: -1 }), 'options.temperature');
  });
});
