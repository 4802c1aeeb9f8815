import type { Usage } from '../../core/generation.js';
import type { ContentEvent, GenerationEvent } from '../../core/stream-event.js';
import type { StreamTranslator } from './sdk-call.js';

/**
 * What every provider's stream translator does the same way: `start` emitted once (the model that answered,
 * else the one requested, and the request id known by then), and what an error needs to know of the content
 * so far (whether any came, and choice 0's text). A translator sends its content events through `content`.
 */
export abstract class BaseStreamTranslator<E> implements StreamTranslator<E> {
  private started = false;
  private text0 = '';
  private anyContent = false;

  constructor(
    protected readonly provider: string,
    private readonly requestedModelId: string,
  ) {}

  abstract push(item: E): GenerationEvent[];
  abstract end(): GenerationEvent[];
  abstract get usage(): Usage | undefined;
  abstract get requestId(): string | undefined;

  get partialText(): string {
    return this.text0;
  }

  get contentStarted(): boolean {
    return this.anyContent;
  }

  /** Adds `start` unless it was sent: `model` is the one the server named, if it did. */
  protected start(events: GenerationEvent[], model?: string): void {
    if (this.started) return;
    this.started = true;
    const requestId = this.requestId;
    events.push({ type: 'start', provider: this.provider, modelId: model || this.requestedModelId, ...(requestId ? { requestId } : {}) });
  }

  /** Adds a content event: content has started, and choice 0's text grows by a text delta. */
  protected content(events: GenerationEvent[], event: ContentEvent): void {
    this.anyContent = true;
    if (event.type === 'text-delta' && event.index === 0) this.text0 += event.text;
    events.push(event);
  }
}
