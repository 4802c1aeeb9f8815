/* global performance -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// One library running one workload, in its own process: `fork('worker.mjs', [lib, workload, paramsJson])`
// with SIM_URL and SIM_CONTROL in the environment. Sends one result object to the parent over IPC.
// CPU is process.cpuUsage() around the measured part only (imports, client setup and warm-up excluded).
import { control, longReply, measure, rssSampler, sleep } from './common.mjs';

const [lib, workload, paramsJson] = process.argv.slice(2);
const params = JSON.parse(paramsJson ?? '{}');
const ctx = { simUrl: process.env.SIM_URL };
const sim = control(process.env.SIM_CONTROL);
const adapter = await import(`./adapters/${lib}.mjs`);

const round = (x, digits = 2) => (x === null || x === undefined ? x : Math.round(x * 10 ** digits) / 10 ** digits);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

const workloads = {
  /** 1. The founding example: n calls at the configured latency, one after another, then all at once. */
  async founding({ n }) {
    const serial = await measure(() => adapter.batch(ctx, { n, concurrency: 1, serial: true }));
    const concurrent = await measure(() => adapter.batch(ctx, { n, concurrency: n }));
    return { serialMs: round(serial.wallMs, 0), concurrentMs: round(concurrent.wallMs, 0), speedup: round(serial.wallMs / concurrent.wallMs) };
  },

  /** 2. Per-request cost: n non-streaming calls at `concurrency`, 0 ms latency, after a warm-up. */
  async requests({ n, concurrency, warmup }) {
    await adapter.batch(ctx, { n: warmup, concurrency });
    const m = await measure(() => adapter.batch(ctx, { n, concurrency }));
    if (m.value !== n) throw new Error(`expected ${n} results, got ${m.value}`);
    return { cpuUsPerRequest: round(m.cpuUs / n), requestsPerSec: round((n * 1000) / m.wallMs, 0), wallMs: round(m.wallMs, 0) };
  },

  /** 2b. What the library adds per request on top of the SDK call: an instant stand-in client, no HTTP. */
  async overhead({ n, concurrency, warmup }) {
    await adapter.overhead(ctx, { n: warmup, concurrency });
    const m = await measure(() => adapter.overhead(ctx, { n, concurrency }));
    if (m.value !== n) throw new Error(`expected ${n} results, got ${m.value}`);
    return { cpuUsPerRequest: round(m.cpuUs / n, 2), requestsPerSec: round((n * 1000) / m.wallMs, 0) };
  },

  /** 3. and 6. Per-chunk cost: one stream of `chunks` text deltas, after a short warm-up stream. */
  async stream({ chunks, warmup, anthropic = false }) {
    const run = anthropic ? adapter.anthropicStream : adapter.stream;
    await run(ctx, { headers: { 'x-sim-reply': longReply(warmup) }, maxTokens: warmup + 10 });
    const headers = { 'x-sim-reply': longReply(chunks) };
    const m = await measure(() => run(ctx, { headers, maxTokens: chunks + 10 }));
    if (m.value !== chunks) throw new Error(`expected ${chunks} chunks, got ${m.value}`);
    return { cpuUsPerChunk: round(m.cpuUs / chunks, 3), chunksPerSec: round((chunks * 1000) / m.wallMs, 0), wallMs: round(m.wallMs, 0) };
  },

  /** 4. Cancellation: abort a paced stream after `afterChunks` deltas; time until the caller settles, and
   * whether (and when) the simulator saw the connection close. */
  async cancel({ trials, afterChunks, replyTokens }) {
    const headers = { 'x-sim-reply': longReply(replyTokens) };
    const byMode = { default: [], signal: [] };
    let seen = 0;
    const closeMs = [];
    // Trial 0 warms up (JIT, first connection) and is not counted.
    for (let t = 0; t <= trials; t++) {
      const viaSignal = lib === 'rxllm' && t % 2 === 0;
      const before = (await sim.stats()).requestsAborted;
      const { settleMs, t0 } = await adapter.cancel(ctx, { headers, afterChunks, maxTokens: replyTokens + 10, viaSignal });
      if (t === 0) continue;
      byMode[viaSignal ? 'signal' : 'default'].push(settleMs);
      const deadline = performance.now() + 2000;
      while (performance.now() < deadline) {
        if ((await sim.stats()).requestsAborted > before) {
          seen++;
          closeMs.push(performance.now() - t0);
          break;
        }
        await sleep(1);
      }
    }
    return {
      settleMs: round(median(byMode.default), 3),
      settleMaxMs: round(Math.max(...byMode.default), 3),
      ...(byMode.signal.length ? { signalSettleMs: round(median(byMode.signal), 3) } : {}),
      serverSawClose: round(seen / trials, 2),
      serverCloseMs: round(median(closeMs), 1),
    };
  },

  /** 5. Scale: n prompts at `concurrency` through an instant fake model or the simulator; RSS over time. */
  async scale({ n, concurrency, source }) {
    const run = source === 'instant' ? adapter.scaleInstant : adapter.scaleSim;
    if (!run) return { skipped: true };
    const sampler = rssSampler({ every: Math.max(1, Math.floor(n / 400)) });
    const m = await measure(() => run(ctx, { n, concurrency, onDone: () => sampler.tick() }));
    if (m.value !== n) throw new Error(`expected ${n} results, got ${m.value}`);
    const s = sampler.summary();
    return { ...s, wallMs: round(m.wallMs, 0), cpuUsPerPrompt: round(m.cpuUs / n, 2), promptsPerSec: round((n * 1000) / m.wallMs, 0) };
  },

  /** 8. Embeddings: n values in batches of `batchSize`, `concurrency` requests at once, after a warm-up; RSS over time. */
  async embed({ n, batchSize, concurrency, warmup }) {
    await adapter.embed(ctx, { n: warmup, batchSize, concurrency });
    const sampler = rssSampler({ every: Math.max(1, Math.floor(n / 400)) });
    const m = await measure(() => adapter.embed(ctx, { n, batchSize, concurrency, onDone: () => sampler.tick() }));
    if (m.value !== n) throw new Error(`expected ${n} vectors, got ${m.value}`);
    const s = sampler.summary();
    return { ...s, wallMs: round(m.wallMs, 0), cpuUsPerValue: round(m.cpuUs / n, 2), valuesPerSec: round((n * 1000) / m.wallMs, 0) };
  },

  /** 7. Quota: n prompts at `concurrency` against a simulator enforcing `requestsPerSecond`. */
  async quota({ n, concurrency, requestsPerSecond }) {
    const m = await measure(() => adapter.quota(ctx, { n, concurrency, requestsPerSecond }));
    const { succeeded } = m.value;
    return { succeeded, wallMs: round(m.wallMs, 0), achievedShare: round((succeeded * 1000) / m.wallMs / requestsPerSecond, 3) };
  },
};

try {
  const result = await workloads[workload](params);
  process.send({ ok: true, result }, () => process.exit(0));
} catch (error) {
  process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
}
