/**
 * Options of the embedded simulator (`startSimulator`). Every field is optional; `configure()` on a running
 * simulator takes the same fields (except `port` and `host`).
 */

/**
 * The failures the simulator can inject. HTTP faults answer at once with an error status:
 * - `rate-limit`: 429 with `retry-after-ms`/`retry-after` and rate-limit headers (`type=quota`: no retry-after);
 * - `server-error`: 500 (or `status`); `unavailable`: 503; `overloaded`: Anthropic 529 `overloaded_error`
 *   (503 on OpenAI routes).
 *
 * Stream faults act during the response, after `after` tokens (default 0):
 * - `stream-error`: an error event in the provider's shape (a 500 error on non-streaming requests);
 * - `reset`: the socket is destroyed (`after=0`: before any byte);
 * - `stall`: no bytes for `ms` milliseconds, then the response continues (`after=0`: before the first byte);
 * - `malformed`: a chunk (or body) that is not valid JSON, then the response ends.
 */
export type FaultKind =
  | 'rate-limit'
  | 'server-error'
  | 'unavailable'
  | 'overloaded'
  | 'stream-error'
  | 'reset'
  | 'stall'
  | 'malformed';

/**
 * The simulator's routes that faults and rate limits apply to, by short name: the generation routes and
 * `embeddings` (POST /v1/embeddings). `models` (GET /v1/models) is never faulted or limited.
 */
export type SimulatorRoute = 'chat' | 'completions' | 'messages' | 'embeddings';

/**
 * Parameters of one fault. The same keys exist in the `x-sim-fault` header, kebab-cased
 * (`retryAfterMs` is `retry-after-ms`).
 */
export interface FaultParams {
  /**
   * `rate-limit`: the `retry-after-ms` header value.
   * @default 1000 (or `retryAfter` × 1000 when only that is given)
   * @example { retryAfterMs: 250 }
   */
  readonly retryAfterMs?: number;
  /**
   * `rate-limit`: the `retry-after` header value, in seconds.
   * @default ceil(retryAfterMs / 1000)
   * @example { retryAfter: 2 }
   */
  readonly retryAfter?: number;
  /**
   * `rate-limit`: which limit was hit: `requests`, `tokens`, or `quota` (OpenAI `insufficient_quota`,
   * Anthropic `billing_error`; no retry-after). `stream-error`: the error `type` put in the error body.
   * @default 'requests' for rate-limit; 'server_error' (OpenAI) / 'api_error' (Anthropic) for stream-error
   * @example { type: 'tokens' }
   */
  readonly type?: string;
  /**
   * `server-error`: the HTTP status to answer with (500-599).
   * @default 500
   * @example { status: 502 }
   */
  readonly status?: number;
  /**
   * Stream faults: how many tokens (token steps) are sent before the fault acts.
   * @default 0
   * @example { after: 3 }
   */
  readonly after?: number;
  /**
   * `stall`: how long no bytes are sent, in milliseconds.
   * @default 1000
   * @example { ms: 200 }
   */
  readonly ms?: number;
}

/**
 * A scripted fault in the simulator's `faults` list. Rules are tried in order; the first that fires wins.
 * Which requests a rule hits: those on `route` (default: every generation route and embeddings), then, when
 * given, only the `nth` of them, every `every`-th of them, and each with `probability`; at most `times` in total.
 * A request that carries an `x-sim-fault` header ignores the list.
 *
 * @example
 * // fail the second chat request with a 500, and 10% of all requests with a 429
 * [{ kind: 'server-error', route: 'chat', nth: 2 }, { kind: 'rate-limit', probability: 0.1 }]
 */
export interface FaultRule {
  /** The fault to inject. @example 'overloaded' */
  readonly kind: FaultKind;
  /** The fault's parameters. @default {} @example { after: 3 } */
  readonly params?: FaultParams;
  /**
   * The chance (0..1) that a matching request is hit, drawn from the simulator's seeded RNG (see `seed`).
   * @default 1
   * @example 0.25
   */
  readonly probability?: number;
  /** Hit only the nth (1-based) matching request. @default undefined (any) @example 1 */
  readonly nth?: number;
  /** Hit every k-th matching request (k, 2k, 3k...). @default undefined (every one) @example 3 */
  readonly every?: number;
  /**
   * Which route(s) the rule applies to: short names or paths (`'chat'` or `'/v1/chat/completions'`).
   * @default every route (generation and embeddings)
   * @example 'messages'
   */
  readonly route?: SimulatorRoute | string | readonly (SimulatorRoute | string)[];
  /** Stop firing after this many hits. @default unlimited @example 2 */
  readonly times?: number;
}

/**
 * Rate-limit buckets enforced like the real services: token buckets refilling continuously; a request takes
 * one request from each request bucket and (prompt tokens + max_tokens × choices) from the token bucket.
 * A bare number means `requestsPerMinute`.
 */
export interface RateLimitOptions {
  /** Requests per minute (burst up to this many). @default unlimited @example 60 */
  readonly requestsPerMinute?: number;
  /** Requests per second (burst up to this many). @default unlimited @example 50 */
  readonly requestsPerSecond?: number;
  /** Tokens per minute, estimated at admission. @default unlimited @example 10_000 */
  readonly tokensPerMinute?: number;
}

/** Options of `startSimulator`. */
export interface SimulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 @example 8787 */
  readonly port?: number;
  /** Interface to bind. @default '127.0.0.1' @example '0.0.0.0' */
  readonly host?: string;
  /**
   * When set, requests must carry this key (`Authorization: Bearer K` or `x-api-key: K`); others get 401
   * in the provider's error shape. The key never appears in any response.
   * @default undefined (any key or none is accepted)
   * @example 'sk-test'
   */
  readonly apiKey?: string;
  /** Milliseconds before the first byte of a generation response. @default 0 @example 300 */
  readonly latencyMs?: number;
  /**
   * Generation pace, in tokens per second, for streaming and non-streaming responses
   * (non-streaming total time = latency + tokens / tokensPerSecond). 0 = as fast as possible.
   * @default 0
   * @example 50
   */
  readonly tokensPerSecond?: number;
  /**
   * Scripted faults (see `FaultRule`). Replacing the list resets the rules' counters.
   * @default []
   * @example [{ kind: 'overloaded', route: 'messages', every: 3 }]
   */
  readonly faults?: readonly FaultRule[];
  /**
   * Seed of the RNG that draws fault `probability`, and of the replies to requests sent at temperature > 0
   * (each such request gets the next variation: same seed + same requests in the same order = same faults and
   * same replies; a new `seed` in `configure` restarts both). Requests at temperature 0, or without one,
   * always get the same reply, whatever the seed.
   * @default 1
   * @example 42
   */
  readonly seed?: number;
  /** Rate-limit buckets, or a number of requests per minute. @default undefined (no limits) @example { requestsPerSecond: 50 } */
  readonly rateLimit?: RateLimitOptions | number;
  /** Largest accepted request body; bigger bodies get 413. @default 4_194_304 (4 MiB) @example 1024 */
  readonly maxBodyBytes?: number;
  /**
   * Model ids listed by GET /v1/models (any model id is accepted by the generation and embeddings routes).
   * @default a few well-known OpenAI and Anthropic ids
   * @example ['gpt-4o-mini', 'claude-sonnet-4-5']
   */
  readonly models?: readonly string[];
}
