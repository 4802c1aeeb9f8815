// One of the processes of redis-quota.spec.ts (run as `node --import tsx redis-quota-worker.ts`): loads
// everything, says "ready", waits for "go" on stdin, runs the shared-quota recipe over its PROMPTS prompts
// against the simulator at SIM_URL (the limiter in Redis at REDIS_URL), and prints one JSON line.
import { createInterface } from 'node:readline';
import { firstValueFrom, lastValueFrom, tap } from 'rxjs';
import { isGenerationFailure, openAIChat } from '../../src/index.js';
import { sharedBigBatch } from './redis-quota-recipe.js';

async function main(): Promise<void> {
  const worker = Number(process.env.WORKER ?? 0);
  const n = Number(process.env.PROMPTS ?? 250);
  const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-redis-quota-test', baseURL: process.env.SIM_URL });
  await firstValueFrom(model.generate('warm up')); // loads the openai SDK before the clock starts
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();

  const prompts = Array.from({ length: n }, (_, i) => `Process ${worker}, prompt ${i}: say something short.`);
  let succeeded = 0;
  let failed = 0;
  const errors: string[] = [];
  const startedAt = performance.now();
  await lastValueFrom(
    sharedBigBatch(model, prompts).pipe(
      tap((r) => {
        if (!isGenerationFailure(r)) {
          succeeded++;
          return;
        }
        failed++;
        errors.push(`${r.error.name}: ${r.error.message}`);
      }),
    ),
  );
  const ms = performance.now() - startedAt;
  process.stdout.write(`${JSON.stringify({ worker, succeeded, failed, errors: errors.slice(0, 5), ms })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
