// The README's "Recipe: a big batch against a shared quota", several processes: redis-quota.spec.ts runs it
// in 4 processes at once (redis-quota-worker.ts). Keep it identical to the README block (the limiter, the
// adaptive limit and the generateFrom options).
import { finalize, type Observable } from 'rxjs';
import type { Generation } from '../../src/core/generation.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { PromptInput } from '../../src/core/prompt.js';
import type { GenerationFailure } from '../../src/engine/generate-options.js';
import { adaptiveConcurrency, generateFrom, redisRateLimiter } from '../../src/index.js';

/**
 * The big-batch recipe for a quota shared by several processes: one Redis rate limiter at the provider's
 * published limit for all of them (50 requests/s), an adaptive concurrency limit of at most 32 per process,
 * retries that wait out a rare 429, timeouts, one output per prompt, and the Redis connection closed at the end.
 *
 * @example
 * sharedBigBatch(openAIChat({ model: 'gpt-4o-mini' }), myShareOfThePrompts).subscribe((r) => save(r));
 */
export function sharedBigBatch(model: LanguageModel, prompts: Iterable<PromptInput>): Observable<Generation | GenerationFailure> {
  const limiter = redisRateLimiter({
    redis: process.env.REDIS_URL ?? 'redis://localhost:6379',
    key: 'llm-quota:openai', // every process using this key shares the limit
    requestsPerSecond: 50, // the provider's published limit, for all processes together
  });
  const concurrency = adaptiveConcurrency({ max: 32 }); // per process
  return generateFrom(model, prompts, {
    concurrency,
    rateLimit: limiter,
    retry: { maxAttempts: 6, maxRetryAfterMs: 10_000 }, // wait out the rare 429
    timeout: { firstToken: 20_000, total: 120_000 },
    errors: 'emit', // one output per prompt, always
  }).pipe(finalize(() => void limiter.close()));
}
