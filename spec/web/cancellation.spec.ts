// Cancellation from the page to the provider: unsubscribing remoteModel aborts its fetch, the server sees the
// client go away and unsubscribes, and the official SDK aborts its request, which the simulator counts.
import { finalize, type Subscription } from 'rxjs';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { remoteModel } from '../../src/web/remote-model.js';
import { toUiMessageStreamResponse } from '../../src/web/to-ui-message-stream-response.js';
import { waitUntil } from '../support/rx-helpers.js';
import { useSharedSimulator } from '../support/shared-simulator.js';
import { startUiStreamServer, type UiStreamServer } from '../support/ui-stream-server.js';

const sim = useSharedSimulator();
const openai = () => openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-server-0000', baseURL: sim().openaiBaseURL });
const textDeltas = (events: readonly GenerationEvent[]): number => events.filter((e) => e.type === 'text-delta').length;

describe.each(['pipe', 'response'] as const)('cancellation through the server (%s)', (mode) => {
  let server: UiStreamServer;
  beforeEach(async () => {
    // 20 tokens/s: a reply takes a second or more, so the unsubscribe lands mid-stream.
    sim().configure({ tokensPerSecond: 20 });
    server = await startUiStreamServer((input, settings) => openai().stream(input, settings), mode);
  });
  afterEach(() => server.close());

  it('unsubscribing remoteModel aborts the fetch; the server unsubscribes; the upstream request is aborted; nothing arrives after', async () => {
    const received: GenerationEvent[] = [];
    let ended = false;
    const subscription: Subscription = remoteModel({ url: server.url })
      .stream('Tell me about reactive streams')
      .subscribe({ next: (e) => received.push(e), error: () => (ended = true), complete: () => (ended = true) });
    await waitUntil(() => textDeltas(received) >= 3, 10_000, 'three tokens in the page');

    subscription.unsubscribe();
    const count = received.length;
    await waitUntil(() => server.served[0]!.endedAt !== undefined, 5_000, 'the server to unsubscribe');
    await waitUntil(() => sim().stats().requestsAborted === 1, 5_000, 'the simulator to count the aborted request');
    expect(sim().stats()).toMatchObject({ requestsReceived: 1, requestsCompleted: 0, requestsAborted: 1 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(received).toHaveLength(count);
    expect(ended).toBe(false); // unsubscribing ends silently
  });

  it('the page leaving before the first token aborts too', async () => {
    sim().configure({ latencyMs: 400 });
    const subscription = remoteModel({ url: server.url }).stream('Hi').subscribe();
    await waitUntil(() => sim().stats().requestsReceived === 1, 5_000, 'the upstream request');
    subscription.unsubscribe();
    await waitUntil(() => sim().stats().requestsAborted === 1, 5_000, 'the simulator to count the aborted request');
    expect(server.served[0]!.endedAt).toBeDefined();
  });
});

describe('toUiMessageStreamResponse', () => {
  it('is lazy: nothing is sent until the body is read', async () => {
    const response = toUiMessageStreamResponse(openai().stream('Hi'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim().stats().requestsReceived).toBe(0);
    expect(await response.text()).toContain('data: [DONE]');
    expect(sim().stats()).toMatchObject({ requestsReceived: 1, requestsCompleted: 1 });
  });

  it('cancelling the body ends the subscription and aborts the upstream request', async () => {
    sim().configure({ tokensPerSecond: 20 });
    let unsubscribed = false;
    const response = toUiMessageStreamResponse(openai().stream('Tell me about reactive streams').pipe(finalize(() => (unsubscribed = true))));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/"text-delta"/g) ?? []).length < 3) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(unsubscribed).toBe(true);
    await waitUntil(() => sim().stats().requestsAborted === 1, 5_000, 'the simulator to count the aborted request');
    expect(sim().stats()).toMatchObject({ requestsReceived: 1, requestsCompleted: 0 });
  });

  it('each read of the stream gets its own call (cold): two responses, two requests', async () => {
    const events$ = openai().stream('Hi');
    const [a, b] = await Promise.all([toUiMessageStreamResponse(events$).text(), toUiMessageStreamResponse(events$).text()]);
    expect(a).toContain('"text-delta"');
    expect(b).toContain('"text-delta"');
    expect(sim().stats()).toMatchObject({ requestsReceived: 2, requestsCompleted: 2 });
  });
});
