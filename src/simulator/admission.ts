import { SimHttpError, type Provider } from './error-bodies.js';
import type { GenerationPlan } from './generation-plan.js';
import type { RateLimiter } from './rate-limit-buckets.js';
import { formatOpenAiDuration, rateLimitHeaders, retryAfterHeaders } from './rate-limit-headers.js';

/**
 * Passes a request through the rate-limit buckets: returns the rate-limit headers for the success response,
 * or throws a 429 `SimHttpError` carrying retry-after and the same headers.
 */
export function admit(limiter: RateLimiter | undefined, plan: GenerationPlan, provider: Provider): Record<string, string> {
  if (limiter === undefined) return {};
  const result = limiter.admit(plan.estimatedTokens);
  const headers = rateLimitHeaders(provider, result);
  if (result.admitted) return headers;
  const tokens = result.limitedBy === 'tokens';
  const retryAfterMs = result.retryAfterMs ?? 1000;
  const limit = (tokens ? result.tokens?.limit : result.requests?.limit) ?? 0;
  const what = tokens ? 'tokens per min (TPM)' : 'requests';
  throw new SimHttpError(tokens ? 'rate-limit-tokens' : 'rate-limit-requests', {
    message: provider === 'openai'
      ? `Rate limit reached for ${plan.model} in organization org-simulator on ${what}: Limit ${limit}, Requested ${tokens ? plan.estimatedTokens : 1}. Please try again in ${formatOpenAiDuration(retryAfterMs)}.`
      : `This request would exceed the rate limit for your organization of ${limit} ${tokens ? 'tokens' : 'requests'}. Please try again later.`,
    headers: { ...retryAfterHeaders(retryAfterMs), ...headers },
  });
}
