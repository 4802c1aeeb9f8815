// Anthropic and an OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio...) side by side: the same
// prompts go to both at once, and each answer says which provider and model produced it.
// Both run on the embedded simulator here; for the real thing, drop the simulator, use
// `anthropicMessages({ model: 'claude-haiku-4-5' })` (key from ANTHROPIC_API_KEY) and e.g.
// `openAIChat({ model: 'llama3.2', baseURL: 'http://localhost:11434/v1', compatible: true })` for Ollama.
//
//   npx tsx examples/side-by-side.ts
import { concatMap, forkJoin, from, lastValueFrom, tap } from 'rxjs';
import { anthropicMessages, openAIChat, type Generation } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 200 });
  const claude = anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey: 'simulator', maxTokens: 30 });
  // `compatible: true`: no API key needed, and no `stream_options` (which some compatible servers reject).
  const local = openAIChat({ model: 'llama3.2', baseURL: sim.openaiBaseURL, compatible: true, maxTokens: 30 });

  const show = (g: Generation): string => `  ${`${g.provider} (${g.modelId})`.padEnd(38)} ${g.usage?.totalTokens ?? '?'} tokens: ${g.text}`;
  const prompts = ['What is an Observable?', 'Why cancel a request nobody waits for?', 'Say hi in three languages.'];
  try {
    await lastValueFrom(
      from(prompts).pipe(
        // Both models at once for each prompt; forkJoin waits for the two answers.
        concatMap((prompt) => forkJoin({ prompt: [prompt], claude: claude.generate(prompt), local: local.generate(prompt) })),
        tap(({ prompt, claude: a, local: b }) => console.log(`${prompt}\n${show(a)}\n${show(b)}\n`)),
      ),
    );
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
