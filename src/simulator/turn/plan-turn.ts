// Plans one choice of a chat turn, for either provider: thinking first (when on), then a refusal (on
// request), tool calls (the tools the prompt names, as `tool_choice` allows), structured output, an answer to
// tool results, or a reply from the repertoire. `max_tokens` counts every token (hidden reasoning, thinking,
// text, tool arguments) and cuts the turn where it runs out.
import type { RequestControls } from '../control-headers.js';
import {
  choiceSeed, makeChoice, sumTokens, type ChoiceFinish, type GenerationPlan, type PlanEnv, type PlannedChoice, type PlannedPart,
} from '../generation-plan.js';
import { Picker } from '../repertoire/picker.js';
import { planReply, seededReplyText } from '../reply-text.js';
import { schemaValue } from '../schema-value.js';
import { countTokens, tokenize, tokenizeJson } from '../tokenizer.js';
import { describeImages } from './image-info.js';
import { pickTools } from './pick-tools.js';
import type { ThinkingSigner } from './thinking-signer.js';
import { instructedSchema, joinNames, jsonObjectSchema, thinkingText, toolResultsText } from './turn-texts.js';
import type { ToolSpec, TurnRequest } from './turn-request.js';

/** How a provider shapes a turn. */
export interface TurnStyle {
  readonly provider: 'openai' | 'anthropic';
  /** A tool call's id, from a seed. */
  toolCallId(seed: string): string;
  /** Tool arguments as the provider streams them. */
  argumentsJson(value: unknown): string;
  /** Whether a sentence comes before the tool calls the model chose to make (Claude's habit). */
  readonly preamble: boolean;
}

/** OpenAI's refusal text when `x-sim-refusal` gives none. */
export const DEFAULT_REFUSAL = "I'm sorry, but I can't help with that request.";

/** Hidden reasoning tokens per effort, in multiples of 64 as the real models report them: [min, max] × 64. */
const EFFORT: Readonly<Record<string, readonly [number, number]>> = {
  none: [0, 0], minimal: [0, 1], low: [1, 3], medium: [3, 9], high: [8, 24], xhigh: [16, 48], max: [24, 64],
};

const PREAMBLES = ["I'll use {tools} to help with that.", 'Let me check that with {tools}.', "I'll call {tools} for this.", 'Let me look that up using {tools}.'];

function toolList(tools: readonly ToolSpec[]): string {
  return `the ${joinNames(tools.map((t) => t.name))} ${tools.length === 1 ? 'tool' : 'tools'}`;
}

/** Running token budget of a turn. */
class Budget {
  remaining: number;
  cut = false;

  constructor(max: number | undefined) {
    this.remaining = max ?? Number.POSITIVE_INFINITY;
  }

  /** The first tokens of `tokens` that fit (at most `limit`); marks the turn cut when the budget ran out. */
  take<T>(tokens: readonly T[], limit = Number.POSITIVE_INFINITY): T[] {
    const taken = tokens.slice(0, Math.min(limit, this.remaining));
    if (taken.length < Math.min(tokens.length, limit)) this.cut = true;
    this.remaining -= taken.length;
    return taken;
  }

  get limit(): number | undefined {
    return Number.isFinite(this.remaining) ? this.remaining : undefined;
  }
}

/** The text of a plain answer and how to split it: the reply header, JSON output, tool results, or the repertoire. */
function answerText(seed: string, request: TurnRequest, controls: RequestControls, budget: Budget): { text: string; split: (t: string) => string[] } {
  if (controls.reply !== undefined) return { text: controls.reply, split: tokenize };
  const format = request.outputFormat;
  const instructed = instructedSchema(request.instructions);
  if (format !== undefined || instructed !== undefined) {
    const schema = format?.kind === 'json-schema' ? format.schema : (instructed ?? jsonObjectSchema(request.prompt));
    const value = schema !== undefined
      ? schemaValue(schema, { seed: `${seed}\njson`, prompt: request.prompt })
      : { answer: seededReplyText(seed, { prompt: request.prompt, maxTokens: budget.limit }) };
    return { text: JSON.stringify(value), split: tokenizeJson };
  }
  if (request.toolResults.length > 0) return { text: toolResultsText(seed, request.toolResults), split: tokenize };
  const note = describeImages(request.images);
  const room = budget.limit === undefined ? undefined : Math.max(1, budget.limit - countTokens(note) - 1);
  const reply = seededReplyText(seed, { prompt: request.prompt, maxTokens: room });
  return { text: note === '' ? reply : `${note} ${reply}`, split: tokenize };
}

