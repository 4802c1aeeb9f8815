import type { IncomingMessage } from 'node:http';
import { SimHttpError } from './error-bodies.js';
import { parseFaultHeader, type FaultSpec } from './faults.js';
import type { ResolvedOptions } from './resolve-options.js';

/** The per-request settings: the server's options, overridden by the `x-sim-*` headers. */
export interface RequestControls {
  readonly latencyMs: number;
  readonly tokensPerSecond: number;
  /** `x-sim-reply` (URI-decoded): the exact reply text. */
  readonly reply: string | undefined;
  /** `x-sim-fault`: the fault for this request (the scripted list is then ignored). */
  readonly fault: FaultSpec | undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function numberHeader(req: IncomingMessage, name: string, fallback: number): number {
  const raw = header(req, name);
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new SimHttpError('bad-request', { message: `Invalid ${name} header: expected a number >= 0, got "${raw}"`, param: name });
  }
  return value;
}

/** Reads the `x-sim-*` control headers; a bad value gives a 400 naming the header. */
export function readControlHeaders(req: IncomingMessage, options: ResolvedOptions): RequestControls {
  const rawReply = header(req, 'x-sim-reply');
  let reply: string | undefined;
  if (rawReply !== undefined) {
    try {
      reply = decodeURIComponent(rawReply);
    } catch {
      throw new SimHttpError('bad-request', { message: 'Invalid x-sim-reply header: not URI-encoded', param: 'x-sim-reply' });
    }
  }
  const rawFault = header(req, 'x-sim-fault');
  return {
    latencyMs: numberHeader(req, 'x-sim-latency-ms', options.latencyMs),
    tokensPerSecond: numberHeader(req, 'x-sim-tokens-per-second', options.tokensPerSecond),
    reply,
    fault: rawFault === undefined ? undefined : parseFaultHeader(rawFault),
  };
}
