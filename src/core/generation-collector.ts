import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { Choice, Generation, Usage } from './generation.js';
import type { GenerationEvent } from './stream-event.js';
import { describe } from './validate.js';

/**
 * Builds the `Generation` a stream amounts to, event by event: `push` each `GenerationEvent`, then `result()`.
 * Used for tracking streamed calls; handy anywhere a stream must end up as one `Generation`.
 *
 * @example
 * const c = new GenerationCollector('openai.chat', 'gpt-4o-mini');
 * model.stream('Hi').subscribe({ next: (e) => c.push(e), complete: () => console.log(c.result().text) });
 */
export class GenerationCollector {
  private modelId: string;
  private requestId: string | undefined;
  private usage: Usage | undefined;
  private readonly texts = new Map<number, string>();
  private readonly finishes = new Map<number, Pick<Choice, 'finishReason' | 'rawFinishReason'>>();

  constructor(
    private readonly provider: string,
    modelId: string,
  ) {
    if (typeof provider !== 'string') throw new InvalidArgumentError('provider', `must be a string, got ${describe(provider)}`);
    if (typeof modelId !== 'string') throw new InvalidArgumentError('modelId', `must be a string, got ${describe(modelId)}`);
    this.modelId = modelId;
  }

  /** Adds one event; returns true when it is the first text-delta (the first token). */
  push(event: GenerationEvent): boolean {
    switch (event.type) {
      case 'start':
        this.modelId = event.modelId;
        this.requestId = event.requestId;
        return false;
      case 'text-delta': {
        const first = this.texts.size === 0;
        this.texts.set(event.index, (this.texts.get(event.index) ?? '') + event.text);
        return first;
      }
      case 'finish':
        this.finishes.set(event.index, { finishReason: event.finishReason, rawFinishReason: event.rawFinishReason });
        if (!this.texts.has(event.index)) this.texts.set(event.index, '');
        return false;
      case 'usage':
        this.usage = event.usage;
        return false;
    }
  }

  /** The Generation so far: choices in index order (choice 0 always present). */
  result(): Generation {
    const count = Math.max(1, ...[...this.texts.keys(), ...this.finishes.keys()].map((i) => i + 1));
    const choices: Choice[] = [];
    for (let index = 0; index < count; index++) {
      const finish = this.finishes.get(index) ?? { finishReason: 'other' as const, rawFinishReason: null };
      choices.push({ index, text: this.texts.get(index) ?? '', ...finish });
    }
    const first = choices[0]!;
    return {
      text: first.text,
      finishReason: first.finishReason,
      rawFinishReason: first.rawFinishReason,
      ...(this.usage ? { usage: this.usage } : {}),
      choices,
      provider: this.provider,
      modelId: this.modelId,
      ...(this.requestId ? { requestId: this.requestId } : {}),
    };
  }
}
