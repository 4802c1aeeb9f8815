// Streaming: print tokens as they arrive, then the token usage. Runs on the embedded simulator; to call OpenAI
// instead, drop the simulator and the `baseURL`/`apiKey` options (the key is read from OPENAI_API_KEY).
//
//   npx tsx examples/streaming.ts
import { lastValueFrom, tap } from 'rxjs';
import { openAIChat, type GenerationEvent } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 200, tokensPerSecond: 40 });
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator' });

  const print = (event: GenerationEvent): void => {
    if (event.type === 'text-delta') process.stdout.write(event.text);
    if (event.type === 'finish') process.stdout.write(`\n[finish: ${event.finishReason}]\n`);
    if (event.type === 'usage') console.log(`[usage: ${event.usage.inputTokens} in, ${event.usage.outputTokens} out, ${event.usage.totalTokens} total]`);
  };
  try {
    await lastValueFrom(model.stream('Tell me about streams').pipe(tap(print)));
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
