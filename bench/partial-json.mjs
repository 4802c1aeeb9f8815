/* global performance -- Node 20 global (eslint.config.mjs declares only process and console for .mjs) */
// Streaming partial objects: rxllm's incremental PartialJsonParser against what other libraries do, re-parsing
// the whole accumulated text on every delta (repair it: close the open string and brackets, then JSON.parse).
// Workload: a ~1 MB JSON object (an array of records with strings, numbers and nested objects, indented as a
// model writes it) in 10,000 deltas. CPU time is process.cpuUsage() (user + system) around each run.
//
//   npm run build && cd bench && node partial-json.mjs     # or: npm run bench:partial-json (in bench/)
//   node partial-json.mjs --size=1000000 --deltas=10000 --rounds=3 --naive-rounds=1   # --naive-rounds=0 skips it
//
// Not part of run.mjs (no simulator, no other library needed). The module is not exported yet: it is
// imported from its built file.
import { PartialJsonParser } from '../dist/esm/structured/partial-json.js';
import { cliArgs } from './common.mjs';

const args = cliArgs();
const SIZE = Number(args.size ?? 1_000_000);
const DELTAS = Number(args.deltas ?? 10_000);
const ROUNDS = Number(args.rounds ?? 3);
const NAIVE_ROUNDS = Number(args['naive-rounds'] ?? 1);

/** A small deterministic PRNG (mulberry32), so every run parses the same text. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A document of about `size` characters, as a model writes it (indented): `object` is an export with a
 * `records` array of rich records (strings with escapes and non-ASCII, numbers, nested objects and arrays);
 * `array` is a bare top-level array of small records, the worst case for snapshots (one long open array).
 */
function makeDocument(size, shape = 'object') {
  const rnd = random(42);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const words = ['alpha', 'beta', 'gamma', 'delta', 'naïve', 'café', 'über', 'said "hi"', 'tab\there', 'line\nbreak', 'emoji 😀', 'path\\to', 'ok'];
  const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');
  const name = () => `${pick(['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara'])} ${pick(['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov'])}`;
  const rich = (id) => ({
    id,
    name: name(),
    email: `user${id}@example.com`,
    score: Math.round(rnd() * 1e6) / 1e3,
    balance: Math.round((rnd() - 0.5) * 1e8) / 100,
    active: rnd() < 0.7,
    manager: rnd() < 0.3 ? null : id - 1,
    tags: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(words)),
    address: { street: `${Math.floor(rnd() * 999)} ${pick(words)} street`, city: pick(['Paris', 'Zürich', 'Tokyo']), zip: String(10000 + id) },
    notes: sentence(5 + Math.floor(rnd() * 20)),
    history: Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => ({ at: 1.7e12 + i * 1e6, amount: Math.round(rnd() * 1e4) / 100, ok: rnd() < 0.5 })),
  });
  const small = (id) => ({ id, name: name(), score: Math.round(rnd() * 1e5) / 1e3, ok: rnd() < 0.5 });
  const records = [];
  const doc = shape === 'array' ? records : { title: 'Customer export', generatedAt: '2026-11-24T15:14:00Z', version: 3, records, summary: {} };
  const indent = shape === 'array' ? 2 : 4; // extra indentation of a record's lines in the document
  let length = JSON.stringify(doc, null, 2).length;
  for (let id = 1; length < size; id++) {
    const record = shape === 'array' ? small(id) : rich(id);
    records.push(record);
    const json = JSON.stringify(record, null, 2);
    length += json.length + indent * json.split('\n').length + 2; // plus ",\n"
  }
  if (shape === 'object') doc.summary = { count: records.length, totalScore: records.reduce((s, r) => s + r.score, 0) };
  return JSON.stringify(doc, null, 2);
}

/** `text` in `n` pieces of random lengths (from 1 to about twice the average). */
function split(text, n) {
  const rnd = random(7);
  const average = text.length / n;
  const pieces = [];
  let at = 0;
  for (let i = 1; i < n; i++) {
    const cut = Math.min(text.length - (n - i), Math.max(at + 1, Math.round((i + rnd() - 0.5) * average)));
    pieces.push(text.slice(at, cut));
    at = cut;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/**
 * The usual approach, re-done on every delta: scan the whole text for the open brackets and string, cut back
 * to the last point where the text can be closed (after a complete value or an opening bracket; or close the
 * open value string, without a dangling escape), append the closers, JSON.parse. Returns undefined when the
 * text cannot be repaired yet (the caller keeps its previous value).
 */
function repairAndParse(text) {
  const stack = [];
  let inString = false;
  let isKey = false;
  let escapeAt = -1; // start of an unfinished escape in the open string
  let hexLeft = 0;
  let safeEnd = 0; // the text up to here, plus closers, is valid JSON
  let expectKey = false; // in an object, after '{' or ','
  let inNumberOrLiteral = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (hexLeft > 0) {
        if (--hexLeft === 0) escapeAt = -1;
      } else if (escapeAt >= 0) {
        if (c === 0x75) hexLeft = 4;
        else escapeAt = -1;
      } else if (c === 0x5c) escapeAt = i;
      else if (c === 0x22) {
        inString = false;
        if (!isKey) safeEnd = i + 1;
      }
      continue;
    }
    const valueChar = (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    if (inNumberOrLiteral && !valueChar) {
      inNumberOrLiteral = false;
      safeEnd = i;
    }
    if (c === 0x22) {
      inString = true;
      isKey = expectKey;
      expectKey = false;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? '}' : ']');
      expectKey = c === 0x7b;
      safeEnd = i + 1;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      safeEnd = i + 1;
    } else if (c === 0x2c) expectKey = stack[stack.length - 1] === '}';
    else if (valueChar) inNumberOrLiteral = true;
  }
  // A dangling ',', key or ':' lies after safeEnd, so it is cut with the rest.
  let repaired = inString && !isKey ? (escapeAt >= 0 ? text.slice(0, escapeAt) : text) + '"' : text.slice(0, safeEnd);
  for (let i = stack.length - 1; i >= 0; i--) repaired += stack[i];
  try {
    return JSON.parse(repaired);
  } catch {
    return undefined;
  }
}

