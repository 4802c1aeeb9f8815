// The README's "Recipe: a big batch against a shared quota", as code: quota.spec.ts runs exactly this.
// Keep it identical to the README block (the limiter, the adaptive limit and the generate options).
import { from, type Observable } from 'rxjs';
import type { Generation } from '../../src/core/generation.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { PromptInput } from '../../src/core/prompt.js';
import type { GenerationFailure } from '../../src/engine/generate-options.js';
import { adaptiveConcurrency, createRateLimiter, generate } from '../../src/index.js';

/**
 * The big-batch recipe: a rate limiter at the provider's published limit (50 requests/s), an adaptive
 * concurrency limit of at most 32, retries that wait out a rare 429, timeouts, and one output per prompt.
 *
 * @example
 * bigBatch(openAIChat({ model: 'gpt-4o-mini' }), prompts).subscribe((r) => save(r));
 */
export function bigBatch(model: LanguageModel, prompts: readonly PromptInput[]): Observable<Generation | GenerationFailure> {
  const limiter = createRateLimiter({ requestsPerSecond: 50 }); // the provider's published limit
  const concurrency = adaptiveConcurrency({ max: 32 }); // backs off if 429s still come
  return from(prompts).pipe(
    generate(model, {
      concurrency,
      rateLimit: limiter,
      retry: { maxAttempts: 6, maxRetryAfterMs: 10_000 }, // wait out the rare 429
      timeout: { firstToken: 20_000, total: 120_000 },
      errors: 'emit', // one output per prompt, always
    }),
  );
}
