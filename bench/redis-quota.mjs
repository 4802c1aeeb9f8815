/* global clearTimeout, performance, setTimeout -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// One quota, many processes (issue 19): 1,000 prompts split between 4 processes (250 each; --uneven: 100, 200,
// 300 and 400) against ONE simulator allowing 50 requests/s (100 ms latency), each process running the
// big-batch recipe (adaptive concurrency up to 32, 6 attempts, retry-after honoured) with one of these limiters:
//   redis   redisRateLimiter at 50/s, shared through a real redis-server (Debian's, started here on a free port)
//   local   createRateLimiter at 50/s in each process (each knows only its own traffic)
//   split   createRateLimiter at 50/4 = 12.5/s in each process (the quota divided by hand)
//   under   createRateLimiter at 45/s in each process ("a little under" the limit)
//   redis-kill  as redis, but redis-server is killed (SIGKILL) halfway through: the local fallback takes over
// Reports prompts succeeded, requests answered 429, the share of the allowed rate, the wall time, and for
// redis the script calls per prompt.
//
//   npm run build && cd bench && node redis-quota.mjs [--rounds=N] [--setups=redis,local,split,under,redis-kill]
//                                                     [--processes=N] [--uneven] [--out=results/redis-quota.json]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cliArgs, control, median, sleep } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = cliArgs();
const ROUNDS = Number(args.rounds ?? 3);
const SETUPS = (args.setups ?? 'redis,local,split').split(',');
const PROCESSES = Number(args.processes ?? 4);
const UNEVEN = args.uneven !== undefined;
const OUT = args.out ?? join(here, 'results', `redis-quota${PROCESSES === 4 ? '' : `-${PROCESSES}`}${UNEVEN ? '-uneven' : ''}.json`);
const RATE = 50;
const TOTAL = 1000;
/** Prompts of each process: an even split, or 1 : 2 : 3 ... (--uneven). */
const WEIGHTS = Array.from({ length: PROCESSES }, (_, i) => (UNEVEN ? i + 1 : 1));
const PROMPTS = WEIGHTS.map((w) => Math.round((TOTAL * w) / WEIGHTS.reduce((a, b) => a + b, 0)));
PROMPTS[PROCESSES - 1] += TOTAL - PROMPTS.reduce((a, b) => a + b, 0);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Lines of a child's stdout, one at a time; rejects if the child exits first. */
function lineReader(child, name) {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const queue = [];
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => (waiting.length ? waiting.shift()(line) : queue.push(line)));
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${stderr.trim()}`))));
  exited.catch(() => undefined);
  return () => (queue.length ? Promise.resolve(queue.shift()) : Promise.race([new Promise((resolve) => waiting.push(resolve)), exited]));
}

async function startSim() {
  const child = spawn(process.execPath, [join(here, 'sim-server.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { url, control: controlUrl } = JSON.parse(await lineReader(child, 'simulator')());
  return { child, url, control: control(controlUrl) };
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rxllm-bench-redis-'));
  let child;
  const cli = (...command) => execFileSync('redis-cli', ['-p', String(port), ...command], { encoding: 'utf8' });
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    child.once('error', (e) => {
      console.error(`redis-server could not start (${e.message}): apt-get install redis-server`);
      process.exit(1);
    });
    for (let i = 0; i < 100; i++) {
      await sleep(50);
      try {
        if (cli('PING').trim() === 'PONG') return;
      } catch {
        // not listening yet
      }
    }
    throw new Error('redis-server did not answer PING');
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    resetStats: () => cli('CONFIG', 'RESETSTAT'),
    /** Script calls (EVALSHA + EVAL) since the last reset. */
    scriptCalls: () => [...cli('INFO', 'commandstats').matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0),
    /** SIGKILL, as a crash would. */
    kill: () => child.kill('SIGKILL'),
    restart: launch,
    stop: () => (child.kill('SIGKILL'), rmSync(dir, { recursive: true, force: true })),
  };
}

async function runSetup(sim, redis, setup) {
  await sim.control.configure({ latencyMs: 100, rateLimit: { requestsPerSecond: RATE } }); // also refills the buckets
  const workers = Array.from({ length: PROCESSES }, (_, worker) => {
    const child = spawn(process.execPath, [join(here, 'redis-quota-worker.mjs'), setup], {
      env: { ...process.env, SIM_URL: sim.url, REDIS_URL: redis.url, WORKER: String(worker), PROMPTS: String(PROMPTS[worker]), PROCESSES: String(PROCESSES), RATE: String(RATE) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { child, next: lineReader(child, `worker ${worker}`) };
  });
  for (const w of workers) if ((await w.next()) !== 'ready') throw new Error('a worker did not get ready');
  await sleep(1200); // the simulator's buckets refill after the warm-up calls
  await sim.control.reset();
  redis.resetStats();
  const startedAt = performance.now();
  for (const w of workers) w.child.stdin.write('go\n');
  // redis-kill: Redis dies (SIGKILL) halfway through the ideal run time, and stays away until the end.
  const killer = setup === 'redis-kill' ? setTimeout(() => redis.kill(), (TOTAL / RATE / 2) * 1000) : undefined;
  const results = await Promise.all(workers.map(async (w) => JSON.parse(await w.next())));
  const wallMs = performance.now() - startedAt;
  clearTimeout(killer);
  const stats = await sim.control.stats();
  const succeeded = results.reduce((n, r) => n + r.succeeded, 0);
  return {
    setup,
    succeeded,
    lost: TOTAL - succeeded,
    requests: stats.requestsReceived,
    rateLimited: stats.rateLimited,
    rateLimitedPct: Math.round((stats.rateLimited / stats.requestsReceived) * 1000) / 10,
    // successful requests per second over the run, against the 50/s the quota allows
    shareOfRatePct: Math.round(((succeeded / (wallMs / 1000)) / RATE) * 1000) / 10,
    wallS: Math.round(wallMs / 100) / 10,
    // Redis round trips per prompt (acquisitions, refunds, pauses, and new slots after a stall or a pause)
    redisCallsPerPrompt: setup === 'redis' ? Math.round((redis.scriptCalls() / TOTAL) * 1000) / 1000 : undefined,
    // the Redis warnings the workers got (redis-kill: one per process expected) and the limiters' modes at the end
    redisWarnings: setup.startsWith('redis') ? results.reduce((n, r) => n + r.redisWarnings, 0) : undefined,
    modes: setup.startsWith('redis') ? results.map((r) => r.mode).join(',') : undefined,
    firstWarning: results.find((r) => r.redisWarning)?.redisWarning,
    // the longest event-loop delay in any worker (timers firing late on a busy machine)
    maxLoopDelayMs: Math.max(...results.map((r) => r.maxLoopDelayMs)),
  };
}

/** The median, to two decimals. */
const median2 = (xs) => Math.round(median(xs) * 100) / 100;
const span = (xs) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${median2(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`);

