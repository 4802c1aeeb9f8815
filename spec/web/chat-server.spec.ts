// The chat server's HTTP contract and guards, over real HTTP against the simulator (no browser): the UI message
// stream read by remoteModel (thinking, tools run on the server, the answer), 413 / 429 / 415 / 400 / 403 / 405 /
// 404, the page's settings ignored, a client that goes away aborts the upstream call, errors carry no key.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { anthropicMessages, isStreamError, openAIChat, remoteModel, type AgentGeneration } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';
import { chatAgent } from '../../examples/web/chat-agent.js';
import { startChatServer, type ChatServer, type ChatServerOptions } from '../../examples/web/chat-server.js';
import { call } from './http-call.js';
import { waitUntil } from '../support/rx-helpers.js';

/** A user's text as a UI message, as `remoteModel` and `useChat` send it. */
const userMessage = (text: unknown, id = 'm1'): unknown => ({ id, role: 'user', parts: [{ type: 'text', text }] });

/** A chat request: the conversation (one user message when given a text) and extra body fields. */
const chatRequest = (conversation: unknown, extra: Record<string, unknown> = {}): { headers: Record<string, string>; body: string } => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ messages: typeof conversation === 'string' ? [userMessage(conversation)] : conversation, trigger: 'submit-message', ...extra }),
});

/** The UI message chunks of an SSE body ([DONE] last). */
function chunksOf(body: string): { type: string; [key: string]: unknown }[] {
  const events = body.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
  expect(events[events.length - 1]).toBe('[DONE]');
  return events.slice(0, -1).map((e) => JSON.parse(e) as { type: string });
}

