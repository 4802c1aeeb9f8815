import type { Provider } from './error-bodies.js';
import type { BucketReport } from './rate-limit-buckets.js';

/** OpenAI's duration format for reset headers: `20ms`, `1.5s`, `6m0s`. */
export function formatOpenAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Number((seconds - minutes * 60).toFixed(3))}s`;
}

/** Rate-limit headers for `provider`: `x-ratelimit-*` (OpenAI) or `anthropic-ratelimit-*` (Anthropic). */
export function rateLimitHeaders(
  provider: Provider,
  reports: { readonly requests?: BucketReport; readonly tokens?: BucketReport },
  now: number = Date.now(),
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const what of ['requests', 'tokens'] as const) {
    const r = reports[what];
    if (r === undefined) continue;
    if (provider === 'openai') {
      headers[`x-ratelimit-limit-${what}`] = String(r.limit);
      headers[`x-ratelimit-remaining-${what}`] = String(r.remaining);
      headers[`x-ratelimit-reset-${what}`] = formatOpenAiDuration(r.resetMs);
    } else {
      headers[`anthropic-ratelimit-${what}-limit`] = String(r.limit);
      headers[`anthropic-ratelimit-${what}-remaining`] = String(r.remaining);
      headers[`anthropic-ratelimit-${what}-reset`] = new Date(now + r.resetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
  return headers;
}

/** `retry-after` (whole seconds, rounded up) and `retry-after-ms` headers. */
export function retryAfterHeaders(retryAfterMs: number, retryAfterSeconds?: number): Record<string, string> {
  return {
    'retry-after': String(retryAfterSeconds ?? Math.ceil(retryAfterMs / 1000)),
    'retry-after-ms': String(Math.round(retryAfterMs)),
  };
}
