import { Subscription, type Observable } from 'rxjs';
import type { GenerationEvent } from '../core/stream-event.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describe } from '../core/validate.js';
import { checkUiMessageStream, uiMessageStreamFrames, type UiMessageStreamOptions } from './ui-message-stream.js';

/**
 * What `pipeUiMessageStream` writes to: Node's `http.ServerResponse` (and Express's, Fastify's `reply.raw`...)
 * fits it. Declared here so the core needs no Node types.
 *
 * @example
 * app.post('/api/chat', (req, res) => pipeUiMessageStream(model.stream(parseUiMessageRequest(req.body).input), res)); // Express
 */
export interface UiMessageStreamSink {
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  write(chunk: string): unknown;
  end(): unknown;
  /** `'close'`: the response ended, or the client went away. */
  on(event: 'close', listener: () => void): unknown;
  removeListener?(event: 'close', listener: () => void): unknown;
  /** Sends the headers at once (Node), so the client sees the stream begin before the first token. */
  flushHeaders?(): void;
  /** True once the connection is gone (Node): a client that left while its request was read gets nothing. */
  readonly destroyed?: boolean;
}

/**
 * Writes a stream of `GenerationEvent`s (a model's `stream`, an agent's) to a Node `http` response as the
 * Vercel AI SDK's UI Message Stream protocol v1 (see `toUiMessageStreamResponse`, its twin for fetch-style
 * servers): the headers at once, then a server-sent event per chunk, and ends the response. When the client
 * goes away (`res` emits `close`), it unsubscribes, and the provider's HTTP request is aborted; when it has gone
 * already (`res.destroyed`), `events$` is not subscribed at all. Returns the
 * subscription: unsubscribe to stop early (the response is then left open: end it yourself).
 * Throws `InvalidArgumentError` for an `events$` that is not an Observable, a `res` that cannot be written
 * to, or a bad option.
 *
 * @example
 * createServer(async (req, res) => {
 *   const body = JSON.parse(await text(req)); // text() from 'node:stream/consumers'
 *   const { input } = parseUiMessageRequest(body);
 *   pipeUiMessageStream(model.stream(input), res);
 * }).listen(3000);
 */
export function pipeUiMessageStream(events$: Observable<GenerationEvent>, res: UiMessageStreamSink, options: UiMessageStreamOptions = {}): Subscription {
  const { status, headers, options: o } = checkUiMessageStream(events$, options);
  const sink = res as Partial<UiMessageStreamSink> | null;
  if (typeof sink !== 'object' || sink === null || typeof sink.writeHead !== 'function' || typeof sink.write !== 'function' || typeof sink.end !== 'function' || typeof sink.on !== 'function') {
    throw new InvalidArgumentError('res', `must be an http.ServerResponse (with writeHead, write, end and on), got ${describe(res)}`);
  }
  const subscription = new Subscription();
  // The client left while the request was being read: 'close' has fired already, so nobody would stop the call.
  if (res.destroyed === true) {
    subscription.unsubscribe();
    return subscription;
  }
  res.writeHead(status, { ...headers });
  res.flushHeaders?.();
  const onClose = (): void => subscription.unsubscribe();
  res.on('close', onClose);
  subscription.add(() => res.removeListener?.('close', onClose));
  subscription.add(
    uiMessageStreamFrames(events$, o).subscribe({
      next: (frame) => res.write(frame),
      complete: () => res.end(),
    }),
  );
  return subscription;
}
