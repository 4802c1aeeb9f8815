import { UsageError } from '../../src/cli/cli-io.js';
import { parseFlags } from '../../src/cli/parse-flags.js';

const specs = {
  port: { type: 'number' as const, short: 'p', integer: true, min: 0, max: 65535 },
  rate: { type: 'number' as const, min: 0 },
  host: { type: 'string' as const },
  help: { type: 'boolean' as const },
};

describe('parseFlags', () => {
  it('reads strings, numbers (both --x=v and --x v forms), short flags and switches', () => {
    expect(parseFlags(['--port', '80', '--host=0.0.0.0', '--rate', '2.5', '--help'], specs)).toEqual({ port: 80, host: '0.0.0.0', rate: 2.5, help: true });
    expect(parseFlags(['-p', '9'], specs)).toEqual({ port: 9 });
    expect(parseFlags([], specs)).toEqual({});
  });

  it.each([
    [['--nope'], 'nope'],
    [['--port'], 'port'],
    [['--port', 'x'], '--port expects an integer between 0 and 65535'],
    [['--port', '1.5'], '--port expects an integer'],
    [['--rate=-1'], '--rate expects a number >= 0'],
    [['--rate', '-1'], '--rate: ambiguous value (it starts with "-"): write --rate=VALUE'],
    [['stray'], 'unexpected argument "stray"'],
  ])('%j is a UsageError mentioning %s', (argv, text) => {
    expect(() => parseFlags(argv, specs)).toThrow(UsageError);
    expect(() => parseFlags(argv, specs)).toThrow(text);
  });
});

describe('parseFlags: one clear line for a flag it does not know', () => {
  const message = (argv: string[]): string => {
    try {
      parseFlags(argv, specs);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('expected a UsageError');
  };

  it.each([
    [['--portt', '80'], 'unknown option "--portt"; did you mean "--port"?'],
    [['--Host=x'], 'unknown option "--Host"; did you mean "--host"?'],
    [['--frobnicate'], 'unknown option "--frobnicate"'],
    [['-x'], 'unknown option "-x"'],
    [['--port'], '--port needs a value'],
  ])('%j: %s', (argv, text) => {
    expect(message(argv)).toBe(text);
  });
});
