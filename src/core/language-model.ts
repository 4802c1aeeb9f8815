import type { Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { CallOptions } from './call-settings.js';
import type { Generation } from './generation.js';
import type { GenerationEvent } from './stream-event.js';
import type { PromptInput } from './prompt.js';
import { describe } from './validate.js';

/**
 * The contract every provider meets. Both methods return **cold** Observables: nothing is sent until
 * subscribe, each subscription sends its own request, and unsubscribing aborts it.
 *
 * @example
 * const model = openAIChat({ model: 'gpt-4o-mini' });
 * model.generate('Hello').subscribe((g) => console.log(g.text));
 */
export interface LanguageModel {
  /** The provider key, e.g. `"openai.chat"`, `"openai.completion"`, `"anthropic.messages"`, `"fake"`. */
  readonly provider: string;
  /** The model id requests are sent with. */
  readonly modelId: string;
  /** One call: emits one `Generation`, then completes. */
  generate(input: PromptInput, options?: CallOptions): Observable<Generation>;
  /** One streamed call: emits `GenerationEvent`s as they arrive, then completes. */
  stream(input: PromptInput, options?: CallOptions): Observable<GenerationEvent>;
}

/**
 * A `LanguageModel` that can answer several prompts with fewer requests (`openAICompletion` packs up to
 * `batchSize` prompts into one `/v1/completions` request).
 *
 * @example
 * const llm: BatchLanguageModel = openAICompletion({ model: 'gpt-3.5-turbo-instruct' });
 * llm.generateBatch(['a', 'b']).subscribe((gs) => console.log(gs.length)); // 2
 */
export interface BatchLanguageModel extends LanguageModel {
  /**
   * Generates for every prompt; emits ONE array (one `Generation` per prompt, in input order), then completes.
   * Cold like `generate`: unsubscribing aborts the request in flight. An empty list emits `[]` without a request.
   */
  generateBatch(inputs: readonly PromptInput[], options?: CallOptions): Observable<Generation[]>;
}

/**
 * True when `model` has `generateBatch` (packs prompts into fewer requests).
 *
 * @example
 * if (isBatchLanguageModel(model)) model.generateBatch(['a', 'b']).subscribe((gs) => console.log(gs.length));
 */
export function isBatchLanguageModel(model: LanguageModel): model is BatchLanguageModel {
  return typeof (model as Partial<BatchLanguageModel>).generateBatch === 'function';
}

/**
 * Throws `InvalidArgumentError` naming `argument` unless `value` looks like a `LanguageModel` (an object
 * with `generate` and `stream` methods). The one check every function taking a model uses.
 *
 * @example
 * checkLanguageModel(models[2], 'models[2]');
 */
export function checkLanguageModel(value: unknown, argument = 'model'): asserts value is LanguageModel {
  const m = value as Partial<LanguageModel> | null;
  if (typeof m !== 'object' || m === null || typeof m.generate !== 'function' || typeof m.stream !== 'function') {
    throw new InvalidArgumentError(argument, `must be a LanguageModel (with generate and stream methods), got ${describe(value)}`);
  }
}
