import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChatServer } from '../../examples/web/chat-server.js';
import { main } from '../../src/cli/main.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { startSimulator } from '../../src/testing/index.js';
import { recordingIo } from '../cli/cli-fixture.js';
import { leaks, PLANTED } from './exposure.js';

// The CLI's output (rxllm serve, rxllm run) and the web demo server never show a planted key; the simulator
// and the web demo bind to loopback by default.

const ROOT = join(__dirname, '..', '..');
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('rxllm serve --api-key', () => {
  it('never prints the key, never echoes it in a 401, and binds 127.0.0.1', async () => {
    const io = recordingIo();
    const exit = main(['serve', '--port', '0', '--api-key', PLANTED.plain], io);
    const line = await io.firstLine();
    expect(line).toMatch(/^rxllm simulator listening on http:\/\/127\.0\.0\.1:\d+ /);
    const base = /OpenAI baseURL: (\S+),/.exec(line)![1]!;
    const wrong = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PLANTED.openai}`, 'content-type': 'application/json' },
      body: JSON.stringify(chat),
    });
    expect(wrong.status).toBe(401);
    const wrongBody = await wrong.text();
    const missing = await fetch(`${base}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat) });
    expect(missing.status).toBe(401);
    const right = await new OpenAI({ baseURL: base, apiKey: PLANTED.plain, maxRetries: 0 }).chat.completions.create(chat);
    expect(right.choices[0]!.message.content).toBeTruthy();
    io.shutdown('SIGINT');
    expect(await exit).toBe(0);
    expect(leaks([...io.out, ...io.err, wrongBody, await missing.text(), JSON.stringify(Object.fromEntries(wrong.headers as unknown as Iterable<[string, string]>))])).toEqual([]);
  });

  it('a usage error next to the key does not print the key', async () => {
    const io = recordingIo();
    const code = await main(['serve', '--api-key', PLANTED.openai, '--port', 'nope', `--bogus=${PLANTED.plain}`], io);
    expect(code).toBe(2);
    expect(io.err.join('')).not.toBe('');
    expect(leaks([...io.out, ...io.err])).toEqual([]);
  });
});

describe('rxllm run', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rxllm-keys-'));
    writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify({ id: 'a', prompt: 'Hello' })}\n${JSON.stringify({ id: 'b', prompt: 'Hi' })}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'spec/cli/fixtures/rxllm-dev.ts', 'run', ...args], {
        cwd: ROOT,
        env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
  }

  it('a rejected key (401) and an accepted one: neither shows in stdout, stderr or the results file', async () => {
    const sim = await startSimulator({ apiKey: PLANTED.plain });
    try {
      const texts: string[] = [];
      for (const [provider, key, base] of [
        ['openai:gpt-4o-mini', PLANTED.openai, sim.openaiBaseURL],
        ['anthropic:claude-haiku-4-5', PLANTED.anthropic, sim.anthropicBaseURL],
        ['openai:gpt-4o-mini', PLANTED.plain, sim.openaiBaseURL],
      ] as const) {
        const output = join(dir, `out-${texts.length}.jsonl`);
        const env = provider.startsWith('anthropic') ? { ANTHROPIC_API_KEY: key } : { OPENAI_API_KEY: key };
        const result = await run([join(dir, 'in.jsonl'), '-o', output, '--model', provider, '--base-url', base, '--no-progress', '--retries', '0'], env);
        expect([provider, key === PLANTED.plain ? 0 : 2]).toEqual([provider, result.code]);
        texts.push(result.out, readFileSync(output, 'utf8'));
      }
      expect(texts.join('')).toMatch(/AuthenticationError/);
      expect(leaks(texts)).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 60_000);
});

describe('web demo server', () => {
  it('keeps the key server-side (page, script, error events), binds 127.0.0.1, limits body size and rate', async () => {
    const sim = await startSimulator({ apiKey: 'sk-the-only-right-key-0000' });
    const model = openAIChat({ model: 'gpt-4o-mini', apiKey: PLANTED.openai, baseURL: sim.openaiBaseURL });
    const server = await startChatServer({ model, requestsPerMinute: 3, maxBodyBytes: 1_024 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await (await fetch(`${server.url}/`)).text();
      const script = await (await fetch(`${server.url}/chat.js`)).text();
      const post = (body: string): Promise<Response> =>
        fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const ask = (text: string): string => JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }] });
      const failed = await post(ask('Hello'));
      const events = await failed.text();
      expect(events).toMatch(/"type":"error","errorText":"AuthenticationError: /);
      expect((await post(ask('x'.repeat(4_000)))).status).toBe(413);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(ask('again'))).status);
      expect(statuses).toContain(429);
      expect(leaks([page, script, events])).toEqual([]);
    } finally {
      await server.close();
      await sim.close();
    }
  });
});

describe('loopback by default', () => {
  it('the simulator binds 127.0.0.1 unless told otherwise', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sim.close();
    }
  });
});
