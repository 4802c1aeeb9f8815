import { concat, defer, EMPTY, from, map, mergeMap, of, switchMap, tap, toArray, type Observable } from 'rxjs';
import { makeAgentGeneration, type AgentGeneration } from '../../core/agent-generation.js';
import type { CallOptions } from '../../core/call-settings.js';
import type { ToolResultPart } from '../../core/content.js';
import type { Generation } from '../../core/generation.js';
import { GenerationCollector } from '../../core/generation-collector.js';
import type { LanguageModel } from '../../core/language-model.js';
import type { Message } from '../../core/prompt.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import type { ToolDefinition } from '../../core/tool-settings.js';
import type { Attempt } from '../../policies/policy-chain.js';
import { runTool, type RunToolSettings } from './run-tool.js';

/** What one run of the loop needs. */
export interface LoopSettings extends RunToolSettings {
  readonly model: LanguageModel;
  readonly definitions: readonly ToolDefinition[];
  readonly maxSteps: number;
  readonly toolConcurrency: number;
  /** The per-request policies around each model call (retry, rate limit, timeout). */
  readonly attempt: Attempt;
}

/** The state of one run: the steps so far and what each appended. */
interface Run {
  readonly steps: Generation[];
  readonly results: ToolResultPart[][];
  readonly appended: Message[];
}

/**
 * The call options of step `step`: the caller's, the tools, and the caller's `toolChoice` on the first step
 * only (a forced choice on every step would never let the model answer).
 */
function stepOptions(settings: LoopSettings, callOptions: CallOptions | undefined, step: number): CallOptions {
  const { toolChoice, ...rest } = callOptions ?? {};
  return { ...rest, tools: settings.definitions, ...(step === 1 && toolChoice !== undefined ? { toolChoice } : {}) };
}

/** Step `n`'s model call (`method`) behind the per-request policies: the conversation so far, the step's options. */
function stepCall<T>(
  settings: LoopSettings,
  messages: readonly Message[],
  run: Run,
  callOptions: CallOptions | undefined,
  n: number,
  method: (input: Message[], options: CallOptions) => Observable<T>,
): Observable<T> {
  const input = [...messages, ...run.appended];
  const options = stepOptions(settings, callOptions, n);
  return settings.attempt(method(input, options), { input, ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}) });
}

/** Whether the loop goes on after `g`: the model asked for tools, and steps are left. */
function continues(settings: LoopSettings, g: Generation, step: number): boolean {
  return g.toolCalls.length > 0 && step < settings.maxSteps;
}

/**
 * Runs the tools step `g` asked for, `toolConcurrency` at a time, emitting each result as it finishes; the
 * step's results are kept (in call order) in `run`, with the tool message appended.
 */
function runTools(settings: LoopSettings, messages: readonly Message[], run: Run, g: Generation): Observable<ToolResultPart> {
  return defer(() => {
    const conversation = [...messages, ...run.appended];
    const results: ToolResultPart[] = new Array(g.toolCalls.length);
    return from(g.toolCalls.map((call, i) => ({ call, i }))).pipe(
      mergeMap(({ call, i }) => runTool(call, conversation, settings).pipe(tap((r) => (results[i] = r))), settings.toolConcurrency),
      tap({
        complete: () => {
          run.results.push(results);
          run.appended.push({ role: 'tool', content: results });
        },
      }),
    );
  });
}

/** Steps from `step` on, in generate mode: each model call, then its tools; emits the `AgentGeneration` at the end. */
export function generateLoop(settings: LoopSettings, messages: readonly Message[], callOptions: CallOptions | undefined): Observable<AgentGeneration> {
  return defer(() => {
    const run: Run = { steps: [], results: [], appended: [] };
    const step = (n: number): Observable<AgentGeneration> =>
      stepCall(settings, messages, run, callOptions, n, (input, options) => settings.model.generate(input, options)).pipe(
        switchMap((g) => {
          run.steps.push(g);
          run.appended.push(g.message);
          if (!continues(settings, g, n)) return of(makeAgentGeneration(run.steps, run.results));
          return runTools(settings, messages, run, g).pipe(toArray(), switchMap(() => step(n + 1)));
        }),
      );
    return step(1);
  });
}

/**
 * Steps in stream mode: `step-start`, the model call's events, a `tool-result` as each tool finishes,
 * `step-finish`; then the next step while the model asks for tools and steps are left.
 */
export function streamLoop(settings: LoopSettings, messages: readonly Message[], callOptions: CallOptions | undefined): Observable<GenerationEvent> {
  return defer(() => {
    const run: Run = { steps: [], results: [], appended: [] };
    const step = (n: number): Observable<GenerationEvent> =>
      defer(() => {
        const collector = new GenerationCollector(settings.model.provider, settings.model.modelId);
        const events = stepCall(settings, messages, run, callOptions, n, (input, options) => settings.model.stream(input, options));
        let g: Generation | undefined;
        const toolResults = defer(() => {
          g = collector.result();
          run.steps.push(g);
          run.appended.push(g.message);
          return continues(settings, g, n) ? runTools(settings, messages, run, g).pipe(map((r) => resultEvent(r))) : EMPTY;
        });
        return concat(
          of<GenerationEvent>({ type: 'step-start', step: n }),
          events.pipe(tap((e) => collector.push(e))),
          toolResults,
          of<GenerationEvent>({ type: 'step-finish', step: n }),
          defer(() => (g !== undefined && continues(settings, g, n) ? step(n + 1) : EMPTY)),
        );
      });
    return step(1);
  });
}

function resultEvent(r: ToolResultPart): GenerationEvent {
  return { type: 'tool-result', toolCallId: r.toolCallId, toolName: r.toolName, output: r.output, isError: r.isError === true };
}
