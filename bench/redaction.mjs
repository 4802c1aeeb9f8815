/* global performance -- Node 20 global (eslint.config.mjs declares only process and console for .mjs) */
// The cost of removing echoed credentials from what a provider returns (src/core/redact-generation.ts): once
// per Generation (request id, model id, finish reasons, texts) and once per stream start/finish event; text
// deltas pass untouched. Measured for 1, 3 and 1,000 registered secrets (the registry's cap) and texts of
// 200 B, 2 KB and 20 KB, nothing to redact (the usual case: the same object comes back).
//
//   npm run build && cd bench && node redaction.mjs      # or: npm run bench:redaction (in bench/)
import { redactGeneration, redactGenerationEvent } from '../dist/esm/core/redact-generation.js';
import { registerSecret } from '../dist/esm/errors/redact.js';

const ITERATIONS = 20_000;

function generation(textLength) {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(textLength / 45)).slice(0, textLength);
  return {
    text, finishReason: 'stop', rawFinishReason: 'stop', choices: [{ index: 0, text, finishReason: 'stop', rawFinishReason: 'stop' }],
    provider: 'openai.chat', modelId: 'gpt-4o-mini-2024-07-18', requestId: 'req_7f3a9c21e5d4c3b2a1b2c3d4e5f60718',
    usage: { inputTokens: 12, outputTokens: 300, totalTokens: 312 },
  };
}

function microseconds(fn) {
  for (let i = 0; i < 2_000; i++) fn();
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) fn();
  return ((performance.now() - start) * 1_000) / ITERATIONS;
}

let registered = 0;
const rows = [];
for (const secrets of [1, 3, 1_000]) {
  for (; registered < secrets; registered++) registerSecret(`a1b2c3d4e5f6SECRET${registered.toString().padStart(6, '0')}7f3a9c21`);
  const start = { type: 'start', provider: 'openai.chat', modelId: 'gpt-4o-mini-2024-07-18', requestId: 'req_7f3a9c21e5d4c3b2a1b2c3d4e5f60718' };
  const finish = { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' };
  const delta = { type: 'text-delta', index: 0, text: ' fox' };
  const row = { secrets };
  for (const size of [200, 2_000, 20_000]) {
    const g = generation(size);
    row[`generation ${size} B (µs)`] = microseconds(() => redactGeneration(g)).toFixed(2);
  }
  row['start+finish events (µs)'] = microseconds(() => (redactGenerationEvent(start), redactGenerationEvent(finish))).toFixed(2);
  row['text-delta (µs)'] = microseconds(() => redactGenerationEvent(delta)).toFixed(3);
  rows.push(row);
}
console.table(rows);
