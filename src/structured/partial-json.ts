// The incremental JSON parser behind structured output: text arrives in pieces (model deltas), each character
// is examined once, and snapshot() returns the value so far as a frozen, structurally shared partial object.
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkNumber, checkOptions, describe } from '../core/validate.js';
import { Frame, NO_CHILD } from './partial-json-frame.js';
import { PartialJsonError } from './partial-json-error.js';

export { PartialJsonError } from './partial-json-error.js';
export { extendsPartial } from './extends-partial.js';

/** Options of {@link PartialJsonParser}. */
export interface PartialJsonParserOptions {
  /**
   * Deepest nesting of arrays and objects accepted; one level more is a `PartialJsonError`. Bounds the stack
   * and the work of a snapshot on hostile input.
   * @default 512
   */
  readonly maxDepth?: number;
}

const OPTION_NAMES: KnownKeys<PartialJsonParserOptions> = { maxDepth: true };

// Parser states.
const VALUE = 0; // a value is expected (top level, after ':' or after ',' in an array)
const ARRAY_FIRST = 1; // after '[': a value or ']'
const ARRAY_NEXT = 2; // after an element: ',' or ']'
const OBJECT_FIRST = 3; // after '{': a key or '}'
const OBJECT_KEY = 4; // after ',' in an object: a key
const COLON = 5; // after a key: ':'
const OBJECT_NEXT = 6; // after a property value: ',' or '}'
const STRING = 7; // inside a string (a key when `inKey`)
const ESCAPE = 8; // after a backslash in a string
const UNICODE = 9; // inside \uXXXX (`hexDigits` read so far)
const NUMBER = 10; // inside a number (`numberState`)
const LITERAL = 11; // inside true, false or null
const DONE = 12; // after the complete top-level value: whitespace only

// Number states (the JSON number grammar); the *_OK ones may end the number.
const N_START = 0; // before the first character ('-' or a digit)
const N_MINUS = 1;
const N_ZERO_OK = 2;
const N_INT_OK = 3;
const N_DOT = 4;
const N_FRAC_OK = 5;
const N_E = 6;
const N_E_SIGN = 7;
const N_EXP_OK = 8;

