// Builds dist/esm (ES modules) and dist/cjs (CommonJS) from src/ with tsc, each with type declarations.
// Each half gets a package.json naming its module type, so Node reads the .js files correctly (and saying it has
// no side effects, for bundlers). The two
// compilations run at the same time. The CLI is built only as CommonJS (tsconfig.build.esm.json leaves it
// out): bin/rxllm.js runs dist/cjs/cli. No source maps (the package does not ship src/).
//
//   node scripts/build.mjs                   # into dist/
//   node scripts/build.mjs --out-dir <dir>   # into <dir> (spec/package builds a throwaway copy)
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const outFlag = process.argv.indexOf('--out-dir');
const out = outFlag >= 0 ? process.argv[outFlag + 1] : 'dist';
if (!out) throw new Error('--out-dir needs a directory');
rmSync(out, { recursive: true, force: true });

const builds = [
  { dir: join(out, 'esm'), config: 'tsconfig.build.esm.json', module: 'ES2022', moduleResolution: 'Bundler', type: 'module' },
  { dir: join(out, 'cjs'), config: 'tsconfig.build.json', module: 'CommonJS', moduleResolution: 'Node10', type: 'commonjs' },
];
const results = await Promise.allSettled(
  builds.map((b) =>
    promisify(execFile)(
      process.execPath,
      [tsc, '-p', b.config, '--outDir', b.dir, '--module', b.module, '--moduleResolution', b.moduleResolution],
      { maxBuffer: 64 * 1024 * 1024 },
    ),
  ),
);
const failed = results.filter((r) => r.status === 'rejected');
for (const r of failed) process.stderr.write(`${r.reason.stdout ?? ''}${r.reason.stderr ?? ''}${r.reason.stdout || r.reason.stderr ? '' : String(r.reason)}\n`);
if (failed.length > 0) process.exit(1);
for (const b of builds) {
  mkdirSync(b.dir, { recursive: true });
  // sideEffects: bundlers read it from the nearest package.json, which is this one, not the root's: without it
  // they keep every module `rxllm`'s index re-exports (and the SDKs those load) in every bundle.
  writeFileSync(join(b.dir, 'package.json'), JSON.stringify({ type: b.type, sideEffects: false }, null, 2) + '\n');
}
chmodSync('bin/rxllm.js', 0o755);
console.log(`built ${join(out, 'esm')} and ${join(out, 'cjs')}`);
