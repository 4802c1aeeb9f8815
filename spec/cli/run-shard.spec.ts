// `rxllm run --shard i/n` and `--redis`: one input split by line number over several runs, each with its own
// output and resume; the rate limits shared through a real redis-server (spec/support/redis-server.ts). The
// split itself runs in process; the shared quota runs 3 CLI processes (one killed with SIGKILL and resumed)
// against one simulator enforcing the limit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';
import { runWith } from '../../src/cli/run-command.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { describeWithRedis, freePort, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { recordingIo, runInProcess as run } from './cli-fixture.js';
import { readOutput, runCli, startCli, tempDir, writePrompts, type OutputLine, type TempDir } from './run-fixture.js';

jest.setTimeout(30_000);

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('rxllm run --shard (in process)', () => {
  it('shard i of n runs the lines numbered i, i+n, i+2n...: records keep the whole input\'s line numbers, the union is every id once', async () => {
    // 12 lines: a blank one (line 6) and line 11 repeating the id of line 4 (another shard's line).
    const lines = Array.from({ length: 12 }, (_, i) => (i === 5 ? '' : JSON.stringify({ id: i === 10 ? 'q4' : `q${i + 1}`, prompt: `Prompt ${i + 1}` })));
    writeFileSync(dir.path('in.jsonl'), `${lines.join('\n')}\n`);
    const outputs: OutputLine[][] = [];
    for (const i of [1, 2, 3]) {
      const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path(`out-${i}.jsonl`), '--simulator', '--shard', `${i}/3`, '--rpm', '6000']);
      const out = readOutput(dir.path(`out-${i}.jsonl`));
      outputs.push(out);
      expect(out.every((r) => (r.line - 1) % 3 === i - 1)).toBe(true);
      expect(out.every((r) => r.id === `q${r.line}`)).toBe(true);
      expect(err).toMatch(new RegExp(`^rxllm run: shard ${i}/3 without --redis: --rpm 6000 is this process's own limit; the 3 shards together may send 3 times as much \\(add --redis URL to share it\\)\n`));
      expect(err).toContain(`rxllm run (shard ${i}/3): ${out.length} written in `);
      expect(code).toBe(i === 2 ? 1 : 0); // line 11 (shard 2) repeats the id of line 4 (shard 1): not run, and said
      if (i === 2) expect(err).toContain('duplicate ids: 1 line not run (ids must be unique): line 11 repeats "q4" of line 4\n');
    }
    expect(outputs.map((o) => o.map((r) => r.line).sort((a, b) => a - b))).toEqual([[1, 4, 7, 10], [2, 5, 8], [3, 9, 12]]);
    const ids = outputs.flat().map((r) => r.id);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(ids.length).toBe(10); // 12 lines - 1 blank - 1 repeated id

    // Resumed on its own: shard 2 again skips its lines, and only its lines.
    const again = await run([dir.path('in.jsonl'), '-o', dir.path('out-2.jsonl'), '--simulator', '--shard', '2/3']);
    expect(again.err).toContain('rxllm run (shard 2/3): 0 written');
    expect(again.err).toContain('3 skipped (already done)');

    // One shard of one: the whole input. The live bar names the shard, its total is the shard's lines.
    const io = recordingIo();
    expect(await runWith([dir.path('in.jsonl'), '-o', dir.path('bar.jsonl'), '--simulator', '--shard', '1/3'], io, { isTTY: true, columns: () => 100 })).toBe(0);
    expect(io.err.filter((t) => t.startsWith('\r\x1b[2K')).at(-1)!.slice(5)).toMatch(/^shard 1\/3 \[#+\] 4\/4 \(100%\) \| /);
    expect((await run([dir.path('in.jsonl'), '-o', dir.path('all.jsonl'), '--simulator', '--shard', '1/1'])).code).toBe(1);
    expect(readOutput(dir.path('all.jsonl'))).toHaveLength(10);

    // rxllm embed splits the same way.
    writeFileSync(dir.path('texts.txt'), 'one\ntwo\nthree\nfour\n\nsix\nseven\n');
    expect((await run([dir.path('texts.txt'), '-o', dir.path('vectors.jsonl'), '--simulator', '--shard', '2/3'], 'embed')).code).toBe(0);
    expect(readOutput(dir.path('vectors.jsonl')).map((r) => r.id).sort()).toEqual([2]); // line 5 is blank
  });

  it('bad --shard and --redis flags: exit 2, one clear line (a password in the URL never shown); an unreachable Redis fails at once', async () => {
    writePrompts(dir.path('in.jsonl'), 3);
    const common = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator'];
    const shardError = (raw: string): string => `rxllm run: --shard expects i/n with 1 <= i <= n (e.g. --shard 2/4 runs the second of 4 shards), got "${raw}"`;
    const cases: [string[], string][] = [
      ...['0/2', '3/2', '2/0', '1.5/2', '-1/2', 'x', '1/2/3', ''].map((raw): [string[], string] => [[`--shard=${raw}`], shardError(raw)]),
      [['--redis', 'http://:hunter2-pw@localhost:6379', '--rps', '5'], 'rxllm run: --redis expects a redis:// or rediss:// URL (e.g. --redis redis://localhost:6379)'],
      [['--redis', 'not a url', '--rps', '5'], 'rxllm run: --redis expects a redis:// or rediss:// URL'],
      [['--redis', 'redis://localhost:6379'], 'rxllm run: --redis shares the rate limits of every process using it: give them with --rps, --rpm or --tpm'],
      [['--redis-key', 'quota'], 'rxllm run: --redis-key needs --redis URL'],
      [['--redis', 'redis://localhost:6379', '--rpm', '60', '--redis-key', ' '], 'rxllm run: --redis-key must not be empty'],
      [['--rps', '0'], 'rxllm run: --rps expects a number >= 1, got "0"'],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await run([...common, ...flags]);
      expect([code, err.split('\n')[0]]).toEqual([2, expect.stringContaining(message)]);
      expect(err).not.toContain('hunter2');
    }
    const port = await freePort(); // nothing listens there
    const t0 = performance.now();
    const { code, err } = await run([...common, '--redis', `redis://:hunter2-pw@127.0.0.1:${port}`, '--rpm', '60', '--shard', '1/2']);
    expect([code, err]).toEqual([2, `rxllm run: cannot reach Redis at redis://127.0.0.1:${port} (--redis): connect ECONNREFUSED 127.0.0.1:${port}\n`]);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(existsSync(dir.path('out.jsonl'))).toBe(false); // nothing sent, nothing written
    const help = recordingIo();
    expect(await main(['run', '--help'], help)).toBe(0);
    for (const flag of ['--shard I/N', '--redis URL', '--redis-key KEY', '--rps N']) expect(help.out.join('')).toContain(flag);
  });
});

