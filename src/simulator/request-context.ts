import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider, SimHttpError } from './error-bodies.js';
import { newId } from './ids.js';
import type { SimulatorState } from './simulator-state.js';

/** One request in flight: its provider, id, timing, and whether the connection is still open. */
export class RequestContext {
  readonly startedAt = Date.now();
  provider: Provider = 'openai';
  /** True once the response or its connection has closed (sleepers wake up, writers stop). */
  closed = false;
  private serverDestroyed = false;
  private requestIdValue: string | undefined;
  private readonly wakers = new Set<() => void>();

  constructor(readonly state: SimulatorState, readonly req: IncomingMessage, readonly res: ServerResponse) {
    const stats = state.stats;
    stats.requestsReceived++;
    res.on('finish', () => stats.requestsCompleted++);
    res.on('close', () => {
      this.closed = true;
      if (!res.writableFinished) {
        if (!this.serverDestroyed) stats.requestsAborted++;
        // The client went away mid-response: drop the (possibly half-open) connection too.
        req.socket.destroy();
      }
      for (const wake of this.wakers) wake();
      this.wakers.clear();
    });
  }

  /** The request id, in the provider's format (fixed at first use). */
  get requestId(): string {
    this.requestIdValue ??= this.provider === 'anthropic' ? newId.anthropicRequest() : newId.openaiRequest();
    return this.requestIdValue;
  }

  /** Waits `ms`; resolves false at once if the connection closes meanwhile. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.wakers.delete(wake);
        resolve(!this.closed);
      }, ms);
      this.wakers.add(wake);
    });
  }

  /** Headers every response carries: the request id and (OpenAI) the processing time. */
  baseHeaders(): Record<string, string> {
    if (this.provider === 'anthropic') return { 'request-id': this.requestId };
    return {
      'x-request-id': this.requestId,
      'openai-processing-ms': String(Date.now() - this.startedAt),
      'openai-version': '2020-10-01',
    };
  }

  /** Sends a complete JSON response. */
  sendJson(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    if (this.closed || this.res.headersSent) return;
    const text = JSON.stringify(body);
    this.res.writeHead(status, {
      ...this.baseHeaders(),
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    });
    this.res.end(text);
  }

  /** Sends `error` in the provider's shape, with its extra headers; counts 429s. */
  sendError(error: SimHttpError): void {
    const status = error.status(this.provider);
    if (status === 429) this.state.stats.rateLimited++;
    this.sendJson(status, error.body(this.provider, this.requestId), error.options.headers);
  }

  /** Writes raw bytes to the response (false when closed). */
  write(chunk: string): boolean {
    if (this.closed) return false;
    this.res.write(chunk);
    return true;
  }

  /** Destroys the connection on purpose (a `reset` fault): not counted as a client abort. */
  destroy(): void {
    this.serverDestroyed = true;
    const socket = this.req.socket;
    if (socket.destroyed) return;
    // Let the bytes already written reach the client first, then cut the connection.
    socket.write('', () => socket.destroy());
  }
}
