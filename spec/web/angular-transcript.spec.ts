// The Angular example's transcript reducer (examples/angular/src/app/transcript.ts, plain TypeScript):
// how a turn starts, streams and ends, and that an ended turn keeps its ending.
import { applyUpdate, type Turn, type TurnUpdate } from '../../examples/angular/src/app/transcript.js';

const run = (updates: readonly TurnUpdate[]): readonly Turn[] => updates.reduce(applyUpdate, [] as readonly Turn[]);

describe('Angular example transcript (applyUpdate)', () => {
  it('a turn starts empty and streaming, takes the text so far, and ends done', () => {
    expect(run([{ kind: 'start', id: 0, prompt: 'Hi' }])).toEqual([{ id: 0, prompt: 'Hi', text: '', state: 'streaming' }]);
    expect(
      run([
        { kind: 'start', id: 0, prompt: 'Hi' },
        { kind: 'text', id: 0, text: 'Hel' },
        { kind: 'text', id: 0, text: 'Hello' },
        { kind: 'end', id: 0, state: 'done' },
      ]),
    ).toEqual([{ id: 0, prompt: 'Hi', text: 'Hello', state: 'done' }]);
  });

  it('a new turn cancels the one still streaming; an ended one is left as it was', () => {
    const turns = run([
      { kind: 'start', id: 0, prompt: 'one' },
      { kind: 'end', id: 0, state: 'done' },
      { kind: 'start', id: 1, prompt: 'two' },
      { kind: 'text', id: 1, text: 'Tw' },
      { kind: 'start', id: 2, prompt: 'three' },
    ]);
    expect(turns.map((t) => [t.id, t.state, t.text])).toEqual([
      [0, 'done', ''],
      [1, 'cancelled', 'Tw'],
      [2, 'streaming', ''],
    ]);
  });

  it('keeps the first ending: stopped after done (or failed) changes nothing, and so does late text', () => {
    expect(run([{ kind: 'start', id: 0, prompt: 'p' }, { kind: 'end', id: 0, state: 'done' }, { kind: 'end', id: 0, state: 'stopped' }])[0]?.state).toBe('done');
    const failed = run([
      { kind: 'start', id: 0, prompt: 'p' },
      { kind: 'text', id: 0, text: 'partial' },
      { kind: 'end', id: 0, state: 'failed', error: 'RateLimitError: too many requests' },
      { kind: 'end', id: 0, state: 'stopped' },
      { kind: 'text', id: 0, text: 'partial and more' },
    ]);
    expect(failed).toEqual([{ id: 0, prompt: 'p', text: 'partial', state: 'failed', error: 'RateLimitError: too many requests' }]);
  });

  it('does not change the list it is given', () => {
    const before = run([{ kind: 'start', id: 0, prompt: 'p' }]);
    const copy = structuredClone(before);
    applyUpdate(before, { kind: 'text', id: 0, text: 'x' });
    applyUpdate(before, { kind: 'start', id: 1, prompt: 'q' });
    expect(before).toEqual(copy);
  });
});
