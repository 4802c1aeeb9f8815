// The Redis side of `redisRateLimiter`: the connection (given, or opened from a URL with `ioredis`), one
// script call per operation (EVALSHA, EVAL when Redis has not seen the script yet), each bounded by a
// timeout, and the replies parsed. Not public API.
import { isLlmError } from '../../errors/llm-error.js';
import { redact } from '../../errors/redact.js';
import { openRedisClient, registerRedisUrlSecret } from '../../platform/load-ioredis.js';
import { within } from '../../platform/within.js';
import { REDIS_RATE_LIMITER_SCRIPT, REDIS_RATE_LIMITER_SHA } from './redis-script.js';

/**
 * The Redis client `redisRateLimiter` can use: an `ioredis` client (`new Redis(...)`, `new Cluster(...)`) or
 * anything with the same `evalsha`/`eval` methods returning promises.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const client: RedisClientLike = new Redis('redis://redis.internal:6379');
 */
export interface RedisClientLike {
  /** `EVALSHA sha numkeys key... arg...` */
  evalsha(sha: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** `EVAL script numkeys key... arg...` */
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** The connection state, read when present (`ioredis`: `'ready'`, `'reconnecting'`...). @default undefined */
  readonly status?: string;
}

/** Connection states in which a command would only wait in a queue: fail at once instead. */
const DOWN_STATES: ReadonlySet<string> = new Set(['reconnecting', 'close', 'end']);

/** Reply errors that say the configuration is wrong (not that Redis is away): never worked around. */
const MISCONFIGURED = /^(WRONGTYPE|NOPERM|NOAUTH|WRONGPASS)\b/;

/** How long the hash outlives the last time its state matters. */
const IDLE_MS = 60_000;

/** The limit fields of the script: requests per second / per minute, tokens per minute. */
export type LimitField = 'rps' | 'rpm' | 'tpm';

/** One limit as the script sees it: a GCRA with `intervalMs` per unit and a bucket of `burst` units. */
export interface StoreLimit {
  readonly field: LimitField;
  readonly intervalMs: number;
  readonly burst: number;
}

/** A slot reserved in Redis by `acquire`. */
export interface Reservation {
  /** How long to wait from the reply on, in ms (0: go now). */
  readonly delayMs: number;
  /** Redis's clock when it reserved (ms). */
  readonly nowMs: number;
  /** The shared pause, in Redis's clock (ms; 0 when none). */
  readonly pauseUntilMs: number;
  /** Processes that acquired in the last `liveMs`, when counted. */
  readonly liveProcesses: number | undefined;
  /** The limits' theoretical arrival times this reservation set, as stored (to give it back). */
  readonly tats: readonly string[];
  /** When the script call went out, in the local clock (after connecting): the slot is no earlier than `sentAt + delayMs`. */
  readonly sentAt: number;
}

/** A Redis error: `misconfigured` when Redis refused the script for a reason waiting cannot fix. */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  constructor(
    message: string,
    readonly misconfigured: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The connection and the script calls of one `redisRateLimiter`. */
export class RedisStore {
  private client: RedisClientLike | undefined;
  private connecting: Promise<RedisClientLike> | undefined;
  private closed = false;
  private scriptSent = false;

  constructor(
    private readonly redis: RedisClientLike | string,
    private readonly key: string,
    private readonly limits: readonly StoreLimit[],
    private readonly timeoutMs: number,
    /** The local clock. */
    private readonly now: () => number,
  ) {
    if (typeof redis === 'string') registerRedisUrlSecret(redis);
    else this.client = redis;
  }

  /** True when rxllm opened the connection (from a URL) and so closes it. */
  get ownsClient(): boolean {
    return typeof this.redis === 'string';
  }

  /** Reserves the next slot for a request of `cost` tokens; counts live processes when `liveMs` > 0. */
  async acquire(processId: string, cost: number, liveMs: number): Promise<Reservation> {
    const costs = this.limits.flatMap((l) => [l.field, l.intervalMs, l.burst, l.field === 'tpm' ? cost : 1]);
    let sentAt = this.now();
    const reply = await this.run(['acquire', IDLE_MS, processId, liveMs, this.limits.length, ...costs], (at) => (sentAt = at));
    const r = strings(reply, 4 + this.limits.length);
    const live = Number(r[3]);
    return {
      delayMs: Number(r[0]),
      nowMs: Number(r[1]),
      pauseUntilMs: Number(r[2]),
      liveProcesses: live >= 0 ? live : undefined,
      tats: r.slice(4),
      sentAt,
    };
  }

  /** Gives `reservation` back where it is still the last one; its tokens (`cost`) are given back anyway. */
  async release(reservation: Reservation, cost: number): Promise<void> {
    const args = this.limits.flatMap((l, i) => {
      const tokens = l.field === 'tpm';
      return [l.field, l.intervalMs, tokens ? cost : 1, reservation.tats[i] ?? '', tokens ? 1 : 0];
    });
    await this.run(['release', IDLE_MS, this.limits.length, ...args]);
  }

  /** Corrects the token limit by `delta` tokens (> 0: given back; < 0: taken). */
  async reconcile(delta: number): Promise<void> {
    const tokens = this.limits.find((l) => l.field === 'tpm');
    if (tokens) await this.run(['reconcile', IDLE_MS, 'tpm', tokens.intervalMs, delta]);
  }

  /** Pauses every process sharing the key for `ms` (the longest pause set wins). */
  async penalize(ms: number): Promise<{ pauseUntilMs: number; nowMs: number }> {
    const r = strings(await this.run(['penalize', IDLE_MS, ms]), 2);
    return { pauseUntilMs: Number(r[0]), nowMs: Number(r[1]) };
  }

  private noAnswer(): RedisStoreError {
    return new RedisStoreError(`Redis did not answer within ${this.timeoutMs} ms`, false);
  }

  /** Closes the connection when rxllm opened it (a client passed in is left to its owner). */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.ownsClient) return;
    const client = await this.connecting?.catch(() => undefined);
    if (!client) return;
    const c = client as unknown as { quit(): Promise<unknown>; disconnect(): void };
    await within(c.quit(), this.timeoutMs, () => this.noAnswer()).catch(() => undefined);
    c.disconnect();
  }

