import type { Observable } from 'rxjs';
import type { Generation } from '../model/generation.js';
import type { CallOptions, LanguageModel } from '../model/language-model.js';
import type { PromptInput } from '../model/prompt.js';

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