/** Choice `index` of a turn (see the file comment). Deterministic for a request (and its variation key). */
export function planTurn(request: TurnRequest, controls: RequestControls, index: number, style: TurnStyle, signer: ThinkingSigner): PlannedChoice {
  const seed = choiceSeed(request.seed, request.variation, index);
  const budget = new Budget(request.maxTokens);
  const parts: PlannedPart[] = [];
  let hidden = 0;
  const done = (finish: ChoiceFinish, stop: string | null = null): PlannedChoice =>
    makeChoice(index, parts, budget.cut && finish !== 'stop' ? 'length' : finish, stop, hidden);

  if (request.reasoningEffort !== undefined) {
    const [lo, hi] = EFFORT[request.reasoningEffort] ?? EFFORT['medium']!;
    hidden = budget.take(Array<number>(64 * new Picker(`${seed}\nreasoning`).int(lo, hi)).fill(0)).length;
  }
  const calls = controls.refusal === undefined && controls.reply === undefined ? pickTools(request) : [];
  if (request.thinking !== undefined) {
    const text = thinkingText(seed, request, calls.map((c) => c.name));
    if (controls.redactedThinking && style.provider === 'anthropic') {
      parts.push({ type: 'redacted-thinking', data: signer.redactedData(seed) });
      hidden += budget.take(tokenize(text), request.thinking.budget).length;
    } else if (request.thinking.omitted) {
      parts.push({ type: 'thinking', text: '', tokens: [], signature: signer.sign('') });
      hidden += budget.take(tokenize(text), request.thinking.budget).length;
    } else {
      const tokens = budget.take(tokenize(text), request.thinking.budget);
      const thought = tokens.join('');
      parts.push({ type: 'thinking', text: thought, tokens, signature: style.provider === 'anthropic' ? signer.sign(thought) : '' });
    }
  }
  if (budget.cut) return done('length');

  if (controls.refusal !== undefined) {
    // Anthropic refuses with no content (the explanation goes in `stop_details`); OpenAI with `message.refusal`.
    if (style.provider === 'anthropic') return done('refusal');
    const reply = planReply(controls.refusal !== '' ? controls.refusal : DEFAULT_REFUSAL, budget.limit, []);
    parts.push({ type: 'refusal', text: reply.text, tokens: reply.tokens });
    return makeChoice(index, parts, reply.finish === 'length' ? 'length' : 'refusal', null, hidden);
  }

  if (calls.length > 0) {
    if (style.preamble && request.toolChoice.mode === 'auto') {
      const reply = planReply(new Picker(`${seed}\npreamble`).pick(PREAMBLES).replace('{tools}', toolList(calls)), budget.limit, request.stops);
      parts.push({ type: 'text', text: reply.text, tokens: reply.tokens });
      budget.take(reply.tokens);
      if (reply.finish !== 'natural') return done(reply.finish, reply.stopSequence);
    }
    calls.forEach((tool, i) => {
      if (budget.cut) return;
      const input = tool.schema === undefined ? {} : schemaValue(tool.schema, { seed: `${seed}\ncall ${i} ${tool.name}`, prompt: request.prompt });
      const all = tokenizeJson(style.argumentsJson(input));
      const tokens = budget.take(all);
      const complete = tokens.length === all.length;
      parts.push({ type: 'tool-call', id: style.toolCallId(`${seed}\ncall ${i}`), name: tool.name, input, json: tokens.join(''), tokens, complete });
    });
    return done('tool-calls');
  }

  const { text, split } = answerText(seed, request, controls, budget);
  const reply = planReply(text, budget.limit, request.stops, split);
  parts.push({ type: 'text', text: reply.text, tokens: reply.tokens });
  return makeChoice(index, parts, reply.finish, reply.stopSequence, hidden);
}

/** The last user message of a conversation (the prompt a turn answers), else its last message. */
export function lastUserMessage<M extends { readonly role: string }>(messages: readonly M[]): M {
  return messages.filter((m) => m.role === 'user').at(-1) ?? messages.at(-1)!;
}

/** The plan fields a chat route reads from its body, beside the turn. */
type ChatPlanFields = Pick<GenerationPlan, 'model' | 'promptTokens' | 'stream' | 'includeUsage' | 'reasoningContent' | 'refusalExplanation'>;

/**
 * The plan of a chat turn with `n` choices (OpenAI chat, Anthropic messages): the choices, the tokens charged
 * at admission (the prompt plus `max_tokens` per choice, else the planned tokens), the prompt tokens read from
 * the cache (`x-sim-cached-tokens`, at most the prompt), and the delay of the longest hidden reasoning.
 */
export function planChatTurn(
  request: TurnRequest, n: number, fields: ChatPlanFields, controls: RequestControls, style: TurnStyle, env: PlanEnv,
): GenerationPlan {
  const choices = Array.from({ length: n }, (_, c) => planTurn(request, controls, c, style, env.signer));
  const completionTokens = sumTokens(choices);
  return {
    ...fields, choices, completionTokens,
    estimatedTokens: fields.promptTokens + (request.maxTokens !== undefined ? request.maxTokens * n : completionTokens),
    cachedTokens: Math.min(controls.cachedTokens, fields.promptTokens),
    reasoningDelaySteps: Math.max(0, ...choices.map((c) => c.hiddenReasoningTokens)),
  };
}
