import { stopList, type CallSettings } from '../../core/call-settings.js';
import type { ChatMessage } from '../../core/prompt.js';
import { convertToAnthropicMessages } from './convert-prompt.js';

/** Anthropic requires `max_tokens`; rxllm sends this when no `maxTokens` is set. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

/**
 * The `/v1/messages` request body: system messages in `system`, `max_tokens` always present (default 1024),
 * `stop` as `stop_sequences`. `providerOptions` (e.g. `{ top_k: 5 }`) are sent as they are and may override any
 * generated field except `model`, `messages` and `stream`.
 *
 * @example
 * toAnthropicBody('claude-haiku-4-5', [{ role: 'user', content: 'Hi' }], {}, { stream: true });
 * // { max_tokens: 1024, model: 'claude-haiku-4-5', messages: [...], stream: true }
 */
export function toAnthropicBody(
  modelId: string,
  messages: readonly ChatMessage[],
  settings: CallSettings,
  { stream }: { readonly stream: boolean },
): Record<string, unknown> {
  const { system, messages: converted } = convertToAnthropicMessages(messages);
  const out: Record<string, unknown> = { max_tokens: settings.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS };
  if (system !== undefined) out.system = system;
  if (settings.temperature !== undefined) out.temperature = settings.temperature;
  if (settings.topP !== undefined) out.top_p = settings.topP;
  const stop = stopList(settings.stop);
  if (stop !== undefined) out.stop_sequences = stop;
  return {
    ...out,
    ...settings.providerOptions,
    model: modelId,
    messages: converted,
    ...(stream ? { stream: true } : {}),
  };
}
