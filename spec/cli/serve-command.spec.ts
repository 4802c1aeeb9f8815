import { spawn } from 'node:child_process';
import { join } from 'node:path';
import OpenAI from 'openai';
import { main } from '../../src/cli/main.js';
import { parseFaultRate } from '../../src/cli/serve-command.js';
import { UsageError } from '../../src/cli/cli-io.js';
import { recordingIo } from './cli-fixture.js';

const ROOT = join(__dirname, '..', '..');
const LINE = /^rxllm simulator listening on (http:\/\/127\.0\.0\.1:\d+) \(OpenAI baseURL: (\S+), Anthropic baseURL: (\S+)\)$/;
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('rxllm serve (in process)', () => {
  it('prints one line with the URL and both base URLs, serves with the flags, and stops on shutdown', async () => {
    const io = recordingIo();
    const exit = main(['serve', '--port', '0', '--latency', '50', '--api-key', 'sk-cli-key-1234567', '--rpm', '2'], io);
    const match = LINE.exec(await io.firstLine());
    expect(match).not.toBeNull();
    const [, url, openaiBase, anthropicBase] = match!;
    expect(openaiBase).toBe(`${url}/v1`);
    expect(anthropicBase).toBe(url);
    const openai = new OpenAI({ baseURL: openaiBase, apiKey: 'sk-cli-key-1234567', maxRetries: 0 });
    const t0 = Date.now();
    const { response } = await openai.chat.completions.create(chat).withResponse();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    await expect(new OpenAI({ baseURL: openaiBase, apiKey: 'sk-wrong-000000000', maxRetries: 0 }).chat.completions.create(chat)).rejects.toMatchObject({ status: 401 });
    io.shutdown('SIGINT');
    expect(await exit).toBe(0);
    expect(io.out).toHaveLength(1);
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  });

  it('serve --help prints the options and exits 0', async () => {
    const io = recordingIo();
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('--tokens-per-second');
  });

  it('parses --fault-rate as a probability or kind=probability pairs', () => {
    expect(parseFaultRate('0.1')).toEqual([{ kind: 'server-error', probability: 0.1 }]);
    expect(parseFaultRate('rate-limit=0.05, overloaded=0.5')).toEqual([
      { kind: 'rate-limit', probability: 0.05 },
      { kind: 'overloaded', probability: 0.5 },
    ]);
    expect(() => parseFaultRate('2')).toThrow(UsageError);
    expect(() => parseFaultRate('boom=0.1')).toThrow('unknown fault kind "boom"');
    expect(() => parseFaultRate('reset=')).toThrow(UsageError);
  });
});

describe('rxllm serve (child process)', () => {
  function run(args: string[]): { child: ReturnType<typeof spawn>; firstLine: Promise<string>; exit: Promise<number | null>; stderr: () => string } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'spec/cli/fixtures/rxllm-dev.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const firstLine = new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.on('exit', () => reject(new Error(`exited before printing: ${err}`)));
    });
    firstLine.catch(() => undefined);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, firstLine, exit, stderr: () => err };
  }

  it('starts, answers a real SDK request, and exits 0 on SIGTERM', async () => {
    const proc = run(['serve', '--port', '0', '--tokens-per-second', '1000']);
    try {
      const [, , openaiBase] = LINE.exec(await proc.firstLine)!;
      const answer = await new OpenAI({ baseURL: openaiBase, apiKey: 'k', maxRetries: 0 }).chat.completions.create(chat);
      expect(answer.choices[0]!.finish_reason).toBe('stop');
      proc.child.kill('SIGTERM');
      expect(await proc.exit).toBe(0);
    } finally {
      proc.child.kill('SIGKILL');
    }
  });

  it('exits 2 with a message and no stack for a bad flag', async () => {
    const proc = run(['serve', '--port', 'eighty']);
    expect(await proc.exit).toBe(2);
    expect(proc.stderr()).toContain('--port expects an integer');
    expect(proc.stderr()).not.toMatch(/\n\s+at /);
  });
});
