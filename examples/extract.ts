// Structured output: pull typed fields out of support tickets, in bulk and as a stream of partial objects.
//
//   npx tsx examples/extract.ts        # on the embedded simulator (no key)
//
// generateFrom + withSchema classifies every ticket (16 at once, a bad answer is a failure record, not a crash);
// streamObject shows one object growing as the model writes it.
import { lastValueFrom, tap, toArray } from 'rxjs';
import { z } from 'zod';
import { generateFrom, isGenerationFailure, openAIChat, streamObject, withSchema, type ObjectGeneration } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

// #region extract
const Ticket = z.object({
  category: z.enum(['bug', 'billing', 'feature', 'other']),
  urgent: z.boolean(),
  summary: z.string(),
  tags: z.array(z.string()).max(4),
});
type Ticket = z.infer<typeof Ticket>;

const tickets = [
  'The app crashes every time I log in since the last update.',
  'I was charged twice for my March subscription.',
  'Could you add a dark mode?',
];

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 200, tokensPerSecond: 200 });
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator' });
  try {
    // In bulk: every ticket an object valid against the schema, or a typed failure.
    const tagger = withSchema(model, { schema: Ticket, name: 'ticket' });
    const outcomes = generateFrom(tagger, tickets.map((t) => `Classify this support ticket: ${t}`), { concurrency: 16, errors: 'emit', withIndex: true });
    for (const o of await lastValueFrom(outcomes.pipe(toArray()))) {
      if (isGenerationFailure(o)) console.log(`#${o.index} failed: ${o.error.name}`);
      else console.log(`#${o.index}`, (o.generation as ObjectGeneration<Ticket>).object);
    }
    // As it grows: each emission extends the last; the last is the validated object.
    let partials = 0;
    const last = await lastValueFrom(
      streamObject(model, `Classify this support ticket: ${tickets[0]}`, { schema: Ticket }).pipe(tap(() => partials++)),
    );
    console.log(`streamed in ${partials} partial objects:`, last);
  } finally {
    await sim.close();
  }
}
// #endregion extract

main().catch((error: unknown) => {
  console.error(`extract failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
