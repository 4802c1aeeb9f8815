/* global clearInterval, fetch, performance, setInterval, setTimeout -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// Helpers shared by the bench scripts, the worker and the adapters: CPU and RSS measurement, the simulator's
// control server, the texts the workloads send, a script's --name=value arguments and the median.

/** The model name every library asks for (the simulator answers any). */
export const MODEL = 'gpt-4o-mini';
export const ANTHROPIC_MODEL = 'claude-haiku-4-5';
/** No key exists here: the simulator accepts any. */
export const API_KEY = 'sk-bench-not-a-real-key';

/**
 * A reply of exactly `tokens` tokens for `x-sim-reply`: the simulator counts a word or one punctuation mark
 * as a token, so "a.a.a." is 1 token per character and needs no URI escaping (the header stays as small as
 * the reply).
 */
export function longReply(tokens) {
  return 'a.'.repeat(Math.ceil(tokens / 2)).slice(0, tokens);
}

/** CPU time (user + system, µs) and wall time (ms) of `fn`, measured in this process. */
export async function measure(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuUs: cpu.user + cpu.system };
}

/**
 * Samples `process.memoryUsage.rss()` over time: on a timer, and on progress (`tick()`, every `every` ticks,
 * for runs that never yield to timers). `summary()` gives the peak and the flatness: the peak over the second
 * half of the run (by time) against the peak over the first half.
 */
export function rssSampler({ every = 1000, intervalMs = 25 } = {}) {
  const t0 = performance.now();
  const samples = []; // [ms since start, rss]
  let progress = 0;
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    samples.push([performance.now() - t0, rss]);
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    tick() {
      progress++;
      if (progress % every === 0) sample();
    },
    summary() {
      clearInterval(timer);
      sample();
      const total = performance.now() - t0;
      const first = samples.filter(([t]) => t <= total / 2).map(([, r]) => r);
      const second = samples.filter(([t]) => t > total / 2).map(([, r]) => r);
      const max = (xs) => xs.reduce((a, b) => (b > a ? b : a), 0);
      const mb = (b) => Math.round((b / 1048576) * 10) / 10;
      const firstPeak = max(first);
      const secondPeak = max(second);
      return {
        peakRssMb: mb(peak),
        firstHalfPeakMb: mb(firstPeak),
        secondHalfPeakMb: mb(secondPeak),
        // Above ~1.1: RSS was still growing in the second half of the run.
        growth: firstPeak ? Math.round((secondPeak / firstPeak) * 1000) / 1000 : null,
        samples: samples.length,
        // A down-sampled curve [time fraction, MB] for the chart.
        curve: downsample(samples, 40).map(([t, r]) => [Math.round((t / total) * 1000) / 1000, mb(r)]),
      };
    },
  };
}

function downsample(samples, n) {
  if (samples.length <= n) return samples;
  const out = [];
  for (let i = 0; i < n; i++) out.push(samples[Math.floor((i * (samples.length - 1)) / (n - 1))]);
  return out;
}

/** The simulator's control server (see sim-server.mjs). */
export function control(baseUrl) {
  const call = async (method, path, body) => {
    const res = await fetch(baseUrl + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  };
  return {
    stats: () => call('GET', '/stats'),
    reset: () => call('POST', '/reset'),
    configure: (options) => call('POST', '/configure', options),
  };
}

/** The prompts of a workload: distinct, short, deterministic. */
export function prompt(i) {
  return `Say something about item ${i}.`;
}

/** A lazy source of `n` prompts that calls `onPull` per prompt taken. */
export function* lazyPrompts(n, onPull) {
  for (let i = 0; i < n; i++) {
    onPull?.();
    yield prompt(i);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The script's `--name=value` arguments (a bare `--flag` is `true`), by name. */
export function cliArgs() {
  return Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k, v ?? true];
    }),
  );
}

/** The median of `xs` (the mean of the two middle values for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The embedding model every library asks for. */
export const EMBEDDING_MODEL = 'text-embedding-3-small';

/** The texts of the embed workload: distinct, about a dozen words each. */
export function text(i) {
  return `Document ${i}: notes about topic ${i % 97} and its ${i % 13} related items, kept for search.`;
}

/** A lazy source of `n` texts. */
export function* lazyTexts(n) {
  for (let i = 0; i < n; i++) yield text(i);
}

/**
 * A stand-in for the OpenAI client that answers at once, with no HTTP: measures what a library adds per
 * request on top of the SDK call itself. `create` returns a Promise that also has the SDK's `withResponse()`.
 */
export function instantOpenAIClient() {
  let id = 0;
  const create = (body) => {
    const data = {
      id: `chatcmpl-${++id}`,
      object: 'chat.completion',
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'A short reply.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
    };
    const promise = Promise.resolve(data);
    promise.withResponse = () => Promise.resolve({ data, request_id: `req_${id}` });
    return promise;
  };
  return { chat: { completions: { create } }, completions: { create } };
}
