// The texts of a turn beyond the reply repertoire: the thinking that comes before an answer, the answer to
// tool results (quoting each), and the object JSON mode returns.
import { isPlainObject } from '../../core/validate.js';
import { Picker } from '../repertoire/picker.js';
import type { ToolResult, TurnRequest } from './turn-request.js';

const OPENERS = ['Let me think about this.', 'Okay, let me work through this.', 'Let me consider what is being asked.', 'Alright, thinking it through.'];
const CLOSERS = [
  'A clear, direct answer should work best.', "I'll keep the answer concise and useful.", 'I should answer plainly and check the details.',
  "I'll structure the answer so it is easy to follow.", 'The simplest accurate answer is the right one here.',
];
const AFTER_RESULTS = ['Let me know if you need anything else.', 'I hope that helps.', 'Want me to look into anything else?', ''];

/** The first `words` words of `text`, without trailing punctuation. */
function gist(text: string, words: number): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  const head = all.slice(0, words).join(' ').replace(/[\s.,;:!?]+$/, '');
  return all.length > words ? `${head}...` : head;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinNames(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)!}`;
}

/** The visible reasoning of a turn: what was asked, the plan (tools, results, JSON, images), a closing thought. */
export function thinkingText(seed: string, request: TurnRequest, toolNames: readonly string[]): string {
  const pick = new Picker(`${seed}\nthinking`);
  const parts = [pick.pick(OPENERS)];
  if (request.prompt.trim() !== '') parts.push(`The user wrote: "${gist(request.prompt, 12)}".`);
  if (request.images.length > 0) parts.push(request.images.length === 1 ? 'There is an image attached, so I should mention what I received.' : `There are ${request.images.length} images attached.`);
  if (toolNames.length > 0) {
    parts.push(`The ${joinNames(toolNames)} ${toolNames.length === 1 ? 'tool fits' : 'tools fit'} this request, so I should call ${toolNames.length === 1 ? 'it' : 'them'} with the details from the message.`);
  } else if (request.toolResults.length > 0) {
    parts.push(`The results from ${joinNames([...new Set(request.toolResults.map((r) => r.name))])} are in, so I can answer from them.`);
  }
  if (request.outputFormat !== undefined) parts.push('The answer must be JSON that follows the requested format.');
  parts.push(pick.pick(CLOSERS));
  return parts.join(' ');
}

/** A short quote of a tool result: whitespace collapsed, at most about 100 characters, cut at a word. */
function quote(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  if (flat.length <= 100) return flat;
  const cut = flat.slice(0, 100);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 100)}...`;
}

function resultSentence(result: ToolResult): string {
  const text = result.content.trim() === '' ? '(no content)' : `"${quote(result.content)}"`;
  return result.isError ? `The ${result.name} tool reported an error: ${text}.` : `The ${result.name} tool says: ${text}.`;
}

/** The answer to tool results: one sentence quoting each, then maybe a closing line. */
export function toolResultsText(seed: string, results: readonly ToolResult[]): string {
  const pick = new Picker(`${seed}\nresults`);
  const intro = results.length > 1 ? ['Here is what the tools returned.'] : [];
  return [...intro, ...results.map(resultSentence), pick.pick(AFTER_RESULTS)].filter((s) => s !== '').join(' ');
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;
const QUOTED_KEY = /["'`“]([^"'`”\n]{1,42})["'`”]/g;

/** A schema guessed from a key name: counts and ages are integers, `is_`/`has_` booleans, plurals lists. */
function guessSchema(key: string): Record<string, unknown> {
  const k = key.toLowerCase();
  if (/^(is|has|can|should)[_A-Z]|^(enabled|active|valid|done)$/.test(key) || /^(is|has)_/.test(k)) return { type: 'boolean' };
  if (/(count|age|year|number|total|quantity|score|rating|id)$/.test(k)) return { type: 'integer' };
  if (/(price|amount|temperature|percent)/.test(k)) return { type: 'number' };
  if (k.endsWith('s') && !k.endsWith('ss')) return { type: 'array', items: { type: 'string' } };
  return { type: 'string' };
}

/**
 * The schema JSON mode (`response_format: { type: 'json_object' }`) fills: the keys the prompt quotes
 * (`"name"`, `'age'`, `` `tags` ``), typed by their names; undefined when it quotes none (the reply then is
 * `{"answer": "..."}`).
 */
export function jsonObjectSchema(prompt: string): Record<string, unknown> | undefined {
  const keys = [...new Set([...prompt.matchAll(QUOTED_KEY)].map((m) => m[1]!).filter((k) => IDENTIFIER.test(k) && k.toLowerCase() !== 'json'))];
  if (keys.length === 0) return undefined;
  return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, guessSchema(k)])), required: keys };
}

/**
 * The JSON Schema a prompt's instructions state (`... JSON Schema:` followed by the schema, as rxllm's JSON
 * mode writes it), or undefined: a model told to answer JSON matching a schema does.
 */
export function instructedSchema(instructions: string): Record<string, unknown> | undefined {
  const at = instructions.search(/JSON Schema:\s*\{/);
  if (at < 0) return undefined;
  const rest = instructions.slice(instructions.indexOf('{', at));
  for (let end = rest.lastIndexOf('}'); end > 0; end = rest.lastIndexOf('}', end - 1)) {
    try {
      const schema = JSON.parse(rest.slice(0, end + 1)) as unknown;
      return isPlainObject(schema) ? schema : undefined;
    } catch {
      // a shorter prefix may be the schema
    }
  }
  return undefined;
}
