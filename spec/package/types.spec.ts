import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageCopy, packAndUnpack, removeCopy, typeCheckConsumer, type PackageCopy } from './package-fixture.js';

// The published type declarations need no SDK the user did not install: a project with only `openai`, only
// `@anthropic-ai/sdk`, or neither, type-checks `import ... from 'rxllm'` and `'rxllm/testing'` with
// `skipLibCheck: false`, from ES modules and CommonJS alike; a real SDK client still fits the `client` option.

let copy: PackageCopy | undefined;
let unpacked = '';
beforeAll(async () => {
  copy = await packageCopy();
  unpacked = join(copy.dir, 'unpacked');
  await packAndUnpack(copy.pkg, unpacked);
}, 180_000);
afterAll(() => removeCopy(copy));

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
