import type { LanguageModel } from '../core/language-model.js';
import { adaptiveConcurrency } from '../policies/adaptive-concurrency.js';
import type { GenerateOptions } from '../engine/generate-options.js';
import { createRateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import { startSimulator, type SimulatorHandle } from '../simulator/start-simulator.js';
import { UsageError } from './cli-io.js';
import { createModel } from './model-spec.js';
import type { RunConfig } from './run-flags.js';

/**
 * The `generateFrom` options of a run: adaptive (or fixed) concurrency, the rate limiter, retries and the
 * per-attempt timeout, from the flags.
 *
 * @example
 * generateOptions(parseRunFlags(['in.txt', '--simulator', '--rpm', '600']) as RunConfig);
 */
export function generateOptions(config: RunConfig): Omit<GenerateOptions, 'errors' | 'withIndex'> {
  const limited = config.rpm !== undefined || config.tpm !== undefined;
  const callOptions = {
    ...(config.maxTokens !== undefined ? { maxTokens: config.maxTokens } : {}),
    ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
  };
  return {
    concurrency: config.adaptive ? adaptiveConcurrency({ max: config.concurrency }) : config.concurrency,
    ordered: config.ordered,
    ...(limited
      ? {
          rateLimit: createRateLimiter({
            ...(config.rpm !== undefined ? { requestsPerMinute: config.rpm } : {}),
            ...(config.tpm !== undefined ? { tokensPerMinute: config.tpm } : {}),
          }),
        }
      : {}),
    ...(config.retries > 0
      ? { retry: { maxAttempts: config.retries + 1, ...(config.retryDelayMs !== undefined ? { baseDelayMs: config.retryDelayMs } : {}) } }
      : {}),
    timeout: config.timeoutMs,
    callOptions,
  };
}

/**
 * Starts the simulator when `--simulator` is set, and builds the model (pointed at it, or at `--base-url`).
 * A missing key is a `UsageError`; the simulator is closed again if building the model fails.
 *
 * @example
 * const { model, simulator } = await connectModel(config);
 */
export async function connectModel(config: RunConfig): Promise<{ model: LanguageModel; simulator?: SimulatorHandle }> {
  if (!config.simulator) return { model: createModel(config.model, config.baseURL !== undefined ? { baseURL: config.baseURL } : {}) };
  if (config.baseURL !== undefined) throw new UsageError('--base-url and --simulator cannot be used together');
  const { latencyMs, faults, seed } = config.simulator;
  const simulator = await startSimulator({ latencyMs, faults, ...(seed !== undefined ? { seed } : {}) });
  try {
    const baseURL = config.model.provider === 'anthropic' ? simulator.anthropicBaseURL : simulator.openaiBaseURL;
    return { model: createModel(config.model, { baseURL, apiKey: 'rxllm-simulator' }), simulator };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
