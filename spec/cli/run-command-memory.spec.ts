// `rxllm run` keeps memory bounded on a big input: 200,000 lines (40 MB in, ~50 MB out) through the
// offline `instant:` model, in a child process whose V8 heap is capped at 64 MB (reading the input or
// keeping the results would exceed it), and whose peak RSS (printed in the summary) stays under a bound.
import { createReadStream, openSync, writeSync, closeSync } from 'node:fs';
import { runCli, tempDir, type TempDir } from './run-fixture.js';

let dir: TempDir;
beforeAll(() => (dir = tempDir()));
afterAll(() => dir.remove());

const LINES = 200_000;

function writeBigInput(file: string): void {
  const fd = openSync(file, 'w');
  const pad = 'x'.repeat(150);
  let chunk = '';
  for (let i = 1; i <= LINES; i++) {
    chunk += `{"id":"r${i}","prompt":"Prompt number ${i} ${pad}"}\n`;
    if (i % 10_000 === 0) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  closeSync(fd);
}

async function countLines(file: string): Promise<{ lines: number; ids: Set<string> }> {
  const ids = new Set<string>();
  let lines = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) {
      lines++;
      ids.add(part.slice(7, part.indexOf('"', 7))); // {"id":"r123",...
    }
  }
  expect(rest).toBe('');
  return { lines, ids };
}

it('200,000 lines with the V8 heap capped at 64 MB: every line answered, peak RSS under 220 MB', async () => {
  writeBigInput(dir.path('big.jsonl'));
  const { code, stderr } = await runCli([dir.path('big.jsonl'), '-o', dir.path('out.jsonl'), '--model', 'instant:echo', '--no-progress'], {
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' },
  });
  expect(stderr).toContain('200,000 succeeded, 0 failed');
  expect(code).toBe(0);
  const rss = Number(/peak RSS: (\d+) MB/.exec(stderr)?.[1]);
  console.log(`200,000-line run: peak RSS ${rss} MB (heap capped at 64 MB)`);
  expect(rss).toBeLessThan(220);
  const { lines, ids } = await countLines(dir.path('out.jsonl'));
  expect(lines).toBe(LINES);
  expect(ids.size).toBe(LINES);
}, 60_000);
