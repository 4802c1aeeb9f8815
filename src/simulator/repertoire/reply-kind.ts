/**
 * The simulator's prompt classifier: which kind of reply a prompt gets, from a few case-insensitive keywords
 * of the text (the last user message; a legacy completion's prompt). The first rule that matches wins.
 *
 * | Kind | When | Reply |
 * | --- | --- | --- |
 * | `code` | code, function, snippet, program, implement, regex, or a language (python, sql, bash...) | a sentence, a fenced code block, a sentence |
 * | `list` | list, steps, step by step, bullet points, tips, ideas, ways to | an intro and a numbered (steps) or bulleted list |
 * | `long` | story, tale, essay, article, long, in detail | paragraphs, up to `max_tokens` ("short": a short one) |
 * | `joke` | joke | a one-liner |
 * | `small-talk` | hi, hello, how are you, thanks, bye... with at most 3 other words | a conversational answer |
 * | `question` | ends with "?" or starts with what, why, how, can, is... | an answer-shaped reply |
 * | `statement` | anything else | a short reply |
 */
export type ReplyKind = 'code' | 'list' | 'long' | 'joke' | 'small-talk' | 'question' | 'statement';

const CODE = /\b(?:code|function|snippet|program|implement|regex|sql|python|javascript|typescript|bash|shell)\b/i;
const LIST = /\b(?:list|steps|step by step|bullet points?|tips|ideas|ways to)\b/i;
const LONG = /\b(?:story|stories|tale|essay|article|long|in detail)\b/i;
const JOKE = /\bjokes?\b/i;
const QUESTION_START = /^(?:what|why|how|when|where|who|which|can|could|would|should|is|are|do|does|did|will)\b/i;

/** Greetings, "how are you", thanks and farewells; what `smallTalkReply` answers. */
export const SMALL_TALK = {
  greeting: /\b(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))\b/i,
  howAreYou: /\b(?:how are (?:you|things)(?: doing)?(?: today)?|how(?:'s| is) it going|how do you do|what's up)\b/i,
  thanks: /\b(?:thanks|thank you|thx|cheers)\b/i,
  farewell: /\b(?:bye|goodbye|good night|see you(?: later)?)\b/i,
} as const;

/** The small-talk phrases, global: `isSmallTalk` blanks every one of them out. */
const SMALL_TALK_ALL = Object.values(SMALL_TALK).map((pattern) => new RegExp(pattern.source, 'gi'));

/** True when `text` is small talk: it has a small-talk phrase, and at most 3 other words. */
function isSmallTalk(text: string): boolean {
  let rest = text;
  let found = false;
  for (const pattern of SMALL_TALK_ALL) {
    rest = rest.replace(pattern, () => {
      found = true;
      return ' ';
    });
  }
  return found && (rest.match(/[\p{L}\p{N}']+/gu) ?? []).length <= 3;
}

/** The kind of reply `prompt` gets (see the table above). */
export function classifyPrompt(prompt: string): ReplyKind {
  const text = prompt.trim();
  if (CODE.test(text)) return 'code';
  if (LIST.test(text)) return 'list';
  if (LONG.test(text)) return 'long';
  if (JOKE.test(text)) return 'joke';
  if (isSmallTalk(text)) return 'small-talk';
  if (text.endsWith('?') || QUESTION_START.test(text)) return 'question';
  return 'statement';
}
