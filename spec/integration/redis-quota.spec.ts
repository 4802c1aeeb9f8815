// Issue 19: one quota, many processes. 4 processes x 250 prompts run the README's shared-quota recipe
// (redis-quota-recipe.ts, one process each: redis-quota-worker.ts) against ONE simulator enforcing 50
// requests/s with 100 ms latency, sharing a redisRateLimiter through a real redis-server. All 1,000 must
// succeed, at >= 90% of the allowed rate, with at most 2% of requests answered 429. (Per-process limiters,
// for comparison, are in the benchmark: bench/redis-quota.mjs.)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../support/redis-server.js';

const ROOT = join(__dirname, '..', '..');
const PROCESSES = 4;
const PROMPTS = 250;
const RATE = 50;
const TOTAL = PROCESSES * PROMPTS;

interface WorkerResult {
  readonly worker: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly errors: readonly string[];
  readonly ms: number;
}

/** A worker process and its stdout lines, one at a time. */
function startWorker(worker: number, env: NodeJS.ProcessEnv): { child: ChildProcess; nextLine: () => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join('spec', 'integration', 'redis-quota-worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, WORKER: String(worker), PROMPTS: String(PROMPTS) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`worker ${worker} exited (${code}) early: ${stderr}`))),
  );
  const nextLine = (): Promise<string> => {
    const line = queue.shift();
    return line !== undefined ? Promise.resolve(line) : Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), exited]);
  };
  return { child, nextLine };
}

describeWithRedis('one quota, 4 processes, through Redis', () => {
  let sim: SimulatorHandle;
  let redis: RedisServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    [sim, redis] = await Promise.all([startSimulator({ latencyMs: 100, rateLimit: { requestsPerSecond: RATE } }), startRedisServer()]);
  }, 20_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await sim?.close();
    await redis?.stop();
  });

  it(`${PROCESSES} processes x ${PROMPTS} prompts at ${RATE} requests/s: all succeed, >= 90% of the rate, <= 2% answered 429`, async () => {
    const workers = Array.from({ length: PROCESSES }, (_, i) => startWorker(i, { SIM_URL: sim.openaiBaseURL, REDIS_URL: redis.url }));
    children.push(...workers.map((w) => w.child));
    expect(await Promise.all(workers.map((w) => w.nextLine()))).toEqual(Array(PROCESSES).fill('ready'));
    sim.resetStats();

    const startedAt = performance.now();
    for (const w of workers) w.child.stdin!.write('go\n');
    const results = (await Promise.all(workers.map((w) => w.nextLine()))).map((l) => JSON.parse(l) as WorkerResult);
    const durationMs = performance.now() - startedAt;

    const stats = sim.stats();
    const succeeded = results.reduce((n, r) => n + r.succeeded, 0);
    const share = (TOTAL / (durationMs / 1000) / RATE) * 100;
    console.log(
      `redis quota: ${PROCESSES} processes x ${PROMPTS} prompts in ${(durationMs / 1000).toFixed(2)} s ` +
        `(ideal ${TOTAL / RATE} s, ${share.toFixed(1)}% of the allowed rate), ${succeeded} succeeded, ` +
        `${stats.rateLimited} answered 429 of ${stats.requestsReceived} requests; ` +
        `per process: ${results.map((r) => `${r.succeeded} in ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`,
    );

    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(succeeded).toBe(TOTAL);
    expect(stats.requestsReceived - stats.rateLimited).toBe(TOTAL); // one successful request per prompt
    expect(stats.rateLimited).toBeLessThanOrEqual(stats.requestsReceived * 0.02);
    expect(share).toBeGreaterThanOrEqual(90);
  }, 60_000);
});

it('redis-quota-recipe.ts is the README recipe for several processes, statement for statement', () => {
  // From `const limiter` to the end of the pipeline, without comments, `return` and whitespace.
  const core = (source: string): string => {
    const start = source.indexOf('const limiter');
    const end = start + source.slice(start).search(/\)\);?\s*(\n}|$)/);
    return source
      .slice(start, end)
      .replace(/\/\/.*$/gm, '')
      .replace(/\breturn\b/g, '')
      .replace(/\s+/g, '');
  };
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Recipe: a big batch against a shared quota'));
  const several = section.slice(section.indexOf('**Several processes'));
  const block = several.slice(several.indexOf('```ts'), several.indexOf('```', several.indexOf('```ts') + 5));
  const recipe = readFileSync(join(__dirname, 'redis-quota-recipe.ts'), 'utf8');
  expect(core(block).length).toBeGreaterThan(100);
  expect(core(recipe)).toBe(core(block));
});
