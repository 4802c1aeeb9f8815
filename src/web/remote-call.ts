import { Observable, type Subscriber } from 'rxjs';
import type { GenerationEvent } from '../core/stream-event.js';
import { isPlainObject } from '../core/validate.js';
import { ConnectionError } from '../errors/connection-error.js';
import type { LlmError } from '../errors/llm-error.js';
import { StreamError } from '../errors/stream-error.js';
import { abortErrorFor, endOnAbort } from '../platform/abort-signal.js';
import { errorFromStatus, isErrorLike, safeCause } from '../providers/shared/map-sdk-error.js';
import { parseRetryAfter } from '../providers/shared/parse-retry-after.js';
import { SSE_DONE, SseParser } from './sse.js';
import { UiChunksToEvents } from './ui-chunks-to-events.js';
import type { UiMessageChunk } from './ui-message-stream-types.js';

/** One request of `remoteModel`: where, what, how. */
export interface RemoteRequest {
  readonly provider: string;
  readonly modelId: string;
  readonly url: string;
  readonly fetch: typeof fetch;
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  /** The headers and JSON body, built per request (the option functions are called at subscribe). */
  readonly prepare: () => Promise<{ readonly headers: Record<string, string>; readonly body: string }>;
  /** The caller's signal (`CallOptions.signal`): aborts with `AbortError`. */
  readonly signal?: AbortSignal;
}

/** The most of an error response's body read into the error's message. */
const ERROR_BODY_LIMIT = 500;

/**
 * POSTs one request and emits the `GenerationEvent`s of the UI message stream that answers it. Cold; each
 * subscription has its own `AbortController`: unsubscribing aborts the fetch (request and body), silently;
 * the caller's signal ends it with the `AbortError` every model raises (`endOnAbort`).
 */
export function remoteCall(request: RemoteRequest): Observable<GenerationEvent> {
  return new Observable<GenerationEvent>((subscriber) => {
    const controller = new AbortController();
    run(request, controller.signal, subscriber).then(
      () => subscriber.complete(),
      (error: unknown) => {
        if (!controller.signal.aborted) subscriber.error(error);
      },
    );
    return () => controller.abort();
  }).pipe(endOnAbort(request.signal, abortErrorFor(request.provider)));
}

async function run(request: RemoteRequest, signal: AbortSignal, subscriber: Subscriber<GenerationEvent>): Promise<void> {
  const { provider } = request;
  const { headers, body } = await request.prepare();
  if (signal.aborted) return;
  let response: Response;
  try {
    // Called as a plain function: a browser's fetch throws "Illegal invocation" when called as a method of
    // another object (`request.fetch(...)` would make `request` its `this`).
    const send = request.fetch;
    response = await send(request.url, { method: 'POST', headers, body, signal, ...(request.credentials ? { credentials: request.credentials } : {}) });
  } catch (error) {
    throw new ConnectionError(`${provider}: the request to ${request.url} failed: ${isErrorLike(error) ? error.message : String(error)}`, { provider, cause: safeCause(error) });
  }
  if (!response.ok) throw await httpError(provider, response);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !response.body) {
    throw new StreamError(`${provider}: ${request.url} did not answer with a UI message stream (content-type ${JSON.stringify(type)}, expected text/event-stream)`, { provider, statusCode: response.status });
  }
  const version = response.headers.get('x-vercel-ai-ui-message-stream');
  if (version !== null && version !== 'v1') {
    throw new StreamError(`${provider}: the server speaks version ${JSON.stringify(version)} of the UI message stream protocol; rxllm reads v1`, { provider });
  }
  const translator = new UiChunksToEvents(provider, request.modelId);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        if (signal.aborted) return;
        throw translator.interrupted(`the stream broke: ${isErrorLike(error) ? error.message : String(error)}`, error);
      }
      if (read.done) break;
      for (const data of parser.push(decoder.decode(read.value, { stream: true }))) {
        if (data === SSE_DONE) {
          if (!translator.done) throw translator.interrupted('the stream ended before the message finished');
          return;
        }
        for (const event of translator.push(parseChunk(provider, data))) {
          if (subscriber.closed) return;
          subscriber.next(event);
        }
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (!translator.done) throw translator.interrupted('the stream ended before the message finished');
}

/** A chunk from its JSON; a `StreamError` for JSON that is not a chunk. */
function parseChunk(provider: string, data: string): UiMessageChunk {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch (error) {
    throw new StreamError(`${provider}: malformed chunk in the stream: ${isErrorLike(error) ? error.message : String(error)}`, { provider });
  }
  if (!isPlainObject(chunk) || typeof chunk.type !== 'string') throw new StreamError(`${provider}: malformed chunk in the stream: no "type"`, { provider });
  return chunk as unknown as UiMessageChunk;
}

/** The typed error of an HTTP error response, with the body's message (JSON `error`/`message`, else its text). */
async function httpError(provider: string, response: Response): Promise<LlmError> {
  const text = await response.text().catch(() => '');
  let apiMessage = text.trim();
  try {
    const json: unknown = JSON.parse(text);
    if (isPlainObject(json)) {
      const candidate = isPlainObject(json.error) ? json.error.message : (json.error ?? json.message);
      if (typeof candidate === 'string') apiMessage = candidate;
    }
  } catch {
    // Not JSON: the text as it is.
  }
  if (apiMessage.length > ERROR_BODY_LIMIT) apiMessage = `${apiMessage.slice(0, ERROR_BODY_LIMIT)}…`;
  const retryAfterMs = parseRetryAfter(response.headers);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  return errorFromStatus(
    { status: response.status, apiMessage, quotaExceeded: false, overloaded: false, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(requestId ? { requestId } : {}) },
    { provider },
    undefined,
  );
}
