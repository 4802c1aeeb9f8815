import type { Provider } from './error-bodies.js';
import { planReply, seededReplyText } from './reply-text.js';
import type { PlannedReply } from './reply-text.js';
import type { RequestControls } from './control-headers.js';
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
  /** Throws a 400 `SimHttpError` for a bad body. */
  plan(body: unknown, controls: RequestControls): GenerationPlan;
  wire(plan: GenerationPlan): WireFormat;
}

/** The replies of `count` choices: the `x-sim-reply` text, or seeded text per choice. */
export function planChoices(
  seed: string,
  count: number,
  firstIndex: number,
  controls: RequestControls,
  maxTokens: number | undefined,
  stops: readonly string[],
): PlannedChoice[] {
  const choices: PlannedChoice[] = [];
  for (let c = 0; c < count; c++) {
    const text = controls.reply ?? seededReplyText(`${seed}\n#${c}`);
    choices.push({ index: firstIndex + c, ...planReply(text, maxTokens, stops) });
  }
  return choices;
}

/** Sum of the choices' token counts. */
export function sumTokens(choices: readonly PlannedChoice[]): number {
  return choices.reduce((n, c) => n + c.tokens.length, 0);
}
