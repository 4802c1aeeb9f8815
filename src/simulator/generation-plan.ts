import type { RequestControls } from './control-headers.js';
import type { Provider } from './error-bodies.js';
import { planReply, seededReplyText, type PlannedReply } from './reply-text.js';
import type { SimulatorRoute } from './simulator-options.js';

/** One output of a generation, with its wire index. */
export interface PlannedChoice extends PlannedReply {
  readonly index: number;
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
}

/** How a route puts a plan on the wire. */
export interface WireFormat {
  /** The non-streaming response body. */
  json(): unknown;
  /** Stream frames before the first token. */
  head(): string[];
  /** Stream frames of token step `step` (one token of every choice that still has one). */
  step(step: number): string[];
  /** Stream frames after the last token (finish reasons, usage, end marker). */
  tail(): string[];
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
  /**
   * Throws a 400 `SimHttpError` for a bad body. `nextVariation` gives the variation key of a request sampled
   * at temperature > 0 (call it once per such request).
   */
  plan(body: unknown, controls: RequestControls, nextVariation: () => string): GenerationPlan;
  wire(plan: GenerationPlan): WireFormat;
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

/** The replies of `count` choices: the `x-sim-reply` text, or seeded text per choice. */
export function planChoices(source: ReplySource, count: number, firstIndex: number, controls: RequestControls): PlannedChoice[] {
  const seed = source.variation === undefined ? source.seed : `${source.seed}\n~${source.variation}`;
  const choices: PlannedChoice[] = [];
  for (let c = 0; c < count; c++) {
    const text = controls.reply ?? seededReplyText(`${seed}\n#${c}`, { prompt: source.prompt, maxTokens: source.maxTokens });
    choices.push({ index: firstIndex + c, ...planReply(text, source.maxTokens, source.stops) });
  }
  return choices;
}

/** Sum of the choices' token counts. */
export function sumTokens(choices: readonly PlannedChoice[]): number {
  return choices.reduce((n, c) => n + c.tokens.length, 0);
}
