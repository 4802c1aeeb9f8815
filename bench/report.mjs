// Turns a results object (see run.mjs) into markdown tables and the list of targets met or missed.

const NAMES = { rxllm: 'rxllm', raw: 'raw SDK + p-limit', langchain: 'LangChain.js', aisdk: 'Vercel AI SDK' };

const fmt = (x, digits) => {
  if (x === undefined || x === null) return '–';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
};
/** `median (min–max)`, or just the median when every round agreed or there was one round. */
function cell(m, digits) {
  if (!m) return '–';
  if (m.min === m.max) return fmt(m.median, digits);
  return `${fmt(m.median, digits)} (${fmt(m.min, digits)}–${fmt(m.max, digits)})`;
}
const ratio = (a, b) => (a && b ? a.median / b.median : undefined);

/** [heading, (agg, lib, kindResult) => cell] per kind of run. */
const COLUMNS = {
  founding: [
    ['serial (ms)', (a) => cell(a.serialMs, 0)],
    ['concurrent (ms)', (a) => cell(a.concurrentMs, 0)],
    ['speed-up', (a) => cell(a.speedup, 2) + '×'],
  ],
  requests: [
    ['CPU µs / request', (a) => cell(a.cpuUsPerRequest, 0)],
    ['vs raw', (a, _l, k) => fmt(ratio(a.cpuUsPerRequest, k.libs.raw?.cpuUsPerRequest), 2) + '×'],
    ['requests / s', (a) => cell(a.requestsPerSec, 0)],
  ],
  overhead: [
    ['CPU µs / request', (a) => cell(a.cpuUsPerRequest, 1)],
    ['requests / s', (a) => cell(a.requestsPerSec, 0)],
  ],
  stream: [
    ['CPU µs / chunk', (a) => cell(a.cpuUsPerChunk, 2)],
    ['vs raw', (a, _l, k) => fmt(ratio(a.cpuUsPerChunk, k.libs.raw?.cpuUsPerChunk), 2) + '×'],
    ['chunks / s', (a) => cell(a.chunksPerSec, 0)],
  ],
  cancel: [
    ['caller settled after (ms)', (a) => cell(a.settleMs, 2)],
    ['worst (ms)', (a) => cell(a.settleMaxMs, 2)],
    ['server saw the close', (a) => (a.serverSawClose ? `${fmt(a.serverSawClose.min * 100, 0)}%` : '–')],
    ['server saw it after (ms)', (a) => cell(a.serverCloseMs, 1)],
  ],
  'scale-instant': [
    ['peak RSS (MB)', (a) => cell(a.peakRssMb, 0)],
    ['2nd-half / 1st-half peak', (a) => cell(a.growth, 2)],
    ['wall (s)', (a) => cell(a.wallMs && scale(a.wallMs, 1e-3), 2)],
    ['prompts / s', (a) => cell(a.promptsPerSec, 0)],
  ],
  'scale-sim': [
    ['peak RSS (MB)', (a) => cell(a.peakRssMb, 0)],
    ['2nd-half / 1st-half peak', (a) => cell(a.growth, 2)],
    ['CPU µs / prompt', (a) => cell(a.cpuUsPerPrompt, 0)],
    ['prompts / s', (a) => cell(a.promptsPerSec, 0)],
  ],
  quota: [
    ['succeeded', (a, _l, k) => `${cell(a.succeeded, 0)} / ${k.params.n}`],
    ['429s received', (a) => cell(a.rateLimited, 0)],
    ['achieved rate (share of 50/s)', (a) => cell(a.achievedShare, 2)],
    ['wall (s)', (a) => cell(a.wallMs && scale(a.wallMs, 1e-3), 1)],
  ],
};
COLUMNS.embed = [
  ['CPU µs / value', (a) => cell(a.cpuUsPerValue, 1)],
  ['vs raw', (a, _l, k) => fmt(ratio(a.cpuUsPerValue, k.libs.raw?.cpuUsPerValue), 2) + '×'],
  ['peak RSS (MB)', (a) => cell(a.peakRssMb, 0)],
  ['2nd-half / 1st-half peak', (a) => cell(a.growth, 2)],
  ['values / s', (a) => cell(a.valuesPerSec, 0)],
  ['wall (s)', (a) => cell(a.wallMs && scale(a.wallMs, 1e-3), 1)],
];
COLUMNS.anthropic = COLUMNS.stream;
COLUMNS['scale-sim-full'] = COLUMNS['scale-sim'];

function scale(m, f) {
  return { median: m.median * f, min: m.min * f, max: m.max * f };
}

const TITLES = {
  'scale-instant': (k) => `5a. Scale: ${k.params.n.toLocaleString('en-US')} prompts at concurrency 64 through an instant fake model (rxllm: \`generateFrom\` + \`instantModel\`, lazy; raw: \`p-limit\` over an array, an instant async function)`,
  'scale-sim-full': (k) => `5c. Scale: ${k.params.n.toLocaleString('en-US')} prompts at concurrency 64 through the simulator, rxllm alone`,
  overhead: (k) => `2b. Per-request overhead without HTTP: ${k.params.n.toLocaleString('en-US')} calls at concurrency 32 to an instant stand-in for the OpenAI client (rxllm: \`openAIChat({ client })\` + \`generateFrom\`; raw: \`p-limit\` + \`create\`)`,
  embed: (k) => `8. Embeddings: ${k.params.n.toLocaleString('en-US')} values through the simulator, ${k.params.batchSize} per request, ${k.params.concurrency} requests in flight, 1,536-number vectors sent as base64 (rxllm: \`embedFrom\` + \`openAIEmbedding\`, lazy; raw: \`embeddings.create\` with \`p-limit\` over hand-made batches)`,
  'scale-sim': (k) => `5b. Scale: ${k.params.n.toLocaleString('en-US')} prompts at concurrency 64 through the simulator (rxllm: \`generateFrom\`, lazy; the others take an array)`,
};

