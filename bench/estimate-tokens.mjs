/* global performance, URL, Buffer -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// How long estimateTokens takes on huge prompts (it runs synchronously before every rate-limited request).
// Uses the built CommonJS dist (the tokenizer loads synchronously there): npm run build first.
//
//   node estimate-tokens.mjs [path/to/dist/cjs/index.js] [--skip-quadratic]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../dist/cjs/index.js', import.meta.url));
const { estimateTokens, loadTokenizer } = require(dist);
await loadTokenizer();

const zh = '我们今天讨论一下这个问题的解决方案并且需要考虑性能和内存的限制'; // no punctuation: one long run
const english = 'The quick brown fox jumps over the lazy dog, then naps in the warm afternoon sun. ';
const cases = {
  '100 KB of "a"': 'a'.repeat(100_000),
  '30 KB of Chinese': zh.repeat(400).slice(0, 10_000),
  // prose with a long run inside (an inlined blob, a minified line): what froze a pipeline for 15 s
  '150 KB mixed': english.repeat(600) + 'x'.repeat(100_000),
  '1 MB of English': english.repeat(12_500),
  '1 MB of "a"': 'a'.repeat(1_000_000),
};
const skipQuadratic = args.includes('--skip-quadratic');
for (const [name, text] of Object.entries(cases)) {
  if (skipQuadratic && name === '1 MB of "a"') {
    console.log(`${name.padEnd(18)} skipped (quadratic: ~100 x the 100 KB time)`);
    continue;
  }
  estimateTokens(text.slice(0, 2000)); // warm the JIT
  const t0 = performance.now();
  const tokens = estimateTokens(text, { maxTokens: 0 });
  const ms = performance.now() - t0;
  console.log(`${name.padEnd(18)} ${String(Buffer.byteLength(text)).padStart(9)} bytes ${String(tokens).padStart(8)} tokens ${ms.toFixed(1).padStart(9)} ms`);
}
