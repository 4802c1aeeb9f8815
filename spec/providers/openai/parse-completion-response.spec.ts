import { apportion, fromOpenAICompletionResponse } from '../../../src/providers/openai/parse-completion-response.js';

const info = { provider: 'openai.completion', modelId: 'gpt-3.5-turbo-instruct', requestId: 'req_1' };

describe('fromOpenAICompletionResponse', () => {
  it('splits n choices back per prompt, renumbered from 0, in prompt order', () => {
    const gs = fromOpenAICompletionResponse(
      {
        choices: [
          { index: 3, text: 'b1', finish_reason: 'length' },
          { index: 0, text: 'a0', finish_reason: 'stop' },
          { index: 2, text: 'b0', finish_reason: 'stop' },
          { index: 1, text: 'a1', finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 8 },
      },
      { ...info, prompts: ['aaaa', 'b'], n: 2 },
    );
    expect(gs.map((g) => g.choices.map((c) => [c.index, c.text]))).toEqual([
      [[0, 'a0'], [1, 'a1']],
      [[0, 'b0'], [1, 'b1']],
    ]);
    expect(gs[1]!.choices[1]).toMatchObject({ finishReason: 'length' });
    expect(gs.map((g) => g.text)).toEqual(['a0', 'b0']);
    // The request's usage is split so the parts add up exactly.
    expect(gs.reduce((s, g) => s + g.usage!.inputTokens, 0)).toBe(10);
    expect(gs.reduce((s, g) => s + g.usage!.outputTokens, 0)).toBe(8);
    expect(gs[0]!.usage!.inputTokens).toBe(8);
  });

  it('one prompt gets the exact usage; a missing choice is an empty "other" choice', () => {
    const [g] = fromOpenAICompletionResponse({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 3 } }, { ...info, prompts: ['p'], n: 1 });
    expect(g).toMatchObject({ text: '', finishReason: 'other', usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 }, requestId: 'req_1' });
  });

  it('apportion splits integers exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(5, [])).toEqual([]);
    expect(apportion(0, [3, 4])).toEqual([0, 0]);
  });
});
