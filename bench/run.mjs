/* global setTimeout -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// The side-by-side benchmark: rxllm vs the raw SDK (+ p-limit), LangChain.js and the Vercel AI SDK, all against
// the rxllm simulator (its own process) on loopback. Each library runs each workload in its own child process,
// alternating A B C D, B C D A... for several rounds; the table shows medians and the min–max spread.
//
//   node run.mjs                      # everything (~8 minutes on 2 cores)
//   node run.mjs --quick              # smaller sizes, fewer rounds (~2 minutes)
//   node run.mjs --only=requests,stream --rounds=3 --libs=rxllm,raw
//   node run.mjs --only=embed --libs=rxllm,raw --out=results/embed.json   # one workload, kept apart from latest.json
//
// Writes results/latest.json, results/latest.md (the tables) and results/chart.svg.
import { fork, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, control, median } from './common.mjs';
import { renderChart } from './chart.mjs';
import { evaluateTargets, renderTables } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LIBS = ['rxllm', 'raw', 'langchain', 'aisdk'];

const args = cliArgs();
if (args.help) {
  console.log('Usage: node run.mjs [--quick] [--only=founding,requests,stream,cancel,scale,anthropic,quota,embed] [--rounds=N] [--libs=rxllm,raw,langchain,aisdk] [--scale-sim-n=N] [--scale-instant-n=N] [--embed-n=N] [--out=results/latest.json]');
  process.exit(0);
}
const quick = Boolean(args.quick);
const only = typeof args.only === 'string' ? args.only.split(',') : undefined;
const libs = typeof args.libs === 'string' ? args.libs.split(',') : LIBS;
const roundsOverride = args.rounds ? Number(args.rounds) : undefined;
// 100,000 prompts through the simulator take minutes per library on a busy 2-core machine: the side-by-side
// run uses fewer by default (--scale-sim-n=100000 for the full size).
const scaleSimN = args['scale-sim-n'] ? Number(args['scale-sim-n']) : quick ? 5_000 : 20_000;
const scaleInstantN = args['scale-instant-n'] ? Number(args['scale-instant-n']) : quick ? 200_000 : 1_000_000;
const embedN = args['embed-n'] ? Number(args['embed-n']) : quick ? 20_000 : 100_000;

/** The workloads, in order. `runs` lists the child runs of one round: [label, libs, params]. */
const WORKLOADS = [
  {
    name: 'founding',
    title: '1. Founding example: 10 calls at 500 ms latency, serial vs concurrent',
    rounds: quick ? 1 : 2,
    sim: { latencyMs: 500 },
    runs: [['founding', LIBS, { n: 10 }]],
  },
  {
    name: 'requests',
    title: `2. Per-request cost: ${quick ? '1,000' : '3,000'} non-streaming calls, concurrency 32, 0 ms latency`,
    rounds: quick ? 2 : 5,
    sim: {},
    runs: [
      ['requests', LIBS, { n: quick ? 1000 : 3000, concurrency: 32, warmup: 200 }],
      // What rxllm adds on top of the SDK call, measured without HTTP (so without its noise).
      ['overhead', ['rxllm', 'raw'], { n: quick ? 10_000 : 30_000, concurrency: 32, warmup: 5000 }],
    ],
  },
  {
    name: 'stream',
    title: `3. Per-chunk cost: one OpenAI stream of ${quick ? '20,000' : '100,000'} chunks`,
    rounds: quick ? 2 : 3,
    sim: {},
    runs: [['stream', LIBS, { chunks: quick ? 20_000 : 100_000, warmup: 2000 }]],
  },
  {
    name: 'cancel',
    title: '4. Cancellation: abort a stream after 20 chunks (stream paced at 500 tokens/s)',
    rounds: quick ? 1 : 2,
    sim: { tokensPerSecond: 500 },
    runs: [['cancel', LIBS, { trials: quick ? 6 : 20, afterChunks: 20, replyTokens: 2000 }]],
  },
  {
    name: 'scale',
    title: `5. Scale: ${scaleInstantN.toLocaleString('en-US')} lazy prompts through an instant model, ${scaleSimN.toLocaleString('en-US')} through the simulator, concurrency 64`,
    rounds: quick ? 1 : 2,
    sim: {},
    runs: [
      ['scale-instant', ['rxllm', 'raw'], { source: 'instant', n: scaleInstantN, concurrency: 64 }],
      ['scale-sim', LIBS, { source: 'sim', n: scaleSimN, concurrency: 64 }],
      // The full size, for rxllm alone (the side-by-side run above is smaller to keep the bench short).
      ...(quick ? [] : [['scale-sim-full', ['rxllm'], { source: 'sim', n: 100_000, concurrency: 64 }]]),
    ],
    roundsOf: { 'scale-sim': 1, 'scale-sim-full': 1 },
  },
  {
    name: 'anthropic',
    title: `6. Anthropic per-chunk cost: one stream of ${quick ? '20,000' : '100,000'} chunks`,
    rounds: quick ? 2 : 3,
    sim: {},
    runs: [['anthropic', ['rxllm', 'raw'], { chunks: quick ? 20_000 : 100_000, warmup: 2000, anthropic: true }]],
  },
  {
    name: 'quota',
    title: `7. Quota: ${quick ? '200' : '500'} prompts at concurrency 32 against 50 requests/s (100 ms latency), default retries`,
    rounds: quick ? 1 : 2,
    sim: { latencyMs: 100, rateLimit: { requestsPerSecond: 50 } },
    runs: [['quota', LIBS, { n: quick ? 200 : 500, concurrency: 32, requestsPerSecond: 50 }]],
  },
  {
    name: 'embed',
    title: `8. Embeddings: ${embedN.toLocaleString('en-US')} values through the simulator, 100 per request, 8 requests in flight, 1,536-number vectors (base64)`,
    rounds: quick ? 1 : 2,
    sim: {},
    // rxllm: embedFrom over a lazy source; raw: the SDK's embeddings.create with p-limit over hand-made batches.
    runs: [['embed', ['rxllm', 'raw'], { n: embedN, batchSize: 100, concurrency: 8, warmup: 2000 }]],
  },
];
const BASE_SIM = { latencyMs: 0, tokensPerSecond: 0, rateLimit: undefined, faults: [] };

