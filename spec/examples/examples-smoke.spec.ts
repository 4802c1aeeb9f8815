// Every example under examples/ runs as a user would run it (`npx tsx examples/<file>.ts`), against the
// embedded simulator, as a child process: exit code 0, the expected lines, and never a stack trace.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runExample(file: string, args: readonly string[] = []): Promise<Run> {
  // No keys: the examples must pick the simulator even on a machine where a key is set.
  const env = { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', NO_COLOR: '1' };
  return new Promise((resolve) => {
    execFile(tsx, [join('examples', file), ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

const stackLine = /^\s+at .+\(.+:\d+:\d+\)$/m;

function expectClean(run: Run): void {
  expect(run.stderr).not.toMatch(stackLine);
  expect(run.stdout).not.toMatch(stackLine);
  expect(run).toEqual(expect.objectContaining({ code: 0 }));
}

describe('examples (smoke, against the simulator)', () => {
  jest.setTimeout(90_000);

  test.concurrent('async-generate.ts (npm run demo): varied answers, both timings and the speed-up', async () => {
    const run = await runExample('async-generate.ts', ['--latency', '150']);
    expectClean(run);
    expect(run.stdout).toMatch(/^No OPENAI_API_KEY: using rxllm's embedded simulator, started in this process/);
    const answers = run.stdout.match(/^ +\d+\. \S.*$/gm)?.map((line) => line.replace(/^ +\d+\. /, '')) ?? [];
    expect(answers).toHaveLength(20);
    // At temperature 0.9, like the founding example: ten different answers, not one sentence ten times.
    expect(new Set(answers.slice(0, 10)).size).toBeGreaterThanOrEqual(7);
    expect(answers.every((answer) => /\b(?:well|good|great|fine|smoothly)\b/.test(answer))).toBe(true);
    expect(run.stdout).toMatch(/^Serial: +\d+\.\d\d s$/m);
    expect(run.stdout).toMatch(/^Concurrent: +\d+\.\d\d s$/m);
    expect(run.stdout).toMatch(/^Speed-up: +\d+\.\d×$/m);
  });

  test.concurrent('async-generate.ts --provider anthropic --count 3', async () => {
    const run = await runExample('async-generate.ts', ['--provider', 'anthropic', '--count', '3', '--latency', '50']);
    expectClean(run);
    expect(run.stdout).toMatch(/^No ANTHROPIC_API_KEY: using rxllm's embedded simulator/);
    expect(run.stdout.match(/^ +\d+\. \S.*$/gm)).toHaveLength(6);
  });

  test.concurrent('async-generate.ts with a bad flag: exit 1, one line, no stack trace', async () => {
    const run = await runExample('async-generate.ts', ['--provider', 'nope']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Demo failed: --provider must be openai or anthropic, got nope$/m);
    expect(run.stderr).not.toMatch(stackLine);
  });

  test.concurrent('first-example.ts (the README\'s first example): three answers', async () => {
    const run = await runExample('first-example.ts');
    expectClean(run);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
  });

  test.concurrent('extract.ts: objects in bulk, then one streamed as partial objects', async () => {
    const run = await runExample('extract.ts');
    expectClean(run);
    expect(run.stdout.match(/^#\d \{/gm)).toHaveLength(3);
    expect(run.stdout).toMatch(/streamed in \d+ partial objects: \{\n {2}category: '\w+'/);
  });

  test.concurrent('remote-model.ts: the page streams a whole answer from the server, then Stop aborts upstream', async () => {
    const run = await runExample('remote-model.ts');
    expectClean(run);
    expect(run.stdout).toMatch(/\S.*\n\[finish: stop\]\n/);
    expect(run.stdout).toMatch(/^Stopped after 3 tokens: the simulator counted 1 aborted request\.$/m);
  });

  test.concurrent('streaming.ts: tokens, then usage', async () => {
    const run = await runExample('streaming.ts');
    expectClean(run);
    expect(run.stdout).toMatch(/\S+.*\n\[finish: stop\]\n\[usage: \d+ in, \d+ out, \d+ total\]\n$/);
  });

  test.concurrent('type-ahead.ts: switchMap aborts stale requests', async () => {
    const run = await runExample('type-ahead.ts');
    expectClean(run);
    expect(run.stdout).toMatch(/suggested "rxjs llm" -> \S/);
    const aborted = Number(/(\d+) aborted by switchMap/.exec(run.stdout)?.[1]);
    expect(aborted).toBeGreaterThanOrEqual(1);
  });

  test.concurrent('batch-from-file.ts: every prompt of examples/data/prompts.txt, with progress', async () => {
    const run = await runExample('batch-from-file.ts');
    expectClean(run);
    expect(run.stdout.match(/^\[[ \d]\d\] +\d+\.\d s {2}#\d+ /gm)).toHaveLength(30);
    expect(run.stdout).toMatch(/^30 prompts in \d+\.\d s: \d+ answered, \d+ failed, \d+ retries \(\d+ 429s and \d+ 500s injected\)\.$/m);
  });

  test.concurrent('side-by-side.ts: Anthropic and an OpenAI-compatible server answer each prompt', async () => {
    const run = await runExample('side-by-side.ts');
    expectClean(run);
    expect(run.stdout.match(/anthropic\.messages \(claude-haiku-4-5\) +\d+ tokens: \S/g)).toHaveLength(3);
    expect(run.stdout.match(/openai\.chat \(llama3\.2\) +\d+ tokens: \S/g)).toHaveLength(3);
  });

  test.concurrent('fallback.ts: the failed calls are answered by the second model', async () => {
    const run = await runExample('fallback.ts');
    expectClean(run);
    expect(run.stdout.match(/fallback: openai\.chat failed with OverloadedError, trying anthropic\.messages/g)).toHaveLength(3);
    expect(run.stdout).toMatch(/6 prompts, all answered: 3 by openai\.chat, 3 by anthropic\.messages; 3 503s injected\./);
  });

  test.concurrent('agent.ts: the steps and tool results streamed, the answer with steps and usage; leaving early cancels the slow tool', async () => {
    const run = await runExample('agent.ts');
    expectClean(run);
    expect(run.stdout).toContain(
      [
        'step 1',
        '  calls get_weather({"city":"Lisbon"})',
        '  calls get_time({"city":"Lisbon"})',
        '  get_time answered {"city":"Lisbon","time":"14:05"}', // the quick tool first: both ran at once
        '  get_weather answered {"city":"Lisbon","tempC":18,"sky":"clear"}',
        'step 2',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(/^.*The get_weather tool says: "\{"city":"Lisbon","tempC":18,"sky":"clear"\}"\. The get_time tool says: .*$/m);
    expect(run.stdout).toMatch(/^2 steps \(tool_calls, stop\), maxStepsReached: false$/m);
    expect(run.stdout).toMatch(/^usage over all steps: \d+ in, \d+ out, \d+ total$/m);
    // The second run: left at get_time's result, get_weather aborted (once), no second step sent.
    expect(run.stdout.match(/^ {2}get_weather cancelled$/gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/^ {2}get_time answered \S+\n {2}get_weather cancelled\nleft at the first tool result; 3 requests sent in all$/m);
  });

  test.concurrent('tools-and-reasoning.ts: thinking, a tool call, its result sent back, the streamed answer, usage details', async () => {
    const run = await runExample('tools-and-reasoning.ts');
    expectClean(run);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^Thinking: \S.*get_weather/);
    expect(lines[1]).toMatch(/^Tool call: get_weather \{"city":"Lisbon"\} \(toolu_\w{24}\)$/);
    expect(lines[2]).toBe('Tool result: get_weather -> {"city":"Lisbon","tempC":21,"sky":"clear"}');
    expect(lines[3]).toMatch(/^Answer: The get_weather tool says: "\{"city":"Lisbon","tempC":21,"sky":"clear"\}"\. \S/);
    expect(lines[4]).toBe('Finish: stop (end_turn); parts: reasoning, text');
    const [, input, output, reasoning, total] = /^Usage: (\d+) in, (\d+) out \((\d+) reasoning\), (\d+) total$/.exec(lines[5]!)!.map(Number);
    expect(reasoning).toBeGreaterThan(0);
    expect(reasoning).toBeLessThan(output!);
    expect(total).toBe(input! + output!);
  });

  test.concurrent('embed.ts: ten documents in three batches (one retried after a 429), then the nearest to a question', async () => {
    const run = await runExample('embed.ts');
    expectClean(run);
    expect(run.stdout.match(/^#\d+ \w+: 256 numbers, [12] attempt\(s\)$/gm)).toHaveLength(10);
    expect(run.stdout).toMatch(/Which animals hunt at night\?\n {2}(owls|foxes|cats) \(0\.\d\d\)\n {2}(owls|foxes|cats) \(0\.\d\d\)\n/);
    expect(run.stdout).toMatch(/^5 requests for 11 texts \(1 429 injected and retried\)\.$/m);
  });

  test.concurrent('simulator-smoke.ts: the official SDKs against the simulator', async () => {
    const run = await runExample('simulator-smoke.ts');
    expectClean(run);
    expect(run.stdout).toMatch(/Stats: 2 requests received, 2 completed, 0 aborted/);
  });
});
