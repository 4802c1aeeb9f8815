// The `long` kind: a story ("story", "tale") or an essay (anything else), written paragraph by paragraph from
// seeded sentence pools until it is as long as asked: close to `max_tokens` when the request sets it, a few
// hundred tokens when not, fewer for "short"/"brief". It always ends with its closing paragraph, inside the
// budget — unless the budget is too small even for the opening and the closing, and the reply is then cut at
// `max_tokens` like any other.
import { countTokens } from '../tokenizer.js';
import { ESSAY_BODY, ESSAY_ENDINGS, ESSAY_FIRST_POINTS, ESSAY_OPENINGS, ESSAY_POINTS } from './essay-text.js';
import { capitalize, type Picker } from './picker.js';
import {
  FRIENDS,
  HEROES,
  LANDMARKS,
  OBJECTS,
  PLACES,
  ROLES,
  STORY_ENDINGS,
  STORY_MIDDLE,
  STORY_OPENINGS,
  STORY_TRANSITIONS,
} from './story-text.js';

/** The longest `long` reply, in tokens, however large `max_tokens` is. */
export const LONG_REPLY_MAX_TOKENS = 8192;

/** How many tokens a long reply aims at (see the top of this file). */
export function longReplyTarget(pick: Picker, prompt: string, maxTokens: number | undefined): number {
  const wanted = /\b(?:short|brief|quick)\b/i.test(prompt) ? pick.int(120, 200) : (maxTokens ?? pick.int(300, 500));
  return Math.min(wanted, maxTokens ?? wanted, LONG_REPLY_MAX_TOKENS);
}

/** A story or an essay of about `target` tokens. */
export function longReply(pick: Picker, prompt: string, target: number): string {
  return /\b(?:story|stories|tale)\b/i.test(prompt) ? story(pick, target) : essay(pick, prompt, target);
}

type Slots = Readonly<Record<string, string>>;

/** Fills `{key}` with `slots[key]`, and `{Key}` with it capitalised. */
function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = slots[key.toLowerCase()];
    if (value === undefined) return whole;
    return key.charAt(0) === key.charAt(0).toUpperCase() ? capitalize(value) : value;
  });
}

function story(pick: Picker, target: number): string {
  const landmark = pick.bag(LANDMARKS);
  const base = { ...pick.pick(HEROES), role: pick.pick(ROLES), ...pick.pick(PLACES), ...pick.pick(OBJECTS), ...pick.pick(FRIENDS) };
  const write = (template: string): string => fill(template, { ...base, landmark: landmark() });
  const middle = pick.bag(STORY_MIDDLE);
  const transition = pick.bag(STORY_TRANSITIONS);
  return paragraphs(pick, target, {
    opening: STORY_OPENINGS.map((choices) => write(pick.pick(choices))),
    closing: [...STORY_ENDINGS.filter(() => pick.chance(0.75)), 'The end.'].map(write),
    paragraphStart: () => write(transition()),
    sentence: () => write(middle()),
  });
}

/** What an essay is about: the words after "about"/"on"/"regarding" (at most 8, seen from the reader's side). */
export function essayTopic(prompt: string): string | undefined {
  const words = /\b(?:about|on|regarding)\s+([^.?!\n]+)/i.exec(prompt)?.[1]?.trim().split(/\s+/).slice(0, 8);
  if (words === undefined || words.length === 0) return undefined;
  const reader: Slots = { i: 'you', me: 'you', my: 'your', mine: 'yours', our: 'your', we: 'you', us: 'you' };
  return words.map((w) => reader[w.toLowerCase()] ?? w).join(' ').replace(/[,;:]+$/, '');
}

function essay(pick: Picker, prompt: string, target: number): string {
  const slots = { topic: essayTopic(prompt) ?? 'the subject' };
  const body = pick.bag(ESSAY_BODY);
  const points = pick.bag(ESSAY_POINTS);
  let paragraph = 0;
  return paragraphs(pick, target, {
    opening: ESSAY_OPENINGS.map((choices) => fill(pick.pick(choices), slots)),
    closing: ESSAY_ENDINGS.map((s) => fill(s, slots)),
    paragraphStart: () => ESSAY_FIRST_POINTS[paragraph++] ?? points(),
    sentence: () => fill(body(), slots),
  });
}

interface Paragraphs {
  readonly opening: readonly string[];
  readonly closing: readonly string[];
  readonly paragraphStart: () => string;
  readonly sentence: () => string;
}

/** How many drawn sentences may fail to fit before a long reply gives up filling its budget. */
const MISSES = 8;

/**
 * The opening paragraph, middle paragraphs of 3 to 6 sentences while they fit (a sentence too long for what
 * is left gives way to another, a few times), then the closing paragraph: at most `target` tokens in all
 * (unless the opening and closing alone are longer). Each piece starts with whitespace and the text before it
 * ends with a word or a mark, so token counts simply add up.
 */
function paragraphs(pick: Picker, target: number, parts: Paragraphs): string {
  const closing = `\n\n${parts.closing.join(' ')}`;
  const budget = target - countTokens(closing);
  let text = parts.opening.join(' ');
  let used = countTokens(text);
  let left = 0; // sentences still to write in the current paragraph (0: start a new one)
  let paragraph = { at: text.length, used, sentences: parts.opening.length }; // where the current one begins
  for (let misses = 0; misses < MISSES; ) {
    const starting = left === 0;
    const piece = starting ? `\n\n${parts.paragraphStart()}` : ` ${parts.sentence()}`;
    const cost = countTokens(piece);
    if (used + cost > budget) {
      misses++;
      left = Math.max(left, 1); // no room for a new paragraph: try to finish the current one
      continue;
    }
    if (starting) paragraph = { at: text.length, used, sentences: 0 };
    text += piece;
    used += cost;
    paragraph.sentences++;
    left = starting ? pick.int(2, 5) : left - 1;
  }
  // A paragraph of its opening sentence alone reads oddly: leave it out.
  if (paragraph.sentences === 1) text = text.slice(0, paragraph.at);
  return text + closing;
}