  /**
   * One script call, answered within `timeoutMs` (connecting included; loading `ioredis`, a local matter,
   * not); rejects with `RedisStoreError`. `onSend` is told the local time the call went out.
   */
  private async run(args: readonly (string | number)[], onSend?: (at: number) => void): Promise<unknown> {
    try {
      const client = await this.connect();
      return await within(this.evaluate(client, args, onSend), this.timeoutMs, () => this.noAnswer());
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private async evaluate(client: RedisClientLike, args: readonly (string | number)[], onSend?: (at: number) => void): Promise<unknown> {
    const status = client.status;
    if (typeof status === 'string' && DOWN_STATES.has(status)) throw new RedisStoreError(`the Redis connection is ${status}`, false);
    onSend?.(this.now());
    // Until a call has worked, EVAL (which also loads the script), so the first calls, made together, take
    // one round trip each; then EVALSHA, and EVAL again only if Redis lost the script (restarted).
    if (!this.scriptSent) {
      const reply = await client.eval(REDIS_RATE_LIMITER_SCRIPT, 1, this.key, ...args);
      this.scriptSent = true;
      return reply;
    }
    try {
      return await client.evalsha(REDIS_RATE_LIMITER_SHA, 1, this.key, ...args);
    } catch (error) {
      if (!/NOSCRIPT/.test(messageOf(error))) throw error;
      return client.eval(REDIS_RATE_LIMITER_SCRIPT, 1, this.key, ...args);
    }
  }

  private connect(): Promise<RedisClientLike> {
    if (this.client) return Promise.resolve(this.client);
    if (this.closed) return Promise.reject(new RedisStoreError('the limiter is closed', false));
    this.connecting ??= openRedisClient(this.redis as string, 'rxllm-rate-limiter', this.timeoutMs).then((client) => {
      client.on('error', () => undefined); // reported through the failing commands, not as unhandled events
      if (this.closed) client.disconnect();
      else this.client = client;
      return client;
    });
    return this.connecting;
  }
}

/** The reply as strings, checked to be an array of at least `length`. */
function strings(reply: unknown, length: number): string[] {
  if (!Array.isArray(reply) || reply.length < length) {
    throw new RedisStoreError(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`, false);
  }
  return reply.map(String);
}

function toStoreError(error: unknown): RedisStoreError {
  if (error instanceof RedisStoreError) return error;
  // `ioredis` is not installed (openRedisClient rejects with ConfigurationError): a configuration problem, never an outage.
  if (isLlmError(error) && error.name === 'ConfigurationError') return new RedisStoreError(error.message, true, { cause: error });
  const message = redact(messageOf(error));
  return new RedisStoreError(message, MISCONFIGURED.test(message), { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

