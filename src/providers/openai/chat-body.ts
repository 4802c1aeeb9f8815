import type { CallSettings } from '../../core/call-settings.js';
import type { Message } from '../../core/prompt.js';
import { openAIBody, type OpenAIBodyMode } from './body.js';
import { convertToOpenAIMessages } from './convert-prompt.js';
import { openAIToolFields } from './prepare-tools.js';

/**
 * The `/v1/chat/completions` request body for a prompt and settings: the messages, tools, tool choice and
 * reasoning effort; `maxTokens` as `max_completion_tokens` (reasoning models reject `max_tokens`), except for
 * `compatible` servers, which get `max_tokens`. Streams ask for usage (`stream_options: { include_usage: true }`)
 * unless `compatible` is set. `providerOptions` are sent as they are and may override any generated field
 * except `model`, `messages` and `stream`.
 *
 * @example
 * toOpenAIChatBody('gpt-4o-mini', [{ role: 'user', content: 'Hi' }], { maxTokens: 5 }, { stream: false });
 * // { max_completion_tokens: 5, model: 'gpt-4o-mini', messages: [...] }
 */
export function toOpenAIChatBody(
  modelId: string,
  messages: readonly Message[],
  settings: CallSettings,
  mode: OpenAIBodyMode,
): Record<string, unknown> {
  const maxTokensField = mode.compatible ? 'max_tokens' : 'max_completion_tokens';
  return openAIBody(modelId, { messages: convertToOpenAIMessages(messages) }, settings, { ...mode, maxTokensField }, openAIToolFields(settings));
}
