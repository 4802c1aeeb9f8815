// Fallback under injected failures: the simulator makes every other OpenAI request fail with a 503, and
// `fallback([gpt, claude])` sends those calls to Anthropic instead. Each answer keeps the provider that
// produced it. A bad request (400) would not fall back: it would fail the same way everywhere.
//
//   npx tsx examples/fallback.ts
import { from, lastValueFrom, tap } from 'rxjs';
import { anthropicMessages, fallback, generate, openAIChat, type FallbackInfo, type Generation } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 100, faults: [{ kind: 'unavailable', route: 'chat', every: 2 }] });
  const gpt = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator', maxTokens: 16 });
  const claude = anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey: 'simulator', maxTokens: 16 });

  const onFallback = (info: FallbackInfo): void =>
    console.log(`  fallback: ${info.from.provider} failed with ${(info.error as Error).name}, trying ${info.to.provider}`);
  const model = fallback([gpt, claude], { onFallback });

  const byProvider: Record<string, number> = {};
  const show = (g: Generation): void => {
    byProvider[g.provider] = (byProvider[g.provider] ?? 0) + 1;
    console.log(`${g.provider.padEnd(18)} ${g.text}`);
  };
  const prompts = ['one', 'two', 'three', 'four', 'five', 'six'].map((n) => `Prompt number ${n}`);
  try {
    await lastValueFrom(from(prompts).pipe(generate(model, { concurrency: 1 }), tap(show)));
    const stats = sim.stats();
    console.log(`\n${prompts.length} prompts, all answered: ${Object.entries(byProvider).map(([p, n]) => `${n} by ${p}`).join(', ')}; ${stats.faultsInjected['unavailable'] ?? 0} 503s injected.`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
