import type { Provider } from './error-bodies.js';
import { planReply, seededReplyText, type ReplyFinish } from './reply-text.js';
import type { RequestControls } from './control-headers.js';
import type { SimulatorRoute } from './simulator-options.js';
import type { ThinkingSigner } from './turn/thinking-signer.js';

/** One piece of a reply, in order: its tokens are streamed one step each. */
export type PlannedPart =
  | { readonly type: 'text'; readonly text: string; readonly tokens: readonly string[] }
  /** Visible reasoning: an Anthropic `thinking` block (with its signature), or `reasoning_content`. */
  | { readonly type: 'thinking'; readonly text: string; readonly tokens: readonly string[]; readonly signature: string }
  | { readonly type: 'redacted-thinking'; readonly data: string }
  | {
      readonly type: 'tool-call';
      readonly id: string;
      readonly name: string;
      readonly input: unknown;
      /** The arguments as sent (cut short when the token limit hit them): the concatenated fragments. */
      readonly json: string;
      readonly tokens: readonly string[];
      /** False when the token limit cut the arguments. */
      readonly complete: boolean;
    }
  | { readonly type: 'refusal'; readonly text: string; readonly tokens: readonly string[] };

/** How a choice ended: naturally, at the token limit, at a stop sequence, to call tools, or refusing. */
export type ChoiceFinish = ReplyFinish | 'tool-calls' | 'refusal';

/** One output of a generation, with its wire index. */
export interface PlannedChoice {
  readonly index: number;
  readonly parts: readonly PlannedPart[];
  readonly finish: ChoiceFinish;
  /** The stop sequence that ended the reply (finish `stop`), else null. */
  readonly stopSequence: string | null;
  /** The text content (text parts joined) and its tokens. */
  readonly text: string;
  readonly tokens: readonly string[];
  /** Reasoning tokens counted but never sent (OpenAI reasoning models, redacted or omitted thinking). */
  readonly hiddenReasoningTokens: number;
  /** Every reasoning token: hidden ones plus visible thinking (`reasoning_tokens`, Anthropic `thinking_tokens`). */
  readonly reasoningTokens: number;
  /** Every token the choice generated: streamed ones plus hidden reasoning. */
  readonly outputTokens: number;
}

/** The streamed token steps of a part (0 for a redacted thinking block, sent whole). */
export function partTokens(part: PlannedPart): readonly string[] {
  return part.type === 'redacted-thinking' ? [] : part.tokens;
}

/** A choice from its parts: the text and token counts derived. */
export function makeChoice(
  index: number, parts: readonly PlannedPart[], finish: ChoiceFinish, stopSequence: string | null, hiddenReasoningTokens = 0,
): PlannedChoice {
  const texts = parts.filter((p): p is Extract<PlannedPart, { type: 'text' }> => p.type === 'text');
  const visible = parts.reduce((n, p) => n + partTokens(p).length, 0);
  const thinking = parts.reduce((n, p) => n + (p.type === 'thinking' ? p.tokens.length : 0), 0);
  return {
    index, parts, finish, stopSequence, hiddenReasoningTokens,
    reasoningTokens: thinking + hiddenReasoningTokens,
    text: texts.map((p) => p.text).join(''),
    tokens: texts.flatMap((p) => p.tokens),
    outputTokens: visible + hiddenReasoningTokens,
  };
}

/** Everything a generation response will say, decided before the first byte. */
export interface GenerationPlan {
  readonly model: string;
  readonly promptTokens: number;
  readonly choices: readonly PlannedChoice[];
  /** Sum of every choice's tokens. */
  readonly completionTokens: number;
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** Tokens charged to the tokens-per-minute bucket at admission. */
  readonly estimatedTokens: number;
  /** Prompt tokens read from the (simulated) prompt cache (`x-sim-cached-tokens`), at most `promptTokens`. */
  readonly cachedTokens: number;
  /** Extra delay before the first byte, in token steps: the time hidden reasoning takes at the request's pace. */
  readonly reasoningDelaySteps: number;
  /** OpenAI chat: visible reasoning goes out as `reasoning_content` (`x-sim-reasoning-content`). */
  readonly reasoningContent: boolean;
  /** Anthropic: the refusal's `stop_details.explanation` (`x-sim-refusal` text), when refusing. */
  readonly refusalExplanation: string | undefined;
}

