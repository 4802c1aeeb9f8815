// `rxllm run` as a child process against the embedded simulator: faults, SIGKILL + resume, exit codes,
// progress under a pseudo-terminal (util-linux `script`).
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { CLI, ROOT, readOutput, runCli, startCli, tempDir, writePrompts, type TempDir } from './run-fixture.js';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const idsOf = (file: string): string[] => readOutput(file).map((r) => String(r.id));

describe('rxllm run (child process)', () => {
  it('2,000 prompts with injected 429s, 500s and connection resets: exactly one line per prompt', async () => {
    writePrompts(dir.path('in.jsonl'), 2000);
    const faults = [
      { kind: 'rate-limit', probability: 0.05, params: { retryAfterMs: 30 } },
      { kind: 'server-error', probability: 0.05 },
      { kind: 'reset', probability: 0.05 },
    ];
    const { code, stderr } = await runCli([
      dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-faults', JSON.stringify(faults),
      '--simulator-seed', '7', '-c', '32', '--retries', '1', '--retry-delay', '20', '--no-progress',
    ]);
    const out = readOutput(dir.path('out.jsonl'));
    const ids = out.map((r) => r.id);
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    expect([...ids].sort()).toEqual(Array.from({ length: 2000 }, (_, i) => `p${i + 1}`).sort());
    const failed = out.filter((r) => r.error);
    for (const r of failed) expect(['RateLimitError', 'ServerError', 'ConnectionError']).toContain(r.error!.name);
    for (const r of out) expect(r.attempts === 1 || r.attempts === 2).toBe(true);
    expect(out.filter((r) => r.attempts === 2).length).toBeGreaterThan(100); // ~15% of first attempts faulted
    expect(failed.length).toBeGreaterThan(0); // ~2% fail twice
    const succeeded = out.filter((r) => r.text !== undefined);
    expect(succeeded.length + failed.length).toBe(2000);
    expect(stderr).toContain(`${succeeded.length.toLocaleString('en-US')} succeeded, ${failed.length} failed`);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(code).toBe(1);
    console.log(`2,000-prompt fault run: ${succeeded.length} succeeded, ${failed.length} failed, ${out.filter((r) => r.attempts === 2).length} retried\n${stderr}`);
  }, 60_000);

  it('killed with SIGKILL mid-way and resumed: the same ids (and texts) as an uninterrupted run, no duplicates', async () => {
    writePrompts(dir.path('in.jsonl'), 300);
    const common = ['--simulator', '-c', '4', '--no-adaptive', '--no-progress'];
    const whole = runCli([dir.path('in.jsonl'), '-o', dir.path('whole.jsonl'), ...common]);
    const proc = startCli([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), ...common, '--simulator-latency', '25']);
    const count = (): number => (existsSync(dir.path('out.jsonl')) ? readFileSync(dir.path('out.jsonl'), 'utf8').split('\n').length - 1 : 0);
    const deadline = Date.now() + 30_000;
    while (count() < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    proc.child.kill('SIGKILL');
    expect((await proc.exit).signal).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(dir.path('out.jsonl.lock'), 'utf8'))).toMatchObject({ pid: proc.child.pid, host: hostname() }); // left behind
    const before = readFileSync(dir.path('out.jsonl'), 'utf8');
    const kept = before.slice(0, before.lastIndexOf('\n') + 1);
    expect(kept.split('\n').length - 1).toBeLessThan(300);
    appendFileSync(dir.path('out.jsonl'), '{"id":"p9999","line":9999,"text":"a torn li'); // as if cut mid-write
    const resumed = await runCli([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), ...common]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`rxllm run: recovered a stale lock on ${dir.path('out.jsonl')} (pid ${proc.child.pid} on this host is gone)\n`);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false);
    expect(resumed.stderr).toContain('cut a torn last line (');
    expect(resumed.stderr).toMatch(/resuming .*: \d+ succeeded, 0 failed/);
    const after = readFileSync(dir.path('out.jsonl'), 'utf8');
    expect(after.startsWith(kept)).toBe(true); // nothing finished was lost or rewritten
    const ids = idsOf(dir.path('out.jsonl'));
    expect(new Set(ids).size).toBe(ids.length);
    expect((await whole).code).toBe(0);
    const text = (file: string): Map<string, string | undefined> => new Map(readOutput(file).map((r) => [String(r.id), r.text]));
    expect(text(dir.path('out.jsonl'))).toEqual(text(dir.path('whole.jsonl')));
    expect(ids.sort()).toEqual(idsOf(dir.path('whole.jsonl')).sort());
  }, 60_000);

  it('refuses stdin redirected from the -o file (rxllm run - -o out.jsonl < out.jsonl), exit 2', async () => {
    writePrompts(dir.path('out.jsonl'), 3);
    const before = readFileSync(dir.path('out.jsonl'), 'utf8');
    const { code, stderr } = await runCli(['-', '-o', dir.path('out.jsonl'), '--simulator', '--no-progress'], { stdinFile: dir.path('out.jsonl') });
    expect(stderr).toBe(`rxllm run: -o "${dir.path('out.jsonl')}" is the input file: its results would be read back as prompts; write them to another file\n`);
    expect(code).toBe(2);
    expect(readFileSync(dir.path('out.jsonl'), 'utf8')).toBe(before);
  }, 60_000);

  it('stdout closed early (| head -1): stops quietly — no stack, exit 141 (128 + SIGPIPE, as a shell reports it)', async () => {
    writePrompts(dir.path('in.jsonl'), 2000);
    const proc = startCli([dir.path('in.jsonl'), '--simulator', '--simulator-latency', '10', '-c', '4', '--no-adaptive', '--no-progress']);
    proc.child.stdout!.once('data', () => proc.child.stdout!.destroy()); // the reader exits after its first line
    const { code, stderr } = await proc.exit;
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toContain('rxllm run: stopped: stdout was closed by its reader; requests in flight were cancelled.\n');
    const written = Number(/rxllm run: ([\d,]+) written/.exec(stderr)![1]!.replace(/,/g, ''));
    expect(written).toBeLessThan(2000);
    expect(code).toBe(141);
    console.log(`EPIPE: exit ${code} after ${written} of 2,000 results`);
  }, 60_000);

  it('stdout that cannot be written (> /dev/full): exit 2, one line, no stack', async () => {
    writePrompts(dir.path('in.jsonl'), 50);
    const { code, stderr } = await runCli([dir.path('in.jsonl'), '--simulator', '--no-progress'], { stdoutFile: '/dev/full' });
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toContain('rxllm run: stopped: cannot write to stdout: no space left on device (ENOSPC)\n');
    expect(code).toBe(2);
  }, 60_000);

  it('the output file cannot grow (a full disk; here ulimit -f): exit 2, one line with the cause and the exact resume command, which then completes', async () => {
    writePrompts(dir.path('in.jsonl'), 400);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--no-progress'];
    const full = await runCli(args, { shell: 'ulimit -f 64' }); // 32 KiB (or 64): room for about 100 of the 400 results
    expect(full.stderr).not.toMatch(/\n\s+at /);
    expect(full.stderr).toMatch(new RegExp(`rxllm run: stopped: cannot write output "${dir.path('out.jsonl')}": file too large \\(EFBIG\\)\n`));
    expect(full.stderr).toContain(`Fix it, then resume with: rxllm run ${args.join(' ')}\n`);
    expect(full.code).toBe(2);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false);
    const resumed = await runCli(args);
    expect(resumed.code).toBe(0);
    const ids = idsOf(dir.path('out.jsonl'));
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    console.log(`full disk:\n${full.stderr}`);
  }, 60_000);

  it('a missing key: one clear message, exit 2, no stack (other usage errors: run-command.spec.ts)', async () => {
    writePrompts(dir.path('in.jsonl'), 1);
    const env = { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' };
    const cases: [string[], RegExp][] = [
      [[dir.path('in.jsonl'), '--model', 'openai:gpt-4o-mini'], /no API key for openai: set the OPENAI_API_KEY/],
      [[dir.path('in.jsonl'), '--model', 'anthropic:claude-haiku-4-5'], /set the ANTHROPIC_API_KEY/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, { env })));
    results.forEach(({ code, stderr, stdout }, i) => {
      expect(stderr).toMatch(cases[i]![1]);
      expect(stderr.split('\n')[0]).toMatch(/^rxllm run: /);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
      expect(code).toBe(2);
    });
  }, 60_000);

  it('progress under a pseudo-terminal: a bar redrawn in place, then the summary', async () => {
    writePrompts(dir.path('in.jsonl'), 60);
    const cmd = ['node', ...CLI, 'run', dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-latency', '40', '-c', '4', '--no-adaptive'];
    const { stdout } = await promisify(execFile)('/usr/bin/script', ['-qfec', cmd.join(' '), '/dev/null'], { cwd: ROOT, env: { ...process.env, COLUMNS: '100' } });
    const redraws = stdout.split('\r\x1b[2K').slice(1);
    expect(redraws.length).toBeGreaterThanOrEqual(3);
    expect(redraws.some((r) => /^\[#+-+\] \d+\/60 \(\d+%\) \| [\d.]+\/s \| [\d,]+ tok \| 0 err \| ETA \d+s/.test(r))).toBe(true);
    expect(redraws.at(-1)).toMatch(/^\[#+\] 60\/60 \(100%\)/);
    expect(stdout).toMatch(/rxllm run: 60 written in \d+s .*: 60 succeeded, 0 failed/);
    expect(stdout).toMatch(/latency: p50 \d+ ms, p95 \d+ ms/);
    expect(readOutput(dir.path('out.jsonl'))).toHaveLength(60);
  }, 60_000);

  it('reads stdin with -; plain progress lines when stderr is a pipe; a real SIGINT exits 130 with the resume command', async () => {
    const piped = await runCli(['-', '-o', dir.path('stdin.jsonl'), '--simulator', '--no-progress'], { stdin: 'one\ntwo\n{"id": "x", "prompt": "three"}\n' });
    expect(piped.code).toBe(0);
    expect(readOutput(dir.path('stdin.jsonl')).map((r) => r.id).sort()).toEqual([1, 2, 3]); // text: the first line decides
    const changed = await runCli(['-', '-o', dir.path('stdin.jsonl'), '--simulator', '--no-progress'], { stdin: 'zero\none\ntwo\n' });
    expect(changed.code).toBe(2); // a changed line is found as stdin streams by
    expect(changed.stderr).toContain('stopped: line 1 (id 1) is not the request its result in');
    expect(changed.stderr).toContain('Write to a new -o, or give the input as a file and add --rerun-changed');
    writePrompts(dir.path('in.jsonl'), 500);
    const proc = startCli([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-latency', '50', '-c', '2', '--progress-interval', '100']);
    const plain = (): string[] => proc.stderr().split('\n').filter((l) => /^rxllm run: [\d,]+(\/500 \(\d+%\)| done), [\d.]+\/s, [\d,]+ tok, \d+ err, ETA /.test(l));
    const deadline = Date.now() + 30_000;
    // Interrupted mid-run: after some progress lines and the first results (the SDK loads on the first call).
    const written = (): boolean => existsSync(dir.path('out.jsonl')) && readFileSync(dir.path('out.jsonl'), 'utf8').length > 0;
    while ((plain().length < 3 || !written()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(plain().length).toBeGreaterThanOrEqual(3); // stderr is a pipe: plain periodic lines, no control characters
    expect(proc.stderr()).not.toContain('\r');
    expect(proc.stderr()).not.toContain('\x1b');
    proc.child.kill('SIGINT');
    const { code, stderr } = await proc.exit;
    expect(code).toBe(130);
    expect(stderr).toContain(`Resume with: rxllm run ${dir.path('in.jsonl')} -o ${dir.path('out.jsonl')} --simulator`);
    expect(readFileSync(dir.path('out.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false); // released on SIGINT
  }, 60_000);

  it('two runs on one output: the second (a resume or a --retry-failed) is refused at once, exit 2; the first writes each id once', async () => {
    writePrompts(dir.path('in.jsonl'), 200);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--no-progress'];
    const first = startCli([...args, '--simulator-latency', '20', '-c', '4', '--no-adaptive']);
    const deadline = Date.now() + 30_000;
    while (!existsSync(dir.path('out.jsonl')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const [again, retry] = await Promise.all([runCli(args), runCli([...args, '--retry-failed'])]);
    for (const second of [again, retry]) {
      expect(second.stderr).toMatch(new RegExp(`^rxllm run: ${dir.path('out.jsonl')} is in use by another run \\(pid ${first.child.pid} on this host, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); wait for it to end or stop it\n$`));
      expect(second.code).toBe(2);
    }
    const done = await first.exit;
    expect(done.code).toBe(0);
    const ids = idsOf(dir.path('out.jsonl'));
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false);
  }, 60_000);
});
