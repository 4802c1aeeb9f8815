import type { LanguageModel } from '../core/language-model.js';
import { anthropicMessages } from '../providers/anthropic/messages-model.js';
import { openAIChat } from '../providers/openai/chat-model.js';
import { openAICompletion } from '../providers/openai/completion-model.js';
import { instantModel } from '../testing/instant-model.js';
import { UsageError } from './cli-io.js';

/** The providers `rxllm run --model <prefix>:<model>` knows. */
export type ModelProvider = 'openai' | 'openai-completion' | 'anthropic' | 'instant';

/** A parsed `--model` value. */
export interface ModelSpec {
  readonly provider: ModelProvider;
  readonly modelId: string;
}

const PROVIDERS: readonly ModelProvider[] = ['openai', 'openai-completion', 'anthropic', 'instant'];

/**
 * Parses `--model provider:model-id` (e.g. `openai:gpt-4o-mini`, `anthropic:claude-haiku-4-5`). An unknown
 * prefix or an empty model id is a `UsageError`.
 *
 * @example
 * parseModelSpec('openai-completion:gpt-3.5-turbo-instruct'); // { provider: 'openai-completion', modelId: 'gpt-3.5-turbo-instruct' }
 */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(':');
  const prefix = colon < 0 ? '' : spec.slice(0, colon);
  const modelId = colon < 0 ? spec : spec.slice(colon + 1);
  if (!PROVIDERS.includes(prefix as ModelProvider)) {
    const known = PROVIDERS.filter((p) => p !== 'instant').map((p) => `${p}:`).join(', ');
    throw new UsageError(`--model "${spec}": unknown provider prefix${prefix ? ` "${prefix}:"` : ''} (expected ${known}, e.g. openai:gpt-4o-mini)`);
  }
  if (modelId.trim() === '') throw new UsageError(`--model "${spec}": the model id after "${prefix}:" is empty`);
  return { provider: prefix as ModelProvider, modelId };
}

/** Where the model's requests go. */
export interface ModelEndpoint {
  /** `--base-url`, or the simulator's base URL for the provider. @default the provider's API */
  readonly baseURL?: string;
  /** A key to use instead of the environment (the simulator's placeholder). @default the environment variable */
  readonly apiKey?: string;
  /** The environment to read keys from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

const KEY_ENV: Readonly<Record<ModelProvider, string | undefined>> = {
  openai: 'OPENAI_API_KEY',
  'openai-completion': 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  instant: undefined,
};

/**
 * Builds the model for a run. The key is checked now (a missing key is a `UsageError`, exit 2) and never
 * printed. With `--base-url` and no OpenAI key, the OpenAI models talk to an OpenAI-compatible server
 * without one. `instant:` answers at once with the prompt's text, with no network (a dry run).
 *
 * @example
 * createModel(parseModelSpec('openai:gpt-4o-mini'), { baseURL: 'http://localhost:11434/v1' });
 */
export function createModel(spec: ModelSpec, endpoint: ModelEndpoint = {}): LanguageModel {
  const { provider, modelId } = spec;
  if (provider === 'instant') return instantModel({ timing: 'microtask' });
  const envName = KEY_ENV[provider] as string;
  const apiKey = endpoint.apiKey ?? ((endpoint.env ?? process.env)[envName]?.trim() || undefined);
  const baseURL = endpoint.baseURL;
  const keyless = apiKey === undefined && baseURL !== undefined && provider !== 'anthropic';
  if (apiKey === undefined && !keyless) {
    throw new UsageError(`no API key for ${provider}: set the ${envName} environment variable (or use --simulator for an offline run)`);
  }
  const common = { model: modelId, ...(apiKey !== undefined ? { apiKey } : {}), ...(baseURL !== undefined ? { baseURL } : {}) };
  if (provider === 'anthropic') return anthropicMessages(common);
  const openai = { ...common, ...(keyless ? { compatible: true } : {}) };
  return provider === 'openai-completion' ? openAICompletion(openai) : openAIChat(openai);
}
