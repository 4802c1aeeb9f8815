import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { ServerError } from '../errors/server-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { Choice, FinishReason, Generation, Usage } from '../core/generation.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { promptToText, type PromptInput } from '../core/prompt.js';
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

/** Turns a reply into a timeline for `input`. Throws `InvalidArgumentError` (naming `argName`) for a bad reply. */
export function buildTimeline(reply: FakeReply, input: PromptInput, who: Identity, argName: string): Timeline {
  const r = checkReply(reply, argName);
  const requestId = r.requestId;
  const start: GenerationEvent = { type: 'start', provider: who.provider, modelId: who.modelId, ...(requestId ? { requestId } : {}) };
  const ticks: { at: number; deltas: string[][] }[] = r.marbles === undefined ? tickedChunks(r) : [];
  let endAt: number | undefined;
  let error: unknown;
  if (r.marbles !== undefined) {
    for (const m of parseMarbles(r.marbles, `${argName}.marbles`)) {
      if (m.kind === 'value') {
        const text = r.values?.[m.char] ?? m.char;
        const last = ticks[ticks.length - 1];
        if (last && last.at === m.frame) (last.deltas[0] as string[]).push(text);
        else ticks.push({ at: m.frame, deltas: [[text]] });
      } else {
        endAt = m.frame;
        if (m.kind === 'error') error = r.error ?? new ServerError('Fake model error (marble "#")', { provider: who.provider });
      }
    }
  } else {
    const latency = r.latency ?? 0;
    const interval = r.tokenInterval ?? 0;
    if (latency !== Infinity) {
      if (r.error !== undefined) {
        error = r.error;
        const sent = Math.min(r.errorAfterTokens ?? 0, ticks.length);
        ticks.length = sent;
        endAt = latency + sent * interval;
      } else {
        endAt = latency + Math.max(ticks.length - 1, 0) * interval;
      }
    } else {
      ticks.length = 0;
    }
  }
  const choiceCount = r.choices?.length ?? 1;
  const texts: string[] = Array.from({ length: choiceCount }, () => '');
  let outputTokens = 0;
  const steps: Step[] = ticks.map((tick, j) => {
    const events: GenerationEvent[] = j === 0 ? [start] : [];
    tick.deltas.forEach((pieces, index) => {
      for (const text of pieces) {
        events.push({ type: 'text-delta', index, text });
        texts[index] += text;
        outputTokens++;
      }
    });
    return { at: tick.at, events };
  });
  if (endAt === undefined) return { steps };
  if (error !== undefined) return { steps, end: { at: endAt, error } };
  const finishReason: FinishReason = r.finishReason ?? 'stop';
  const rawFinishReason = r.rawFinishReason === undefined ? finishReason : r.rawFinishReason;
  const choices: Choice[] = texts.map((text, index) => ({ index, text, finishReason, rawFinishReason }));
  const usage = countUsage(r.usage, input, outputTokens);
  const final: GenerationEvent[] = steps.length === 0 ? [start] : [];
  for (const c of choices) final.push({ type: 'finish', index: c.index, finishReason, rawFinishReason });
  if (usage) final.push({ type: 'usage', usage });
  const last = steps[steps.length - 1];
  if (last && last.at === endAt) last.events.push(...final);
  else steps.push({ at: endAt, events: final });
  const generation: Generation = {
    text: texts[0] as string,
    finishReason,
    rawFinishReason,
    ...(usage ? { usage } : {}),
    choices,
    provider: who.provider,
    modelId: who.modelId,
    ...(requestId ? { requestId } : {}),
  };
  return { steps, end: { at: endAt, generation } };
}

/** Chunks per choice, interleaved by tick, at latency + j * tokenInterval. */
function tickedChunks(r: FakeResponse): { at: number; deltas: string[][] }[] {
  const perChoice = r.choices ? r.choices.map(words) : [r.chunks ? [...r.chunks] : words(r.text ?? '')];
  const n = Math.max(0, ...perChoice.map((c) => c.length));
  const latency = r.latency ?? 0;
  const interval = r.tokenInterval ?? 0;
  return Array.from({ length: n }, (_, j) => ({
    at: latency + j * interval,
    deltas: perChoice.map((c) => (j < c.length ? [c[j] as string] : [])),
  }));
}

/** `'Hello big world'` → `['Hello', ' big', ' world']`; `''` → `[]`. */
export function words(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? (text ? [text] : []);
}

function countUsage(given: FakeResponse['usage'], input: PromptInput, outputDeltas: number): Usage | undefined {
  if (given === null) return undefined;
  const inputTokens = given?.inputTokens ?? words(promptToText(input)).length;
  const outputTokens = given?.outputTokens ?? outputDeltas;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** Checks a reply's fields, naming the bad one. */
/** Every `FakeResponse` name (any other throws `InvalidArgumentError`). */
const REPLY_NAMES: KnownKeys<FakeResponse> = {
  text: true, chunks: true, choices: true, latency: true, tokenInterval: true, usage: true, finishReason: true, rawFinishReason: true,
  error: true, errorAfterTokens: true, marbles: true, values: true, requestId: true,
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
  for (const key of ['text', 'marbles'] as const) {
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
  return reply;
}
