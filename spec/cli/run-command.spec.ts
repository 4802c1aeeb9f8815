// `rxllm run` in process (main + a recording io) against the simulator: records, settings, order, resume,
// --retry-failed, Ctrl-C, fatal errors, the live bar's layout.
import { existsSync, linkSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { main } from '../../src/cli/main.js';
import { runWith } from '../../src/cli/run-command.js';
import { startSimulator } from '../../src/testing/index.js';
import { recordingIo, runInProcess as run } from './cli-fixture.js';
import { readOutput, tempDir, writePrompts, type TempDir } from './run-fixture.js';

jest.setTimeout(30_000); // child-free, but the machine is shared: honest slack

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('rxllm run (in process)', () => {
  it('writes one record per line: texts, per-line settings, messages, bad lines with their line number, in input order with --ordered', async () => {
    const lines = [
      JSON.stringify({ id: 'a', prompt: 'Tell me a story', maxTokens: 3 }),
      JSON.stringify({ id: 'b', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }),
      '{"id": "c", "prompt": ',
      '',
      JSON.stringify({ prompt: 'no id: the line number is the id', stop: ['.'] }),
      JSON.stringify({ id: 'e', prompt: 'x', temperature: 'hot' }),
      JSON.stringify({ id: 'a', prompt: 'same id again' }),
    ];
    writeFileSync(dir.path('in.jsonl'), `${lines.join('\n')}\n`);
    const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-latency', '5', '--ordered']);
    const out = readOutput(dir.path('out.jsonl'));
    expect(out.map((r) => [r.id, r.line])).toEqual([['a', 1], ['b', 2], [3, 3], [5, 5], ['e', 6]]); // line 7 repeats id "a": not run
    expect(out[0]).toMatchObject({ finishReason: 'length', usage: { outputTokens: 3 }, attempts: 1 });
    expect(out[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(out[1]).toMatchObject({ finishReason: 'stop', attempts: 1 });
    expect(out[1]!.text!.length).toBeGreaterThan(0);
    expect(out[2]!.error).toMatchObject({ name: 'BadLineError', message: expect.stringMatching(/^line 3: not valid JSON/) });
    expect(out[3]!.text).not.toContain('.');
    expect(out[4]!.error!.message).toBe('line 6: "temperature" must be a number >= 0');
    expect(code).toBe(1);
    expect(err).toContain('3 succeeded, 2 failed');
    expect(err).toContain('failures: BadLineError 2');
    expect(err).toContain('duplicate ids: 1 line not run (ids must be unique): line 7 repeats "a" of line 1\n');
  });

  it('duplicate ids: each id ends with exactly one line (the first line with it), whatever the resumes and interruptions', async () => {
    const lines = [{ id: 'a', prompt: 'first a' }, { id: 'a', prompt: 'second a' }, { id: 'b', prompt: 'b' }, { id: 'b', prompt: 'b again' }, { id: 'a', prompt: 'third a' }];
    writeFileSync(dir.path('in.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator'];
    // Interrupted while the first "a" is in flight (slow), after the later "a" lines were met.
    const io = recordingIo();
    const exit = main(['run', ...args, '--simulator-latency', '3000', '-c', '4', '--no-adaptive', '--no-progress'], io);
    const deadline = Date.now() + 600;
    while (Date.now() < deadline && !(existsSync(dir.path('out.jsonl')) && readFileSync(dir.path('out.jsonl'), 'utf8') !== '')) await new Promise((r) => setTimeout(r, 10));
    io.shutdown('SIGINT');
    expect(await exit).toBe(130);
    for (let resume = 0; resume < 3; resume++) {
      const again = await run(args);
      const out = readOutput(dir.path('out.jsonl'));
      expect(out.map((r) => [r.id, r.line, r.text !== undefined]).sort()).toEqual([['a', 1, true], ['b', 3, true]]);
      expect(again.code).toBe(1); // the input still repeats ids
      expect(again.err).toContain('duplicate ids: 3 lines not run (ids must be unique): line 2 repeats "a" of line 1, line 4 repeats "b" of line 3, line 5 repeats "a" of line 1\n');
    }
  });

  it('an output of an earlier version with "duplicate id" error lines: they are removed and the first line with the id runs', async () => {
    writeFileSync(dir.path('in.jsonl'), `${JSON.stringify({ id: 'a', prompt: 'x' })}\n${JSON.stringify({ id: 'a', prompt: 'y' })}\n`);
    const legacy = { id: 'a', line: 2, error: { name: 'BadLineError', message: 'line 2: duplicate id "a" (ids must be unique)' }, attempts: 0 };
    writeFileSync(dir.path('out.jsonl'), `${JSON.stringify(legacy)}\n`);
    const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator']);
    expect(err).toContain(`rxllm run: ${dir.path('out.jsonl')}: removed 1 "duplicate id" error line written by an earlier version\n`);
    expect(code).toBe(1);
    expect(readOutput(dir.path('out.jsonl')).map((r) => [r.id, r.line, r.text !== undefined])).toEqual([['a', 1, true]]);
  });

  it('a byte-order mark is not a bad line; a line that is not valid UTF-8 is a BadLineError naming its line, and the others run', async () => {
    const bytes = Buffer.concat([
      Buffer.from('\uFEFF{"id":"a","prompt":"first"}\n{"id":"b","prompt":"caf'),
      Buffer.from([0xe9]), // latin-1, not UTF-8
      Buffer.from('"}\n{"id":"c","prompt":"third"}\n'),
    ]);
    writeFileSync(dir.path('in.jsonl'), bytes);
    const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--ordered']);
    const out = readOutput(dir.path('out.jsonl'));
    expect(out.map((r) => [r.id, r.line, r.error?.name])).toEqual([['a', 1, undefined], ['b', 2, 'BadLineError'], ['c', 3, undefined]]);
    expect(out[1]!.error!.message).toBe('line 2: not valid UTF-8');
    expect(code).toBe(1);
    expect(err).toContain('2 succeeded, 1 failed');
  });

  it('refuses -o naming the input file (by device and inode: a symbolic or hard link too), exit 2, the file untouched', async () => {
    writePrompts(dir.path('in.jsonl'), 3);
    symlinkSync(dir.path('in.jsonl'), dir.path('sym.jsonl'));
    linkSync(dir.path('in.jsonl'), dir.path('hard.jsonl'));
    const before = readFileSync(dir.path('in.jsonl'), 'utf8');
    for (const output of ['in.jsonl', 'sym.jsonl', 'hard.jsonl']) {
      const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path(output), '--simulator']);
      expect([code, err]).toEqual([2, `rxllm run: -o "${dir.path(output)}" is the input file: its results would be read back as prompts; write them to another file\n`]);
    }
    expect(readFileSync(dir.path('in.jsonl'), 'utf8')).toBe(before);
    writeFileSync(dir.path('other.jsonl'), before); // same content, another file: fine
    expect((await run([dir.path('in.jsonl'), '-o', dir.path('other.jsonl'), '--simulator'])).code).toBe(0);
  });

  it('a lock from another host is never taken over: exit 2 with how to remove it; a lock of a live process on this host neither', async () => {
    writePrompts(dir.path('in.jsonl'), 2);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator'];
    const lock = { pid: 4242, host: 'build-box-7', startedAt: '2025-01-02T03:04:05.000Z' };
    writeFileSync(dir.path('out.jsonl.lock'), JSON.stringify(lock));
    const remote = await run(args);
    expect([remote.code, remote.err]).toEqual([2,
      `rxllm run: ${dir.path('out.jsonl')} is locked by a run on host build-box-7 (pid 4242, since 2025-01-02T03:04:05.000Z), which cannot be checked from here; `
      + `if that run is over, remove ${dir.path('out.jsonl.lock')} and rerun\n`]);
    writeFileSync(dir.path('out.jsonl.lock'), JSON.stringify({ ...lock, host: hostname(), pid: process.pid }));
    expect((await run(args)).code).toBe(2);
    writeFileSync(dir.path('out.jsonl.lock'), 'not json');
    const garbled = await run(args);
    expect([garbled.code, garbled.err]).toEqual([2,
      `rxllm run: ${dir.path('out.jsonl')} is locked (${dir.path('out.jsonl.lock')} is not a lock this version can read); if no run is writing it, remove the lock and rerun\n`]);
    expect(existsSync(dir.path('out.jsonl'))).toBe(false); // nothing written
    unlinkSync(dir.path('out.jsonl.lock'));
    expect((await run(args)).code).toBe(0);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false); // released at the end
    writePrompts(dir.path('more.jsonl'), 2, (i) => ({ id: `q${i}`, prompt: 'more' }));
    const quota = JSON.stringify([{ kind: 'rate-limit', nth: 1, params: { type: 'quota' } }]);
    const fatal = await run([dir.path('more.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-faults', quota]);
    expect(fatal.code).toBe(2);
    expect(existsSync(dir.path('out.jsonl.lock'))).toBe(false); // released after a fatal error too
  });

  it('a changed input line is not silently answered by an old result: the resume stops (exit 2) before sending anything; --rerun-changed runs it again', async () => {
    writeFileSync(dir.path('in.txt'), 'one\ntwo\nthree\n');
    const args = [dir.path('in.txt'), '-o', dir.path('out.jsonl'), '--simulator'];
    expect((await run(args)).code).toBe(0);
    const first = readOutput(dir.path('out.jsonl'));
    expect(first.every((r) => /^[0-9a-f]{16}$/.test(r.requestHash ?? ''))).toBe(true);
    writeFileSync(dir.path('in.txt'), 'zero\none\ntwo\nthree\n'); // every id (a line number) now names another prompt
    const stopped = await run(args);
    expect(stopped.code).toBe(2);
    expect(stopped.err).toContain(`rxllm run: stopped: line 1 (id 1) is not the request its result in ${dir.path('out.jsonl')} answers: the input changed since that result was written\n`);
    expect(stopped.err).toContain(`Write to a new -o, or drop the results of changed lines and run them again: rxllm run ${args.join(' ')} --no-progress --rerun-changed\n`);
    expect(readOutput(dir.path('out.jsonl'))).toEqual(first); // nothing sent, nothing written
    const rerun = await run([...args, '--rerun-changed']);
    expect(rerun.code).toBe(0);
    expect(rerun.err).toContain(`rxllm run: ${dir.path('out.jsonl')}: dropped the results of 3 changed lines (running them again)\n`);
    expect(rerun.err).toContain('4 written');
    const out = readOutput(dir.path('out.jsonl'));
    expect(out.map((r) => r.id).sort()).toEqual([1, 2, 3, 4]);
    const again = await run(args);
    expect([again.code, again.err]).toEqual([0, expect.stringContaining('0 written')]);
  });

  it('JSONL: only the edited line is run again; a result without a hash (an earlier version\'s) is kept as it is', async () => {
    writePrompts(dir.path('in.jsonl'), 5);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator'];
    expect((await run(args)).code).toBe(0);
    const legacy = readOutput(dir.path('out.jsonl')).map((r) => (r.id === 'p1' ? { ...r, requestHash: undefined } : r));
    writeFileSync(dir.path('out.jsonl'), legacy.map((r) => `${JSON.stringify(r)}\n`).join(''));
    writePrompts(dir.path('in.jsonl'), 5, (i) => ({ id: `p${i}`, prompt: i === 4 || i === 1 ? `Edited prompt ${i}` : `Prompt number ${i}` }));
    const stopped = await run(args);
    expect(stopped.code).toBe(2);
    expect(stopped.err).toContain('stopped: line 4 (id "p4") is not the request');
    const rerun = await run([...args, '--rerun-changed']);
    expect(rerun.code).toBe(0);
    expect(rerun.err).toContain('dropped the results of 1 changed line (running them again)');
    expect(rerun.err).toContain('1 written in');
    expect(rerun.err).toContain('4 skipped');
    expect(readOutput(dir.path('out.jsonl')).map((r) => r.id)).toEqual(['p1', 'p2', 'p3', 'p5', 'p4']);
    expect((await run(['-', '-o', dir.path('out.jsonl'), '--simulator', '--rerun-changed'])).err).toContain('--rerun-changed needs an input file');
  });

  it('plain text input: one prompt a line, the line number as id; output to stdout without -o', async () => {
    writeFileSync(dir.path('in.txt'), 'first prompt\r\nsecond prompt\n\nfourth prompt');
    const { code, out } = await run([dir.path('in.txt'), '--simulator']);
    expect(code).toBe(0);
    const records = out.trim().split('\n').map((l) => JSON.parse(l) as { id: number; text: string });
    expect(records.map((r) => r.id).sort()).toEqual([1, 2, 4]);
  });

  it('resume skips what is done; failures are kept (exit 1) until --retry-failed retries them, leaving one line per id', async () => {
    writePrompts(dir.path('in.jsonl'), 20);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator'];
    const first = await run([...args, '--simulator-faults', JSON.stringify([{ kind: 'server-error', every: 2 }]), '--retries', '0']);
    expect(first.code).toBe(1);
    expect(readOutput(dir.path('out.jsonl')).filter((r) => r.error?.name === 'ServerError')).toHaveLength(10);
    const again = await run(args);
    expect(again.code).toBe(1);
    expect(again.err).toContain('resuming');
    expect(again.err).toContain('10 succeeded, 10 failed (rerun with --retry-failed to retry them)');
    expect(again.err).toContain('0 written');
    expect(again.err).toContain('20 skipped');
    const retried = await run([...args, '--retry-failed']);
    expect(retried.code).toBe(0);
    expect(retried.err).toContain('10 failed (retrying them)');
    const out = readOutput(dir.path('out.jsonl'));
    expect(out).toHaveLength(20);
    expect(out.every((r) => r.text !== undefined)).toBe(true);
    expect(new Set(out.map((r) => r.id)).size).toBe(20);
  });

  it('Ctrl-C stops taking prompts, cancels the requests in flight, keeps what finished and says how to resume', async () => {
    writePrompts(dir.path('in.jsonl'), 200);
    const io = recordingIo();
    const exit = main(['run', dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--simulator-latency', '30', '-c', '4', '--no-progress'], io);
    const count = (): number => (existsSync(dir.path('out.jsonl')) ? readFileSync(dir.path('out.jsonl'), 'utf8').split('\n').length - 1 : 0);
    for (let i = 0; i < 500; i++) {
      await new Promise((r) => setTimeout(r, 10));
      if (count() >= 8) break;
    }
    io.shutdown('SIGINT');
    expect(await exit).toBe(130);
    const err = io.err.join('');
    expect(err).toContain(`interrupted; requests in flight were cancelled, every finished result is in ${dir.path('out.jsonl')}`);
    expect(err).toContain(`Resume with: rxllm run ${dir.path('in.jsonl')} -o ${dir.path('out.jsonl')} --simulator`);
    const written = readOutput(dir.path('out.jsonl')).length;
    expect(written).toBeLessThan(200);
    const resumed = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator']);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toContain(`${written} skipped`);
    expect(new Set(readOutput(dir.path('out.jsonl')).map((r) => r.id)).size).toBe(200);
  });

  it('a wrong key stops the run at once (exit 2) instead of failing every line, and is never printed', async () => {
    const sim = await startSimulator({ apiKey: 'sk-right-key-000000000' });
    const saved = process.env['OPENAI_API_KEY'];
    process.env['OPENAI_API_KEY'] = 'sk-wrong-key-123456789';
    try {
      writePrompts(dir.path('in.jsonl'), 50);
      const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--model', 'openai:gpt-4o-mini', '--base-url', sim.openaiBaseURL]);
      expect(code).toBe(2);
      expect(err).toContain('stopped: AuthenticationError');
      expect(err).not.toContain('sk-wrong-key-123456789');
      expect(readFileSync(dir.path('out.jsonl'), 'utf8')).toBe('');
      expect(sim.stats().requestsReceived).toBeLessThan(50);
    } finally {
      process.env['OPENAI_API_KEY'] = saved;
      await sim.close();
    }
  });

  it('an exhausted quota stops the run too (exit 2); lines not written are run by the next attempt', async () => {
    writePrompts(dir.path('in.jsonl'), 30);
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '-c', '1'];
    const quota = JSON.stringify([{ kind: 'rate-limit', nth: 5, params: { type: 'quota' } }]);
    const first = await run([...args, '--simulator-faults', quota]);
    expect(first.code).toBe(2);
    expect(first.err).toContain('stopped: RateLimitError');
    expect(readOutput(dir.path('out.jsonl'))).toHaveLength(4);
    const second = await run(args);
    expect(second.code).toBe(0);
    expect(readOutput(dir.path('out.jsonl')).map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, i) => `p${i + 1}`));
  });

  it('--rpm spaces the requests (client-side limiter), against an OpenAI-compatible --base-url without a key', async () => {
    const sim = await startSimulator();
    const saved = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    try {
      writePrompts(dir.path('in.jsonl'), 5);
      const t0 = performance.now();
      const { code } = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--model', 'openai:llama3.2', '--base-url', sim.openaiBaseURL, '--rpm', '600']);
      expect(code).toBe(0);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(380); // 600/min = one every 100 ms: 4 gaps at least
      expect(sim.stats().requestsCompleted).toBe(5);
    } finally {
      if (saved !== undefined) process.env['OPENAI_API_KEY'] = saved;
      await sim.close();
    }
  });

  it('anthropic: and openai-completion: models run against the simulator; the summary prices known models', async () => {
    writePrompts(dir.path('in.jsonl'), 3);
    const claude = await run([dir.path('in.jsonl'), '-o', dir.path('a.jsonl'), '--simulator', '--model', 'anthropic:claude-haiku-4-5']);
    expect(claude.code).toBe(0);
    expect(claude.err).toMatch(/estimated cost \$\d+\.\d{4}/);
    const legacy = await run([dir.path('in.jsonl'), '-o', dir.path('c.jsonl'), '--simulator', '--model', 'openai-completion:my-model']);
    expect(legacy.code).toBe(0);
    expect(legacy.err).toContain('cost unknown for my-model (set --price IN,OUT)');
    expect(readOutput(dir.path('c.jsonl')).every((r) => r.text!.length > 0)).toBe(true);
  });

  it('on a terminal, draws a bar that fits the width and ends with a line break', async () => {
    writePrompts(dir.path('in.jsonl'), 10);
    const io = recordingIo();
    const code = await runWith([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator'], io, { isTTY: true, columns: () => 70 });
    expect(code).toBe(0);
    const frames = io.err.filter((t) => t.startsWith('\r\x1b[2K'));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const f of frames) expect(f.length - 5).toBeLessThanOrEqual(69);
    expect(frames.at(-1)!.slice(5)).toMatch(/^\[#+\] 10\/10 \(100%\) \| /);
    const shared = recordingIo(); // results to stdout on the same terminal: no live bar to tear
    expect(await runWith([dir.path('in.jsonl'), '--simulator'], shared, { isTTY: true, stdoutIsTTY: true, columns: () => 70 })).toBe(0);
    expect(shared.err.join('')).not.toContain('\x1b');
    expect(shared.out.join('').trim().split('\n')).toHaveLength(10);
  });

  it('--help prints the options and exits 0; bad flags exit 2', async () => {
    const io = recordingIo();
    expect(await main(['run', '--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('--retry-failed');
    expect((await run([])).code).toBe(2);
    expect((await run(['a.txt', 'b.txt', '--simulator'])).err).toContain('one input file expected');
    expect((await run(['a.txt'])).err).toContain('missing --model');
    expect((await run(['a.txt', '--simulator', '--format', 'csv'])).err).toContain('--format must be jsonl or text');
    expect((await run(['a.txt', '--simulator-latency', '5', '--model', 'openai:x'])).err).toContain('--simulator-* flags need --simulator');
    expect((await run(['a.txt', '--simulator', '--simulator-faults', '{'])).err).toContain('--simulator-faults expects a JSON list');
    expect((await run(['a.txt', '--simulator', '--price', '1'])).err).toContain('--price expects IN,OUT');
    expect((await run(['a.txt', '--simulator', '--retry-failed'])).err).toContain('--retry-failed needs -o');
    expect((await run(['a.txt', '--model', 'gemini:pro'])).err).toContain('unknown provider prefix "gemini:"');
    expect((await run([dir.path('nope.jsonl'), '--simulator'])).err).toMatch(/^rxllm run: cannot read input ".*nope\.jsonl": no such file\n/);
    writePrompts(dir.path('in.jsonl'), 1);
    const isDir = await run([dir.path('in.jsonl'), '--simulator', '-o', dir.path('')]);
    expect([isDir.code, isDir.err]).toEqual([2, `rxllm run: cannot write output "${dir.path('')}": is a directory\n`]);
    const noDir = await run([dir.path('in.jsonl'), '--simulator', '-o', dir.path('no/such/out.jsonl')]);
    expect([noDir.code, noDir.err]).toEqual([2, `rxllm run: cannot write output "${dir.path('no/such/out.jsonl')}": no such directory\n`]);
    const zero = await run(['a.txt', '--simulator', '--concurrency', '0']);
    expect([zero.code, zero.err.split('\n')[0]]).toEqual([2, 'rxllm run: --concurrency expects an integer >= 1, got "0"']);
  });
});
