// `rxllm run --schema` against the embedded simulator (which answers JSON valid against a json_schema
// response format, a forced tool or the schema in JSON mode's instructions): objects in the output, an answer
// that is not one as an error record, resume with a schema (in process, and killed with SIGKILL as a child
// process), bad --schema inputs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { CliError, UsageError } from '../../src/cli/cli-io.js';
import { checkSchemaUsable, schemaConfig } from '../../src/cli/run-schema.js';
import { ConfigurationError } from '../../src/errors/index.js';
import { runInProcess as run } from './cli-fixture.js';
import { readOutput, runCli, startCli, tempDir, writePrompts, type OutputLine, type TempDir } from './run-fixture.js';

jest.setTimeout(30_000);

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const TRIP = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    city: { type: 'string' },
    days: { type: 'integer', minimum: 1, maximum: 30 },
    kind: { enum: ['city-break', 'hiking', 'beach'] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
  },
  required: ['city', 'days', 'kind', 'tags'],
  additionalProperties: false,
};
const tripSchema = z.fromJSONSchema(TRIP as Parameters<typeof z.fromJSONSchema>[0]);
const validTrip = (value: unknown): boolean => tripSchema.safeParse(value).success;

/** Three prompts that answer objects, one cut by its own maxTokens, one stopped mid-JSON by its own stop sequence. */
const LINES = [
  { id: 'paris', prompt: 'Plan 3 days in Paris' },
  { id: 'cut', prompt: 'Plan a week in Tokyo', maxTokens: 4 },
  { id: 'oslo', prompt: 'Plan 5 days hiking near Oslo' },
  { id: 'stopped', prompt: 'Plan a trip to Lisbon', stop: ['Lisbon'] },
  { id: 'rome', prompt: 'Plan 2 days in Rome' },
];

