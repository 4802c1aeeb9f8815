import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The `version` of the nearest `package.json` named `rxllm` at or above `from` (the built CLI lives in
 * `dist/cjs/cli/`, under a `dist/cjs/package.json` that only names the module type, so that one is
 * passed over). `undefined` when there is none.
 *
 * @example
 * findPackageVersion(__dirname); // '0.1.0'
 */
export function findPackageVersion(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === 'rxllm' && typeof json.version === 'string') return json.version;
    } catch {
      // no package.json here (or not JSON): look further up
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The version of this package, read at run time from its `package.json` (found from this module's own
 * directory under CommonJS, which is what `bin/rxllm.js` runs; from the script's path otherwise).
 *
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.argv[1] !== undefined ? dirname(process.argv[1]) : process.cwd();
  return findPackageVersion(here) ?? 'unknown';
}
