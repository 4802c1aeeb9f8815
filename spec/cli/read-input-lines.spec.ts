import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { UsageError } from '../../src/cli/cli-io.js';
import { countLines, openInputLines, type InputLine } from '../../src/cli/read-input-lines.js';
import { tempDir, type TempDir } from './run-fixture.js';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

async function collect(lines: AsyncIterable<InputLine>): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('openInputLines', () => {
  it('splits on \\n and \\r\\n, numbers lines from 1, keeps a last line without a break', async () => {
    writeFileSync(dir.path('in.txt'), 'a\r\nb\n\nd');
    expect(await collect(await openInputLines(dir.path('in.txt')))).toEqual([
      { lineNo: 1, text: 'a' }, { lineNo: 2, text: 'b' }, { lineNo: 3, text: '' }, { lineNo: 4, text: 'd' },
    ]);
  });

  it('joins lines split across chunks, multi-byte characters included (stdin with -)', async () => {
    const stdin = Readable.from([Buffer.from('hé'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a]), Buffer.from('x\ny\n')]);
    expect((await collect(await openInputLines('-', stdin))).map((l) => l.text)).toEqual(['héé', 'x', 'y']);
  });

  it('pulls lazily: taking 3 lines of a 10,000-chunk stream reads only a few chunks', async () => {
    let chunks = 0;
    const source = new Readable({
      highWaterMark: 1,
      read() {
        chunks++;
        this.push(chunks > 10_000 ? null : 'line\n'.repeat(100));
      },
    });
    const lines = await openInputLines('-', source);
    const it = lines[Symbol.asyncIterator]();
    for (let i = 0; i < 3; i++) expect((await it.next()).value).toEqual({ lineNo: i + 1, text: 'line' });
    expect(chunks).toBeLessThan(5);
    lines.close();
    expect(source.destroyed).toBe(true);
  });

  it('drops a UTF-8 byte-order mark at the start of the input (only there)', async () => {
    writeFileSync(dir.path('bom.jsonl'), '\uFEFF{"prompt":"a"}\n\uFEFFb\n');
    expect((await collect(await openInputLines(dir.path('bom.jsonl')))).map((l) => l.text)).toEqual(['{"prompt":"a"}', '\uFEFFb']);
    const stdin = Readable.from([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x78, 0x0a])]);
    expect(await collect(await openInputLines('-', stdin))).toEqual([{ lineNo: 1, text: 'x' }]);
  });

  it('marks a line that is not valid UTF-8 (the others, U+FFFD written as such included, are read as they are)', async () => {
    const bytes = Buffer.concat([Buffer.from('good\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from('\nreplacement \uFFFD is fine\ncut '), Buffer.from([0xc3])]);
    writeFileSync(dir.path('mixed.txt'), bytes);
    expect(await collect(await openInputLines(dir.path('mixed.txt')))).toEqual([
      { lineNo: 1, text: 'good' },
      { lineNo: 2, text: 'bad \uFFFD\uFFFD', invalidUtf8: true },
      { lineNo: 3, text: 'replacement \uFFFD is fine' },
      { lineNo: 4, text: 'cut \uFFFD', invalidUtf8: true },
    ]);
  });

  it('a missing file or a directory is a UsageError', async () => {
    await expect(openInputLines(dir.path('nope.txt'))).rejects.toThrow(new UsageError(`cannot read input "${dir.path('nope.txt')}": no such file`));
    await expect(openInputLines(dir.path(''))).rejects.toThrow('is a directory');
  });
});

describe('countLines', () => {
  it('counts the non-empty lines, with or without a final break', async () => {
    writeFileSync(dir.path('a.txt'), 'a\r\nb\n\n\r\nd');
    expect(await countLines(dir.path('a.txt'))).toBe(3);
    writeFileSync(dir.path('b.txt'), 'x\n'.repeat(300_000));
    expect(await countLines(dir.path('b.txt'))).toBe(300_000);
    expect(await countLines(dir.path('none.txt'))).toBeUndefined();
  });

  it('with a shard, counts the non-empty lines of that shard only (by line number in the whole file)', async () => {
    writeFileSync(dir.path('a.txt'), 'a\r\nb\n\n\r\ne\nf\ng'); // lines 3 and 4 are blank; g has no final break
    expect(await countLines(dir.path('a.txt'), { index: 1, count: 3 })).toBe(2); // lines 1, 4 (blank), 7 (g)
    expect(await countLines(dir.path('a.txt'), { index: 2, count: 3 })).toBe(2); // lines 2, 5
    expect(await countLines(dir.path('a.txt'), { index: 3, count: 3 })).toBe(1); // lines 3 (blank), 6
    expect(await countLines(dir.path('a.txt'), { index: 1, count: 1 })).toBe(5);
    writeFileSync(dir.path('b.txt'), 'x\n'.repeat(300_001));
    expect(await countLines(dir.path('b.txt'), { index: 2, count: 4 })).toBe(75_000);
  });
});
