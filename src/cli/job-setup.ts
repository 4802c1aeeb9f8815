import type { GenerateOptions } from '../engine/generate-options.js';
import { adaptiveConcurrency } from '../policies/adaptive-concurrency.js';
import type { RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import { startSimulator, type SimulatorHandle } from '../simulator/start-simulator.js';
import { UsageError } from './cli-io.js';
import type { JobConfig } from './job-flags.js';
import { localRateLimiter } from './job-rate-limit.js';
import type { ModelEndpoint } from './model-spec.js';

/** The engine options every job command builds from its flags. */
export type JobPolicies = Pick<GenerateOptions, 'concurrency' | 'ordered' | 'rateLimit' | 'retry' | 'timeout'>;

/**
 * The concurrency and per-request policies of a job from the flags: adaptive (or fixed) concurrency, order,
 * the rate limiter (`rateLimit`: the job's, from `openJobRateLimiter`; by default this process's own from
 * `--rps`, `--rpm`, `--tpm`), retries and the per-attempt timeout. Shared by `rxllm run` and `rxllm embed`.
 *
 * @example
 * jobPolicies(parseRunFlags(['in.txt', '--simulator', '--rpm', '600']) as RunConfig);
 */
export function jobPolicies(config: JobConfig, rateLimit: RateLimiter | undefined = localRateLimiter(config)): JobPolicies {
  return {
    concurrency: config.adaptive ? adaptiveConcurrency({ max: config.concurrency }) : config.concurrency,
    ordered: config.ordered,
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(config.retries > 0
      ? { retry: { maxAttempts: config.retries + 1, ...(config.retryDelayMs !== undefined ? { baseDelayMs: config.retryDelayMs } : {}) } }
      : {}),
    timeout: config.timeoutMs,
  };
}

/**
 * Starts the simulator when `--simulator` is set, and builds the job's model with `build` (pointed at the
 * simulator, or at `--base-url`). A missing key is a `UsageError`; the simulator is closed again if building
 * the model fails.
 *
 * @example
 * const { model, simulator } = await connectJob(config, (endpoint) => createModel(config.model, endpoint));
 */
export async function connectJob<M>(config: JobConfig, build: (endpoint: ModelEndpoint) => M): Promise<{ model: M; simulator?: SimulatorHandle }> {
  if (!config.simulator) return { model: build(config.baseURL !== undefined ? { baseURL: config.baseURL } : {}) };
  if (config.baseURL !== undefined) throw new UsageError('--base-url and --simulator cannot be used together');
  const { latencyMs, faults, seed } = config.simulator;
  const simulator = await startSimulator({ latencyMs, faults, ...(seed !== undefined ? { seed } : {}) });
  try {
    const baseURL = config.model.provider === 'anthropic' ? simulator.anthropicBaseURL : simulator.openaiBaseURL;
    return { model: build({ baseURL, apiKey: 'rxllm-simulator' }), simulator };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
