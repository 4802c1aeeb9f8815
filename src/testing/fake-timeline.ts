import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { ServerError } from '../errors/server-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { FinishReason, Usage } from '../core/generation.js';
import { GenerationCollector } from '../core/generation-collector.js';
import type { Generation } from '../core/generation.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { inputText, type PromptInput } from '../core/prompt.js';
import { checkDuration, describe } from '../core/validate.js';
import type { FakeReply, FakeResponse } from './fake-response.js';
import { parseMarbles } from './fake-marbles.js';

/** Stream events at a frame offset from subscription. */
export interface Step {
  readonly at: number;
  readonly events: GenerationEvent[];
}

/** A reply laid out in time: its stream steps and how (and when) it ends; no `end`: it never ends. */
export interface Timeline {
  readonly steps: Step[];
  readonly end?: { readonly at: number; readonly generation?: Generation; readonly error?: unknown };
}

/** Who is answering: goes into events and generations. */
export interface Identity {
  readonly provider: string;
  readonly modelId: string;
}

/** One token of a choice: the events it streams. */
type Token = GenerationEvent[];

/**
 * Turns a reply into a timeline for `input`; `replyIndex` numbers default tool call ids. Throws
 * `InvalidArgumentError` (naming `argName`) for a bad reply. The `Generation` is collected from the very
 * events the stream emits, so `generate()` and a collected `stream()` agree.
 */
export function buildTimeline(reply: FakeReply, input: PromptInput, who: Identity, argName: string, replyIndex = 0): Timeline {
  const r = checkReply(reply, argName);
  const requestId = r.requestId;
  const start: GenerationEvent = { type: 'start', provider: who.provider, modelId: who.modelId, ...(requestId ? { requestId } : {}) };
  const ticks: { at: number; tokens: Token[] }[] = [];
  let endAt: number | undefined;
  let error: unknown;
  if (r.marbles !== undefined) {
    for (const m of parseMarbles(r.marbles, `${argName}.marbles`)) {
      if (m.kind === 'value') {
        const token: Token = [{ type: 'text-delta', index: 0, text: r.values?.[m.char] ?? m.char }];
        const last = ticks[ticks.length - 1];
        if (last && last.at === m.frame) last.tokens.push(token);
        else ticks.push({ at: m.frame, tokens: [token] });
      } else {
        endAt = m.frame;
        if (m.kind === 'error') error = r.error ?? new ServerError('Fake model error (marble "#")', { provider: who.provider });
      }
    }
  } else {
    const latency = r.latency ?? 0;
    const interval = r.tokenInterval ?? 0;
    const perChoice = choiceTokens(r, replyIndex);
    const n = Math.max(0, ...perChoice.map((c) => c.length));
    for (let j = 0; j < n; j++) ticks.push({ at: latency + j * interval, tokens: perChoice.flatMap((c) => (j < c.length ? [c[j]!] : [])) });
    if (latency !== Infinity) {
      if (r.error !== undefined) {
        error = r.error;
        ticks.length = Math.min(r.errorAfterTokens ?? 0, ticks.length);
        endAt = latency + ticks.length * interval;
      } else {
        endAt = latency + Math.max(ticks.length - 1, 0) * interval;
      }
    } else {
      ticks.length = 0;
    }
  }
  let outputTokens = 0;
  const steps: Step[] = ticks.map((tick, j) => {
    outputTokens += tick.tokens.length;
    return { at: tick.at, events: [...(j === 0 ? [start] : []), ...tick.tokens.flat()] };
  });
  if (endAt === undefined) return { steps };
  if (error !== undefined) return { steps, end: { at: endAt, error } };
  const finishReason: FinishReason = r.finishReason ?? (r.refusal !== undefined ? 'content_filter' : r.toolCalls?.length ? 'tool_calls' : 'stop');
  const rawFinishReason = r.rawFinishReason === undefined ? finishReason : r.rawFinishReason;
  const usage = countUsage(r.usage, input, outputTokens);
  const final: GenerationEvent[] = steps.length === 0 ? [start] : [];
  for (let index = 0; index < (r.choices?.length ?? 1); index++) final.push({ type: 'finish', index, finishReason, rawFinishReason });
  if (usage) final.push({ type: 'usage', usage });
  const last = steps[steps.length - 1];
  if (last && last.at === endAt) last.events.push(...final);
  else steps.push({ at: endAt, events: final });
  const collector = new GenerationCollector(who.provider, who.modelId);
  for (const step of steps) for (const event of step.events) collector.push(event);
  const generation: Generation = collector.result();
  return { steps, end: { at: endAt, generation } };
}

