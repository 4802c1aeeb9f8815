// The chat server's HTTP contract and guards, over real HTTP against the simulator (no browser): SSE events,
// 413 / 429 / 415 / 400 / 403 / 405 / 404, a client that goes away aborts the upstream call, errors carry no key.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { openAIChat } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';
import { startChatServer, type ChatServer, type ChatServerOptions } from '../../examples/web/chat-server.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function call(url: string, init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    const req = request(`${url}${init.path ?? '/api/chat'}`, { method: init.method ?? 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.chunked) req.setHeader('transfer-encoding', 'chunked');
    req.end(init.body);
  });
}

const json = (prompt: unknown): { headers: Record<string, string>; body: string } => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ prompt }),
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('chat server (examples/web)', () => {
  let sim: SimulatorHandle;
  const servers: ChatServer[] = [];
  const serve = async (options: Partial<ChatServerOptions> = {}): Promise<ChatServer> => {
    const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'sk-server-key-0123456789' });
    const server = await startChatServer({ model, ...options });
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

  it('streams a prompt as server-sent events: deltas, done, usage', async () => {
    const server = await serve();
    const reply = await call(server.url, json('Hello there'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = reply.body.split('\n\n').filter(Boolean).map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse((dataLine ?? '').replace(/^data: /, '')) as { type: string; text?: string };
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
    const types = events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['done', 'usage']);
    expect(types.slice(0, -2).every((t) => t === 'delta')).toBe(true);
    expect(events.filter((e) => e.type === 'delta').map((e) => e.text).join('')).toMatch(/^\S.+[.!?]$/); // a whole reply: "Hello there" gets small talk
    expect(sim.stats().requestsCompleted).toBe(1);
  });

  it('refuses a body over maxBodyBytes with 413, declared or chunked, without calling the model', async () => {
    const server = await serve({ maxBodyBytes: 1_000 });
    const big = json('x'.repeat(2_000));
    expect((await call(server.url, big)).status).toBe(413);
    expect((await call(server.url, { ...big, chunked: true })).status).toBe(413);
    expect(sim.stats().requestsReceived).toBe(0);
  });

  it('limits prompts per client with 429 and a retry-after', async () => {
    const server = await serve({ requestsPerMinute: 2 });
    expect((await call(server.url, json('one'))).status).toBe(200);
    expect((await call(server.url, json('two'))).status).toBe(200);
    const third = await call(server.url, json('three'));
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(sim.stats().requestsReceived).toBe(2);
  });

  it('rejects bad requests: not JSON (415), invalid JSON or prompt (400), wrong method (405), unknown path (404)', async () => {
    const server = await serve({ maxPromptChars: 10 });
    expect((await call(server.url, { body: 'prompt=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    expect((await call(server.url, { body: '{nope', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await call(server.url, json('  '))).status).toBe(400);
    expect((await call(server.url, json(42))).status).toBe(400);
    expect((await call(server.url, json('far too long a prompt'))).status).toBe(400);
    expect((await call(server.url, { method: 'GET' })).status).toBe(405);
    expect((await call(server.url, { method: 'GET', path: '/etc/passwd' })).status).toBe(404);
    expect(sim.stats().requestsReceived).toBe(0);
  });

  it('refuses a cross-site Origin and a foreign Host (DNS rebinding) with 403', async () => {
    const server = await serve();
    const crossSite = await call(server.url, { ...json('hi'), headers: { ...json('hi').headers, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    const sameSite = await call(server.url, { ...json('hi'), headers: { ...json('hi').headers, origin: server.url } });
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
      req.end(JSON.stringify({ prompt: 'A long story please' }));
    });
    await until(() => sim.stats().requestsAborted === 1, 'the upstream abort');
    expect(sim.stats().requestsCompleted).toBe(0);
  });

  it('sends a model error as an error event, without the API key', async () => {
    const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'sk-wrong-key-9876543210' });
    const server = await startChatServer({ model });
    servers.push(server);
    const reply = await call(server.url, json('hi'));
    expect(reply.body).toMatch(/^event: error\ndata: \{"type":"error","name":"AuthenticationError","message":".+"\}\n\n$/);
    expect(reply.body).not.toContain('sk-wrong-key-9876543210');
  });

  it('npm run demo:web (examples/web/main.ts) starts on the simulator and stops cleanly on SIGINT', async () => {
    const root = join(__dirname, '..', '..');
    const env = { ...process.env, OPENAI_API_KEY: '' };
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['examples/web/main.ts', '--port', '0'], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /Chat page: http:\/\/127\.0\.0\.1:\d+\//.test(out), 'the chat page URL', 30_000);
      const url = /Chat page: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
      expect(out).toMatch(/model: rxllm's embedded simulator/);
      expect((await call(url, { method: 'GET', path: '/' })).status).toBe(200);
      expect((await call(url, json('hi'))).body).toContain('event: done');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/Simulator: 1 answers completed, 0 aborted/);
  }, 40_000);
});