/** The decoded character of a one-character escape (`\n`...), by the code of the character after the backslash. */
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map(
  Object.entries({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }).map(([k, v]) => [k.charCodeAt(0), v]),
);

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
/** A character for an error message: `"x"` when printable ASCII, else its code point (`U+FEFF`). */
function quoted(ch: string): string {
  const c = ch.charCodeAt(0);
  return c >= 0x20 && c < 0x7f ? JSON.stringify(ch) : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
const isFinalNumberState = (s: number): boolean => s === N_ZERO_OK || s === N_INT_OK || s === N_FRAC_OK || s === N_EXP_OK;

/** The value of a hexadecimal digit's character code, or -1. */
function hexDigit(c: number): number {
  if (isDigit(c)) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * Parses JSON text fed in pieces (a model's deltas), with work linear in the text received: each character is
 * examined once, and {@link PartialJsonParser.snapshot} shows the value so far as a frozen partial object in
 * which each snapshot only extends the previous one (see {@link extendsPartial}):
 *
 * - a string shows from its opening quote and grows; an escape shows once complete, a surrogate pair once
 *   both halves are in (a lone surrogate once it is clear it stays lone, as `JSON.parse` decodes it);
 * - an object key shows once its string is complete and its value shows (a string as `''`, an array or
 *   object as `[]` / `{}`, a number, `true`, `false` or `null` once complete);
 * - a number shows once the character after it arrives (`,` `]` `}` or whitespace; for a top-level number,
 *   also {@link PartialJsonParser.end}): never `1` then `12`; `true`, `false`, `null` once complete;
 * - arrays only grow, and a completed value never changes.
 *
 * The one exception is a duplicate key: the last one wins, as in `JSON.parse`, so the earlier value is
 * replaced (by `''`, `[]`, `{}` or the complete scalar) once the new one shows.
 *
 * Pure JSON (RFC 8259, exactly what `JSON.parse` accepts): no byte order mark, comments or markdown fences
 * (strip a fence before pushing). After a `PartialJsonError` the parser is unusable: `push` and `end` throw it
 * again; `snapshot` still shows what was parsed before the offending character.
 *
 * @example
 * const parser = new PartialJsonParser();
 * parser.push('{"title": "Hel');
 * parser.snapshot(); // { title: 'Hel' }
 * parser.push('lo", "tags": ["a"');
 * parser.snapshot(); // { title: 'Hello', tags: ['a'] }
 * parser.push(', "b"], "n": 4');
 * parser.snapshot(); // { title: 'Hello', tags: ['a', 'b'] } (4 could still become 42)
 * parser.push('2}');
 * parser.done; // true
 * parser.end(); // { title: 'Hello', tags: ['a', 'b'], n: 42 }
 */
export class PartialJsonParser {
  private readonly maxDepth: number;
  private readonly stack: Frame[] = [];
  private state = VALUE;
  /** Characters received in earlier pushes (positions count from the start of the whole text). */
  private offset = 0;
  private error: PartialJsonError | undefined;
  private ended = false;
  private complete = false;
  private root: unknown = undefined;
  /** Whether anything visible changed since the last snapshot; `last` is that snapshot. */
  private changed = false;
  private last: unknown = undefined;
  // The string being read: decoded text shown so far, a held-back high surrogate, and whether it is a key.
  private inKey = false;
  private str = '';
  private pendingHigh = '';
  private hexDigits = 0;
  private hexValue = 0;
  // The number being read: its text from earlier pushes, and its grammar state.
  private numberText = '';
  private numberState = N_START;
  // The literal being read.
  private literal = '';
  private literalValue: unknown = undefined;
  private literalIndex = 0;

  /**
   * @param options `maxDepth` (default 512). A misspelt option name is an `InvalidArgumentError`.
   * @example
   * const parser = new PartialJsonParser({ maxDepth: 64 });
   */
  constructor(options?: PartialJsonParserOptions) {
    checkOptions('options', options);
    checkKnownKeys('options', options, OPTION_NAMES);
    checkNumber('options.maxDepth', options?.maxDepth, { min: 1, integer: true, allowInfinity: true });
    this.maxDepth = options?.maxDepth ?? 512;
  }

  /**
   * True once a complete top-level value has been parsed (a top-level number completes only at the whitespace
   * after it, or at {@link PartialJsonParser.end}); from then on only whitespace may follow.
   *
   * @example
   * const parser = new PartialJsonParser();
   * parser.push('[1]');
   * parser.done; // true
   */
  get done(): boolean {
    return this.complete;
  }

  /**
   * Feeds the next piece of text (any split is fine: inside strings, escapes, surrogate pairs, numbers).
   * Throws `PartialJsonError` as soon as the text can never become valid JSON, including anything but
   * whitespace after a complete top-level value; after that the parser is unusable. O(text.length).
   *
   * @example
   * const parser = new PartialJsonParser();
   * for (const delta of ['{"a":', ' [1, 2', ']}']) parser.push(delta);
   */
  push(text: string): void {
    if (this.error !== undefined) throw this.error;
    if (typeof text !== 'string') throw new InvalidArgumentError('text', `must be a string, got ${describe(text)}`);
    if (this.ended) this.fail('push after end()', this.offset);
    this.parse(text);
    this.offset += text.length;
  }

  /**
   * The value so far, deeply frozen, or `undefined` before any value shows. Structurally shared: a subtree
   * that did not change since the previous snapshot is the same object (`===`), and when nothing visible
   * changed the very same snapshot is returned (O(1)).
   *
   * Cost: a new snapshot copies the open arrays and objects on the path from the root to the value being
   * read (each is a new frozen object; completed containers are built once and shared), so it is
   * proportional to their sizes (number of elements and keys, not text length) plus the depth. For a
   * top-level array of N records growing, that is N pointers per snapshot: take snapshots when you need
   * them (once per push, or throttled), not per character.
   *
   * @example
   * const parser = new PartialJsonParser();
   * parser.push('{"done": [{"id": 1}], "todo": [{"id"');
   * const a = parser.snapshot(); // { done: [{ id: 1 }], todo: [{}] }
   * parser.push(': 2}');
   * const b = parser.snapshot(); // { done: [{ id: 1 }], todo: [{ id: 2 }] }
   * a.done === b.done; // true
   */
  snapshot(): unknown {
    if (!this.changed) return this.last;
    this.changed = false;
    const stack = this.stack;
    let value: unknown;
    if (stack.length === 0) {
      value = this.complete ? this.root : this.state === STRING || this.state === ESCAPE || this.state === UNICODE ? this.str : undefined;
    } else {
      const top = stack[stack.length - 1]!;
      value = top.snapshot(top.openShown ? this.str : NO_CHILD);
      for (let i = stack.length - 2; i >= 0; i--) value = stack[i]!.snapshot(value);
    }
    this.last = value;
    return value;
  }

  /**
   * Ends the input: returns the complete value (what `JSON.parse` returns for the whole text, frozen), or
   * throws `PartialJsonError` (`unexpected end`, at the text's length) when the text stops short. Calling it
   * again returns the same value; `push` after it throws.
   *
   * @example
   * const parser = new PartialJsonParser();
   * parser.push('42');
   * parser.done; // false: more digits could follow
   * parser.end(); // 42
   */
  end(): unknown {
    if (this.error !== undefined) throw this.error;
    if (!this.ended) {
      if (this.state === NUMBER && this.stack.length === 0 && isFinalNumberState(this.numberState)) this.endNumber('', 0);
      if (!this.complete) this.fail('unexpected end', this.offset);
      this.ended = true;
    }
    return this.root;
  }

  private fail(reason: string, position: number): never {
    this.error = new PartialJsonError(reason, position);
    throw this.error;
  }

  private unexpected(expected: string, text: string, i: number): never {
    this.fail(`${expected}, got ${quoted(text[i]!)}`, this.offset + i);
  }

  /** Runs the state machine over `text`: each character is looked at once (a number's terminator twice). */
  private parse(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case STRING: {
          let j = i;
          let c = 0;
          while (j < n && (c = text.charCodeAt(j)) !== 0x22 && c !== 0x5c && c >= 0x20) j++;
          if (j > i) this.addText(i === 0 && j === n ? text : text.slice(i, j));
          if (j === n) return;
          if (c === 0x22) this.endString();
          else if (c === 0x5c) this.state = ESCAPE;
          else this.fail('bad control character in string', this.offset + j);
          i = j + 1;
          break;
        }
        case ESCAPE: {
          const decoded = SIMPLE_ESCAPES.get(text.charCodeAt(i));
          if (decoded !== undefined) {
            this.addText(decoded);
            this.state = STRING;
          } else if (text.charCodeAt(i) === 0x75 /* u */) {
            this.state = UNICODE;
            this.hexDigits = 0;
            this.hexValue = 0;
          } else this.fail(`bad escape ${quoted(text[i]!)}`, this.offset + i);
          i++;
          break;
        }
        case UNICODE: {
          const digit = hexDigit(text.charCodeAt(i));
          if (digit < 0) this.fail(`bad unicode escape ${quoted(text[i]!)}`, this.offset + i);
          this.hexValue = this.hexValue * 16 + digit;
          if (++this.hexDigits === 4) {
            this.addText(String.fromCharCode(this.hexValue));
            this.state = STRING;
          }
          i++;
          break;
        }
        case NUMBER:
          i = this.readNumber(text, i);
          break;
        case LITERAL: {
          if (text.charCodeAt(i) !== this.literal.charCodeAt(this.literalIndex)) this.unexpected(`bad literal (expected ${this.literal})`, text, i);
          i++;
          if (++this.literalIndex === this.literal.length) this.completeValue(this.literalValue);
          break;
        }
        default: {
          const c = text.charCodeAt(i);
          i += isWhitespace(c) ? 1 : this.structural(text, i, c);
        }
      }
    }
  }

  /**
   * A non-whitespace character outside strings, numbers and literals; returns how many characters it used
   * (0 for the first character of a number, which the NUMBER state then reads).
   */
  private structural(text: string, i: number, c: number): number {
    switch (this.state) {
      case VALUE:
        return this.startValue(text, i, c);
      case ARRAY_FIRST:
        if (c !== 0x5d /* ] */) return this.startValue(text, i, c);
        this.closeContainer();
        break;
      case ARRAY_NEXT:
        if (c === 0x2c /* , */) this.state = VALUE;
        else if (c === 0x5d /* ] */) this.closeContainer();
        else this.unexpected("expected ',' or ']' after array element", text, i);
        break;
      case OBJECT_FIRST:
        if (c === 0x7d /* } */) this.closeContainer();
        else if (c === 0x22) this.startString(true);
        else this.unexpected("expected property name or '}'", text, i);
        break;
      case OBJECT_KEY:
        if (c === 0x22) this.startString(true);
        else this.unexpected('expected double-quoted property name', text, i);
        break;
      case COLON:
        if (c === 0x3a /* : */) this.state = VALUE;
        else this.unexpected("expected ':' after property name", text, i);
        break;
      case OBJECT_NEXT:
        if (c === 0x2c) this.state = OBJECT_KEY;
        else if (c === 0x7d) this.closeContainer();
        else this.unexpected("expected ',' or '}' after property value", text, i);
        break;
      default: // DONE
        this.unexpected('unexpected non-whitespace character after JSON value', text, i);
    }
    return 1;
  }

  private startValue(text: string, i: number, c: number): number {
    switch (c) {
      case 0x22:
        this.startString(false);
        return 1;
      case 0x5b: // [
      case 0x7b: // {
        this.openContainer(c === 0x5b, i);
        return 1;
      case 0x74: // t
        return this.startLiteral('true', true);
      case 0x66: // f
        return this.startLiteral('false', false);
      case 0x6e: // n
        return this.startLiteral('null', null);
    }
    if (c !== 0x2d /* - */ && !isDigit(c)) this.unexpected('expected a JSON value', text, i);
    this.state = NUMBER;
    this.numberText = '';
    this.numberState = N_START;
    return 0;
  }

  private startLiteral(word: string, value: unknown): number {
    this.literal = word;
    this.literalValue = value;
    this.literalIndex = 1;
    this.state = LITERAL;
    return 1;
  }

  private openContainer(isArray: boolean, i: number): void {
    if (this.stack.length >= this.maxDepth) this.fail(`nesting deeper than maxDepth (${this.maxDepth})`, this.offset + i);
    this.showChild();
    this.stack.push(new Frame(isArray));
    this.state = isArray ? ARRAY_FIRST : OBJECT_FIRST;
  }

  private closeContainer(): void {
    this.completeValue(this.stack.pop()!.close());
  }

  private startString(inKey: boolean): void {
    this.inKey = inKey;
    this.str = '';
    this.pendingHigh = '';
    this.state = STRING;
    if (!inKey) this.showChild();
  }

  /** A string or container starts in the top frame (or at the top level): it shows from now on. */
  private showChild(): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) {
      top.openShown = true;
      top.dirty = true;
    }
    this.changed = true;
  }

  /** Appends decoded text to the string being read; a trailing high surrogate waits for the next code unit. */
  private addText(piece: string): void {
    if (this.inKey) {
      this.str += piece;
      return;
    }
    let s = this.pendingHigh === '' ? piece : this.pendingHigh + piece;
    if (isHighSurrogate(s.charCodeAt(s.length - 1))) {
      this.pendingHigh = s[s.length - 1]!;
      s = s.slice(0, -1);
    } else this.pendingHigh = '';
    if (s.length === 0) return;
    this.str += s;
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) top.dirty = true;
    this.changed = true;
  }

  private endString(): void {
    if (this.inKey) {
      const top = this.stack[this.stack.length - 1]!;
      top.key = this.str;
      this.state = COLON;
      return;
    }
    const value = this.str + this.pendingHigh;
    this.str = '';
    this.pendingHigh = '';
    this.completeValue(value);
  }

  /**
   * Reads number characters from `i`; returns the index after the last one read (the terminator is left for
   * the container's state). A number at the end of a push stays pending.
   */
  private readNumber(text: string, start: number): number {
    const n = text.length;
    let state = this.numberState;
    for (let i = start; i < n; i++) {
      const c = text.charCodeAt(i);
      const digit = isDigit(c);
      switch (state) {
        case N_START: // the caller saw '-' or a digit
          state = c === 0x2d ? N_MINUS : c === 0x30 ? N_ZERO_OK : N_INT_OK;
          continue;
        case N_MINUS:
          if (!digit) this.unexpected('no number after minus sign', text, i);
          state = c === 0x30 ? N_ZERO_OK : N_INT_OK;
          continue;
        case N_ZERO_OK:
        case N_INT_OK:
          if (digit && state === N_INT_OK) continue;
          if (digit) this.unexpected('unexpected digit after leading zero', text, i);
          if (c === 0x2e /* . */) state = N_DOT;
          else if (c === 0x65 || c === 0x45 /* e E */) state = N_E;
          else return this.endNumber(text.slice(start, i), i);
          continue;
        case N_DOT:
          if (!digit) this.unexpected('unterminated fractional number', text, i);
          state = N_FRAC_OK;
          continue;
        case N_FRAC_OK:
          if (digit) continue;
          if (c === 0x65 || c === 0x45) state = N_E;
          else return this.endNumber(text.slice(start, i), i);
          continue;
        case N_E:
          if (c === 0x2b || c === 0x2d /* + - */) state = N_E_SIGN;
          else if (digit) state = N_EXP_OK;
          else this.unexpected('exponent part is missing a number', text, i);
          continue;
        case N_E_SIGN:
          if (!digit) this.unexpected('exponent part is missing a number', text, i);
          state = N_EXP_OK;
          continue;
        default: // N_EXP_OK
          if (digit) continue;
          return this.endNumber(text.slice(start, i), i);
      }
    }
    this.numberState = state;
    this.numberText += start === 0 ? text : text.slice(start);
    return n;
  }

  /** The number ends before `i` of this push (its grammar state allows it): it completes. */
  private endNumber(tail: string, i: number): number {
    const value = Number(this.numberText + tail);
    this.numberText = '';
    this.completeValue(value);
    return i;
  }

  /** A value is complete: it joins its container, or becomes the top-level result. */
  private completeValue(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.root = value;
      this.complete = true;
      this.state = DONE;
      if (this.last !== value) this.changed = true;
      return;
    }
    if (top.add(value)) this.changed = true;
    this.state = top.isArray ? ARRAY_NEXT : OBJECT_NEXT;
  }
}