/** The plan fields a route without rich content leaves at their defaults. */
export const PLAIN_PLAN = { cachedTokens: 0, reasoningDelaySteps: 0, reasoningContent: false, refusalExplanation: undefined } as const;

/** How a route puts a plan on the wire. */
export interface WireFormat {
  /** The non-streaming response body. */
  json(): unknown;
  /** Stream frames before the first token. */
  head(): readonly string[];
  /** How many token steps the stream has (the most any choice has). */
  readonly steps: number;
  /** Stream frames of token step `step` (one token of every choice that still has one). */
  step(step: number): readonly string[];
  /** Stream frames after the last token (finish reasons, usage, end marker). */
  tail(): readonly string[];
  /** A mid-stream error frame; `type` overrides the default error type. */
  streamError(type: string | undefined, requestId: string): string;
  /** A frame that is not valid JSON. */
  malformed(): string;
}

/** A generation route: validates a body into a plan, and renders plans. */
export interface GenerationRoute {
  readonly name: SimulatorRoute;
  readonly path: string;
  readonly provider: Provider;
  /** Throws a 400 `SimHttpError` for a bad body. */
  plan(body: unknown, controls: RequestControls, env: PlanEnv): GenerationPlan;
  wire(plan: GenerationPlan): WireFormat;
}

/** What a route's planner gets from the running simulator. */
export interface PlanEnv {
  /** The variation key of a request sampled at temperature > 0 (call it once per such request). */
  nextVariation(): string;
  /** Signs and verifies thinking blocks, with this simulator's secret. */
  readonly signer: ThinkingSigner;
}

/** What one prompt's replies are made from. */
export interface ReplySource {
  /** The route, model and whole conversation: the same request gets the same replies at temperature 0. */
  readonly seed: string;
  /** The text whose kind the replies take: the last user message, or a legacy completion's prompt. */
  readonly prompt: string;
  readonly maxTokens: number | undefined;
  readonly stops: readonly string[];
  /** The request's variation key when it samples (temperature > 0), else undefined. */
  readonly variation: string | undefined;
}

/**
 * The variation key of a request: undefined at temperature 0 or unset (the same request gets the same
 * replies), else a new key from `nextVariation` (replies vary from request to request, reproducibly).
 */
export function variationFor(temperature: number | undefined, nextVariation: () => string): string | undefined {
  return temperature !== undefined && temperature > 0 ? nextVariation() : undefined;
}

/** The seed of choice `index`: the request's seed, its variation key (when it samples) and the choice number. */
export function choiceSeed(seed: string, variation: string | undefined, index: number): string {
  return `${variation === undefined ? seed : `${seed}\n~${variation}`}\n#${index}`;
}

/** The replies of `count` choices: the `x-sim-reply` text, or seeded text per choice. */
export function planChoices(source: ReplySource, count: number, firstIndex: number, controls: RequestControls): PlannedChoice[] {
  const choices: PlannedChoice[] = [];
  for (let c = 0; c < count; c++) {
    const text = controls.reply ?? seededReplyText(choiceSeed(source.seed, source.variation, c), { prompt: source.prompt, maxTokens: source.maxTokens });
    const reply = planReply(text, source.maxTokens, source.stops);
    choices.push(makeChoice(firstIndex + c, [{ type: 'text', text: reply.text, tokens: reply.tokens }], reply.finish, reply.stopSequence));
  }
  return choices;
}

/** Sum of the choices' output tokens. */
export function sumTokens(choices: readonly PlannedChoice[]): number {
  return choices.reduce((n, c) => n + c.outputTokens, 0);
}
