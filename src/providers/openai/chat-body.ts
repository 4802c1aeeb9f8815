import type { CallSettings } from '../../core/call-settings.js';
import type { ChatMessage } from '../../core/prompt.js';
import { convertToOpenAIMessages } from './convert-prompt.js';
import { openAIBody, type OpenAIBodyMode } from './body.js';

/**
 * The `/v1/chat/completions` request body for a prompt and settings. Streams ask for usage
 * (`stream_options: { include_usage: true }`) unless `compatible` is set (some OpenAI-compatible servers reject
 * the field). `providerOptions` are sent as they are and may override any generated field except `model`,
 * `messages` and `stream`.
 *
 * @example
 * toOpenAIChatBody('gpt-4o-mini', [{ role: 'user', content: 'Hi' }], { maxTokens: 5 }, { stream: false });
 * // { max_tokens: 5, model: 'gpt-4o-mini', messages: [...] }
 */
export function toOpenAIChatBody(
  modelId: string,
  messages: readonly ChatMessage[],
  settings: CallSettings,
  mode: OpenAIBodyMode,
): Record<string, unknown> {
  return openAIBody(modelId, { messages: convertToOpenAIMessages(messages) }, settings, mode);
}
