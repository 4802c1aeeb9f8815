// The README's code blocks marked `<!-- example: <file>[#region] -->` are copies of files that CI runs
// (examples-smoke.spec.ts, the web specs): this keeps each copy identical to its source. Also: every link
// from the README to a file of the repository points at a file that exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The lines between `// #region <name>` and `// #endregion`, dedented; the whole file without a name. */
function source(file: string, region: string | undefined): string {
  const text = readFileSync(join(root, file), 'utf8');
  if (region === undefined) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line, i) => i > start && line.trim().startsWith('// #endregion'));
  if (start < 0 || end < 0) throw new Error(`${file} has no region "${region}"`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return `${body.map((l) => l.slice(indent)).join('\n')}\n`;
}

const marked = [...readme.matchAll(/<!-- example: ([^#\s]+)(?:#(\S+))? -->\n```ts\n([\s\S]*?)```/g)].map((m) => ({
  file: m[1] as string,
  region: m[2],
  shown: m[3] as string,
}));

describe('README examples', () => {
  it('has marked examples (the first example, the web demo)', () => {
    expect(marked.map((m) => m.file)).toEqual(expect.arrayContaining(['examples/first-example.ts', 'examples/web/page/chat.ts']));
  });

  it.each(marked.map((m) => [`${m.file}${m.region ? `#${m.region}` : ''}`, m] as const))('%s is shown exactly as it is in the file', (_name, m) => {
    expect(m.shown).toBe(source(m.file, m.region));
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:examples|spec|src)\/[^)#\s]*)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !existsSync(join(root, link)))).toEqual([]);
  });
});
