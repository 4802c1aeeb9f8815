// The founding example, done the reactive way: ask "Hello, how are you?" 10 times one after the other, then
// 10 times at once through `generate(model, { concurrency: 10 })`, and compare the times.
//
//   npm run demo                               # the embedded simulator (in-process, ~500 ms per call, no key)
//   OPENAI_API_KEY=sk-... npm run demo         # the real OpenAI API
//   ANTHROPIC_API_KEY=... npm run demo -- --provider anthropic
//
// Flags: --provider openai|anthropic (default openai), --count N (default 10), --latency MS (simulator only).
// Like the founding example, it asks at temperature 0.9, so the answers vary from call to call (on the
// simulator too: its replies at temperature > 0 vary, reproducibly from its seed).
import { count, from, lastValueFrom, tap } from 'rxjs';
import { anthropicMessages, generate, isLlmError, openAIChat, type Generation, type LanguageModel } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';

const PROMPT = 'Hello, how are you?';

interface DemoFlags {
  readonly provider: 'openai' | 'anthropic';
  readonly count: number;
  readonly latencyMs: number;
}

function parseFlags(argv: readonly string[]): DemoFlags {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const provider = value('provider') ?? 'openai';
  if (provider !== 'openai' && provider !== 'anthropic') throw new Error(`--provider must be openai or anthropic, got ${provider}`);
  const count = Number(value('count') ?? 10);
  const latencyMs = Number(value('latency') ?? 500);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency must be a number of milliseconds`);
  return { provider, count, latencyMs };
}

/** The real service when its key is set, else the embedded simulator (started here, in this process). */
async function pickModel(flags: DemoFlags): Promise<{ model: LanguageModel; sim?: SimulatorHandle }> {
  const keyName = flags.provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const settings = { temperature: 0.9, maxTokens: 60 };
  if (process.env[keyName]) {
    console.log(`Using the real ${flags.provider === 'openai' ? 'OpenAI' : 'Anthropic'} API (${keyName} is set).`);
    const model = flags.provider === 'openai'
      ? openAIChat({ model: 'gpt-4o-mini', ...settings })
      : anthropicMessages({ model: 'claude-haiku-4-5', ...settings });
    return { model };
  }
  const sim = await startSimulator({ latencyMs: flags.latencyMs });
  console.log(`No ${keyName}: using rxllm's embedded simulator, started in this process at ${sim.url} (${flags.latencyMs} ms per call).`);
  const apiKey = 'simulator';
  const model = flags.provider === 'openai'
    ? openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey, ...settings })
    : anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey, ...settings });
  return { model, sim };
}

/** Sends the prompt `times` times with at most `concurrency` requests in flight; prints each answer. */
async function run(model: LanguageModel, times: number, concurrency: number): Promise<number> {
  const started = performance.now();
  const prompts = Array.from({ length: times }, () => PROMPT);
  let answered = 0;
  const show = (answer: Generation): void => console.log(`  ${String(++answered).padStart(2)}. ${answer.text.replace(/\s+/g, ' ').trim()}`);
  await lastValueFrom(from(prompts).pipe(generate(model, { concurrency }), tap(show), count()));
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const { model, sim } = await pickModel(flags);
  try {
    console.log(`\n${flags.count} × "${PROMPT}" one after the other (concurrency 1):`);
    const serial = await run(model, flags.count, 1);
    console.log(`\n${flags.count} × "${PROMPT}" at once (generate(model, { concurrency: ${flags.count} })):`);
    const concurrent = await run(model, flags.count, flags.count);
    console.log(`\nSerial:     ${serial.toFixed(2)} s`);
    console.log(`Concurrent: ${concurrent.toFixed(2)} s`);
    console.log(`Speed-up:   ${(serial / concurrent).toFixed(1)}×`);
  } finally {
    await sim?.close();
  }
}

main().catch((error: unknown) => {
  // A short message, never a stack trace (and never a key: rxllm's errors are redacted).
  const message = isLlmError(error) ? `${error.name}: ${error.message}` : error instanceof Error ? error.message : String(error);
  console.error(`Demo failed: ${message}`);
  process.exitCode = 1;
});
