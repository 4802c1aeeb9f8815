import { stopList, type CallSettings } from '../../core/call-settings.js';

/** How a body is sent: streamed or not, to a strict OpenAI-compatible server or not, and its token-limit field. */
export interface OpenAIBodyMode {
  readonly stream: boolean;
  readonly compatible?: boolean;
  /** The field `maxTokens` goes in. @default 'max_tokens' */
  readonly maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

/** The sampling fields OpenAI's chat and legacy completion APIs share, from rxllm's settings. */
function openAISamplingFields(settings: CallSettings, maxTokensField: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (settings.temperature !== undefined) out.temperature = settings.temperature;
  if (settings.maxTokens !== undefined) out[maxTokensField] = settings.maxTokens;
  if (settings.topP !== undefined) out.top_p = settings.topP;
  if (settings.n !== undefined) out.n = settings.n;
  const stop = stopList(settings.stop);
  if (stop !== undefined) out.stop = stop;
  return out;
}

/**
 * The body both OpenAI APIs share around their input (`messages` or `prompt`): the sampling fields, the
 * API's `extra` fields (tools...), usage in streams (`stream_options`, unless `compatible`), then
 * `providerOptions`, which may override any of those but not `model`, the input or `stream`.
 */
export function openAIBody(
  modelId: string,
  input: Readonly<Record<string, unknown>>,
  settings: CallSettings,
  { stream, compatible = false, maxTokensField = 'max_tokens' }: OpenAIBodyMode,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  // Built in place (no spreads: this runs once per request), in the order the fields override each other.
  const body = openAISamplingFields(settings, maxTokensField);
  Object.assign(body, extra);
  if (stream && !compatible) body.stream_options = { include_usage: true };
  if (settings.providerOptions) Object.assign(body, settings.providerOptions);
  body.model = modelId;
  Object.assign(body, input);
  if (stream) body.stream = true;
  return body;
}
