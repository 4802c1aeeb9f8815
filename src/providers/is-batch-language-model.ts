import type { LanguageModel } from '../model/language-model.js';
import type { BatchLanguageModel } from './batch-language-model.js';

/**
 * True when `model` has `generateBatch` (packs prompts into fewer requests).
 *
 * @example
 * if (isBatchLanguageModel(model)) model.generateBatch(['a', 'b']).subscribe((gs) => console.log(gs.length));
 */
export function isBatchLanguageModel(model: LanguageModel): model is BatchLanguageModel {
  return typeof (model as Partial<BatchLanguageModel>).generateBatch === 'function';
}
