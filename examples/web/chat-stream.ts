// POST /api/chat: one prompt in, its tokens out as server-sent events. The model (and its API key) lives
// only here, on the server. When the browser goes away (Stop, a new prompt, a closed tab), the response
// closes, the subscription is dropped, and rxllm aborts the upstream HTTP request.
import type { ServerResponse } from 'node:http';
import type { Subscription } from 'rxjs';
import { isLlmError, type GenerationEvent, type LanguageModel } from 'rxllm';

/** What the page receives, one SSE event each: `event: <type>` and `data: <JSON>`. */
export type ChatEvent =
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'usage'; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly type: 'done'; readonly finishReason: string }
  | { readonly type: 'error'; readonly name: string; readonly message: string };

function toChatEvent(event: GenerationEvent): ChatEvent | undefined {
  switch (event.type) {
    case 'text-delta':
      return { type: 'delta', text: event.text };
    case 'usage':
      return { type: 'usage', inputTokens: event.usage.inputTokens, outputTokens: event.usage.outputTokens };
    case 'finish':
      return { type: 'done', finishReason: event.finishReason };
    default:
      return undefined;
  }
}

/**
 * Streams `model.stream(prompt)` to `res` as SSE, and stops the call when `res` closes first.
 *
 * @example
 * streamChat(model, 'Hello', res); // event: delta / data: {"type":"delta","text":"Hi"} ...
 */
export function streamChat(model: LanguageModel, prompt: string, res: ServerResponse): Subscription {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  const send = (event: ChatEvent): void => {
    if (!res.writableEnded) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  // #region readme
  const subscription = model.stream(prompt).subscribe({
    next: (event) => {
      const chatEvent = toChatEvent(event);
      if (chatEvent) send(chatEvent);
    },
    error: (error: unknown) => {
      // rxllm's errors are redacted (no key in the message); anything else gets a generic text.
      send(isLlmError(error) ? { type: 'error', name: error.name, message: error.message } : { type: 'error', name: 'Error', message: 'The model call failed.' });
      res.end();
    },
    complete: () => res.end(),
  });
  // 'close' fires when the response has been sent, or when the client went away before: unsubscribing
  // then aborts the provider's HTTP request (it does nothing once the call has completed).
  res.on('close', () => subscription.unsubscribe());
  // #endregion readme
  return subscription;
}
