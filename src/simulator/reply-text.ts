import { hashString, seededRandom } from './seeded-random.js';
import { tokenize } from './tokenizer.js';

const SUBJECTS = ['The simulated model', 'A steady stream', 'Every reply', 'The quiet river', 'Each token', 'This answer', 'A careful test', 'The observable'];
const VERBS = ['carries', 'arrives with', 'waits for', 'follows', 'composes', 'brings', 'keeps', 'remembers'];
const OBJECTS = ['small honest words', 'the light of the prompt', 'a calm and steady pace', 'tokens in order', 'its seeded rhythm', 'a polite retry', 'the limits of the day', 'every careful test'];
const ENDINGS = ['.', '.', '.', '!', ', and then it rests.', ' before the stream ends.'];

/** How a planned reply ended: naturally, at the token limit, or at a stop sequence. */
export type ReplyFinish = 'natural' | 'length' | 'stop';

/** The text one choice will carry, already cut by max tokens / stop sequences, and its tokens. */
export interface PlannedReply {
  readonly text: string;
  readonly tokens: readonly string[];
  readonly finish: ReplyFinish;
  /** The stop sequence that ended the reply (finish `stop`), else null. */
  readonly stopSequence: string | null;
}

/** Deterministic text for a seed string: two or three short sentences (about 15-35 tokens). */
export function seededReplyText(seed: string): string {
  const random = seededRandom(hashString(seed));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentences: string[] = [];
  const count = 2 + Math.floor(random() * 2);
  for (let s = 0; s < count; s++) sentences.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}${pick(ENDINGS)}`);
  return sentences.join(' ');
}

/**
 * Cuts `fullText` as a model generating token by token would: at the earliest stop sequence that is complete
 * within the first `maxTokens` tokens (finish `stop`, the sequence itself is not included), else after
 * `maxTokens` tokens (finish `length`), else the whole text (finish `natural`).
 */
export function planReply(fullText: string, maxTokens: number | undefined, stops: readonly string[]): PlannedReply {
  const allTokens = tokenize(fullText);
  const limited = maxTokens !== undefined && allTokens.length > maxTokens ? allTokens.slice(0, maxTokens) : allTokens;
  const reachable = limited.join('').length;
  let best: { at: number; stop: string } | undefined;
  for (const stop of stops) {
    if (stop === '') continue;
    const at = fullText.indexOf(stop);
    if (at >= 0 && at + stop.length <= reachable && (best === undefined || at < best.at)) best = { at, stop };
  }
  if (best !== undefined) {
    const text = fullText.slice(0, best.at);
    return { text, tokens: tokenize(text), finish: 'stop', stopSequence: best.stop };
  }
  const finish: ReplyFinish = limited.length < allTokens.length ? 'length' : 'natural';
  return { text: limited.join(''), tokens: limited, finish, stopSequence: null };
}