async function startSim() {
  const child = spawn(process.execPath, ['--max-http-header-size=1048576', join(here, 'sim-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code} (is dist/ built? run npm run build)`)));
  });
  const { url, control: controlUrl } = JSON.parse(line);
  return { child, url, controlUrl, control: control(controlUrl) };
}

function runChild(sim, lib, kind, params) {
  const workload = kind.startsWith('scale') ? 'scale' : kind === 'anthropic' ? 'stream' : kind;
  const execArgv = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${lib}-${kind}-${Date.now()}.cpuprofile`] : [];
  return new Promise((resolve) => {
    const child = fork(join(here, 'worker.mjs'), [lib, workload, JSON.stringify(params)], {
      env: { ...process.env, SIM_URL: sim.url, SIM_CONTROL: sim.controlUrl },
      execArgv,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let message;
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.on('message', (m) => (message = m));
    child.on('exit', (code) => {
      if (message?.ok) resolve(message.result);
      else resolve({ error: message?.error ?? `exit ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}` });
    });
  });
}

function aggregate(runs) {
  const ok = runs.filter((r) => !r.error && !r.skipped);
  const out = { runs: runs.length, errors: runs.filter((r) => r.error).map((r) => r.error) };
  if (!ok.length) return out;
  for (const key of Object.keys(ok[0])) {
    const values = ok.map((r) => r[key]).filter((v) => typeof v === 'number');
    if (values.length === ok.length) out[key] = { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  }
  const curves = ok.map((r) => r.curve).filter(Boolean);
  if (curves.length) out.curve = curves[0];
  return out;
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    nproc: cpus().length,
    cpu: model.trim(),
    memGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${osType()} ${release()}`,
  };
}

const started = Date.now();
const sim = await startSim();
const results = {};
try {
  for (const w of WORKLOADS) {
    if (only && !only.includes(w.name)) continue;
    console.error(`\n${w.title}`);
    for (const [kind, runLibs, params] of w.runs) {
      const targets = runLibs.filter((l) => libs.includes(l));
      const rounds = roundsOverride ?? w.roundsOf?.[kind] ?? w.rounds;
      const collected = Object.fromEntries(targets.map((l) => [l, []]));
      for (let r = 0; r < rounds; r++) {
        // Rotate who goes first each round (A B C D, B C D A, ...) so no library always runs in the same slot.
        const order = targets.map((_, i) => targets[(i + r) % targets.length]);
        for (const lib of order) {
          await sim.control.configure({ ...BASE_SIM, ...w.sim });
          await sim.control.reset();
          if (w.sim.rateLimit) await new Promise((res) => setTimeout(res, 1100)); // let the buckets refill
          const t0 = Date.now();
          const result = await runChild(sim, lib, kind, params);
          const stats = await sim.control.stats();
          result.rateLimited = stats.rateLimited;
          result.requestsReceived = stats.requestsReceived;
          collected[lib].push(result);
          const brief = result.error ? `ERROR ${result.error.split('\n')[0]}` : JSON.stringify(result, (k, v) => (k === 'curve' ? undefined : v));
          console.error(`  [${kind} round ${r + 1}/${rounds}] ${lib.padEnd(9)} ${((Date.now() - t0) / 1000).toFixed(1)}s ${brief}`);
        }
      }
      results[kind] = { title: w.title, params, libs: Object.fromEntries(targets.map((l) => [l, aggregate(collected[l])])), raw: collected };
      for (const l of targets) for (const r of collected[l]) delete r.curve;
    }
  }
} finally {
  sim.child.kill('SIGTERM');
}

const report = {
  date: new Date().toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  quick,
  machine: machine(),
  note: process.env.BENCH_NOTE ?? undefined,
  versions: versions(),
  results,
};
report.targets = evaluateTargets(report);

function versions() {
  const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8')).packages;
  const v = (name) => lock[`node_modules/${name}`]?.version;
  const root = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;
  return { rxllm: root, openai: v('openai'), '@anthropic-ai/sdk': v('@anthropic-ai/sdk'), 'p-limit': v('p-limit'), '@langchain/openai': v('@langchain/openai'), '@langchain/core': v('@langchain/core'), ai: v('ai'), '@ai-sdk/openai': v('@ai-sdk/openai') };
}

const out = typeof args.out === 'string' ? args.out : join(here, 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
const md = renderTables(report);
writeFileSync(out.replace(/\.json$/, '.md'), md);
writeFileSync(out.replace(/latest\.json$/, 'chart.svg').replace(/\.json$/, '.svg'), renderChart(report));
console.log(md);
console.error(`\nwrote ${out} (${report.durationS} s)`);
