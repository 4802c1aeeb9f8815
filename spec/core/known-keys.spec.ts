import { InvalidArgumentError } from '../../src/errors/index.js';
import { checkKnownKeys, type KnownKeys } from '../../src/core/known-keys.js';

interface Sample {
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  readonly n?: number;
}
const KNOWN: KnownKeys<Sample> = { temperature: true, maxTokens: true, providerOptions: true, n: true };

function thrown(value: unknown, hint?: string): InvalidArgumentError {
  try {
    checkKnownKeys('options', value, KNOWN, hint);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected checkKnownKeys to throw');
}

describe('checkKnownKeys', () => {
  it('accepts known keys (undefined values too), an empty object, and ignores non-objects', () => {
    expect(() => checkKnownKeys('options', { temperature: 0, maxTokens: undefined, providerOptions: { anything: 1 } }, KNOWN)).not.toThrow();
    expect(() => checkKnownKeys('options', {}, KNOWN)).not.toThrow();
    for (const v of [undefined, null, 5, 'x']) expect(() => checkKnownKeys('options', v, KNOWN)).not.toThrow();
  });

  it('names the unknown key under the argument and suggests the nearest known one', () => {
    const e = thrown({ temprature: 0 });
    expect(e.argument).toBe('options.temprature');
    expect(e.message).toBe('Invalid argument "options.temprature": is not a known option; did you mean "temperature"?');
  });

  it.each([
    ['max_tokens', 'maxTokens'],
    ['maxtokens', 'maxTokens'],
    ['MaxTokens', 'maxTokens'],
    ['maxToken', 'maxTokens'],
    ['provider_options', 'providerOptions'],
    ['tempreture', 'temperature'],
  ])('suggests for %s: %s', (key, suggestion) => {
    expect(thrown({ [key]: 1 }).message).toContain(`did you mean "${suggestion}"?`);
  });

  it('suggests nothing when no known name is close, and adds the hint instead when given', () => {
    expect(thrown({ seed: 1 }).message).toBe('Invalid argument "options.seed": is not a known option');
    expect(thrown({ top_k: 5 }, 'put it elsewhere').message).toBe('Invalid argument "options.top_k": is not a known option (put it elsewhere)');
  });

  it('only reads own enumerable keys, and never prints values', () => {
    const inherited = Object.create({ bogus: 1 }) as object;
    expect(() => checkKnownKeys('options', inherited, KNOWN)).not.toThrow();
    expect(thrown({ apiKei: 'sk-secret-value-123' }).message).not.toContain('sk-secret');
  });
});
