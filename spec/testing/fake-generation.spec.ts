import { InvalidArgumentError, ServerError } from '../../src/errors/index.js';
import { fakeGeneration } from '../../src/testing/fake-generation.js';
import { fakeModel } from '../../src/testing/fake-model.js';

describe('fakeGeneration', () => {
  it('is exactly what fakeModel emits for the same reply and prompt', () => {
    const reply = { text: 'one two', finishReason: 'length' as const, requestId: 'req-1' };
    let emitted: unknown;
    fakeModel(reply, { modelId: 'm' }).generate('a b c').subscribe((g) => (emitted = g));
    expect(fakeGeneration(reply, 'a b c', { modelId: 'm' })).toEqual(emitted);
    expect(emitted).toMatchObject({ finishReason: 'length', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, requestId: 'req-1' });
  });

  it('rejects a reply that does not end with a generation', () => {
    expect(() => fakeGeneration({ error: new ServerError('x') })).toThrow(InvalidArgumentError);
    expect(() => fakeGeneration({ latency: Infinity })).toThrow(InvalidArgumentError);
  });
});
