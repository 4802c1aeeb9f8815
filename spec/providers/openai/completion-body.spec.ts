import { toOpenAICompletionBody } from '../../../src/providers/openai/completion-body.js';

it('sends one prompt or a packed list; streams ask for usage', () => {
  expect(toOpenAICompletionBody('m', 'p', { n: 2, stop: ['\n'] }, { stream: false })).toEqual({ model: 'm', prompt: 'p', n: 2, stop: ['\n'] });
  expect(toOpenAICompletionBody('m', ['a', 'b'], {}, { stream: false }).prompt).toEqual(['a', 'b']);
  expect(toOpenAICompletionBody('m', 'p', {}, { stream: true })).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  expect(toOpenAICompletionBody('m', 'p', {}, { stream: true, compatible: true })).not.toHaveProperty('stream_options');
});
