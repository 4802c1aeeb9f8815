import { Observable, Subscription, type SchedulerLike } from 'rxjs';
import type { AgentGeneration } from '../../core/agent-generation.js';
import { validateCallOptions, type CallOptions } from '../../core/call-settings.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import { checkLanguageModel, type LanguageModel } from '../../core/language-model.js';
import { normalizePrompt, type PromptInput } from '../../core/prompt.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import { checkToolSettings } from '../../core/tool-settings.js';
import { checkNumber, checkOptions, checkScheduler, describe, schedulerOf } from '../../core/validate.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { abortErrorFor, onAbort } from '../../platform/abort-signal.js';
import { policyAttempt } from '../../policies/policy-chain.js';
import type { RateLimiter } from '../../policies/rate-limiter/rate-limiter.js';
import type { RetryOptions } from '../../policies/retry-generation.js';
import type { TimeoutOptions } from '../../policies/timeout-generation.js';
import { generateLoop, streamLoop, type LoopSettings } from './agent-loop.js';
import type { Tool } from './tool.js';

/**
 * Options of `withTools`.
 *
 * @example
 * withTools(model, { tools: [weather, search], maxSteps: 6, toolConcurrency: 2, toolTimeoutMs: 10_000, retry: 4, rateLimit: limiter })
 */