function cpu(fn) {
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const value = fn();
  const used = process.cpuUsage(t0);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - w0 };
}

const runs = {
  'PartialJsonParser: push + snapshot() per delta': (pieces) => {
    const parser = new PartialJsonParser();
    let snapshots = 0;
    let last;
    for (const piece of pieces) {
      parser.push(piece);
      const s = parser.snapshot();
      if (s !== last) snapshots++;
      last = s;
    }
    return { value: parser.end(), snapshots };
  },
  'PartialJsonParser: push only (one end())': (pieces) => {
    const parser = new PartialJsonParser();
    for (const piece of pieces) parser.push(piece);
    return { value: parser.end(), snapshots: 0 };
  },
  're-parse the accumulated text per delta (repair + JSON.parse)': (pieces) => {
    let text = '';
    let value;
    let snapshots = 0;
    for (const piece of pieces) {
      text += piece;
      const v = repairAndParse(text);
      if (v !== undefined) [value, snapshots] = [v, snapshots + 1];
    }
    return { value, snapshots };
  },
  'JSON.parse once (the whole text, for reference)': (pieces) => ({ value: JSON.parse(pieces.join('')), snapshots: 0 }),
};

const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: x < 10 ? 1 : 0 });

/** Runs every approach on `text` in DELTAS pieces (the re-parse only when `naive`); prints a table. */
function benchmark(title, shape, { naive }) {
  const text = makeDocument(SIZE, shape);
  const pieces = split(text, DELTAS);
  const expected = JSON.stringify(JSON.parse(text));
  const warmUp = split(makeDocument(SIZE / 10, shape), Math.ceil(DELTAS / 10));
  const records = shape === 'array' ? JSON.parse(text).length : JSON.parse(text).records.length;
  console.log(`\n${title}: ${text.length.toLocaleString('en-US')} characters, ${records.toLocaleString('en-US')} records, in ${pieces.length.toLocaleString('en-US')} deltas\n`);
  const rows = [];
  for (const [name, run] of Object.entries(runs)) {
    const isNaive = name.startsWith('re-parse');
    const rounds = isNaive ? (naive ? NAIVE_ROUNDS : 0) : ROUNDS;
    if (rounds === 0) continue;
    run(warmUp);
    const results = [];
    for (let r = 0; r < rounds; r++) results.push(cpu(() => run(pieces)));
    for (const { value } of results) {
      if (JSON.stringify(value.value) !== expected) throw new Error(`${name}: the final value differs from JSON.parse`);
    }
    results.sort((a, b) => a.cpuMs - b.cpuMs);
    const median = results[Math.floor(results.length / 2)];
    rows.push({ name, cpuMs: median.cpuMs, wallMs: median.wallMs, snapshots: median.value.snapshots });
  }
  const reference = rows.find((r) => r.name.startsWith('JSON.parse once')).cpuMs;
  console.log('| approach | CPU ms | wall ms | µs / delta | × one JSON.parse | distinct snapshots |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const snapshots = r.snapshots ? r.snapshots.toLocaleString('en-US') : '–';
    console.log(`| ${r.name} | ${fmt(r.cpuMs)} | ${fmt(r.wallMs)} | ${fmt((r.cpuMs * 1000) / pieces.length)} | ${fmt(r.cpuMs / reference)} | ${snapshots} |`);
  }
}

console.log(`Node ${process.version}; CPU = process.cpuUsage() user + system; median of ${ROUNDS} rounds (${NAIVE_ROUNDS} for the re-parse), after a warm-up on a document a tenth the size`);
benchmark('A. An object with an array of rich records', 'object', { naive: true });
// Re-parsing costs the same here (it depends on the text's length, not its shape): it runs on A only.
benchmark('B. A bare top-level array of small records (the longest open array: the worst case for snapshot())', 'array', { naive: false });
