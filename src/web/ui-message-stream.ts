import { catchError, concat, defer, endWith, filter, isObservable, map, of, type Observable } from 'rxjs';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkHeaders } from '../core/check-headers.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { checkBoolean, checkFunction, checkNumber, checkOptions, describe } from '../core/validate.js';
import { isAbortError } from '../errors/abort-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { isLlmError } from '../errors/llm-error.js';
import { redact } from '../errors/redact.js';
import { EventsToUiChunks, type RxllmMetadata } from './events-to-ui-chunks.js';
import { SSE_DONE, sseEvent } from './sse.js';
import { UI_MESSAGE_STREAM_HEADERS, type UiMessageChunk } from './ui-message-stream-types.js';

/**
 * Options of `toUiMessageStreamResponse` and `pipeUiMessageStream`.
 *
 * @example
 * toUiMessageStreamResponse(model.stream(input), { headers: { 'x-request-id': id }, errorText: (e) => (log(e), 'Sorry, try again.') })
 */
export interface UiMessageStreamOptions {
  /** The HTTP status of the response. @default 200 */
  readonly status?: number;
  /** Extra response headers, over the protocol's (`content-type: text/event-stream`, `x-vercel-ai-ui-message-stream: v1`...). @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * What the client is told when the stream fails (the `error` chunk's `errorText`); also the place to log
   * the error. Never put a stack or a secret in it.
   * @default for an rxllm error, its name and (redacted) message (`"RateLimitError: openai.chat: HTTP 429: ..."`); `"An error occurred."` for anything else
   */
  readonly errorText?: (error: unknown) => string;
  /**
   * Sends rxllm's facts (the model that answered, finish reason, usage, an error's retryability) as message
   * metadata under `rxllm`, so `remoteModel` rebuilds the exact events. Turn off for a client that validates
   * message metadata strictly.
   * @default true
   */
  readonly metadata?: boolean;
}

/** Every `UiMessageStreamOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<UiMessageStreamOptions> = { status: true, headers: true, errorText: true, metadata: true };

/** The text an `error` chunk carries by default: nothing a client should not see. */
export function defaultErrorText(error: unknown): string {
  return isLlmError(error) ? redact(`${error.name}: ${error.message}`) : 'An error occurred.';
}

/** Checks the events and the options of a server helper; returns the response's status and headers. */
export function checkUiMessageStream(
  events$: unknown,
  options: unknown,
): { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly options: UiMessageStreamOptions } {
  if (!isObservable(events$)) throw new InvalidArgumentError('events$', `must be an Observable of GenerationEvents (a model's or an agent's stream), got ${describe(events$)}`);
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  const o = (options ?? {}) as UiMessageStreamOptions;
  checkNumber('options.status', o.status, { min: 200, integer: true });
  if (o.status !== undefined && o.status > 599) throw new InvalidArgumentError('options.status', `must be an HTTP status from 200 to 599, got ${o.status}`);
  checkHeaders('options.headers', o.headers);
  checkFunction('options.errorText', o.errorText);
  checkBoolean('options.metadata', o.metadata);
  return { status: o.status ?? 200, headers: { ...UI_MESSAGE_STREAM_HEADERS, ...o.headers }, options: o };
}

/**
 * The SSE text of a UI message stream for `events$`, one string per event (the frames of the chunks it
 * makes): `start`, the events' chunks, then `finish` (or `error` / `abort` when `events$` fails) and `[DONE]`. Cold: each subscription subscribes to
 * `events$`, and unsubscribing unsubscribes from it (aborting the provider call). Never errors: a failure
 * (of `events$`, or a chunk that cannot be encoded as JSON) becomes the `error` chunk.
 */
export function uiMessageStreamFrames(events$: Observable<GenerationEvent>, options: UiMessageStreamOptions = {}): Observable<string> {
  return defer(() => {
    const translator = new EventsToUiChunks(options.metadata ?? true);
    const errorText = (error: unknown): string => {
      try {
        const text = (options.errorText ?? defaultErrorText)(error);
        return typeof text === 'string' ? text : defaultErrorText(undefined);
      } catch {
        return defaultErrorText(undefined);
      }
    };
    const failure = (error: unknown): UiMessageChunk[] =>
      isAbortError(error) ? translator.abort(redact(error.message)) : translator.error(errorText(error), errorFacts(error));
    return concat(
      defer(() => of(translator.start())),
      events$.pipe(map((event) => translator.push(event))),
      defer(() => of(translator.complete())),
    ).pipe(
      // One string per event (the frames of its chunks), not an inner Observable per token.
      map(frames),
      filter((text) => text !== ''),
      catchError((error: unknown) => of(frames(failure(error)))),
      endWith(sseEvent(SSE_DONE)),
    );
  });
}

/** The chunks as SSE events, in one string; throws when one cannot be encoded (a tool output with a cycle or a BigInt). */
function frames(chunks: readonly UiMessageChunk[]): string {
  let text = '';
  for (const chunk of chunks) text += sseEvent(JSON.stringify(chunk));
  return text;
}

/** What the client needs to treat an rxllm error as the server did (retry it or not): no message, no cause. */
function errorFacts(error: unknown): RxllmMetadata['error'] {
  if (!isLlmError(error)) return undefined;
  return {
    name: error.name,
    isRetryable: error.isRetryable,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
  };
}
