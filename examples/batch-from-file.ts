// A batch of prompts read lazily from a file, with a concurrency limit, retries and a rate limit, printing
// progress. The simulator injects failures (about 1 in 6 requests gets a 429, every 9th a 500): retries
// absorb them, and `errors: 'emit'` turns a prompt that still fails into a record instead of stopping the run.
//
//   npx tsx examples/batch-from-file.ts [path/to/prompts.txt]
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { lastValueFrom, tap } from 'rxjs';
import { createRateLimiter, generateFrom, openAIChat, type GenerationOutcome, type RetryInfo } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

/** The non-blank, non-comment lines of a file, read lazily: generateFrom pulls one per free slot. */
async function* promptsFrom(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim() !== '' && !line.startsWith('#')) yield line.trim();
  } finally {
    lines.close();
  }
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(__dirname, 'data', 'prompts.txt');
  const sim = await startSimulator({
    latencyMs: 150,
    seed: 7, // faults are drawn from a seeded RNG (which requests they hit still depends on arrival order)
    faults: [{ kind: 'rate-limit', probability: 1 / 6, params: { retryAfterMs: 200 } }, { kind: 'server-error', every: 9 }],
  });
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator', maxTokens: 20 });
  const limiter = createRateLimiter({ requestsPerSecond: 20 }); // the provider's published limit
  let retries = 0;
  const onRetry = (info: RetryInfo): void => {
    retries++;
    console.log(`         retry: attempt ${info.attempt} in ${Math.round(info.delayMs)} ms after ${(info.error as Error).name}`);
  };

  const started = Date.now();
  let done = 0;
  let failed = 0;
  const progress = (r: GenerationOutcome): void => {
    done++;
    const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(4);
    if (r.ok) console.log(`[${String(done).padStart(2)}] ${elapsed} s  #${r.index} ${r.generation.text.slice(0, 50)}...`);
    else console.log(`[${String(done).padStart(2)}] ${elapsed} s  #${r.index} FAILED: ${r.error.name} (${++failed} so far)`);
  };
  try {
    await lastValueFrom(
      generateFrom(model, promptsFrom(file), {
        concurrency: 4,
        rateLimit: limiter,
        retry: { maxAttempts: 5, baseDelayMs: 100, onRetry },
        errors: 'emit',
        withIndex: true,
      }).pipe(tap(progress)),
      { defaultValue: undefined },
    );
    const stats = sim.stats();
    console.log(`\n${done} prompts in ${((Date.now() - started) / 1000).toFixed(1)} s: ${done - failed} answered, ${failed} failed, ${retries} retries (${stats.rateLimited} 429s and ${stats.faultsInjected['server-error'] ?? 0} 500s injected).`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
