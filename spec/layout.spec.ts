// The layout is part of the design: each folder of src/ may import only from the folders below it, so a
// concept is found by its folder and no rule climbs back up the layers. This spec reads every import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const SRC = join(__dirname, '..', 'src');

/** What each top-level folder of src/ may import from (besides itself). `*`: anything. */
const ALLOWED: Readonly<Record<string, readonly string[] | '*'>> = {
  errors: [],
  core: ['errors'],
  platform: ['errors'],
  tracking: ['core', 'errors'],
  structured: ['core', 'errors', 'platform'],
  providers: ['core', 'errors', 'platform', 'tracking'],
  policies: ['core', 'errors', 'platform', 'tracking'],
  engine: ['core', 'errors', 'policies'],
  operators: ['core', 'engine', 'errors'],
  models: ['core', 'errors', 'platform', 'policies', 'structured', 'tracking'],
  simulator: ['core', 'errors'],
  testing: ['core', 'engine', 'errors', 'simulator'],
  // The page and the server of a web app: serving model streams, and a model served by a server.
  web: ['core', 'errors', 'platform', 'providers'],
  cli: '*',
  '.': '*', // src/index.ts, the public entry
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const topOf = (file: string): string => {
  const parts = relative(SRC, file).split(sep);
  return parts.length === 1 ? '.' : parts[0]!;
};

describe('src/ layout', () => {
  const files = sourceFiles(SRC);

  it('every top-level folder is a known layer', () => {
    expect([...new Set(files.map(topOf))].filter((t) => !(t in ALLOWED))).toEqual([]);
  });

  it('each folder imports only from the layers below it', () => {
    const offences: string[] = [];
    for (const file of files) {
      const from = topOf(file);
      const allowed = ALLOWED[from];
      if (allowed === '*') continue;
      for (const [statement, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)) {
        const to = topOf(join(dirname(file), spec!));
        // The contract's types (a `Usage` on an error) may be named anywhere: a type import loads nothing.
        const typeOnlyFromCore = to === 'core' && /^(import|export) type /.test(statement);
        if (to !== from && !allowed!.includes(to) && !typeOnlyFromCore) offences.push(`${relative(SRC, file)} imports ${spec} (${from} -> ${to})`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('no file is named *-internals: an internal module is named after what it does', () => {
    expect(files.filter((f) => f.endsWith('-internals.ts')).map((f) => relative(SRC, f))).toEqual([]);
  });
});
