// A string matching a simple regular expression (a JSON Schema `pattern`): literals, escapes (\d \w \s and
// escaped punctuation), `.`, character classes with ranges, groups, alternation and quantifiers (? * + {n}
// {n,} {n,m}). Lookarounds, back-references and the like are not supported: the caller then falls back to an
// ordinary string. The result is checked against the pattern itself before it is used.
import type { Picker } from './repertoire/picker.js';

type Node =
  | { readonly kind: 'chars'; readonly chars: string }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly options: readonly Node[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const WORD = `${LOWER}${LOWER.toUpperCase()}${DIGITS}_`;
const ANY = `${WORD} -.`;
const ESCAPES: Readonly<Record<string, string>> = { d: DIGITS, w: WORD, s: ' ', n: '\n', t: '\t' };

class Unsupported extends Error {}

class PatternParser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.src.length) throw new Unsupported();
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const c = this.src[this.at]!;
      if (c === '^' || c === '$') {
        this.at++;
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node {
    const c = this.src[this.at++]!;
    if (c === '(') {
      if (this.src[this.at] === '?') {
        if (this.src[this.at + 1] !== ':') throw new Unsupported();
        this.at += 2;
      }
      const inner = this.alternation();
      if (this.src[this.at++] !== ')') throw new Unsupported();
      return inner;
    }
    if (c === '[') return { kind: 'chars', chars: this.charClass() };
    if (c === '.') return { kind: 'chars', chars: ANY };
    if (c === '\\') return { kind: 'chars', chars: this.escape() };
    if ('*+?{'.includes(c)) throw new Unsupported();
    return { kind: 'chars', chars: c };
  }

  private escape(): string {
    const e = this.src[this.at++];
    if (e === undefined || /[0-9bBkpPuxc]/.test(e)) throw new Unsupported();
    if (e === 'D' || e === 'W' || e === 'S') return e === 'D' ? LOWER : e === 'W' ? '-' : 'x';
    return ESCAPES[e] ?? e;
  }

  private charClass(): string {
    const negated = this.src[this.at] === '^';
    if (negated) this.at++;
    let chars = '';
    while (this.at < this.src.length && (this.src[this.at] !== ']' || chars === '')) {
      let c = this.src[this.at++]!;
      if (c === '\\') c = this.escape();
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && this.src[this.at + 1] !== undefined && c.length === 1) {
        this.at++;
        let end = this.src[this.at++]!;
        if (end === '\\') end = this.escape();
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0) && code - c.charCodeAt(0) < 200; code++) chars += String.fromCharCode(code);
      } else {
        chars += c;
      }
    }
    if (this.src[this.at++] !== ']') throw new Unsupported();
    if (!negated) return chars;
    const allowed = [...ANY].filter((ch) => !chars.includes(ch)).join('');
    if (allowed === '') throw new Unsupported();
    return allowed;
  }

  private quantified(node: Node): Node {
    const c = this.src[this.at];
    let min = 1;
    let max = 1;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, 3];
    else if (c === '+') [min, max] = [1, 3];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (m === null) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? min + 3 : Number(m[3]);
      if (min > 100) throw new Unsupported();
      this.at += m[0].length - 1;
    } else {
      return node;
    }
    this.at++;
    if (this.src[this.at] === '?') this.at++;
    return { kind: 'repeat', node, min, max: Math.max(min, max) };
  }
}

function generate(node: Node, pick: Picker): string {
  switch (node.kind) {
    case 'chars': return pick.pick([...node.chars]);
    case 'seq': return node.items.map((n) => generate(n, pick)).join('');
    case 'alt': return generate(pick.pick(node.options), pick);
    case 'repeat': {
      let out = '';
      for (let i = pick.int(node.min, Math.min(node.max, node.min + 3)); i > 0; i--) out += generate(node.node, pick);
      return out;
    }
  }
}

/** A string of `min`..`max` characters matching `pattern`, or undefined when that cannot be made simply. */
export function patternString(pattern: string, pick: Picker, min: number, max: number): string | undefined {
  let node: Node;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
    node = new PatternParser(pattern).parse();
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const out = generate(node, pick);
    if (out.length >= min && out.length <= max && regex.test(out)) return out;
  }
  return undefined;
}
