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
 * Parses `--model provider:model-id` (e.g. `openai:gpt-4o-mini`, `anthropic:claude-haiku-4-5`). A prefix
 * not among `providers` (what the command takes) or an empty model id is a `UsageError`.
 *
 * @example
 * parseModelSpec('openai-completion:gpt-3.5-turbo-instruct'); // { provider: 'openai-completion', modelId: 'gpt-3.5-turbo-instruct' }
 */
export function parseModelSpec(spec: string, providers: readonly ModelProvider[] = PROVIDERS): ModelSpec {
  const colon = spec.indexOf(':');
  const prefix = colon < 0 ? '' : spec.slice(0, colon);
  const modelId = colon < 0 ? spec : spec.slice(colon + 1);
  if (!providers.includes(prefix as ModelProvider)) {
    const known = providers.filter((p) => p !== 'instant').map((p) => `${p}:`).join(', ');
    const example = providers.includes('anthropic') ? 'openai:gpt-4o-mini' : 'openai:text-embedding-3-small';
    throw new UsageError(`--model "${spec}": unknown provider prefix${prefix ? ` "${prefix}:"` : ''} (expected ${known}, e.g. ${example})`);
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

/** How an OpenAI or Anthropic model is reached: the options every factory takes. */
export interface ModelConnection {
  readonly model: string;
  readonly apiKey?: string;
  readonly baseURL?: string;
  /** An OpenAI-compatible server reached without a key. */
  readonly keyless: boolean;
}

/**
 * The connection options of `spec` (not `instant`): the key is checked now (a missing key is a `UsageError`,
 * exit 2) and never printed. With `--base-url` and no OpenAI key, the OpenAI models talk to an
 * OpenAI-compatible server without one.
 *
 * @example
 * modelConnection(parseModelSpec('openai:text-embedding-3-small')); // { model, apiKey, keyless: false }
 */
export function modelConnection(spec: ModelSpec, endpoint: ModelEndpoint = {}): ModelConnection {
  const { provider, modelId } = spec;
  const envName = KEY_ENV[provider] as string;
  const apiKey = endpoint.apiKey ?? ((endpoint.env ?? process.env)[envName]?.trim() || undefined);
  const baseURL = endpoint.baseURL;
  const keyless = apiKey === undefined && baseURL !== undefined && provider !== 'anthropic';
  if (apiKey === undefined && !keyless) {
    throw new UsageError(`no API key for ${provider}: set the ${envName} environment variable (or use --simulator for an offline run)`);
  }
  return { model: modelId, ...(apiKey !== undefined ? { apiKey } : {}), ...(baseURL !== undefined ? { baseURL } : {}), keyless };
}

/**
 * Builds the model for a run (see `modelConnection` for the key). `instant:` answers at once with the
 * prompt's text, with no network (a dry run).
 *
 * @example
 * createModel(parseModelSpec('openai:gpt-4o-mini'), { baseURL: 'http://localhost:11434/v1' });
 */
export function createModel(spec: ModelSpec, endpoint: ModelEndpoint = {}): LanguageModel {
  if (spec.provider === 'instant') return instantModel({ timing: 'microtask' });
  const { keyless, ...common } = modelConnection(spec, endpoint);
  if (spec.provider === 'anthropic') return anthropicMessages(common);
  const openai = { ...common, ...(keyless ? { compatible: true } : {}) };
  return spec.provider === 'openai-completion' ? openAICompletion(openai) : openAIChat(openai);
}
