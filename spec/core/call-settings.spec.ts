import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
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
    [{ headers: { a: 1 } }, 'headers'],
  ])('rejects %p naming %s', (settings, argument) => {
    expect(() => validateSettings(settings as never)).toThrow(expect.objectContaining({ argument }));
    expect(() => validateCallOptions(settings)).toThrow(expect.objectContaining({ argument: `options.${argument}` }));
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
