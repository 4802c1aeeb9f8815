import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/** One marble: a value letter, `|` (complete) or `#` (error), at a frame. */
export interface Marble {
  readonly frame: number;
  readonly kind: 'value' | 'complete' | 'error';
  readonly char: string;
}

const TIME = /^(\d+(?:\.\d+)?)(ms|s|m) /;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * Parses a marble diagram with the rules of `TestScheduler.run`: one frame per character, `(...)` groups
 * share the frame of `(`, spaces are ignored, `10ms ` (at the start or after a space) advances 10 frames.
 * Stops at the first `|` or `#`. `^` and `!` are not allowed (a reply starts at its subscription).
 */
export function parseMarbles(marbles: string, argName: string): Marble[] {
  const out: Marble[] = [];
  let frame = 0;
  let groupFrame = -1;
  for (let i = 0; i < marbles.length; i++) {
    const c = marbles.charAt(i);
    const at = groupFrame >= 0 ? groupFrame : frame;
    if (c === ' ') continue;
    if (/\d/.test(c) && (i === 0 || marbles[i - 1] === ' ')) {
      const m = TIME.exec(marbles.slice(i));
      if (m) {
        frame += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '^' || c === '!') throw new InvalidArgumentError(argName, `must not contain "${c}"`);
    if (c === '(') {
      if (groupFrame >= 0) throw new InvalidArgumentError(argName, 'has a nested "("');
      groupFrame = frame;
    } else if (c === ')') {
      if (groupFrame < 0) throw new InvalidArgumentError(argName, 'has ")" without "("');
      groupFrame = -1;
    } else if (c === '|' || c === '#') {
      out.push({ frame: at, kind: c === '|' ? 'complete' : 'error', char: c });
      return out;
    } else if (c !== '-') {
      out.push({ frame: at, kind: 'value', char: c });
    }
    frame++;
  }
  if (groupFrame >= 0) throw new InvalidArgumentError(argName, 'has "(" without ")"');
  return out;
}
