import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { packageCopy, packAndUnpack, packDryRun, removeCopy, typeCheckConsumer, type PackageCopy, type PackReport } from './package-fixture.js';

// The package as npm publishes it (built once for this file: see package-fixture.ts):
// - what is packed: a LICENSE, no source map pointing at a file the package lacks, no dist/esm/cli (the bin
//   runs dist/cjs/cli), no install-time script (prepare, install...) in the packed package.json, and every
//   entry point it names present;
// - its type declarations need no SDK the user did not install: a project with only `openai`, only
//   `@anthropic-ai/sdk`, or neither, type-checks `import ... from 'rxllm'` and `'rxllm/testing'` with
//   `skipLibCheck: false`, from ES modules and CommonJS alike; a real SDK client still fits `client`.

let copy: PackageCopy | undefined;
let unpacked = '';
let report: PackReport;
beforeAll(async () => {
  copy = await packageCopy();
  report = await packDryRun(copy.pkg);
  unpacked = join(copy.dir, 'unpacked');
  await packAndUnpack(copy.pkg, unpacked);
}, 180_000);
afterAll(() => removeCopy(copy));

describe('what is packed', () => {
  const packed = (): Set<string> => new Set(report.files.map((f) => f.path));

  it('has an MIT LICENSE, as package.json says', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(packed().has('LICENSE')).toBe(true);
    const text = readFileSync(join(unpacked, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the rxllm authors\n/);
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it('has no source map pointing at a file the package does not contain', () => {
    const files = packed();
    const broken: string[] = [];
    for (const path of files) {
      if (path.endsWith('.map')) {
        const map = JSON.parse(readFileSync(join(unpacked, path), 'utf8')) as { sources?: string[]; sourceRoot?: string };
        for (const source of map.sources ?? []) {
          const target = normalize(join(dirname(path), map.sourceRoot ?? '', source));
          if (!files.has(target)) broken.push(`${path} -> ${target}`);
        }
      } else if (/\.(c|m)?js$|\.d\.ts$/.test(path)) {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(unpacked, path), 'utf8'))?.[1];
        if (url !== undefined && !url.startsWith('data:') && !files.has(normalize(join(dirname(path), url)))) broken.push(`${path} -> ${url}`);
      }
    }
    expect(broken.slice(0, 5)).toEqual([]);
  });

  it('ships the CLI once: dist/cjs/cli, which the bin runs; no dist/esm/cli', () => {
    const files = packed();
    expect([...files].filter((f) => f.startsWith('dist/esm/cli/'))).toEqual([]);
    expect(readFileSync(join(unpacked, 'bin', 'rxllm.js'), 'utf8')).toContain("require('../dist/cjs/cli/main.js')");
    expect(files.has('dist/cjs/cli/main.js')).toBe(true);
  });

  it('has no script that runs when a consumer installs it (prepare, preinstall, install, postinstall)', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => ['prepare', 'preinstall', 'install', 'postinstall'].includes(s))).toEqual([]);
  });

  it('contains every file package.json points at (main, module, types, exports, typesVersions, bin)', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Record<string, unknown>;
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') {
        if (value.startsWith('./')) targets.push(value);
      } else if (typeof value === 'object' && value !== null) {
        Object.values(value).forEach(collect);
      }
    };
    for (const field of ['main', 'module', 'types', 'exports', 'typesVersions', 'bin']) collect(pkg[field]);
    for (const t of ['main', 'module', 'types']) targets.push(`./${String(pkg[t]).replace(/^\.\//, '')}`);
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => !existsSync(join(unpacked, t)))).toEqual([]);
  });
});

const COMMON = ['rxjs', '@types/node'];
const USE_RXLLM = `
const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'k' });
const claude = anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'k' });
const fake = fakeModel(['hi']);
export const all = [model.provider, claude.modelId, fake.provider, isLlmError(new ConnectionError('x'))];
`;
const mts = (extra: string): string => `import { openAIChat, anthropicMessages, isLlmError, ConnectionError } from 'rxllm';
import { fakeModel } from 'rxllm/testing';
${extra}${USE_RXLLM}`;
const cts = (extra: string): string => `import rxllm = require('rxllm');
import testing = require('rxllm/testing');
${extra}export const m = rxllm.openAIChat({ model: 'gpt-4o-mini' }).provider + testing.fakeModel(['x']).provider;
`;

describe('type declarations', () => {
it.each([
  [
    'only openai',
    ['openai'],
    { 'index.mts': mts(`import OpenAI, { AzureOpenAI } from 'openai';\nexport const c = [openAIChat({ model: 'm', client: new OpenAI({ apiKey: 'k' }) }), openAIChat({ model: 'm', client: new AzureOpenAI({ apiKey: 'k', endpoint: 'https://x', apiVersion: 'v' }) })];\n`) },
  ],
  [
    'only @anthropic-ai/sdk',
    ['@anthropic-ai/sdk'],
    { 'index.mts': mts(`import Anthropic from '@anthropic-ai/sdk';\nexport const c = anthropicMessages({ model: 'm', client: new Anthropic({ apiKey: 'k' }) });\n`) },
  ],
  // From CommonJS too (the require condition: dist/cjs's declarations, and typesVersions for rxllm/testing).
  ['neither SDK', [], { 'index.mts': mts(''), 'index.cts': cts('') }],
])('a project with %s type-checks against the published types (skipLibCheck: false)', async (what, sdks, files) => {
  const dir = join(copy!.dir, `consumer-${what.replace(/\W+/g, '-')}`);
  expect(await typeCheckConsumer(dir, unpacked, [...COMMON, ...sdks], files)).toBe('');
}, 120_000);

it('no published declaration file imports an optional SDK (reachable from an entry point or not)', () => {
  const declarations = (readdirSync(unpacked, { recursive: true }) as string[]).filter((f) => f.endsWith('.d.ts'));
  expect(declarations.length).toBeGreaterThan(50);
  const importing = declarations.filter((f) =>
    /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](?:openai|@anthropic-ai\/sdk)(?:\/[^'"]*)?['"]/.test(readFileSync(join(unpacked, f), 'utf8')),
  );
  expect(importing).toEqual([]);
});
});
