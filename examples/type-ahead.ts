// Type-ahead: every keystroke asks for a suggestion, and `switchMap` cancels the request for the stale input.
// Unsubscribing aborts the HTTP request for real: the simulator counts the aborted requests. The pipeline
// itself is `suggest()` in examples/suggest.ts, marble-tested with fakeModel in spec/examples/suggest.spec.ts.
//
//   npx tsx examples/type-ahead.ts
import { concatMap, delay, from, lastValueFrom, of, tap } from 'rxjs';
import { openAIChat } from 'rxllm';
import { startSimulator } from 'rxllm/testing';
import { suggest } from './suggest.js';

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 300 }); // each suggestion takes 300 ms
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator', maxTokens: 12 });

  // A user typing "rxjs llm", one keystroke every 100 ms, with a pause after "rxjs".
  const keystrokes = ['r', 'rx', 'rxj', 'rxjs', 'rxjs ', 'rxjs l', 'rxjs ll', 'rxjs llm'];
  const pauses: Record<string, number> = { 'rxjs ': 500 };
  const input$ = from(keystrokes).pipe(concatMap((text) => of(text).pipe(delay(pauses[text] ?? 100))));

  const suggestions$ = input$.pipe(
    tap((text) => console.log(`typed     "${text}"`)),
    suggest(model), // switchMap inside: a new input cancels the request for the previous one
    tap(({ input, suggestion }) => console.log(`suggested "${input}" -> ${suggestion}`)),
  );
  try {
    await lastValueFrom(suggestions$);
    // Let the server notice the last closed sockets: every request it received has ended (at most 1 s).
    const settled = (): boolean => sim.stats().requestsCompleted + sim.stats().requestsAborted >= sim.stats().requestsReceived;
    for (let waited = 0; !settled() && waited < 1000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const stats = sim.stats();
    console.log(`\n${keystrokes.length} keystrokes, ${stats.requestsReceived} requests reached the simulator, ${stats.requestsCompleted} completed, ${stats.requestsAborted} aborted by switchMap`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