describe('rxllm run --schema (in process)', () => {
  it('every result carries its object, valid against the schema; an answer that is not one is an InvalidOutputError record with its text and usage', async () => {
    writeFileSync(dir.path('trip.json'), JSON.stringify(TRIP));
    writeFileSync(dir.path('in.jsonl'), `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const common = [dir.path('in.jsonl'), '--simulator', '--schema', dir.path('trip.json'), '--ordered'];
    const native = await run([...common, '-o', dir.path('native.jsonl')]);
    const out = readOutput(dir.path('native.jsonl'));
    expect(out.map((r) => [r.id, r.error?.name])).toEqual([['paris', undefined], ['cut', 'InvalidOutputError'], ['oslo', undefined], ['stopped', 'InvalidOutputError'], ['rome', undefined]]);
    for (const r of out.filter((x) => !x.error)) {
      expect(validTrip(r.object)).toBe(true);
      expect(JSON.parse(r.text!)).toEqual(r.object); // native mode: the text is the object's JSON
    }
    expect(out[0]!.object).toMatchObject({ city: 'Paris', days: 3 });
    const cut = out[1]!;
    expect(cut.error).toEqual({ name: 'InvalidOutputError', message: expect.stringContaining('the output was cut by the token limit (raise maxTokens)'), text: expect.any(String) });
    expect('{"city":"Tokyo","days":7}'.startsWith(cut.error!.text!) || cut.error!.text!.startsWith('{')).toBe(true);
    expect(cut.usage).toMatchObject({ outputTokens: 4 });
    expect(cut).toMatchObject({ attempts: 1, latencyMs: expect.any(Number) });
    expect(out[3]!.error!.message).toMatch(/not valid JSON/);
    expect(native.code).toBe(1);
    expect(native.err).toContain('3 succeeded, 2 failed');
    expect(native.err).toContain('failures: InvalidOutputError 2');
    const tokens = out.reduce((n, r) => n + (r.usage?.totalTokens ?? 0), 0); // the failures' tokens were paid for too
    expect(native.err).toContain(`= ${tokens.toLocaleString('en-US')};`);

    for (const mode of ['tool', 'json']) {
      const { code } = await run([...common, '-o', dir.path(`${mode}.jsonl`), '--schema-mode', mode, '--schema-name', 'trip']);
      const records = readOutput(dir.path(`${mode}.jsonl`));
      expect(code).toBe(1);
      expect(records.filter((r) => !r.error).map((r) => r.id)).toEqual(mode === 'tool' ? ['paris', 'oslo', 'stopped', 'rome'] : ['paris', 'oslo', 'rome']);
      for (const r of records.filter((x) => !x.error)) expect(validTrip(r.object)).toBe(true);
      expect(records.find((r) => r.id === 'cut')!.error!.name).toBe('InvalidOutputError');
    }

    // --repair 1: an invalid answer is sent back once with what is wrong. The one stopped mid-JSON comes back
    // whole; the cut one is cut again (its own maxTokens), and its record counts both answers' tokens.
    const repair = await run([...common, '-o', dir.path('repair.jsonl'), '--repair', '1']);
    const repaired = readOutput(dir.path('repair.jsonl'));
    expect(repaired.find((r) => r.id === 'cut')).toMatchObject({ error: { name: 'InvalidOutputError' }, usage: { outputTokens: 8 }, attempts: 1 });
    expect(repaired.filter((r) => !r.error).map((r) => r.id)).toEqual(['paris', 'oslo', 'stopped', 'rome']);
    expect(validTrip(repaired.find((r) => r.id === 'stopped')!.object)).toBe(true);
    expect(repair.err).toContain('4 succeeded, 1 failed');
  });

  it('resume: the schema is part of every request hash; the same schema (however written) skips what is done, another stops the run until --rerun-changed', async () => {
    writeFileSync(dir.path('trip.json'), JSON.stringify(TRIP));
    writePrompts(dir.path('in.jsonl'), 6, (i) => ({ id: `t${i}`, prompt: `Plan ${i} days in Rome` }));
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--schema', dir.path('trip.json')];
    expect((await run(args)).code).toBe(0);
    const first = readOutput(dir.path('out.jsonl'));
    expect(first.every((r) => validTrip(r.object))).toBe(true);

    // The same schema, keys reordered and indented: the same requests.
    const { required, properties, ...rest } = TRIP;
    writeFileSync(dir.path('trip.json'), JSON.stringify({ required, properties, ...rest }, null, 2));
    const same = await run(args);
    expect([same.code, same.err]).toEqual([0, expect.stringContaining('0 written')]);
    expect(same.err).toContain('6 skipped');

    // Another schema: results of the old one do not answer it.
    const withBudget = { ...TRIP, properties: { ...TRIP.properties, budget: { type: 'integer', minimum: 100 } }, required: [...TRIP.required, 'budget'] };
    writeFileSync(dir.path('trip.json'), JSON.stringify(withBudget));
    const stopped = await run(args);
    expect(stopped.code).toBe(2);
    expect(stopped.err).toContain(`rxllm run: stopped: line 1 (id "t1") is not the request its result in ${dir.path('out.jsonl')} answers: the input or the --schema changed since that result was written\n`);
    expect(readOutput(dir.path('out.jsonl'))).toEqual(first);
    const rerun = await run([...args, '--rerun-changed']);
    expect(rerun.code).toBe(0);
    expect(rerun.err).toContain('dropped the results of 6 changed lines (running them again)');
    const second = readOutput(dir.path('out.jsonl'));
    expect(second.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    expect(second.every((r) => typeof (r.object as { budget?: unknown }).budget === 'number')).toBe(true);

    // Without --schema, the objects do not answer the plain requests either.
    const plain = await run(args.slice(0, 4));
    expect(plain.code).toBe(2);
    expect(plain.err).toContain('answers: the input changed since that result was written\n');
  });

  it('bad --schema inputs: exit 2, one clear line, nothing written', async () => {
    writePrompts(dir.path('in.jsonl'), 2);
    const files: Record<string, string> = {
      'bad.json': '{"type": "object", "properties": ',
      'array.json': '[{"type": "string"}]',
      'example.json': '{"city": "Paris", "days": 3}',
      'unsupported.json': '{"type": "object", "properties": {"a": {"not": {"type": "string"}}}}',
      'unknown-type.json': '{"type": "thing"}',
      'ok.json': JSON.stringify(TRIP),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(dir.path(name), text);
    const cases: [string[], string][] = [
      [['--schema', dir.path('missing.json')], `--schema "${dir.path('missing.json')}": cannot read it: no such file`],
      [['--schema', dir.path('bad.json')], `--schema "${dir.path('bad.json')}": not valid JSON (`],
      [['--schema', dir.path('array.json')], 'not a JSON Schema: expected an object (e.g. {"type": "object", '],
      [['--schema', dir.path('example.json')], 'not a JSON Schema: none of "type", "properties", "$ref", "anyOf"... at its top (an example object?)'],
      [['--schema', dir.path('unsupported.json')], `--schema "${dir.path('unsupported.json')}": zod cannot validate with this schema: not is not supported`],
      [['--schema', dir.path('unknown-type.json')], 'zod cannot validate with this schema: Unsupported type: thing'],
      [['--schema', dir.path('ok.json'), '--schema-name', 'my schema'], '--schema-name: must be 1-64 letters, digits, "_" or "-"'],
      [['--schema', dir.path('ok.json'), '--schema-mode', 'xml'], '--schema-mode must be native, tool or json, got "xml"'],
      [['--schema', dir.path('ok.json'), '--repair', '1.5'], '--repair expects an integer >= 0, got "1.5"'],
      [['--schema-name', 'trip'], '--schema-name needs --schema FILE'],
      [['--repair', '2'], '--repair needs --schema FILE'],
      [['--schema', dir.path('ok.json'), '--model', 'instant:echo'], '--schema needs a chat model (openai: or anthropic:); instant: cannot answer objects'],
      [['--schema', dir.path('ok.json'), '--model', 'openai-completion:gpt-3.5-turbo-instruct'], 'openai-completion: cannot answer objects'],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await run([dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', ...flags]);
      expect([code, err.split('\n')[0]]).toEqual([2, expect.stringContaining(message)]);
      expect(err.startsWith('rxllm run: ')).toBe(true);
      expect(err).not.toMatch(/\n\s+at /);
      expect(existsSync(dir.path('out.jsonl')) ? readFileSync(dir.path('out.jsonl'), 'utf8') : '').toBe('');
    }
  });

  it('without zod installed: a CliError naming the package to install', async () => {
    const missing = (): Promise<never> => Promise.reject(new ConfigurationError('The "zod" package could not be loaded.', { code: 'sdk_not_installed' }));
    writeFileSync(dir.path('ok.json'), JSON.stringify(TRIP));
    const error = await checkSchemaUsable(schemaConfig(dir.path('ok.json'), {}), missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).not.toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('--schema needs the "zod" package (v4.2 or later) to validate the objects: npm install zod');
  });
});

describe('rxllm run --schema (child process)', () => {
  it('killed with SIGKILL mid-way and resumed: every id once, every object valid, nothing finished rewritten', async () => {
    writeFileSync(dir.path('trip.json'), JSON.stringify(TRIP));
    writePrompts(dir.path('in.jsonl'), 200, (i) => ({ id: `t${i}`, prompt: `Plan ${1 + (i % 9)} days in Madrid, trip ${i}` }));
    const args = [dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--schema', dir.path('trip.json'), '-c', '4', '--no-adaptive', '--no-progress'];
    const proc = startCli([...args, '--simulator-latency', '20']);
    const count = (): number => (existsSync(dir.path('out.jsonl')) ? readFileSync(dir.path('out.jsonl'), 'utf8').split('\n').length - 1 : 0);
    const deadline = Date.now() + 30_000;
    while (count() < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    proc.child.kill('SIGKILL');
    expect((await proc.exit).signal).toBe('SIGKILL');
    const before = readFileSync(dir.path('out.jsonl'), 'utf8');
    const kept = before.slice(0, before.lastIndexOf('\n') + 1);
    expect(kept.split('\n').length - 1).toBeLessThan(200);
    const resumed = await runCli(args);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming .*: \d+ succeeded, 0 failed/);
    expect(readFileSync(dir.path('out.jsonl'), 'utf8').startsWith(kept)).toBe(true);
    const out: OutputLine[] = readOutput(dir.path('out.jsonl'));
    expect(out.map((r) => r.id).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `t${i + 1}`).sort());
    expect(out.every((r) => validTrip(r.object))).toBe(true);
    expect(new Set(out.map((r) => r.requestHash)).size).toBe(200);
  }, 60_000);
});
