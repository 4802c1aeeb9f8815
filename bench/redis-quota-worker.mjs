/* global performance -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// One process of bench/redis-quota.mjs: `node redis-quota-worker.mjs <setup>` with SIM_URL, REDIS_URL, PROMPTS,
// WORKER, PROCESSES and RATE in the environment. Loads rxllm from the built dist, warms up, prints "ready",
// waits for a line on stdin, runs the big-batch recipe over its prompts with the setup's limiter, and prints
// one JSON line. Setups: `redis` and `redis-kill` (redisRateLimiter at RATE, shared; in the second the parent
// kills Redis halfway), `local` (createRateLimiter at RATE in each
// process), `split` (createRateLimiter at RATE / PROCESSES in each process), `under` (createRateLimiter at 90%
// of RATE in each process: "a little under" the limit).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { firstValueFrom, lastValueFrom, tap } from 'rxjs';
import { adaptiveConcurrency, createRateLimiter, generateFrom, isGenerationFailure, openAIChat, redisRateLimiter } from '../dist/esm/index.js';
import { API_KEY, MODEL } from './common.mjs';

const setup = process.argv[2];
const env = (name) => Number(process.env[name]);
const [worker, n, processes, rate] = [env('WORKER'), env('PROMPTS'), env('PROCESSES'), env('RATE')];

const LOCAL_RATES = { local: rate, split: rate / processes, under: rate * 0.9 };
let redisWarnings = 0;
let redisWarning;
process.on('warning', (w) => {
  if (w.code !== 'RXLLM_REDIS_UNAVAILABLE') return;
  redisWarnings++;
  redisWarning ??= w.message;
});
const limiter =
  setup === 'redis' || setup === 'redis-kill'
    ? redisRateLimiter({ redis: process.env.REDIS_URL, key: 'bench-quota', requestsPerSecond: rate })
    : createRateLimiter({ requestsPerSecond: LOCAL_RATES[setup] });
const model = openAIChat({ model: MODEL, apiKey: API_KEY, baseURL: `${process.env.SIM_URL}/v1`, maxTokens: 16 });
await firstValueFrom(model.generate('warm up')); // loads the openai SDK before the clock starts
await firstValueFrom(limiter.acquire()); // and ioredis, and connects to Redis (the parent waits for the quota to refill)
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise((resolve) => lines.once('line', resolve));
lines.close();

let succeeded = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const startedAt = performance.now();
await lastValueFrom(
  generateFrom(model, Array.from({ length: n }, (_, i) => `Process ${worker}, prompt ${i}: say something short.`), {
    concurrency: adaptiveConcurrency({ max: 32 }),
    rateLimit: limiter,
    retry: { maxAttempts: 6, maxRetryAfterMs: 10_000 },
    timeout: { firstToken: 20_000, total: 120_000 },
    errors: 'emit',
  }).pipe(tap((r) => isGenerationFailure(r) || succeeded++)),
);
const ms = performance.now() - startedAt;
loopDelay.disable();
// How late timers fired in this process (a busy machine): the longest event-loop delay, in ms.
const maxLoopDelayMs = Math.round(loopDelay.max / 1e6);
const mode = limiter.mode ?? 'local';
await limiter.close?.();
process.stdout.write(`${JSON.stringify({ worker, succeeded, failed: n - succeeded, ms, maxLoopDelayMs, redisWarnings, redisWarning, mode })}\n`);