/** The tokens of each choice: choice 0's reasoning, text, refusal and tool calls; the others' text. */
function choiceTokens(r: FakeResponse, replyIndex: number): Token[][] {
  const text = (index: number, pieces: string[]): Token[] => pieces.map((t) => [{ type: 'text-delta', index, text: t }]);
  if (r.choices) return r.choices.map((c, index) => text(index, words(c)));
  const tokens: Token[] = words(r.reasoning ?? '').map((t) => [{ type: 'reasoning-delta', index: 0, text: t }]);
  if (r.reasoningSignature !== undefined) {
    const signature: GenerationEvent = { type: 'reasoning-signature', index: 0, signature: r.reasoningSignature };
    if (tokens.length > 0) tokens[tokens.length - 1]!.push(signature);
    else tokens.push([signature]);
  }
  tokens.push(...text(0, r.chunks ? [...r.chunks] : words(r.text ?? '')));
  tokens.push(...words(r.refusal ?? '').map((t): Token => [{ type: 'refusal-delta', index: 0, text: t }]));
  (r.toolCalls ?? []).forEach((call, k) => {
    const toolCallId = call.toolCallId ?? `call_${replyIndex}_${k}`;
    const { toolName } = call;
    const input = call.input ?? {};
    const rawInput = JSON.stringify(input);
    const pieces = jsonPieces(rawInput);
    pieces.forEach((inputDelta, p) => {
      const token: Token = p === 0 ? [{ type: 'tool-call-start', index: 0, toolCallId, toolName }] : [];
      token.push({ type: 'tool-call-delta', index: 0, toolCallId, inputDelta });
      if (p === pieces.length - 1) token.push({ type: 'tool-call', index: 0, toolCallId, toolName, input, rawInput });
      tokens.push(token);
    });
  });
  return [tokens];
}

/** A tool input's JSON in up to three pieces (as providers stream arguments in fragments). */
function jsonPieces(json: string): string[] {
  const size = Math.max(1, Math.ceil(json.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
  return pieces;
}

/** `'Hello big world'` → `['Hello', ' big', ' world']`; `''` → `[]`. */
export function words(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? (text ? [text] : []);
}

function countUsage(given: FakeResponse['usage'], input: PromptInput, outputDeltas: number): Usage | undefined {
  if (given === null) return undefined;
  const inputTokens = given?.inputTokens ?? words(inputText(input)).length;
  const outputTokens = given?.outputTokens ?? outputDeltas;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** Checks a reply's fields, naming the bad one. */
/** Every `FakeResponse` name (any other throws `InvalidArgumentError`). */
const REPLY_NAMES: KnownKeys<FakeResponse> = {
  text: true, chunks: true, choices: true, latency: true, tokenInterval: true, usage: true, finishReason: true, rawFinishReason: true,
  error: true, errorAfterTokens: true, marbles: true, values: true, requestId: true,
  reasoning: true, reasoningSignature: true, refusal: true, toolCalls: true,
};

export function checkReply(reply: FakeReply, argName: string): FakeResponse {
  if (typeof reply === 'string') return { text: reply };
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw new InvalidArgumentError(argName, `must be a string or a FakeResponse object, got ${describe(reply)}`);
  }
  checkKnownKeys(argName, reply, REPLY_NAMES);
  const time = (key: 'latency' | 'tokenInterval', allowInfinity: boolean): void => {
    const v = reply[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || (v === Infinity && !allowInfinity)) {
      throw new InvalidArgumentError(`${argName}.${key}`, `must be a number >= 0, got ${typeof v === 'number' ? v : describe(v)}`);
    }
    checkDuration(`${argName}.${key}`, v, { allowInfinity }); // at most MAX_TIMER_MS, as every duration
  };
  time('latency', true);
  time('tokenInterval', false);
  const k = reply.errorAfterTokens;
  if (k !== undefined && !(typeof k === 'number' && Number.isInteger(k) && k >= 0)) {
    throw new InvalidArgumentError(`${argName}.errorAfterTokens`, `must be an integer >= 0, got ${describe(k)}`);
  }
  for (const key of ['text', 'marbles', 'reasoning', 'reasoningSignature', 'refusal'] as const) {
    if (reply[key] !== undefined && typeof reply[key] !== 'string') {
      throw new InvalidArgumentError(`${argName}.${key}`, `must be a string, got ${describe(reply[key])}`);
    }
  }
  for (const key of ['chunks', 'choices'] as const) {
    const v: unknown = reply[key];
    if (v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string') && (key === 'chunks' || v.length > 0))) {
      throw new InvalidArgumentError(`${argName}.${key}`, `must be ${key === 'choices' ? 'a non-empty' : 'an'} array of strings`);
    }
  }
  checkToolCalls(reply.toolCalls, `${argName}.toolCalls`);
  return reply;
}

function checkToolCalls(calls: unknown, at: string): void {
  if (calls === undefined) return;
  if (!Array.isArray(calls)) throw new InvalidArgumentError(at, `must be an array of { toolName, input?, toolCallId? }, got ${describe(calls)}`);
  calls.forEach((c: unknown, k) => {
    const call = c as Record<string, unknown> | null;
    if (typeof call !== 'object' || call === null || Array.isArray(call)) throw new InvalidArgumentError(`${at}[${k}]`, `must be a { toolName, input?, toolCallId? } object, got ${describe(c)}`);
    checkKnownKeys(`${at}[${k}]`, call, { toolCallId: true, toolName: true, input: true });
    if (typeof call.toolName !== 'string' || call.toolName === '') throw new InvalidArgumentError(`${at}[${k}].toolName`, `must be a non-empty string, got ${describe(call.toolName)}`);
    if (call.toolCallId !== undefined && (typeof call.toolCallId !== 'string' || call.toolCallId === '')) {
      throw new InvalidArgumentError(`${at}[${k}].toolCallId`, `must be a non-empty string, got ${describe(call.toolCallId)}`);
    }
  });
}