export interface WithToolsOptions {
  /** The tools the model may call (from `tool()`); their names must be unique. */
  readonly tools: readonly Tool[];
  /** The most model calls in one turn; reaching it ends the loop (`maxStepsReached`). @default 10 */
  readonly maxSteps?: number;
  /** How many tools of one step run at once (`1`: one at a time; `Infinity`: all). @default 4 */
  readonly toolConcurrency?: number;
  /** A tool running longer is stopped (its signal aborts) and answers the model with an error. @default no limit */
  readonly toolTimeoutMs?: number;
  /** Retries each model call of the loop (a 429 in step 3 is retried, the tools already run are kept). @default no retry */
  readonly retry?: number | RetryOptions;
  /** A shared `RateLimiter` every model call of the loop waits for. @default no rate limit */
  readonly rateLimit?: RateLimiter;
  /** Time limits of each model call of the loop. @default no timeout */
  readonly timeout?: number | TimeoutOptions;
  /** Times `toolTimeoutMs`. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
}

/** A model with tools: a `LanguageModel` whose `generate` answers an `AgentGeneration`. */
export interface ToolModel extends LanguageModel {
  /** Runs the loop; emits one `AgentGeneration` (the last step's answer, every step, the messages appended), then completes. */
  generate(input: PromptInput, options?: CallOptions): Observable<AgentGeneration>;
  /** Runs the loop, streaming each step's events (`step-start`, the model's events, `tool-result`s, `step-finish`). */
  stream(input: PromptInput, options?: CallOptions): Observable<GenerationEvent>;
  /** The tools. */
  readonly tools: readonly Tool[];
}

const OPTION_NAMES: KnownKeys<WithToolsOptions> = {
  tools: true, maxSteps: true, toolConcurrency: true, toolTimeoutMs: true, retry: true, rateLimit: true, timeout: true, scheduler: true,
};

/**
 * A tool loop that is just another model: call `model`; run the tools it asked for (validated input,
 * `toolConcurrency` at a time, each bounded by `toolTimeoutMs`); send the results back (in call order,
 * whatever order they finished in); repeat until it answers without tools or `maxSteps` calls were made.
 * A tool that throws, times out, gets invalid input, returns an output that is not JSON, or does not exist
 * answers the model with an error result (`isError: true`): the loop never stalls on a tool. Retries, rate limits and timeouts given here apply to
 * each model call. Reasoning parts (Anthropic's signed thinking) are replayed, so later steps are accepted.
 * Unsubscribing aborts the model call in flight and every running tool (their `signal` aborts, Observable tools
 * are unsubscribed); nothing starts afterwards. The caller's `signal` (`agent.generate(p, { signal })`) does the
 * same at once and errors with `AbortError`. Since it is a `LanguageModel`, everything that takes a model takes
 * it: `generate`, `generateFrom`, `fallback`, `cache`, `trackModel`, `rxllm run`.
 *
 * @example
 * const agent = withTools(openAIChat({ model: 'gpt-4o-mini' }), { tools: [weather], maxSteps: 5 });
 * agent.generate('Weather in Oslo?').subscribe((g) => console.log(g.text, g.steps.length, g.usage));
 * agent.stream('Weather in Oslo?').subscribe((e) => e.type === 'tool-result' && console.log(e.toolName, e.output));
 */
export function withTools(model: LanguageModel, options: WithToolsOptions): ToolModel {
  checkLanguageModel(model);
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const tools = checkTools(options.tools);
  checkNumber('maxSteps', options.maxSteps, { min: 1, integer: true });
  checkNumber('toolConcurrency', options.toolConcurrency, { min: 1, integer: true, allowInfinity: true });
  checkNumber('toolTimeoutMs', options.toolTimeoutMs, { min: 1 });
  checkScheduler('scheduler', options.scheduler);
  const definitions = tools.map(({ name, description, inputSchema }) => ({ name, ...(description !== undefined ? { description } : {}), inputSchema }));
  checkToolSettings({ tools: definitions }, '');
  const settings: LoopSettings = {
    model,
    tools: new Map(tools.map((t) => [t.name, t])),
    definitions,
    maxSteps: options.maxSteps ?? 10,
    toolConcurrency: options.toolConcurrency ?? 4,
    ...(options.toolTimeoutMs !== undefined ? { toolTimeoutMs: options.toolTimeoutMs } : {}),
    scheduler: schedulerOf(options.scheduler),
    attempt: policyAttempt(options, undefined),
  };
  const prepare = (input: PromptInput, callOptions: CallOptions | undefined) => {
    const messages = normalizePrompt(input);
    const call = validateCallOptions(callOptions);
    if (call.tools !== undefined) throw new InvalidArgumentError('options.tools', 'a model with tools takes its tools from withTools(model, { tools })');
    return { messages, call };
  };
  return {
    provider: model.provider,
    modelId: model.modelId,
    tools,
    generate(input, callOptions) {
      const { messages, call } = prepare(input, callOptions);
      return endOnAbort(generateLoop(settings, messages, call), call.signal, model.provider);
    },
    stream(input, callOptions) {
      const { messages, call } = prepare(input, callOptions);
      return endOnAbort(streamLoop(settings, messages, call), call.signal, model.provider);
    },
  };
}

/**
 * `loop`, ended at once with `AbortError` when the caller's `signal` aborts (at subscribe if it already has):
 * the loop is unsubscribed first, which aborts the model call in flight, every running tool (their `signal`
 * aborts) and any wait (rate limit, retry delay), then the error is sent. One listener per signal however many
 * loops share it (`onAbort`), removed when the loop ends.
 */
function endOnAbort<T>(loop: Observable<T>, signal: AbortSignal | undefined, provider: string): Observable<T> {
  if (signal === undefined) return loop;
  const aborted = abortErrorFor(provider);
  return new Observable<T>((subscriber) => {
    if (signal.aborted) {
      subscriber.error(aborted());
      return undefined;
    }
    const running = new Subscription();
    const removeListener = onAbort(signal, () => {
      running.unsubscribe();
      subscriber.error(aborted());
    });
    running.add(
      loop.subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
    return () => {
      removeListener();
      running.unsubscribe();
    };
  });
}

function checkTools(tools: unknown): readonly Tool[] {
  if (!Array.isArray(tools) || tools.length === 0) throw new InvalidArgumentError('tools', `must be a non-empty array of tools from tool(), got ${describe(tools)}`);
  tools.forEach((t: unknown, i) => {
    const candidate = t as Partial<Tool> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.execute !== 'function' || typeof candidate.validate !== 'function') {
      throw new InvalidArgumentError(`tools[${i}]`, `must be a tool from tool({ name, inputSchema, execute }), got ${describe(t)}`);
    }
  });
  return [...(tools as Tool[])];
}
