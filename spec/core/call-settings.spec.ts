import { InvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
import { mergeSettings, stopList, validateCallOptions, validateSettings } from '../../src/core/call-settings.js';

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