describeWithRedis('rxllm run --redis --shard: one quota shared by the shards', () => {
  let redis: RedisServer;
  let sim: SimulatorHandle;
  beforeAll(async () => {
    [redis, sim] = await Promise.all([startRedisServer(), startSimulator({ latencyMs: 30, rateLimit: { requestsPerSecond: 60 } })]);
  }, 20_000);
  afterAll(async () => {
    await sim?.close();
    await redis?.stop();
  });

  it('3 processes over one input at the simulator\'s 60 requests/s, one killed (SIGKILL) and resumed: every line exactly once, no 429 storm', async () => {
    const N = 300;
    writePrompts(dir.path('in.jsonl'), N);
    const env: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: '' }; // an OpenAI-compatible --base-url: no key
    const argsOf = (i: number): string[] => [
      dir.path('in.jsonl'), '-o', dir.path(`out-${i}.jsonl`), '--shard', `${i}/3`, '--model', 'openai:gpt-4o-mini', '--base-url', sim.openaiBaseURL,
      '--redis', redis.url, '--rps', '60', '-c', '8', '--progress-interval', '500',
    ];
    sim.resetStats();
    const t0 = performance.now();
    const [one, two, three] = [1, 2, 3].map((i) => startCli(argsOf(i), { env }));
    const written = (i: number): number => (existsSync(dir.path(`out-${i}.jsonl`)) ? readFileSync(dir.path(`out-${i}.jsonl`), 'utf8').split('\n').length - 1 : 0);
    const deadline = Date.now() + 30_000;
    while (written(2) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    two!.child.kill('SIGKILL');
    expect((await two!.exit).signal).toBe('SIGKILL');
    const killedAt = written(2);
    expect(killedAt).toBeLessThan(N / 3);
    const resumed = await runCli(argsOf(2), { env });
    const ends = [await one!.exit, resumed, await three!.exit];
    const seconds = (performance.now() - t0) / 1000;

    ends.forEach((end, i) => {
      expect(end.stderr).not.toMatch(/\n\s+at /);
      expect(end.stderr).toMatch(new RegExp(`rxllm run \\(shard ${i + 1}/3\\): [\\d,]+/100 \\(\\d+%\\), `)); // plain progress names the shard, its total
      expect(end.stderr).toMatch(new RegExp(`rxllm run \\(shard ${i + 1}/3\\): \\d+ written in `));
      expect(end.code).toBe(0);
    });
    expect(resumed.stderr).toMatch(/resuming .*out-2\.jsonl: \d+ succeeded, 0 failed/);
    const outputs = [1, 2, 3].map((i) => readOutput(dir.path(`out-${i}.jsonl`)));
    outputs.forEach((out, i) => expect(out.every((r) => (r.line - 1) % 3 === i && r.id === `p${r.line}` && r.text !== undefined)).toBe(true));
    const ids = outputs.flat().map((r) => r.id);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    const stats = sim.stats();
    console.log(`3 shards x ${N / 3} prompts at 60/s shared through Redis (shard 2 killed after ${killedAt} results, resumed): `
      + `${seconds.toFixed(1)} s (ideal ${N / 60} s + start-up), ${stats.rateLimited} answered 429 of ${stats.requestsReceived} requests`);
    expect(stats.rateLimited).toBeLessThanOrEqual(Math.ceil(stats.requestsReceived * 0.03));
    // One request per prompt, plus at most the killed shard's requests in flight (-c 8), sent again on resume.
    expect(stats.requestsReceived - stats.rateLimited).toBeGreaterThanOrEqual(N);
    expect(stats.requestsReceived - stats.rateLimited).toBeLessThanOrEqual(N + 8);
  }, 60_000);

  it('Redis going away mid-run: the shard warns once and finishes at its share of the limit (--shard 1/2: half)', async () => {
    writePrompts(dir.path('in.jsonl'), 60);
    const io = recordingIo();
    const args = ['--simulator', '--shard', '1/2', '--redis', redis.url, '--rps', '40', '-c', '2', '--no-adaptive', '--no-progress'];
    const done = main(['run', dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), ...args], io);
    const deadline = Date.now() + 10_000;
    while (!(existsSync(dir.path('out.jsonl')) && readFileSync(dir.path('out.jsonl'), 'utf8').split('\n').length > 6) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await redis.kill();
    expect(await done).toBe(0);
    const err = io.err.join('');
    expect(err).toContain('rxllm run: redisRateLimiter "rxllm:quota:openai:gpt-4o-mini@simulator" cannot reach Redis (');
    expect(err).toContain('this process now limits itself locally to 20 requests/s (1/2 of the shared limits) until Redis answers again.\n');
    expect(err.match(/cannot reach Redis/g)).toHaveLength(1);
    expect(readOutput(dir.path('out.jsonl'))).toHaveLength(30);
  });
});
