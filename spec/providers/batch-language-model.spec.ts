import { isBatchLanguageModel } from '../../src/providers/batch-language-model.js';
import { openAIChat } from '../../src/providers/openai-chat.js';
import { openAICompletion } from '../../src/providers/openai-completion.js';

it('isBatchLanguageModel tells models with generateBatch apart', () => {
  expect(isBatchLanguageModel(openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: 'k' }))).toBe(true);
  expect(isBatchLanguageModel(openAIChat({ model: 'gpt-4o-mini', apiKey: 'k' }))).toBe(false);
});
