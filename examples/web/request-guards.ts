// The chat servers' guards: a body size limit (413), a per-client request rate limit (429), and the Host and
// Origin checks (403) against DNS rebinding and cross-site posts. The Angular example's server uses them too.
import type { IncomingMessage } from 'node:http';

/** Thrown by `readBody` when the body is larger than allowed. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/**
 * Reads a request body up to `limit` bytes. A `content-length` over the limit is refused before reading;
 * a chunked body is counted as it arrives and refused as soon as it passes the limit.
 *
 * @example
 * const body = await readBody(req, 16_384); // rejects with BodyTooLargeError past 16 KiB
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume(); // discard the rest
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A sliding-window limit of `perMinute` requests per client address. `check` answers how long to wait
 * (in ms) before the next request is allowed, or 0 when it is allowed now (and counts it).
 *
 * @example
 * const limit = new ClientRateLimit(30);
 * const waitMs = limit.check(req.socket.remoteAddress ?? 'unknown'); // > 0: answer 429
 */
export class ClientRateLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  check(client: string): number {
    const now = this.now();
    const recent = (this.seen.get(client) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      this.seen.set(client, recent);
      return 60_000 - (now - (recent[0] as number));
    }
    recent.push(now);
    this.seen.set(client, recent);
    if (this.seen.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number): void {
    for (const [client, times] of this.seen) if (times.every((t) => now - t >= 60_000)) this.seen.delete(client);
  }
}

/** The host names a server listening on loopback answers to. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A check of the `Host` header against DNS rebinding: a server listening on a loopback address
 * (`127.0.0.1`, `localhost`, `::1`) answers only requests addressed to a loopback name; a server listening on
 * another address (`0.0.0.0`: it chose to be reachable) answers any. Returns whether `req` is allowed.
 *
 * @example
 * const hostAllowed = hostGuard('127.0.0.1');
 * if (!hostAllowed(req)) return send(res, 403, 'Unknown host.\n');
 */
export function hostGuard(listenHost: string): (req: IncomingMessage) => boolean {
  const loopback = LOOPBACK_NAMES.has(listenHost) || listenHost === '::1';
  return (req) => !loopback || LOOPBACK_NAMES.has((req.headers.host ?? '').replace(/:\d+$/, ''));
}

/**
 * Whether `req` comes from another site's page (its `Origin` is not this server): refuse it, so no other
 * site can spend the server's key. A request without `Origin` (curl, a same-origin GET) is not cross-origin.
 *
 * @example
 * if (isCrossOrigin(req)) return send(res, 403, 'Cross-origin requests are not allowed.\n');
 */
export function isCrossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && origin !== `http://${req.headers.host}`;
}
