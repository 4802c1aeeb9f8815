import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { mergeCallOptions, mergeSettings, stopList, validateCallOptions, validateSettings } from '../../src/core/call-settings.js';

describe('call settings', () => {
  it('call options override model settings; headers and providerOptions merge', () => {
    expect(
      mergeSettings(
        { temperature: 0.5, maxTokens: 10, headers: { a: '1' }, providerOptions: { seed: 1, user: 'u' } },
        { temperature: 0, headers: { b: '2' }, providerOptions: { seed: 2 } },
      ),
    ).toEqual({ temperature: 0, maxTokens: 10, headers: { a: '1', b: '2' }, providerOptions: { seed: 2, user: 'u' } });
    expect(mergeSettings({ n: 2 }, undefined)).toEqual({ n: 2 });
  });

  it.each([
    [{ temperature: -1 }, 'temperature'],
    [{ temperature: Number.NaN }, 'temperature'],
    [{ maxTokens: 0 }, 'maxTokens'],
    [{ maxTokens: 1.5 }, 'maxTokens'],
    [{ topP: 2 }, 'topP'],
    [{ n: 0 }, 'n'],
    [{ stop: [1] }, 'stop'],
    [{ providerOptions: 'x' }, 'providerOptions'],
    [{ headers: 'x-a: 1' }, 'headers'],
    [{ headers: { a: 1 } }, 'headers["a"]'],
  ])('rejects %p naming %s', (settings, argument) => {
    expect(() => validateSettings(settings as never)).toThrow(expect.objectContaining({ argument }));
    expect(() => validateCallOptions(settings)).toThrow(expect.objectContaining({ argument: `options.${argument}` }));
  });

  describe('headers', () => {
    const SECRET = 'v4lue-that-must-not-be-echoed';
    it.each([
      ['a CR LF in a value (header injection)', { 'x-a': `${SECRET}\r\nX-Injected: 1` }, 'x-a'],
      ['a lone LF in a value', { 'x-a': `${SECRET}\n` }, 'x-a'],
      ['a NUL in a value', { 'x-a': `${SECRET}\u0000` }, 'x-a'],
      ['another control character in a value', { 'x-a': `${SECRET}\u0007` }, 'x-a'],
      ['a DEL in a value', { 'x-a': `${SECRET}\u007f` }, 'x-a'],
      ['a character beyond U+00FF in a value', { 'x-a': `${SECRET}\u2713` }, 'x-a'],
      ['a space in a name', { 'x-bad name': SECRET }, 'x-bad name'],
      ['a colon in a name', { 'x-a:': SECRET }, 'x-a:'],
      ['an empty name', { '': SECRET }, ''],
      ['a non-ASCII name', { 'x-é': SECRET }, 'x-é'],
    ])('rejects %s, naming the header, never echoing the value', (_what, headers, name) => {
      for (const [validate, path] of [
        [() => validateSettings({ headers }), `headers[${JSON.stringify(name)}]`],
        [() => validateCallOptions({ headers }), `options.headers[${JSON.stringify(name)}]`],
        [() => validateCallOptions({ headers }, 'callOptions'), `callOptions.headers[${JSON.stringify(name)}]`],
      ] as const) {
        const error = expectInvalid(validate, path);
        expect(error.message).not.toContain(SECRET.slice(0, 10));
      }
    });

    it('accepts every valid header: tokens for names, tabs, spaces and Latin-1 in values', () => {
      const headers = { "x-A_b.c!#$%&'*+^`|~9": 'a\tb c', 'x-latin': 'caf\u00e9', 'x-empty': '', Authorization: 'Bearer k' };
      expect(() => validateSettings({ headers })).not.toThrow();
      expect(validateCallOptions({ headers }).headers).toBe(headers);
    });
  });

  it('checks signal and tags; accepts undefined', () => {
    expect(validateCallOptions(undefined)).toEqual({});
    expect(() => validateCallOptions({ signal: {} })).toThrow(expect.objectContaining({ argument: 'options.signal' }));
    expect(() => validateCallOptions({ tags: 'a' })).toThrow(expect.objectContaining({ argument: 'options.tags' }));
    expect(() => validateCallOptions(5)).toThrow(InvalidArgumentError);
    expect(validateCallOptions({ signal: new AbortController().signal, tags: ['x'] }).tags).toEqual(['x']);
  });

  it('stopList turns one stop string into a list', () => {
    expect(stopList('x')).toEqual(['x']);
    expect(stopList(['a', 'b'])).toEqual(['a', 'b']);
    expect(stopList(undefined)).toBeUndefined();
  });
});

describe('validateCallOptions(options, path)', () => {
  it('names a bad option under the path it is given', () => {
    expect(() => validateCallOptions({ temperature: -1 }, 'callOptions')).toThrow('"callOptions.temperature"');
    expect(() => validateCallOptions({ temprature: 1 }, 'prompts[3].callOptions')).toThrow('"prompts[3].callOptions.temprature"');
    expect(() => validateCallOptions([], 'callOptions')).toThrow('"callOptions": must be an object, got an array');
  });
});

describe('mergeCallOptions', () => {
  it('overrides settings, merges headers and providerOptions, keeps the override signal, adds tags', () => {
    const a = new AbortController().signal;
    const b = new AbortController().signal;
    expect(
      mergeCallOptions(
        { temperature: 0, maxTokens: 5, headers: { x: '1' }, providerOptions: { seed: 1 }, signal: a, tags: ['run'] },
        { temperature: 1, headers: { y: '2' }, providerOptions: { top_k: 3 }, signal: b, tags: ['line'] },
      ),
    ).toEqual({ temperature: 1, maxTokens: 5, headers: { x: '1', y: '2' }, providerOptions: { seed: 1, top_k: 3 }, signal: b, tags: ['run', 'line'] });
  });

  it('returns either side as it is when the other is missing', () => {
    const only = { temperature: 1 };
    expect(mergeCallOptions(only, undefined)).toBe(only);
    expect(mergeCallOptions(undefined, only)).toBe(only);
    expect(mergeCallOptions(undefined, undefined)).toBeUndefined();
  });
});
