import { codeReply } from './repertoire/code-reply.js';
import { listReply } from './repertoire/list-reply.js';
import { longReply, longReplyTarget } from './repertoire/long-reply.js';
import { Picker } from './repertoire/picker.js';
import { classifyPrompt } from './repertoire/reply-kind.js';
import { jokeReply, questionReply, smallTalkReply, statementReply } from './repertoire/short-replies.js';
import { tokenize } from './tokenizer.js';

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

/** What a seeded reply answers. */
export interface ReplyRequest {
  /** The text whose kind the reply takes: the last user message, or a legacy completion's prompt. */
  readonly prompt: string;
  /** The request's `max_tokens`: long replies fill up to it. */
  readonly maxTokens?: number | undefined;
}

/**
 * Deterministic text for a seed string, of the kind `request.prompt` asks for (see `classifyPrompt` in
 * repertoire/reply-kind.ts): small talk, an answer, a list, a code block, a long story or essay, a joke, or
 * a short reply. The same seed and request always give the same text.
 */
export function seededReplyText(seed: string, request: ReplyRequest = { prompt: '' }): string {
  const pick = new Picker(seed);
  const { prompt } = request;
  switch (classifyPrompt(prompt)) {
    case 'code': return codeReply(pick, prompt);
    case 'list': return listReply(pick, prompt);
    case 'long': return longReply(pick, prompt, longReplyTarget(pick, prompt, request.maxTokens));
    case 'joke': return jokeReply(pick);
    case 'small-talk': return smallTalkReply(pick, prompt);
    case 'question': return questionReply(pick, prompt);
    case 'statement': return statementReply(pick);
  }
}

/**
 * Cuts `fullText` as a model generating token by token would: at the earliest stop sequence that is complete
 * within the first `maxTokens` tokens (finish `stop`, the sequence itself is not included), else after
 * `maxTokens` tokens (finish `length`), else the whole text (finish `natural`). `split` cuts the text into
 * tokens (`tokenizeJson` for JSON output).
 */
export function planReply(
  fullText: string, maxTokens: number | undefined, stops: readonly string[], split: (text: string) => string[] = tokenize,
): PlannedReply {
  const allTokens = split(fullText);
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
    return { text, tokens: split(text), finish: 'stop', stopSequence: best.stop };
  }
  const finish: ReplyFinish = limited.length < allTokens.length ? 'length' : 'natural';
  return { text: limited.join(''), tokens: limited, finish, stopSequence: null };
}
