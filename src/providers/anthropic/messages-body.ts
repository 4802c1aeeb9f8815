import { stopList, type CallSettings } from '../../core/call-settings.js';
import type { Message } from '../../core/prompt.js';
import { convertToAnthropicMessages } from './convert-prompt.js';
import { anthropicToolFields } from './prepare-tools.js';

export { ANTHROPIC_DEFAULT_MAX_TOKENS } from './prepare-tools.js';

/**
 * The `/v1/messages` request body: system messages in `system`, `max_tokens` always present (default 1024,
 * plus the thinking budget when reasoning), `stop` as `stop_sequences`, tools, tool choice and thinking.
 * `providerOptions` (e.g. `{ top_k: 5 }`) are sent as they are and may override any generated field except
 * `model`, `messages` and `stream`.
 *
 * @example
 * toAnthropicBody('claude-haiku-4-5', [{ role: 'user', content: 'Hi' }], {}, { stream: true });
 * // { max_tokens: 1024, model: 'claude-haiku-4-5', messages: [...], stream: true }
 */
export function toAnthropicBody(
  modelId: string,
  messages: readonly Message[],
  settings: CallSettings,
  { stream }: { readonly stream: boolean },
): Record<string, unknown> {
  const { system, messages: converted } = convertToAnthropicMessages(messages);
  const out: Record<string, unknown> = anthropicToolFields(settings);
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
