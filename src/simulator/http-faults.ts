import { SimHttpError, type Provider } from './error-bodies.js';
import type { FaultSpec } from './faults.js';
import { formatOpenAiDuration, rateLimitHeaders, retryAfterHeaders } from './rate-limit-headers.js';
import type { ResolvedRateLimit } from './resolve-options.js';

/** The error response of an HTTP fault (`rate-limit`, `server-error`, `unavailable`, `overloaded`). */
export function httpFaultError(fault: FaultSpec, provider: Provider, model: string, limits: ResolvedRateLimit | undefined): SimHttpError {
  const p = fault.params;
  switch (fault.kind) {
    case 'server-error':
      return new SimHttpError('server', p.status !== undefined ? { status: p.status } : {});
    case 'unavailable':
      return new SimHttpError('unavailable');
    case 'overloaded':
      return new SimHttpError('overloaded');
    default:
      break;
  }
  if (p.type === 'quota') return new SimHttpError('quota');
  const tokens = p.type === 'tokens';
  const retryAfterMs = p.retryAfterMs ?? (p.retryAfter !== undefined ? p.retryAfter * 1000 : 1000);
  const report = { limit: (tokens ? limits?.tokensPerMinute ?? 100_000 : limits?.requestsPerMinute ?? 60), remaining: 0, resetMs: retryAfterMs };
  const what = tokens ? 'tokens per min (TPM)' : 'requests per min (RPM)';
  return new SimHttpError(tokens ? 'rate-limit-tokens' : 'rate-limit-requests', {
    message: provider === 'openai'
      ? `Rate limit reached for ${model} in organization org-simulator on ${what}: Limit ${report.limit}. Please try again in ${formatOpenAiDuration(retryAfterMs)}.`
      : `This request would exceed the rate limit for your organization of ${report.limit} ${tokens ? 'input tokens' : 'requests'} per minute.`,
    headers: {
      ...retryAfterHeaders(retryAfterMs, p.retryAfter),
      ...rateLimitHeaders(provider, tokens ? { tokens: report } : { requests: report }),
    },
  });
}
