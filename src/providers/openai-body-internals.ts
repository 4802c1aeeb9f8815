import type { CallSettings } from '../model/language-model.js';
import { stopList } from './call-settings-internals.js';

/** The sampling fields OpenAI's chat and legacy completion APIs share, from rxllm's settings. */
export function openAISamplingFields(settings: CallSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (settings.temperature !== undefined) out.temperature = settings.temperature;
  if (settings.maxTokens !== undefined) out.max_tokens = settings.maxTokens;
  if (settings.topP !== undefined) out.top_p = settings.topP;
  if (settings.n !== undefined) out.n = settings.n;
  const stop = stopList(settings.stop);
  if (stop !== undefined) out.stop = stop;
  return out;
}
