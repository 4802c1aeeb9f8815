// THE rule of what a request that did not report its usage costs against a tokens-per-minute limit. `rateLimit`
// reserves a request's estimate before sending it and corrects the reservation with the usage the call
// reports; when the call fails or is cancelled without reporting usage, this decides what stays spent.
import { isAbortError } from '../../errors/abort-error.js';
import { isConnectionError } from '../../errors/connection-error.js';
import { isRateLimitError } from '../../errors/rate-limit-error.js';
import { isCallersFault, isClientError } from '../../errors/error-kinds.js';

/** How an admitted request (its tokens reserved) ended without reporting usage. */
export interface FailedRequest {
  /** Why it ended: the error, or `undefined` when it was cancelled (unsubscribed). */
  readonly error?: unknown;
  /** Whether the call emitted anything before it ended (the provider had answered: a stream had started). */
  readonly answered: boolean;
}

/** Connection errors that mean the request never left this machine (the connection was never made). */
const NEVER_CONNECTED: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The tokens a failed or cancelled request is charged, out of the `reservedTokens` it reserved:
 * 1. the usage the failure reports (`error.usage.totalTokens`, e.g. a stream that broke after its usage), if any;
 * 2. nothing, when the provider counted nothing or never got the request: a client error (400, 401, 403, 404,
 *    413, 422), a 429 (not admitted; the limiter's penalty handles the wait), an error raised before sending
 *    (`InvalidArgumentError`, `ConfigurationError`), a connection that was never made (refused, unknown host),
 *    or an abort or cancellation before the provider answered anything;
 * 3. otherwise the whole reservation: a 5xx or overload, a timeout, a reset connection, a stream broken after
 *    its first tokens, an abort after the provider answered, an unknown error. The provider may have counted
 *    it all, and an over-estimate only delays the next request a little, where an under-estimate earns 429s.
 */
export function failureCost(reservedTokens: number, { error, answered }: FailedRequest): number {
  const usage = (error as { usage?: { totalTokens?: unknown } } | null | undefined)?.usage;
  if (typeof usage?.totalTokens === 'number' && usage.totalTokens >= 0) return usage.totalTokens;
  return countedNothing(error, answered) ? 0 : reservedTokens;
}

function countedNothing(error: unknown, answered: boolean): boolean {
  if (error === undefined || isAbortError(error)) return !answered; // cancelled, or aborted by the caller
  if (isClientError(error) || isRateLimitError(error) || isCallersFault(error)) return true;
  return isConnectionError(error) && error.code !== undefined && NEVER_CONNECTED.has(error.code);
}
