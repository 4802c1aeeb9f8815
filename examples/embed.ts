// Embeddings for retrieval: a small corpus embedded with `embedFrom` (batched by count and by a token
// budget, two requests at a time, retried), then a question answered by cosine similarity. It runs on the
// simulator, which injects one 429 (retried) and whose vectors are made of the words of each text: the
// nearest documents are those that share the question's words.
//
//   npx tsx examples/embed.ts
import { firstValueFrom, lastValueFrom, tap, toArray } from 'rxjs';
import { embedFrom, openAIEmbedding } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

const docs = [
  { id: 'cats', text: 'Cats sleep most of the day and hunt at night.' },
  { id: 'owls', text: 'Owls are birds that hunt small animals at night.' },
  { id: 'bees', text: 'Bees collect nectar from flowers during the day.' },
  { id: 'tides', text: 'The moon pulls the oceans and makes the tides.' },
  { id: 'bread', text: 'Bread rises because yeast makes carbon dioxide.' },
  { id: 'rust', text: 'Iron rusts when water and oxygen reach it.' },
  { id: 'bats', text: 'Bats find insects in the dark with echoes.' },
  { id: 'tea', text: 'Green tea and black tea come from the same plant.' },
  { id: 'snow', text: 'Snow falls when clouds are cold enough to freeze water.' },
  { id: 'foxes', text: 'Foxes hunt mice and rabbits at dawn and at night.' },
];

/** Cosine similarity of two unit vectors: their dot product. */
const cosine = (a: readonly number[], b: readonly number[]): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 50, faults: [{ kind: 'rate-limit', route: 'embeddings', nth: 2, params: { retryAfterMs: 100 } }] });
  try {
    // #region readme
    // For the real OpenAI API: openAIEmbedding({ model: 'text-embedding-3-small', dimensions: 256 }).
    const model = openAIEmbedding({ model: 'text-embedding-3-small', dimensions: 256, baseURL: sim.openaiBaseURL, apiKey: 'simulator' });

    // 10 documents, 4 per request, 2 requests at a time, each retried on 429s and 5xx; one output per document.
    const indexed = await lastValueFrom(
      embedFrom(model, docs.map((d) => ({ value: d.text, meta: d.id })), { batchSize: 4, concurrency: 2, retry: 3, ordered: true }).pipe(
        tap((r) => console.log(`#${r.index} ${r.meta}: ${r.embedding.length} numbers, ${r.attempts} attempt(s)`)),
        toArray(),
      ),
    );

    const question = 'Which animals hunt at night?';
    const [q] = (await firstValueFrom(model.embed([question]))).embeddings;
    const ranked = indexed.map((d) => ({ id: d.meta, score: cosine(q!, d.embedding) })).sort((a, b) => b.score - a.score);
    console.log(`\n${question}\n${ranked.slice(0, 3).map((r) => `  ${r.id} (${r.score.toFixed(2)})`).join('\n')}`);
    // #endregion
    const stats = sim.stats();
    console.log(`\n${stats.byRoute['/v1/embeddings']} requests for ${docs.length + 1} texts (${stats.rateLimited} 429 injected and retried).`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Example failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
