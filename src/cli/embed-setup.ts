import { defer, tap } from 'rxjs';
import type { EmbeddingModel } from '../core/embedding-model.js';
import type { EmbedOptions } from '../engine/embed-options.js';
import type { RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import { openAIEmbedding } from '../providers/openai/embedding-model.js';
import type { SimulatorHandle } from '../simulator/start-simulator.js';
import { fakeEmbedding } from '../testing/fake-embedding.js';
import type { EmbedConfig } from './embed-flags.js';
import { modelConnection, type ModelEndpoint } from './model-spec.js';
import type { RunStats } from './run-stats.js';
import { localRateLimiter } from './job-rate-limit.js';
import { connectJob, jobPolicies } from './job-setup.js';

/**
 * The embedding model of `--model` (see `modelConnection` for the key), with `--dimensions`. `instant:`
 * answers at once, offline, with small deterministic vectors (8 numbers unless `--dimensions`): a dry run.
 *
 * @example
 * createEmbeddingModel(parseModelSpec('openai:text-embedding-3-small'), { baseURL: 'http://localhost:11434/v1' }, 512);
 */
export function createEmbeddingModel(spec: EmbedConfig['model'], endpoint: ModelEndpoint = {}, dimensions?: number): EmbeddingModel {
  if (spec.provider === 'instant') return fakeEmbedding({}, { modelId: spec.modelId, ...(dimensions !== undefined ? { dimensions } : {}) });
  const { keyless, ...common } = modelConnection(spec, endpoint);
  return openAIEmbedding({ ...common, ...(keyless ? { compatible: true } : {}), ...(dimensions !== undefined ? { dimensions } : {}) });
}

/**
 * `connectJob` for `rxllm embed`: the embedding model of `--model`, on the simulator with `--simulator`.
 *
 * @example
 * const { model, simulator } = await connectEmbeddingModel(config);
 */
export function connectEmbeddingModel(config: EmbedConfig): Promise<{ model: EmbeddingModel; simulator?: SimulatorHandle }> {
  return connectJob(config, (endpoint) => createEmbeddingModel(config.model, endpoint, config.dimensions));
}

/**
 * The `embedFrom` options of an embed run: the job's policies (adaptive concurrency, the rate limiter —
 * `rateLimit`, see `jobPolicies` —, retries, timeout, order) and `--batch-size`.
 *
 * @example
 * embedOptions(parseEmbedFlags(['in.txt', '--simulator', '--tpm', '1000000']) as EmbedConfig);
 */
export function embedOptions(config: EmbedConfig, rateLimit: RateLimiter | undefined = localRateLimiter(config)): Omit<EmbedOptions, 'errors'> {
  return { ...jobPolicies(config, rateLimit), batchSize: config.batchSize };
}

/**
 * `model` counting its requests into `stats` (an embedding's line cannot: a request serves a batch):
 * `attempts` per request sent, `sent` per batch, and the input tokens each reports.
 *
 * @example
 * embedFrom(countingRequests(model, stats), values);
 */
export function countingRequests(model: EmbeddingModel, stats: RunStats): EmbeddingModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    ...(model.maxBatchSize !== undefined ? { maxBatchSize: model.maxBatchSize } : {}),
    embed: (values, options) => {
      const request = model.embed(values, options);
      let first = true;
      return defer(() => {
        stats.attempts++;
        if (first) stats.sent++;
        first = false;
        return request.pipe(tap((result) => (stats.inputTokens += result.usage?.inputTokens ?? 0)));
      });
    },
  };
}
