import * as rxllm from '../../src/index.js';
import * as testing from '../../src/testing/index.js';
import { expectInvalid } from '../support/invalid-argument.js';

// The embedding API with wrong types and invalid settings: InvalidArgumentError naming the argument, at once,
// before anything is subscribed or sent.

const key = { apiKey: 'sk-bad-input-0000000000', baseURL: 'http://127.0.0.1:9/v1' };

describe('openAIEmbedding', () => {
  it.each([
    ['no options', undefined, 'options'],
    ['a string', 'text-embedding-3-small', 'options'],
    ['no model', { ...key }, 'model'],
    ['a numeric apiKey', { model: 'x', apiKey: 42 }, 'apiKey'],
    ['a non-http baseURL', { model: 'x', baseURL: 'ftp://host' }, 'baseURL'],
    ['negative maxRetries', { ...key, model: 'x', maxRetries: -1 }, 'maxRetries'],
    ['zero dimensions', { ...key, model: 'x', dimensions: 0 }, 'dimensions'],
    ['string dimensions', { ...key, model: 'x', dimensions: '256' }, 'dimensions'],
    ['numeric headers', { ...key, model: 'x', headers: 5 }, 'headers'],
    ['a bad encodingFormat', { ...key, model: 'x', encodingFormat: 'binary' }, 'encodingFormat'],
    ['a string compatible', { ...key, model: 'x', compatible: 'yes' }, 'compatible'],
    ['a generation setting', { ...key, model: 'x', temperature: 0 }, 'options.temperature'],
    ['a misspelt option', { ...key, model: 'x', dimension: 3 }, 'options.dimension'],
  ])('rejects %s', (_what, options, argument) => {
    expectInvalid(() => rxllm.openAIEmbedding(options as never), argument);
  });

  const model = rxllm.openAIEmbedding({ ...key, model: 'x' });
  it.each([
    ['undefined', undefined, 'values'],
    ['a string', 'text', 'values'],
    ['a list with a number', ['a', 1], 'values[1]'],
    ['a list with an empty string', [''], 'values[0]'],
    ['too many values', Array.from({ length: 2049 }, () => 'x'), 'values'],
  ])('embed() rejects values that are %s', (_what, values, argument) => {
    expectInvalid(() => model.embed(values as never), argument);
  });

  it.each([
    ['a string', 'fast', 'options'],
    ['maxTokens', { maxTokens: 5 }, 'options.maxTokens'],
    ['negative dimensions', { dimensions: -2 }, 'options.dimensions'],
    ['a non-signal', { signal: 'stop' }, 'options.signal'],
  ])('embed() rejects call options that are %s', (_what, options, argument) => {
    expectInvalid(() => model.embed(['a'], options as never), argument);
  });
});

describe('embedFrom', () => {
  const model = testing.fakeEmbedding({}, { maxBatchSize: 50 });
  it.each([
    ['no model', () => rxllm.embedFrom(undefined as never, []), 'model'],
    ['a language model', () => rxllm.embedFrom(testing.instantModel() as never, []), 'model'],
    ['no source', () => rxllm.embedFrom(model, undefined as never), 'source'],
    ['a string source', () => rxllm.embedFrom(model, 'abc' as never), 'source'],
    ['options that are a number', () => rxllm.embedFrom(model, [], 5 as never), 'options'],
    ['a batchSize over the model\'s', () => rxllm.embedFrom(model, [], { batchSize: 51 }), 'batchSize'],
    ['a fractional batchSize', () => rxllm.embedFrom(model, [], { batchSize: 2.5 }), 'batchSize'],
    ['NaN maxBatchTokens', () => rxllm.embedFrom(model, [], { maxBatchTokens: NaN }), 'maxBatchTokens'],
    ['a string maxBatchWaitMs', () => rxllm.embedFrom(model, [], { maxBatchWaitMs: '5' as never }), 'maxBatchWaitMs'],
    ['a bad retry', () => rxllm.embedFrom(model, [], { retry: { maxAttempts: 0 } }), 'retry.maxAttempts'],
    ['a bad timeout', () => rxllm.embedFrom(model, [], { timeout: -1 }), 'timeout'],
    ['a bad rateLimit', () => rxllm.embedFrom(model, [], { rateLimit: {} as never }), 'rateLimit'],
    ['generation call options', () => rxllm.embedFrom(model, [], { callOptions: { maxTokens: 5 } as never }), 'callOptions.maxTokens'],
  ])('rejects %s', (_what, call, argument) => {
    expectInvalid(call, argument);
  });
});
