// `rxllm embed` as a child process against the embedded simulator: batching, faults with retries, SIGKILL +
// resume, locking, exit codes.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { readOutput, startCli, tempDir, writePrompts, type CliOptions, type TempDir } from './run-fixture.js';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const embed = { command: 'embed' } as const;
const runEmbed = (args: readonly string[], options: CliOptions = {}) => startCli(args, { ...embed, ...options }).exit;
const writeTexts = (file: string, n: number): void => writePrompts(file, n, (i) => ({ id: `d${i}`, text: `Document number ${i} about embeddings` }));

interface VectorLine {
  readonly id: string | number;
  readonly requestHash: string;
  readonly embedding?: number[];
  readonly error?: { name: string };
  readonly attempts?: number;
}
const vectors = (file: string): VectorLine[] => readOutput(file) as unknown as VectorLine[];
const byId = (file: string): Map<string, number[] | undefined> => new Map(vectors(file).map((r) => [String(r.id), r.embedding]));

describe('rxllm embed (child process)', () => {
  it('1,000 texts in batches with injected 429s, 500s and resets: one line per id, every vector of the asked length', async () => {
    writeTexts(dir.path('in.jsonl'), 1000);
    const faults = [
      { kind: 'rate-limit', probability: 0.1, params: { retryAfterMs: 20 } },
      { kind: 'server-error', probability: 0.1 },
      { kind: 'reset', probability: 0.05 },
    ];
    const { code, stderr } = await runEmbed([
      dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-faults', JSON.stringify(faults), '--simulator-seed', '3',
      '--batch-size', '50', '--dimensions', '32', '--retries', '8', '--retry-delay', '5', '--no-progress',
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
    const out = vectors(dir.path('out.jsonl'));
    expect(out).toHaveLength(1000);
    expect(new Set(out.map((r) => r.id)).size).toBe(1000);
    for (const r of out) expect(r.embedding).toHaveLength(32);
    const requests = Number(/requests: ([\d,]+) \((\d+) retries\)/.exec(stderr)![1]!.replace(/,/g, ''));
    const retries = Number(/requests: [\d,]+ \((\d+) retries\)/.exec(stderr)![1]);
    expect(requests - retries).toBe(20); // 1,000 texts in batches of 50
    expect(retries).toBeGreaterThan(0);
    expect(stderr).toContain('rxllm embed: 1,000 written in');
    expect(stderr).toMatch(/tokens: [\d,]+ in \+ 0 out = [\d,]+; estimated cost \$/);
    expect(code).toBe(0);
  }, 60_000);

  it('killed with SIGKILL mid-way and resumed: the same ids and vectors as an uninterrupted run, no duplicates', async () => {
    writeTexts(dir.path('in.jsonl'), 400);
    const common = ['--simulator', '-c', '2', '--no-adaptive', '--batch-size', '10', '--dimensions', '8', '--no-progress'];
    const whole = runEmbed([dir.path('in.jsonl'), '-o', dir.path('whole.jsonl'), ...common]);
    const proc = startCli([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), ...common, '--simulator-latency', '40'], embed);
    const count = (): number => (existsSync(dir.path('out.jsonl')) ? readFileSync(dir.path('out.jsonl'), 'utf8').split('\n').length - 1 : 0);
    const deadline = Date.now() + 30_000;
    while (count() < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    proc.child.kill('SIGKILL');
    expect((await proc.exit).signal).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(dir.path('out.jsonl.lock'), 'utf8'))).toMatchObject({ pid: proc.child.pid, host: hostname() });
    const before = readFileSync(dir.path('out.jsonl'), 'utf8');
    const kept = before.slice(0, before.lastIndexOf('\n') + 1);
    expect(kept.split('\n').length - 1).toBeLessThan(400);
    appendFileSync(dir.path('out.jsonl'), '{"id":"d9999","requestHash":"0","embedding":[0.1,'); // as if cut mid-write
    const resumed = await runEmbed([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), ...common]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`rxllm embed: recovered a stale lock on ${dir.path('out.jsonl')} (pid ${proc.child.pid} on this host is gone)\n`);
    expect(resumed.stderr).toContain('cut a torn last line (');
    expect(resumed.stderr).toMatch(/rxllm embed: resuming .*: \d+ succeeded, 0 failed/);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false);
    expect(readFileSync(dir.path('out.jsonl'), 'utf8').startsWith(kept)).toBe(true);
    const ids = vectors(dir.path('out.jsonl')).map((r) => String(r.id));
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    expect((await whole).code).toBe(0);
    expect(byId(dir.path('out.jsonl'))).toEqual(byId(dir.path('whole.jsonl')));
    console.log(`embed kill + resume: ${kept.split('\n').length - 1} of 400 lines before SIGKILL, 400 unique after resume`);
  }, 60_000);

  it('a changed text stops a resume (exit 2), --rerun-changed embeds it again; bad lines are failures (exit 1), not sent', async () => {
    writeTexts(dir.path('in.jsonl'), 20);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--no-progress'];
    expect((await runEmbed(args)).code).toBe(0);
    writePrompts(dir.path('in.jsonl'), 21, (i) => (i === 21 ? { id: 'empty', text: '' } : { id: `d${i}`, text: i === 7 ? 'A new text' : `Document number ${i} about embeddings` }));
    const stopped = await runEmbed(args);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('rxllm embed: stopped: line 7 (id "d7") is not the request its result in');
    expect(stopped.stderr).toContain(`--rerun-changed`);
    const rerun = await runEmbed([...args, '--rerun-changed']);
    expect(rerun.stderr).toContain('dropped the results of 1 changed line');
    expect(rerun.code).toBe(1); // the empty text
    const out = vectors(dir.path('out.jsonl'));
    expect(out).toHaveLength(21);
    expect(out.find((r) => r.id === 'empty')).toMatchObject({ error: { name: 'BadLineError' }, attempts: 0 });
    expect(out.filter((r) => r.id === 'd7')).toHaveLength(1);
  }, 60_000);

  it('two runs on one output: the second is refused at once (exit 2); usage errors and a missing key: one line, exit 2', async () => {
    writeTexts(dir.path('in.jsonl'), 200);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--no-progress'];
    const first = startCli([...args, '--simulator-latency', '300', '-c', '1', '--no-adaptive', '--batch-size', '10'], embed); // 20 requests: 6 s
    const deadline = Date.now() + 30_000;
    while (!existsSync(dir.path('out.jsonl')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const second = await runEmbed(args);
    expect(second.stderr).toMatch(/^rxllm embed: .* is in use by another run \(pid \d+ on this host/);
    expect(second.code).toBe(2);
    expect((await first.exit).code).toBe(0);
    expect(new Set(vectors(dir.path('out.jsonl')).map((r) => r.id)).size).toBe(200);

    const env = { ...process.env, OPENAI_API_KEY: '' };
    const cases: [string[], RegExp][] = [
      [[dir.path('in.jsonl'), '--model', 'openai:text-embedding-3-small'], /^rxllm embed: no API key for openai: set the OPENAI_API_KEY/],
      [[dir.path('in.jsonl'), '--model', 'anthropic:claude-haiku-4-5'], /unknown provider prefix "anthropic:"/],
      [[dir.path('in.jsonl'), '--simulator', '--batch-size', '0'], /--batch-size expects an integer >= 1/],
      [[dir.path('in.jsonl'), '--simulator', '--batch-size', '5000'], /batchSize.*at most 2048/],
      [[dir.path('in.jsonl'), '--simulator', '--temperature', '0'], /unknown option "--temperature"/],
    ];
    const results = await Promise.all(cases.map(([a]) => runEmbed(a, { env })));
    results.forEach(({ code, stderr, stdout }, i) => {
      expect(stderr).toMatch(cases[i]![1]);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
      expect(code).toBe(2);
    });
  }, 60_000);

  it('reads plain text from stdin, writes to stdout without -o', async () => {
    const { code, stdout } = await runEmbed(['-', '--simulator', '--dimensions', '4', '--no-progress', '--format', 'text'], { stdin: 'first text\nsecond text\n\nthird\n' });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as VectorLine);
    expect(lines.map((l) => l.id).sort()).toEqual([1, 2, 4]);
    for (const l of lines) expect(l.embedding).toHaveLength(4);
  }, 60_000);
});
