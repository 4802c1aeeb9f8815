import { hashString, seededRandom } from '../seeded-random.js';

/** Seeded choices for the reply repertoire: the same seed string always makes the same choices. */
export class Picker {
  private readonly random: () => number;

  constructor(seed: string) {
    this.random = seededRandom(hashString(seed));
  }

  /** One item of `list`. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.random() < p;
  }

  /** `count` distinct items of `list` (at most all of them), in a seeded order. */
  sample<T>(list: readonly T[], count: number): T[] {
    return this.shuffle(list).slice(0, count);
  }

  /** A seeded permutation of `list`. */
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /**
   * An endless supply of `list`'s items: each round is a fresh shuffle, and a round never starts with the item
   * the previous one ended with, so no item comes twice in a row.
   */
  bag<T>(list: readonly T[]): () => T {
    let round: T[] = [];
    let last: T | undefined;
    return () => {
      if (round.length === 0) {
        round = this.shuffle(list);
        if (round.length > 1 && round[round.length - 1] === last) round.unshift(round.pop() as T);
      }
      last = round.pop() as T;
      return last;
    };
  }
}

/** `text` with its first letter upper-cased. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins sentences with single spaces, dropping empty ones. */
export function sentences(...parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}
