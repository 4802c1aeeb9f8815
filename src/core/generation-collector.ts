import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { makeAgentGeneration, type AgentGeneration } from './agent-generation.js';
import type { ToolResultPart } from './content.js';
import { ContentBuilder } from './content-builder.js';
import { makeChoice, makeGeneration, type Choice, type FinishReason, type Generation, type Usage } from './generation.js';
import { isContentEvent, type GenerationEvent } from './stream-event.js';
import { describe } from './validate.js';

/** What the collector keeps of one choice. */
interface ChoiceState {
  readonly content: ContentBuilder;
  refusal?: string;
  finish?: { readonly finishReason: FinishReason; readonly rawFinishReason: string | null; readonly stopDetails?: Readonly<Record<string, unknown>> };
}

/**
 * Builds the `Generation` a stream amounts to, event by event: `push` each `GenerationEvent`, then
 * `result()`. It builds the same `Generation` that `generate()` returns for the same answer: text, reasoning
 * (with signatures), redacted reasoning, tool calls, refusal, finish reasons, usage, the model that answered
 * (the provider and model id of the `start` event; the constructor's until one arrives) and the request id. For a tool loop's stream (`withTools`: `step-start`, `tool-result`, `step-finish`
 * events) it builds the `AgentGeneration`: every step, the messages appended, the usage summed. Used for
 * tracking streamed calls; handy anywhere a stream must end up as one `Generation`.
 *
 * @example
 * const c = new GenerationCollector('openai.chat', 'gpt-4o-mini');
 * model.stream('Hi').subscribe({ next: (e) => c.push(e), complete: () => console.log(c.result().toolCalls) });
 */
export class GenerationCollector {
  private current: StepCollector;
  private started = false;
  /** Set at the first `step-start`: the stream is a tool loop's. */
  private stepped = false;
  private readonly steps: Generation[] = [];
  private readonly results: ToolResultPart[][] = [];
  private pending: ToolResultPart[] = [];

  constructor(
    private readonly provider: string,
    private readonly modelId: string,
  ) {
    if (typeof provider !== 'string') throw new InvalidArgumentError('provider', `must be a string, got ${describe(provider)}`);
    if (typeof modelId !== 'string') throw new InvalidArgumentError('modelId', `must be a string, got ${describe(modelId)}`);
    this.current = new StepCollector(provider, modelId);
  }

  /** Adds one event; returns true when it is the first that carries content (the first token). */
  push(event: GenerationEvent): boolean {
    const first = !this.started && isContentEvent(event);
    if (first) this.started = true;
    switch (event.type) {
      case 'step-start':
        this.stepped = true;
        this.endStep();
        break;
      case 'step-finish':
        this.endStep();
        break;
      case 'tool-result':
        this.pending.push({ type: 'tool-result', toolCallId: event.toolCallId, toolName: event.toolName, output: event.output, ...(event.isError ? { isError: true } : {}) });
        break;
      default:
        this.current.push(event);
    }
    return first;
  }

  /** The Generation so far (an `AgentGeneration` for a tool loop's stream). */
  result(): Generation | AgentGeneration {
    if (!this.stepped) return this.current.result();
    const steps = [...this.steps];
    const results = [...this.results];
    if (this.current.touched) {
      const step = this.current.result();
      steps.push(step);
      results.push(inCallOrder(this.pending, step));
    }
    return steps.length > 0 ? makeAgentGeneration(steps, results) : this.current.result();
  }

  /** Closes the step in progress, if it has any events. */
  private endStep(): void {
    if (!this.current.touched) return;
    const step = this.current.result();
    this.steps.push(step);
    this.results.push(inCallOrder(this.pending, step));
    this.pending = [];
    this.current = new StepCollector(this.provider, this.modelId);
  }
}

/**
 * A step's tool results in the order of its tool calls, as the loop sends them back (the `tool-result` events
 * come as each tool finishes); a result for no call of the step keeps its place after them.
 */
function inCallOrder(results: readonly ToolResultPart[], step: Generation): ToolResultPart[] {
  const order = new Map(step.toolCalls.map((c, i) => [c.toolCallId, i]));
  const rank = (r: ToolResultPart): number => order.get(r.toolCallId) ?? order.size;
  return results.map((r, i) => ({ r, i })).sort((x, y) => rank(x.r) - rank(y.r) || x.i - y.i).map(({ r }) => r);
}

/** One model call's events: its choices, usage, the model that answered. */
class StepCollector {
  /** True once any event was pushed. */
  touched = false;
  private provider: string;
  private modelId: string;
  private requestId: string | undefined;
  private usage: Usage | undefined;
  private readonly choices = new Map<number, ChoiceState>();

  constructor(provider: string, modelId: string) {
    this.provider = provider;
    this.modelId = modelId;
  }

  push(event: Exclude<GenerationEvent, { type: 'step-start' | 'step-finish' | 'tool-result' }>): void {
    this.touched = true;
    switch (event.type) {
      case 'start':
        this.provider = event.provider;
        this.modelId = event.modelId;
        this.requestId = event.requestId;
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'finish': {
        const { finishReason, rawFinishReason, stopDetails } = event;
        this.choice(event.index).finish = { finishReason, rawFinishReason, ...(stopDetails ? { stopDetails } : {}) };
        break;
      }
      case 'refusal-delta': {
        const c = this.choice(event.index);
        c.refusal = (c.refusal ?? '') + event.text;
        break;
      }
      default:
        addContent(this.choice(event.index).content, event);
    }
  }

  result(): Generation {
    const count = Math.max(1, ...[...this.choices.keys()].map((i) => i + 1));
    const choices: Choice[] = [];
    for (let index = 0; index < count; index++) {
      const state = this.choices.get(index);
      const { content, rawInputs } = (state?.content ?? new ContentBuilder()).build();
      const finish = state?.finish ?? { finishReason: 'other' as const, rawFinishReason: null };
      choices.push(makeChoice({ index, content, rawInputs, ...finish, ...(state?.refusal !== undefined ? { refusal: state.refusal } : {}) }));
    }
    return makeGeneration(choices, {
      provider: this.provider,
      modelId: this.modelId,
      ...(this.requestId ? { requestId: this.requestId } : {}),
      ...(this.usage ? { usage: this.usage } : {}),
    });
  }

  private choice(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) this.choices.set(index, (state = { content: new ContentBuilder() }));
    return state;
  }
}

/** Feeds one content event to a choice's builder. */
function addContent(b: ContentBuilder, event: Exclude<GenerationEvent, { type: 'start' | 'usage' | 'finish' | 'refusal-delta' | 'step-start' | 'step-finish' | 'tool-result' }>): void {
  switch (event.type) {
    case 'text-delta':
      return b.text(event.text);
    case 'reasoning-delta':
      return b.reasoning(event.text);
    case 'reasoning-signature':
      return b.signature(event.signature);
    case 'redacted-reasoning':
      return b.redacted(event.data);
    case 'tool-call-start':
      return b.toolCallStart(event.toolCallId, event.toolName);
    case 'tool-call-delta':
      return; // the `tool-call` event that completes the call carries its whole input: nothing to keep per delta
    case 'tool-call':
      return b.toolCall(event.toolCallId, event.toolName, event.input, event.rawInput);
  }
}
