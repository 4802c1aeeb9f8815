import { readFileSync, writeFileSync } from 'node:fs';
import { CliError } from '../../src/cli/cli-io.js';
import { openJsonlWriter, textJsonlWriter } from '../../src/cli/jsonl-writer.js';
import { tempDir, type TempDir } from './run-fixture.js';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('jsonl writers', () => {
  it('appends one line per record to a file', () => {
    writeFileSync(dir.path('out.jsonl'), '{"id":0}\n');
    const out = openJsonlWriter(dir.path('out.jsonl'));
    out.write({ id: 1, text: 'a\nb' });
    out.write({ id: 'é' });
    out.close();
    out.close();
    expect(readFileSync(dir.path('out.jsonl'), 'utf8')).toBe('{"id":0}\n{"id":1,"text":"a\\nb"}\n{"id":"é"}\n');
  });

  it('an output that cannot be opened is a UsageError; a text sink gets one call per line', () => {
    expect(() => openJsonlWriter(dir.path('no/such/dir.jsonl'))).toThrow(new CliError(`cannot write output "${dir.path('no/such/dir.jsonl')}": no such file`));
    const calls: string[] = [];
    textJsonlWriter((s) => calls.push(s)).write({ id: 1 });
    expect(calls).toEqual(['{"id":1}\n']);
  });
});
