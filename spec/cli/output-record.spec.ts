import { failureRecord, successRecord } from '../../src/cli/output-record.js';
import { makeChoice, makeGeneration, textContent } from '../../src/core/generation.js';
import { InvalidOutputError, ServerError } from '../../src/errors/index.js';
import { registerSecret } from '../../src/errors/redact.js';

const SECRET = 'sk-output-record-secret-0123456789';
const usage = { inputTokens: 5, outputTokens: 7, totalTokens: 12 };

describe('output records', () => {
  beforeAll(() => registerSecret(SECRET));

  it('a success with an object carries it after the text, registered secrets removed from both', () => {
    const text = JSON.stringify({ city: 'Paris', note: `key ${SECRET}` });
    const generation = { ...makeGeneration([makeChoice({ index: 0, content: textContent(text), finishReason: 'stop', rawFinishReason: 'stop' })], { provider: 'fake', modelId: 'm', usage }), object: { city: 'Paris', note: `key ${SECRET}`, n: [1, 2] } };
    const record = successRecord('a', 1, '0123456789abcdef', generation, 12.4, 1);
    expect(Object.keys(record)).toEqual(['id', 'line', 'requestHash', 'text', 'object', 'finishReason', 'usage', 'latencyMs', 'attempts']);
    expect(record.object).toEqual({ city: 'Paris', note: 'key [REDACTED]', n: [1, 2] });
    expect(JSON.stringify(record)).not.toContain(SECRET);
    const plain = successRecord('a', 1, undefined, makeGeneration([makeChoice({ index: 0, content: textContent('hi'), finishReason: 'stop', rawFinishReason: 'stop' })], { provider: 'fake', modelId: 'm' }), 1, 1);
    expect('object' in plain).toBe(false);
  });

  it('an invalid output is an error with the answer\'s text and the usage it cost; other errors have no text', () => {
    const invalid = new InvalidOutputError('fake: the answer is not the object asked for: city: Invalid input', { text: `{"city": 5, "k": "${SECRET}"}`, issues: ['city: Invalid input'], usage });
    const record = failureRecord('a', 3, undefined, invalid, 40, 1);
    expect(record).toEqual({
      id: 'a',
      line: 3,
      error: { name: 'InvalidOutputError', message: 'fake: the answer is not the object asked for: city: Invalid input', text: '{"city": 5, "k": "[REDACTED]"}' },
      usage,
      latencyMs: 40,
      attempts: 1,
    });
    expect(failureRecord('b', 4, undefined, new ServerError('boom', { statusCode: 500 }), 5, 2).error).toEqual({ name: 'ServerError', message: 'boom', statusCode: 500 });
  });
});
