import type { CallSettings } from '../../core/call-settings.js';
import { stopList } from '../../core/call-settings.js';

/** The sampling fields OpenAI's chat and legacy completion APIs share, from rxllm's settings. */
function openAISamplingFields(settings: CallSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (settings.temperature !== undefined) out.temperature = settings.temperature;
  if (settings.maxTokens !== undefined) out.max_tokens = settings.maxTokens;
  if (settings.topP !== undefined) out.top_p = settings.topP;
  if (settings.n !== undefined) out.n = settings.n;
  const stop = stopList(settings.stop);
  if (stop !== undefined) out.stop = stop;
  return out;
}

/** How a body is sent: streamed or not, and to a strict OpenAI-compatible server or not. */
export interface OpenAIBodyMode {
  readonly stream: boolean;
  readonly compatible?: boolean;
}

/**
 * The body both OpenAI APIs share around their input field (`messages` or `prompt`): the sampling fields,
 * usage in streams (`stream_options`, unless `compatible`), then `providerOptions`, which may override any of
 * those but not `model`, the input or `stream`.
 */
export function openAIBody(
  modelId: string,
  input: Readonly<Record<string, unknown>>,
  settings: CallSettings,
  { stream, compatible = false }: OpenAIBodyMode,
): Record<string, unknown> {
  // Built in place (no spreads: this runs once per request), in the order the fields override each other.
  const body = openAISamplingFields(settings);
  if (stream && !compatible) body.stream_options = { include_usage: true };
  if (settings.providerOptions) Object.assign(body, settings.providerOptions);
  body.model = modelId;
  Object.assign(body, input);
  if (stream) body.stream = true;
  return body;
}