/** Markdown: one table per workload, then the targets. */
export function renderTables(report) {
  const lines = [];
  for (const [kind, k] of Object.entries(report.results)) {
    const cols = COLUMNS[kind];
    if (!cols) continue;
    lines.push(`**${TITLES[kind]?.(k) ?? k.title}**`, '');
    lines.push(`| library | ${cols.map((c) => c[0]).join(' | ')} |`, `| --- | ${cols.map(() => '---').join(' | ')} |`);
    for (const [lib, agg] of Object.entries(k.libs)) {
      if (agg.errors?.length && agg.runs === agg.errors.length) {
        lines.push(`| ${NAMES[lib]} | failed: ${agg.errors[0].split('\n')[0].slice(0, 80)} |`);
        continue;
      }
      lines.push(`| ${NAMES[lib]} | ${cols.map((c) => c[1](agg, lib, k)).join(' | ')} |`);
    }
    const signal = k.libs.rxllm?.signalSettleMs;
    if (kind === 'cancel' && signal) lines.push('', `rxllm cancels by unsubscribing; with a caller \`signal\` instead, the \`AbortError\` arrived after ${cell(signal, 2)} ms.`);
    lines.push('');
  }
  if (report.targets?.length) {
    lines.push('**Targets**', '', '| target | measured | met |', '| --- | --- | --- |');
    for (const t of report.targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The issue's targets, checked against the medians. */
export function evaluateTargets(report) {
  const r = report.results;
  const m = (kind, lib, key) => r[kind]?.libs[lib]?.[key]?.median;
  const targets = [];
  const add = (target, measured, met) => targets.push({ target, measured, met: Boolean(met) });

  if (r.requests) {
    const q = m('requests', 'rxllm', 'cpuUsPerRequest') / m('requests', 'raw', 'cpuUsPerRequest');
    add('CPU per request within 5% of the raw SDK', `${fmt(q, 3)}× raw`, q <= 1.05);
  }
  if (r.overhead && r.requests) {
    const extra = m('overhead', 'rxllm', 'cpuUsPerRequest') - m('overhead', 'raw', 'cpuUsPerRequest');
    const q = extra / m('requests', 'raw', 'cpuUsPerRequest');
    add('what rxllm adds per request (2b, no HTTP) within 5% of the raw SDK\'s CPU per request (2)', `+${fmt(extra, 1)} µs = ${fmt(q * 100, 1)}%`, q <= 0.05);
  }
  for (const kind of ['stream', 'anthropic']) {
    if (!r[kind]) continue;
    const q = m(kind, 'rxllm', 'cpuUsPerChunk') / m(kind, 'raw', 'cpuUsPerChunk');
    add(`CPU per streamed chunk within 15% of the raw SDK (${kind === 'stream' ? 'OpenAI' : 'Anthropic'})`, `${fmt(q, 3)}× raw`, q <= 1.15);
  }
  if (r.cancel) {
    const s = m('cancel', 'rxllm', 'settleMs');
    const sig = m('cancel', 'rxllm', 'signalSettleMs');
    add('abort settles within 5 ms', `${fmt(s, 2)} ms (unsubscribe), ${fmt(sig, 2)} ms (signal)`, s <= 5 && (sig === undefined || sig <= 5));
  }
  if (r['scale-instant']?.libs.rxllm) {
    const peak = m('scale-instant', 'rxllm', 'peakRssMb');
    const growth = m('scale-instant', 'rxllm', 'growth');
    add(`${r['scale-instant'].params.n.toLocaleString('en-US')} lazy prompts: peak RSS under 200 MB and flat (2nd-half peak ≤ 1.1× 1st-half)`, `${fmt(peak, 0)} MB, ${fmt(growth, 2)}×`, peak < 200 && growth <= 1.1);
  }
  // Ahead of LangChain.js and the Vercel AI SDK, on each workload's main measure.
  const ahead = [
    ['founding', 'speedup', 'higher', 'speed-up'],
    ['requests', 'cpuUsPerRequest', 'lower', 'CPU/request'],
    ['requests', 'requestsPerSec', 'higher', 'requests/s'],
    ['stream', 'cpuUsPerChunk', 'lower', 'CPU/chunk'],
    ['stream', 'chunksPerSec', 'higher', 'chunks/s'],
    ['cancel', 'settleMs', 'lower', 'abort settle'],
    ['scale-sim', 'peakRssMb', 'lower', 'peak RSS'],
    ['scale-sim', 'cpuUsPerPrompt', 'lower', 'CPU/prompt'],
    ['quota', 'succeeded', 'higher-or-equal', 'prompts succeeded'],
    ['quota', 'rateLimited', 'lower-or-equal', '429s'],
  ];
  for (const [kind, key, better, label] of ahead) {
    if (!r[kind]) continue;
    const mine = m(kind, 'rxllm', key);
    const others = ['langchain', 'aisdk'].map((l) => [l, m(kind, l, key)]).filter(([, v]) => v !== undefined);
    if (mine === undefined || !others.length) continue;
    const beats = (v) =>
      better === 'higher' ? mine > v : better === 'lower' ? mine < v : better === 'higher-or-equal' ? mine >= v : mine <= v;
    add(
      `ahead of LangChain.js and the AI SDK: ${label} (${kind})`,
      `rxllm ${fmt(mine)} vs ${others.map(([l, v]) => `${NAMES[l]} ${fmt(v)}`).join(', ')}`,
      others.every(([, v]) => beats(v)),
    );
  }
  return targets;
}