const LABELS = {
  redis: `redisRateLimiter, ${RATE}/s shared`,
  local: `createRateLimiter, ${RATE}/s per process`,
  split: `createRateLimiter, ${RATE / PROCESSES}/s per process`,
  under: `createRateLimiter, ${RATE * 0.9}/s per process`,
  'redis-kill': `redisRateLimiter, ${RATE}/s shared, Redis killed at ${TOTAL / RATE / 2} s`,
};

const sim = await startSim();
const redis = await startRedis();
const runs = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const setup of SETUPS) {
      const r = await runSetup(sim, redis, setup);
      if (setup === 'redis-kill') await redis.restart();
      runs.push({ round, ...r });
      console.log(`round ${round} ${setup}: ${JSON.stringify(r)}`);
    }
  }
} finally {
  sim.child.kill('SIGTERM');
  redis.stop();
}

const rows = SETUPS.map((setup) => {
  const rs = runs.filter((r) => r.setup === setup);
  const col = (k) => span(rs.map((r) => r[k]));
  const calls = setup === 'redis' ? col('redisCallsPerPrompt') : '–';
  const killed = setup === 'redis-kill' ? ` (warnings: ${col('redisWarnings')}; modes at the end: ${rs.map((r) => r.modes).join(' / ')})` : '';
  return `| ${LABELS[setup]} | ${col('succeeded')} / ${TOTAL} | ${col('rateLimited')} of ${col('requests')} (${col('rateLimitedPct')}%) | ${col('shareOfRatePct')}% | ${col('wallS')} s${killed} | ${calls} |`;
});
const table = [
  `${PROCESSES} processes × ${UNEVEN ? PROMPTS.join('/') : PROMPTS[0]} prompts, simulator allowing ${RATE} requests/s (100 ms latency), ${ROUNDS} round(s), median (min–max), ${cpus().length} cores:`,
  '',
  '| limiter in each process | prompts succeeded | requests answered 429 | share of the allowed rate | wall time | Redis calls / prompt |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
console.log(`\n${table}`);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, processes: PROCESSES, prompts: PROMPTS, rate: RATE, runs }, null, 2)}\n`);
writeFileSync(OUT.replace(/\.json$/, '.md'), `${table}\n`);
