import type { Observable, Subscription } from 'rxjs';
import type { GenerationEvent } from '../core/stream-event.js';
import { checkUiMessageStream, uiMessageStreamFrames, type UiMessageStreamOptions } from './ui-message-stream.js';

/**
 * Serves a stream of `GenerationEvent`s (a model's `stream`, an agent's) as a web `Response` speaking the
 * Vercel AI SDK's UI Message Stream protocol v1: server-sent events, header `x-vercel-ai-ui-message-stream: v1`;
 * text, reasoning, tool input and output, steps, then `finish`, or `error` (see `errorText`) or `abort`. For
 * servers built on fetch's `Request`/`Response` (Next.js route handlers, Hono, Deno, Bun, Cloudflare
 * Workers). Read it in the page with `remoteModel`, or with the AI SDK's `useChat`.
 *
 * Lazy: `events$` is subscribed when the body is first read. When the client goes away the body is
 * cancelled, which unsubscribes, and the provider's HTTP request is aborted. Only choice 0 is sent.
 * Throws `InvalidArgumentError` for an `events$` that is not an Observable, or a bad option.
 *
 * @example
 * // app/api/chat/route.ts (Next.js)
 * const model = openAIChat({ model: 'gpt-4o-mini' }); // the key stays on the server
 * export async function POST(request: Request): Promise<Response> {
 *   const { input } = parseUiMessageRequest(await request.json());
 *   return toUiMessageStreamResponse(model.stream(input, { maxTokens: 500 }));
 * }
 */
export function toUiMessageStreamResponse(events$: Observable<GenerationEvent>, options: UiMessageStreamOptions = {}): Response {
  const { status, headers, options: o } = checkUiMessageStream(events$, options);
  const frames$ = uiMessageStreamFrames(events$, o);
  const encoder = new TextEncoder();
  let subscription: Subscription | undefined;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      // Subscribes on the first read (the server sends the body), not when the Response is made.
      pull(controller) {
        if (subscription || cancelled) return;
        subscription = frames$.subscribe({
          next: (frame) => controller.enqueue(encoder.encode(frame)),
          complete: () => controller.close(),
        });
      },
      cancel() {
        cancelled = true;
        subscription?.unsubscribe();
      },
    },
    // No read-ahead: pull is called only when the consumer reads.
    { highWaterMark: 0 },
  );
  return new Response(body, { status, headers });
}
