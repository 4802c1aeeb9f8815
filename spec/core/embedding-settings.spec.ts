import { checkEmbeddingModel, checkEmbedValues } from '../../src/core/embedding-model.js';
import { mergeEmbeddingSettings, validateEmbedCallOptions, validateEmbeddingSettings } from '../../src/core/embedding-settings.js';
import { fakeEmbedding } from '../../src/testing/fake-embedding.js';
import { expectInvalid } from '../support/invalid-argument.js';

describe('embedding settings', () => {
  it('a call overrides the model\'s dimensions; headers and providerOptions merge', () => {
    const base = { dimensions: 256, headers: { a: '1', b: '1' }, providerOptions: { user: 'u' } };
    expect(mergeEmbeddingSettings(base, { dimensions: 64, headers: { b: '2' } })).toEqual({
      dimensions: 64, headers: { a: '1', b: '2' }, providerOptions: { user: 'u' },
    });
    expect(mergeEmbeddingSettings(base)).toEqual(base);
    expect(mergeEmbeddingSettings({}, {})).toEqual({});
  });

  it('checks call options: only embedding names, each by its rule, named under the path', () => {
    const signal = new AbortController().signal;
    expect(validateEmbedCallOptions({ dimensions: 3, signal, tags: ['t'], headers: { h: 'v' }, providerOptions: {} })).toBeDefined();
    expect(validateEmbedCallOptions(undefined)).toEqual({});
    expectInvalid(() => validateEmbedCallOptions('x'), 'options');
    expectInvalid(() => validateEmbedCallOptions({ temperature: 0 }), 'options.temperature');
    expect(expectInvalid(() => validateEmbedCallOptions({ dimension: 3 }), 'options.dimension').message).toContain('did you mean "dimensions"');
    expectInvalid(() => validateEmbedCallOptions({ dimensions: 0 }), 'options.dimensions');
    expectInvalid(() => validateEmbedCallOptions({ dimensions: 2.5 }, 'callOptions'), 'callOptions.dimensions');
    expectInvalid(() => validateEmbedCallOptions({ signal: {} }), 'options.signal');
    expectInvalid(() => validateEmbedCallOptions({ tags: 'x' }), 'options.tags');
    expectInvalid(() => validateEmbedCallOptions({ headers: { h: 1 } }), 'options.headers["h"]');
    expectInvalid(() => validateEmbeddingSettings({ providerOptions: [] as never }), 'providerOptions');
  });

  it('checks models and values', () => {
    expect(() => checkEmbeddingModel(fakeEmbedding())).not.toThrow();
    expectInvalid(() => checkEmbeddingModel({ generate: () => 1 }), 'model');
    expectInvalid(() => checkEmbedValues('a', undefined), 'values');
    expectInvalid(() => checkEmbedValues(['a', null], undefined), 'values[1]');
    expect(expectInvalid(() => checkEmbedValues(['a', ''], undefined), 'values[1]').message).toContain('must not be empty');
    expectInvalid(() => checkEmbedValues(['a', 'b'], 1), 'values');
    expect(() => checkEmbedValues([], 1)).not.toThrow();
  });
});
