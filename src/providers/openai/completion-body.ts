import type { CallSettings } from '../../core/call-settings.js';
import { openAIBody, type OpenAIBodyMode } from './body.js';

/**
 * The legacy `/v1/completions` request body. `prompt` is one text, or several packed into one request (the API
 * then returns `n` choices per prompt, numbered across the request). Streams ask for usage unless `compatible`.
 *
 * @example
 * toOpenAICompletionBody('gpt-3.5-turbo-instruct', ['a', 'b'], { n: 2 }, { stream: false });
 * // { n: 2, model: 'gpt-3.5-turbo-instruct', prompt: ['a', 'b'] }
 */
export function toOpenAICompletionBody(
  modelId: string,
  prompt: string | readonly string[],
  settings: CallSettings,
  mode: OpenAIBodyMode,
): Record<string, unknown> {
  return openAIBody(modelId, { prompt: typeof prompt === 'string' ? prompt : [...prompt] }, settings, mode);
}
