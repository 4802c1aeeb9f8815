// Builds dist/esm (ES modules) and dist/cjs (CommonJS) from src/ with tsc, each with type declarations.
// Each half gets a package.json naming its module type, so Node reads the .js files correctly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });

const builds = [
  { dir: 'dist/esm', module: 'ES2022', moduleResolution: 'Bundler', type: 'module' },
  { dir: 'dist/cjs', module: 'CommonJS', moduleResolution: 'Node10', type: 'commonjs' },
];
for (const b of builds) {
  execFileSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', b.dir, '--module', b.module, '--moduleResolution', b.moduleResolution],
    { stdio: 'inherit' },
  );
  mkdirSync(b.dir, { recursive: true });
  writeFileSync(`${b.dir}/package.json`, JSON.stringify({ type: b.type }, null, 2) + '\n');
}
chmodSync('bin/rxllm.js', 0o755);
console.log('built dist/esm and dist/cjs');
