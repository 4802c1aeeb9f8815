// The vocabulary of the real-wire expectations: exact matchers for long texts and opaque blobs, and the whole
// `Generation` a recording must come out as, written from its choices the way the contract defines them
// (text and reasoning are a choice's text and reasoning parts joined; tool calls are its tool-call parts with
// the raw JSON they came as; the generation's own fields are choice 0's; `message` replays choice 0).
import { createHash } from 'node:crypto';
import type { Usage } from '../../../src/core/generation.js';

/** What a fixture must give: the Generation (for an error: the one its events amount to) and the stream's event counts. */
export interface FixtureExpectation {
  /** The `Generation`: from `generate`, or the stream collected with `GenerationCollector`. */
  readonly generation: object;
  /** How many events of each type the stream emits (streams only). */
  readonly events?: Readonly<Record<string, number>>;
  /** The stream fails: a `StreamError` with these fields (then `generation` is what arrived before it). */
  readonly streamError?: Readonly<Record<string, unknown>>;
}

/** A string of exactly `length` UTF-16 units that starts with `start` and ends with `end`. */
export function long(start: string, end: string, length: number): string {
  const middle = length - start.length - end.length;
  if (middle < 0) throw new Error(`long(): ${length} is shorter than its start and end`);
  return expect.stringMatching(new RegExp(`^${escape(start)}[\\s\\S]{${middle}}${escape(end)}$`)) as unknown as string;
}

/** An opaque string (a signature, encrypted reasoning) of `length` characters whose SHA-256 starts with `sha256`. */
export function blob(start: string, length: number, sha256: string): string {
  const matcher = {
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (value: unknown) =>
      typeof value === 'string' && value.startsWith(start) && value.length === length && createHash('sha256').update(value).digest('hex').startsWith(sha256),
    toAsymmetricMatcher: () => `blob(${JSON.stringify(start)}…, ${length} chars, sha256 ${sha256}…)`,
  };
  return matcher as unknown as string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An assistant part as the expectations write it. */
export type Part =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'reasoning'; readonly text: string; readonly signature?: string }
  | { readonly type: 'redacted-reasoning'; readonly data: string }
  | { readonly type: 'tool-call'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown };

/** One choice: its parts in order, how it finished, and the raw JSON of each tool call by id. */
export interface ChoiceSpec {
  readonly content: readonly Part[];
  readonly finishReason: string;
  readonly rawFinishReason: string | null;
  readonly rawInputs?: Readonly<Record<string, string>>;
  /** The text and reasoning when they cannot be read off `content` (a matcher stands for a long part). */
  readonly text?: string;
  readonly reasoning?: string;
  readonly refusal?: string;
  readonly stopDetails?: Readonly<Record<string, unknown>>;
}

/** The facts of the call. */
export interface CallSpec {
  readonly provider: string;
  readonly modelId: string;
  readonly requestId?: string;
  readonly usage?: Usage;
}

/** The whole `Generation` of a call whose choices are `choices` (in index order). */
export function generation(call: CallSpec, ...choices: ChoiceSpec[]): object {
  const built = choices.map((c, index) => choice(c, index));
  const { index: _index, ...first } = built[0]!;
  return {
    ...first,
    ...(call.usage ? { usage: call.usage } : {}),
    choices: built,
    provider: call.provider,
    modelId: call.modelId,
    ...(call.requestId ? { requestId: call.requestId } : {}),
    message: { role: 'assistant', content: choices[0]!.content },
  };
}

function choice(c: ChoiceSpec, index: number): Record<string, unknown> {
  const texts = c.content.flatMap((p) => (p.type === 'text' ? [p.text] : []));
  const reasonings = c.content.flatMap((p) => (p.type === 'reasoning' ? [p.text] : []));
  return {
    index,
    text: c.text ?? join(texts, 'text'),
    finishReason: c.finishReason,
    rawFinishReason: c.rawFinishReason,
    content: c.content,
    toolCalls: c.content.flatMap((p) => {
      if (p.type !== 'tool-call') return [];
      const rawInput = c.rawInputs?.[p.toolCallId];
      if (rawInput === undefined) throw new Error(`expectation: no raw input for tool call ${p.toolCallId}`);
      return [{ toolCallId: p.toolCallId, toolName: p.toolName, input: p.input, rawInput }];
    }),
    reasoning: c.reasoning ?? join(reasonings, 'reasoning'),
    ...(c.refusal !== undefined ? { refusal: c.refusal } : {}),
    ...(c.stopDetails !== undefined ? { stopDetails: c.stopDetails } : {}),
  };
}

/** Plain strings joined; a single matcher stands as it is; several parts with a matcher need the joined value given. */
function join(parts: readonly string[], what: string): string {
  if (parts.length === 1) return parts[0]!;
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  throw new Error(`expectation: give the joined ${what} of several long parts`);
}