describe('chat server (examples/web)', () => {
  let sim: SimulatorHandle;
  const servers: ChatServer[] = [];
  // The demo's model: Claude with thinking and the two tools, on the simulator.
  const serve = async (options: Partial<ChatServerOptions> = {}): Promise<ChatServer> => {
    const claude = anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey: 'sk-server-key-0123456789', reasoning: { budgetTokens: 1024 } });
    const server = await startChatServer({ model: chatAgent(claude, { weatherDelayMs: 20 }), ...options });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    sim = await startSimulator({ apiKey: 'sk-server-key-0123456789' });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    sim.configure({ tokensPerSecond: 0 });
    sim.resetStats();
  });
  afterAll(() => sim.close());

  it('binds 127.0.0.1 by default and serves the page and its bundled script with security headers', async () => {
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await call(server.url, { method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/chat.js"></script>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await call(server.url, { method: 'GET', path: '/chat.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('/api/chat');
    expect(script.body).not.toContain('sk-server-key');
  });

  it('answers a conversation as a UI message stream: thinking, the tools run on the server, the answer', async () => {
    const server = await serve();
    const raw = await call(server.url, chatRequest('Hello there'));
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(raw.headers['x-vercel-ai-ui-message-stream']).toBe('v1');
    const types = chunksOf(raw.body).map((c) => c.type);
    expect(types[0]).toBe('start');
    expect(types).toEqual(expect.arrayContaining(['reasoning-delta', 'text-delta', 'finish']));

    // What the page does: remoteModel reads it back into the events the server's model streamed.
    const page = remoteModel({ url: `${server.url}/api/chat` });
    const answer = (await lastValueFrom(page.generate('What is the weather in Lisbon? Use get_weather and get_time.'))) as AgentGeneration;
    expect(answer.steps).toHaveLength(2);
    expect(answer.steps[0]!.reasoning).not.toBe('');
    expect(answer.steps[0]!.toolCalls.map((c) => [c.toolName, c.input])).toEqual([
      ['get_weather', { city: 'Lisbon' }],
      ['get_time', { city: 'Lisbon' }],
    ]);
    const results = answer.messages.flatMap((m) => (m.role === 'tool' ? m.content : []));
    expect(results.map((r) => [r.toolName, r.isError ?? false])).toEqual([['get_weather', false], ['get_time', false]]);
    expect(results[1]!.output).toEqual({ city: 'Lisbon', timeZone: 'Europe/Lisbon', time: expect.stringMatching(/^\d\d:\d\d$/) });
    expect(answer.text).toContain('The get_weather tool says');
    expect(answer.finishReason).toBe('stop');

    // The conversation goes on: the tool loop goes back with its signed thinking, which the provider checks.
    const next = await lastValueFrom(page.generate([{ role: 'user', content: 'What is the weather in Lisbon? Use get_weather.' }, ...answer.messages, { role: 'user', content: 'Thanks! And a short poem?' }]));
    expect(next.finishReason).toBe('stop');
    expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 4, requestsCompleted: 4 }));
  });

  it("ignores the page's settings: the server decides (maxTokens, tools, temperature)", async () => {
    const server = await serve();
    const page = remoteModel({ url: `${server.url}/api/chat` });
    const answer = await lastValueFrom(page.generate('Tell me a long story', { maxTokens: 1, toolChoice: 'none', temperature: 1.5 }));
    expect(answer.finishReason).toBe('stop');
    expect(answer.text.split(/\s+/).length).toBeGreaterThan(20);
  });

  it('refuses a body over maxBodyBytes with 413, declared or chunked, without calling the model', async () => {
    const server = await serve({ maxBodyBytes: 1_000 });
    const big = chatRequest('x'.repeat(2_000));
    expect((await call(server.url, big)).status).toBe(413);
    expect((await call(server.url, { ...big, chunked: true })).status).toBe(413);
    expect(sim.stats().requestsReceived).toBe(0);
  });

  it('limits prompts per client with 429 and a retry-after', async () => {
    const server = await serve({ requestsPerMinute: 2 });
    expect((await call(server.url, chatRequest('one'))).status).toBe(200);
    expect((await call(server.url, chatRequest('two'))).status).toBe(200);
    const third = await call(server.url, chatRequest('three'));
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(sim.stats().requestsReceived).toBe(2);
  });

  it('rejects bad requests: not JSON (415), invalid JSON or conversation (400), wrong method (405), unknown path (404)', async () => {
    const server = await serve({ maxPromptChars: 10, maxMessages: 3 });
    const refused = async (request: { headers?: Record<string, string>; body?: string; method?: string; path?: string }, status: number, text?: RegExp): Promise<void> => {
      const reply = await call(server.url, request);
      expect([reply.status, reply.body]).toEqual([status, text ? expect.stringMatching(text) : expect.anything()]);
    };
    await refused({ body: 'prompt=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415);
    await refused({ body: '{nope', headers: { 'content-type': 'application/json' } }, 400, /not valid JSON/);
    await refused({ body: '{"prompt":"hi"}', headers: { 'content-type': 'application/json' } }, 400, /messages/); // the old demo's body
    await refused(chatRequest([{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 42 }] }]), 400, /messages\[0\]\.parts\[0\]\.text/);
    await refused(chatRequest('  '), 400, /empty/);
    await refused(chatRequest('far too long a prompt'), 400, /longer than 10 characters/);
    await refused(chatRequest([userMessage('hi'), { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] }]), 400, /end with a user message/);
    await refused(chatRequest(['a', 'b', 'c', 'd'].map((t, i) => userMessage(t, `m${i}`))), 400, /longer than 3 messages/);
    await refused({ method: 'GET' }, 405);
    await refused({ method: 'GET', path: '/etc/passwd' }, 404);
    expect(sim.stats().requestsReceived).toBe(0);
  });

  it('refuses a cross-site Origin and a foreign Host (DNS rebinding) with 403', async () => {
    const server = await serve();
    const hi = chatRequest('hi');
    const crossSite = await call(server.url, { ...hi, headers: { ...hi.headers, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    const sameSite = await call(server.url, { ...hi, headers: { ...hi.headers, origin: server.url } });
    expect(sameSite.status).toBe(200);
    expect((await call(server.url, { method: 'GET', path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('a client that goes away mid-stream makes the server abort its upstream call', async () => {
    sim.configure({ tokensPerSecond: 20 });
    const server = await serve();
    await new Promise<void>((resolve, reject) => {
      const req = request(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.once('data', () => {
          req.destroy(); // the first token arrived: hang up
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('timeout', reject);
      req.end(chatRequest('A long story please').body);
    });
    await waitUntil(() => sim.stats().requestsAborted === 1, 5_000, 'the upstream abort');
    expect(sim.stats().requestsCompleted).toBe(0);
  });

  it('sends a model error as an error chunk the page reads as a StreamError, without the API key', async () => {
    const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'sk-wrong-key-9876543210' });
    const server = await startChatServer({ model });
    servers.push(server);
    const reply = await call(server.url, chatRequest('hi'));
    expect(chunksOf(reply.body).find((c) => c.type === 'error')).toEqual({ type: 'error', errorText: expect.stringMatching(/^AuthenticationError: /) });
    expect(reply.body).not.toContain('sk-wrong-key-9876543210');
    const error = await lastValueFrom(remoteModel({ url: `${server.url}/api/chat` }).generate('hi')).catch((e: unknown) => e);
    expect(isStreamError(error) && error.message).toMatch(/AuthenticationError/);
    expect(String((error as Error).stack)).not.toContain('sk-wrong-key-9876543210');
  });

  it('npm run demo:web (examples/web/main.ts) starts on the simulator and stops cleanly on SIGINT', async () => {
    const root = join(__dirname, '..', '..');
    const env = { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' };
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['examples/web/main.ts', '--port', '0'], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitUntil(() => /Chat page: http:\/\/127\.0\.0\.1:\d+\//.test(out), 30_000, 'the chat page URL');
      const url = /Chat page: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
      expect(out).toMatch(/model: rxllm's embedded simulator/);
      expect((await call(url, { method: 'GET', path: '/' })).status).toBe(200);
      expect(chunksOf((await call(url, chatRequest('hi'))).body).map((c) => c.type)).toContain('finish');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/Simulator: 1 answers completed, 0 aborted/);
  }, 40_000);
});
