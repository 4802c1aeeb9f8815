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
  /** `x-sim-refusal`: refuse, with this text ('' = the default text); undefined: no refusal. */
  readonly refusal: string | undefined;
  /** `x-sim-thinking: redacted`: Anthropic sends a `redacted_thinking` block instead of `thinking`. */
  readonly redactedThinking: boolean;
  /** `x-sim-reasoning-content`: OpenAI chat streams its reasoning as `reasoning_content` (DeepSeek style). */
  readonly reasoningContent: boolean;
  /** `x-sim-cached-tokens`: prompt tokens reported as read from the prompt cache. */
  readonly cachedTokens: number;
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
    throw badHeader(name, `expected a number >= 0, got "${raw}"`);
  }
  return value;
}

function badHeader(name: string, problem: string): SimHttpError {
  return new SimHttpError('bad-request', { message: `Invalid ${name} header: ${problem}`, param: name });
}

function textHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = header(req, name);
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badHeader(name, 'not URI-encoded');
  }
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

function flagHeader(req: IncomingMessage, name: string): boolean {
  const raw = header(req, name)?.trim().toLowerCase();
  if (raw === undefined || FALSE.includes(raw)) return false;
  if (TRUE.includes(raw)) return true;
  throw badHeader(name, `expected 1 or 0 (true or false), got "${raw}"`);
}

/** `x-sim-refusal`: `1`/`true` (the default text), a URI-encoded text, or `0`/`false` (no refusal). */
function refusalHeader(req: IncomingMessage): string | undefined {
  const text = textHeader(req, 'x-sim-refusal');
  if (text === undefined || FALSE.includes(text.trim().toLowerCase())) return undefined;
  return TRUE.includes(text.trim().toLowerCase()) ? '' : text;
}

function thinkingHeader(req: IncomingMessage): boolean {
  const raw = header(req, 'x-sim-thinking')?.trim().toLowerCase();
  if (raw === undefined || raw === 'visible') return false;
  if (raw === 'redacted') return true;
  throw badHeader('x-sim-thinking', `expected redacted or visible, got "${raw}"`);
}

/** Reads the `x-sim-*` control headers; a bad value gives a 400 naming the header. */
export function readControlHeaders(req: IncomingMessage, options: ResolvedOptions): RequestControls {
  const rawFault = header(req, 'x-sim-fault');
  const cached = numberHeader(req, 'x-sim-cached-tokens', 0);
  if (!Number.isInteger(cached)) throw badHeader('x-sim-cached-tokens', `expected an integer >= 0, got "${cached}"`);
  return {
    latencyMs: numberHeader(req, 'x-sim-latency-ms', options.latencyMs),
    tokensPerSecond: numberHeader(req, 'x-sim-tokens-per-second', options.tokensPerSecond),
    reply: textHeader(req, 'x-sim-reply'),
    fault: rawFault === undefined ? undefined : parseFaultHeader(rawFault),
    refusal: refusalHeader(req),
    redactedThinking: thinkingHeader(req),
    reasoningContent: flagHeader(req, 'x-sim-reasoning-content'),
    cachedTokens: cached,
  };
}
