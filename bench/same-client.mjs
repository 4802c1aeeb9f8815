/* global performance, URL -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// Per-request CPU of rxllm on top of the very same `OpenAI` client, over HTTP to the simulator (its own
// process) at 0 ms latency: `openAIChat({ client })` through `generate` (and through `firstValueFrom`, the
// Promise way) against the same client with p-limit. The variants run interleaved in one process, round after
// round, so a busy machine slows them alike; the table shows the median (and lower quartile) of the rounds.
// Needs the built dist (npm run build) and bench/node_modules (npm ci in bench/).
//
//   node same-client.mjs [--rounds=20] [--size=1000] [--concurrency=32] [--compare=path/to/other/dist/esm/index.js]
//
// --compare adds the same two rxllm variants from another build (e.g. a copy of dist/ made before a change),
// interleaved with the others: a before/after on the same machine at the same time.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { count, firstValueFrom, from, lastValueFrom } from 'rxjs';
import * as rxllm from '../dist/esm/index.js';
import { API_KEY, MODEL, prompt } from './common.mjs';

const arg = (name, fallback) => Number(new RegExp(`--${name}=(\\d+)`).exec(process.argv.slice(2).join(' '))?.[1] ?? fallback);
const rounds = arg('rounds', 20);
const size = arg('size', 1000);
const concurrency = arg('concurrency', 32);
const compare = /--compare=(\S+)/.exec(process.argv.slice(2).join(' '))?.[1];
const other = compare ? await import(new URL(compare, `file://${process.cwd()}/`).href) : undefined;

const here = dirname(fileURLToPath(import.meta.url));
const sim = spawn(process.execPath, [join(here, 'sim-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const { url } = JSON.parse(await new Promise((resolve) => createInterface({ input: sim.stdout }).once('line', resolve)));

const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: API_KEY, maxRetries: 0 });
const prompts = (k) => Array.from({ length: k }, (_, i) => prompt(i));
const withPLimit = (call) => async (k) => {
  const limit = pLimit(concurrency);
  await Promise.all(prompts(k).map((p) => limit(() => call(p))));
};
const rxllmVariants = (lib, suffix) => {
  const model = lib.openAIChat({ model: MODEL, client, maxTokens: 16 });
  return {
    [`generate${suffix}`]: (k) => lastValueFrom(from(prompts(k)).pipe(lib.generate(model, { concurrency }), count())),
    [`firstValueFrom${suffix}`]: withPLimit((p) => firstValueFrom(model.generate(p))),
  };
};
const variants = {
  raw: withPLimit((p) => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: p }], max_tokens: 16 })),
  ...rxllmVariants(rxllm, ''),
  ...(other ? rxllmVariants(other, ` (${compare})`) : {}),
};

try {
  for (const run of Object.values(variants)) await run(300); // warm up: JIT, sockets
  const cpu = Object.fromEntries(Object.keys(variants).map((v) => [v, []]));
  const names = Object.keys(variants);
  for (let r = 0; r < rounds; r++) {
    // a different variant goes first each round
    for (const name of names.map((_, i) => names[(i + r) % names.length])) {
      const run = variants[name];
      const c0 = process.cpuUsage();
      await run(size);
      const c = process.cpuUsage(c0);
      cpu[name].push((c.user + c.system) / size);
    }
  }
  const at = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
  const raw = { median: at(cpu.raw, 0.5), q1: at(cpu.raw, 0.25) };
  console.log(`| variant | CPU µs / request (median) | vs raw | lower quartile | vs raw |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const [name, xs] of Object.entries(cpu)) {
    const m = at(xs, 0.5);
    const q = at(xs, 0.25);
    console.log(`| ${name} | ${m.toFixed(0)} | ${(m / raw.median).toFixed(3)}× | ${q.toFixed(0)} | ${(q / raw.q1).toFixed(3)}× |`);
  }
  console.log(`\n${rounds} rounds of ${size} requests each, concurrency ${concurrency}, ${new Date().toISOString()}, ${performance.now().toFixed(0)} ms`);
} finally {
  sim.kill('SIGTERM');
}
