// The conversation as the page shows it: a list of turns, updated by one small reducer (used with `scan`).

/** Where an answer is: still streaming, or how it ended. */
export type TurnState = 'streaming' | 'done' | 'stopped' | 'cancelled' | 'failed';

/** One prompt and its answer. */
export interface Turn {
  readonly id: number;
  readonly prompt: string;
  /** The answer so far. */
  readonly text: string;
  readonly state: TurnState;
  /** Why it failed (`state: 'failed'`). */
  readonly error?: string;
}

/** A change to the transcript. */
export type TurnUpdate =
  | { readonly kind: 'start'; readonly id: number; readonly prompt: string }
  | { readonly kind: 'text'; readonly id: number; readonly text: string }
  | { readonly kind: 'end'; readonly id: number; readonly state: 'done' | 'stopped' | 'failed'; readonly error?: string };

/**
 * Applies one update. A new turn cancels the one still streaming (a new prompt replaces the answer in
 * flight); a turn that has ended keeps its end (a `stopped` after `done` changes nothing).
 */
export function applyUpdate(turns: readonly Turn[], update: TurnUpdate): readonly Turn[] {
  if (update.kind === 'start') {
    const ended = turns.map((turn) => (turn.state === 'streaming' ? { ...turn, state: 'cancelled' as const } : turn));
    return [...ended, { id: update.id, prompt: update.prompt, text: '', state: 'streaming' }];
  }
  return turns.map((turn) => {
    if (turn.id !== update.id || turn.state !== 'streaming') return turn;
    if (update.kind === 'text') return { ...turn, text: update.text };
    return { ...turn, state: update.state, ...(update.error !== undefined ? { error: update.error } : {}) };
  });
}
