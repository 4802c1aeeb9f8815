/**
 * A stream's frames laid out on token steps: `head` goes out right after the response headers, `steps[s]` after
 * token step s's delay (the frames that come just before token s, such as a new content block's start, then
 * the token itself), `tail` after the last token. Faults count token steps (`after=k`).
 */
export interface Timeline {
  readonly head: readonly string[];
  readonly steps: readonly (readonly string[])[];
  readonly tail: readonly string[];
}

/** Builds a `Timeline` frame by frame. */
export class TimelineBuilder {
  private readonly head: string[] = [];
  private readonly steps: string[][] = [];
  private pending: string[] = [];

  /** Frames sent first, before anything else. */
  start(...frames: string[]): this {
    this.head.push(...frames);
    return this;
  }

  /** Frames that go out with the next token (before the first token: with the head; after the last: the tail). */
  frame(...frames: string[]): this {
    this.pending.push(...frames);
    return this;
  }

  /** One token's frame: a step. */
  token(frame: string): this {
    if (this.steps.length === 0) this.head.push(...this.pending);
    this.steps.push(this.steps.length === 0 ? [frame] : [...this.pending, frame]);
    this.pending = [];
    return this;
  }

  build(): Timeline {
    return { head: this.head, steps: this.steps, tail: this.pending };
  }
}

/** Several choices' timelines interleaved: step s carries step s of every choice that has one. */
export function mergeTimelines(timelines: readonly Timeline[]): Timeline {
  const steps = Math.max(0, ...timelines.map((t) => t.steps.length));
  return {
    head: timelines.flatMap((t) => t.head),
    steps: Array.from({ length: steps }, (_, s) => timelines.flatMap((t) => t.steps[s] ?? [])),
    tail: timelines.flatMap((t) => t.tail),
  };
}

/** `build`, run once, on first use: a JSON response never pays for its stream frames. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
