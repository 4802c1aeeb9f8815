// The chat server's guards: a body size limit (413) and a per-client request rate limit (429).
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
