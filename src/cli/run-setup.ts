import type { LanguageModel } from '../core/language-model.js';
import type { GenerateOptions } from '../engine/generate-options.js';
import type { RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import type { SimulatorHandle } from '../simulator/start-simulator.js';
import { connectJob, jobPolicies } from './job-setup.js';
import { localRateLimiter } from './job-rate-limit.js';
import { createModel } from './model-spec.js';
import type { RunConfig } from './run-flags.js';
import { checkSchemaUsable, objectModel } from './run-schema.js';

/**
 * The `generateFrom` options of a run: the job's policies (with `rateLimit`, see `jobPolicies`), and the
 * settings of `--max-tokens` and `--temperature` for every line.
 *
 * @example
 * generateOptions(parseRunFlags(['in.txt', '--simulator', '--rpm', '600']) as RunConfig);
 */
export function generateOptions(config: RunConfig, rateLimit: RateLimiter | undefined = localRateLimiter(config)): Omit<GenerateOptions, 'errors' | 'withIndex'> {
  const callOptions = {
    ...(config.maxTokens !== undefined ? { maxTokens: config.maxTokens } : {}),
    ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
  };
  return { ...jobPolicies(config, rateLimit), callOptions };
}

/**
 * `connectJob` for `rxllm run`: the language model of `--model`; with `--schema`, answering objects of the
 * schema (`objectModel`), once `checkSchemaUsable` found zod and the schema usable.
 *
 * @example
 * const { model, simulator } = await connectModel(config);
 */
export async function connectModel(config: RunConfig): Promise<{ model: LanguageModel; simulator?: SimulatorHandle }> {
  const { schema } = config;
  if (schema !== undefined) await checkSchemaUsable(schema);
  return connectJob(config, (endpoint) => {
    const model = createModel(config.model, endpoint);
    return schema !== undefined ? objectModel(model, schema) : model;
  });
}
