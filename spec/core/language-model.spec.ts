import { isBatchLanguageModel } from '../../src/core/language-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { openAICompletion } from '../../src/providers/openai/completion-model.js';

it('isBatchLanguageModel tells models with generateBatch apart', () => {
  expect(isBatchLanguageModel(openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: 'k' }))).toBe(true);
  expect(isBatchLanguageModel(openAIChat({ model: 'gpt-4o-mini', apiKey: 'k' }))).toBe(false);
});
