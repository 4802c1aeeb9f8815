import { UsageError } from '../../src/cli/cli-io.js';
import { createModel, parseModelSpec } from '../../src/cli/model-spec.js';

describe('parseModelSpec', () => {
  it('reads provider:model (the model id may contain colons)', () => {
    expect(parseModelSpec('openai:gpt-4o-mini')).toEqual({ provider: 'openai', modelId: 'gpt-4o-mini' });
    expect(parseModelSpec('openai-completion:gpt-3.5-turbo-instruct')).toEqual({ provider: 'openai-completion', modelId: 'gpt-3.5-turbo-instruct' });
    expect(parseModelSpec('anthropic:claude-haiku-4-5')).toEqual({ provider: 'anthropic', modelId: 'claude-haiku-4-5' });
    expect(parseModelSpec('openai:ft:gpt-4o-mini:org::id')).toEqual({ provider: 'openai', modelId: 'ft:gpt-4o-mini:org::id' });
  });

  it('an unknown prefix, no prefix or an empty model id is a UsageError', () => {
    expect(() => parseModelSpec('gemini:pro')).toThrow(new UsageError('--model "gemini:pro": unknown provider prefix "gemini:" (expected openai:, openai-completion:, anthropic:, e.g. openai:gpt-4o-mini)'));
    expect(() => parseModelSpec('gpt-4o')).toThrow('unknown provider prefix (expected');
    expect(() => parseModelSpec('openai:')).toThrow('the model id after "openai:" is empty');
  });
});

describe('createModel', () => {
  it('takes the key from the environment; a missing key is a UsageError naming the variable, never a key', () => {
    expect(createModel(parseModelSpec('openai:gpt-4o-mini'), { env: { OPENAI_API_KEY: 'sk-test-1234567890' } })).toMatchObject({ provider: 'openai.chat', modelId: 'gpt-4o-mini' });
    expect(createModel(parseModelSpec('anthropic:claude-haiku-4-5'), { env: { ANTHROPIC_API_KEY: 'k' } }).provider).toBe('anthropic.messages');
    expect(createModel(parseModelSpec('openai-completion:m'), { env: { OPENAI_API_KEY: 'k' } }).provider).toBe('openai.completion');
    expect(() => createModel(parseModelSpec('openai:gpt-4o-mini'), { env: { OPENAI_API_KEY: '  ' } })).toThrow('set the OPENAI_API_KEY environment variable');
    expect(() => createModel(parseModelSpec('anthropic:c'), { env: {}, baseURL: 'http://x' })).toThrow('ANTHROPIC_API_KEY');
  });

  it('an OpenAI --base-url needs no key; instant: needs nothing', () => {
    expect(createModel(parseModelSpec('openai:llama3.2'), { env: {}, baseURL: 'http://127.0.0.1:1/v1' }).modelId).toBe('llama3.2');
    expect(createModel(parseModelSpec('instant:echo'), { env: {} }).provider).toBe('fake');
  });
});
