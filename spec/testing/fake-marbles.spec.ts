import { InvalidArgumentError } from '../../src/errors/index.js';
import { parseMarbles } from '../../src/testing/fake-marbles.js';

describe('parseMarbles', () => {
  it('follows TestScheduler.run rules: frames per character, groups, spaces, time progression', () => {
    expect(parseMarbles('-a-(bc)-|', 'm')).toEqual([
      { frame: 1, kind: 'value', char: 'a' },
      { frame: 3, kind: 'value', char: 'b' },
      { frame: 3, kind: 'value', char: 'c' },
      { frame: 8, kind: 'complete', char: '|' },
    ]);
    expect(parseMarbles(' a 10ms b #', 'm')).toEqual([
      { frame: 0, kind: 'value', char: 'a' },
      { frame: 11, kind: 'value', char: 'b' },
      { frame: 12, kind: 'error', char: '#' },
    ]);
  });

  it('stops at the terminal and rejects ^, ! and unbalanced groups', () => {
    expect(parseMarbles('a|b', 'm')).toHaveLength(2);
    for (const bad of ['^a|', 'a!', '(ab', 'a)']) expect(() => parseMarbles(bad, 'm')).toThrow(InvalidArgumentError);
  });
});
