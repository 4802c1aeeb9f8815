import { GenerationCollector } from '../../src/core/generation-collector.js';
import type { AgentGeneration } from '../../src/core/agent-generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';

const collect = (events: GenerationEvent[]) => {
  const c = new GenerationCollector('p', 'm');
  for (const e of events) c.push(e);
  return c.result();
};

it('builds the Generation a stream amounts to and reports the first token', () => {
  const c = new GenerationCollector('openai.chat', 'm');
  expect(c.push({ type: 'start', provider: 'openai.chat', modelId: 'm-1', requestId: 'r' })).toBe(false);
  expect(c.push({ type: 'text-delta', index: 0, text: 'He' })).toBe(true);
  expect(c.push({ type: 'text-delta', index: 1, text: 'X' })).toBe(false);
  expect(c.push({ type: 'text-delta', index: 0, text: 'llo' })).toBe(false);
  c.push({ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' });
  c.push({ type: 'finish', index: 1, finishReason: 'length', rawFinishReason: 'length' });
  c.push({ type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
  const hello = { text: 'Hello', finishReason: 'stop', rawFinishReason: 'stop', content: [{ type: 'text', text: 'Hello' }], toolCalls: [], reasoning: '' };
  expect(c.result()).toEqual({
    ...hello,
    usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    choices: [
      { index: 0, ...hello },
      { index: 1, text: 'X', finishReason: 'length', rawFinishReason: 'length', content: [{ type: 'text', text: 'X' }], toolCalls: [], reasoning: '' },
    ],
    provider: 'openai.chat',
    modelId: 'm-1',
    requestId: 'r',
    message: { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
  });
  expect(new GenerationCollector('p', 'm').result()).toMatchObject({ text: '', finishReason: 'other', choices: [{ index: 0 }], content: [] });
});

it('the model that answered is the start event\'s, provider and model id both (a fallback\'s stream, a remote model)', () => {
  const c = new GenerationCollector('fallback', 'gpt-4o-mini,claude-haiku-4-5');
  c.push({ type: 'start', provider: 'anthropic.messages', modelId: 'claude-haiku-4-5-20251001' });
  c.push({ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn' });
  expect(c.result()).toMatchObject({ provider: 'anthropic.messages', modelId: 'claude-haiku-4-5-20251001' });
  expect(collect([{ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' }])).toMatchObject({ provider: 'p', modelId: 'm' });
});

it('any content is the first token: reasoning, a tool call, a refusal', () => {
  for (const first of [
    { type: 'reasoning-delta', index: 0, text: 'hm' },
    { type: 'tool-call-start', index: 0, toolCallId: 'c', toolName: 't' },
    { type: 'refusal-delta', index: 0, text: 'No' },
  ] as const) {
    const c = new GenerationCollector('p', 'm');
    expect(c.push({ type: 'start', provider: 'p', modelId: 'm' })).toBe(false);
    expect(c.push(first)).toBe(true);
  }
});

it('keeps the parts in order: signed reasoning, redacted reasoning, text, tool calls with their raw input', () => {
  const g = collect([
    { type: 'reasoning-delta', index: 0, text: 'Let me ' },
    { type: 'reasoning-delta', index: 0, text: 'think.' },
    { type: 'reasoning-signature', index: 0, signature: 'sig1' },
    { type: 'reasoning-delta', index: 0, text: 'More.' },
    { type: 'reasoning-signature', index: 0, signature: 'sig2' },
    { type: 'redacted-reasoning', index: 0, data: 'opaque' },
    { type: 'text-delta', index: 0, text: 'Checking ' },
    { type: 'text-delta', index: 0, text: 'both.' },
    { type: 'tool-call-start', index: 0, toolCallId: 'a', toolName: 'weather' },
    { type: 'tool-call-start', index: 0, toolCallId: 'b', toolName: 'time' },
    { type: 'tool-call-delta', index: 0, toolCallId: 'a', inputDelta: '{"city": ' },
    { type: 'tool-call-delta', index: 0, toolCallId: 'b', inputDelta: '{}' },
    { type: 'tool-call-delta', index: 0, toolCallId: 'a', inputDelta: '"Oslo"}' },
    { type: 'tool-call', index: 0, toolCallId: 'b', toolName: 'time', input: {}, rawInput: '{}' },
    { type: 'tool-call', index: 0, toolCallId: 'a', toolName: 'weather', input: { city: 'Oslo' }, rawInput: '{"city": "Oslo"}' },
    { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: 'tool_use' },
  ]);
  expect(g.content).toEqual([
    { type: 'reasoning', text: 'Let me think.', signature: 'sig1' },
    { type: 'reasoning', text: 'More.', signature: 'sig2' },
    { type: 'redacted-reasoning', data: 'opaque' },
    { type: 'text', text: 'Checking both.' },
    { type: 'tool-call', toolCallId: 'a', toolName: 'weather', input: { city: 'Oslo' } },
    { type: 'tool-call', toolCallId: 'b', toolName: 'time', input: {} },
  ]);
  expect(g.reasoning).toBe('Let me think.More.');
  expect(g.text).toBe('Checking both.');
  expect(g.toolCalls).toEqual([
    { toolCallId: 'a', toolName: 'weather', input: { city: 'Oslo' }, rawInput: '{"city": "Oslo"}' },
    { toolCallId: 'b', toolName: 'time', input: {}, rawInput: '{}' },
  ]);
  expect(g.message).toEqual({ role: 'assistant', content: g.content });
  expect(g.refusal).toBeUndefined();
});

it('a tool call that never completed (output cut by the token limit) is left out', () => {
  const g = collect([
    { type: 'text-delta', index: 0, text: 'x' },
    { type: 'tool-call-start', index: 0, toolCallId: 'a', toolName: 'weather' },
    { type: 'tool-call-delta', index: 0, toolCallId: 'a', inputDelta: '{"ci' },
    { type: 'finish', index: 0, finishReason: 'length', rawFinishReason: 'length' },
  ]);
  expect(g.content).toEqual([{ type: 'text', text: 'x' }]);
  expect(g.toolCalls).toEqual([]);
});

it('a refusal: its text, the content_filter finish and the stop details', () => {
  const g = collect([
    { type: 'refusal-delta', index: 0, text: "I can't " },
    { type: 'refusal-delta', index: 0, text: 'help with that.' },
    { type: 'finish', index: 0, finishReason: 'content_filter', rawFinishReason: 'refusal', stopDetails: { category: 'cyber' } },
  ]);
  expect(g).toMatchObject({ refusal: "I can't help with that.", finishReason: 'content_filter', rawFinishReason: 'refusal', stopDetails: { category: 'cyber' }, text: '' });
});

it('a tool loop\'s stream: every step, the tool results in call order (as the loop sent them back) whatever order they finished in', () => {
  const call = (toolCallId: string, toolName: string): GenerationEvent[] => [
    { type: 'tool-call-start', index: 0, toolCallId, toolName },
    { type: 'tool-call', index: 0, toolCallId, toolName, input: {}, rawInput: '{}' },
  ];
  const g = collect([
    { type: 'step-start', step: 1 },
    ...call('c1', 'slow'),
    ...call('c2', 'quick'),
    { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: 'tool_calls' },
    { type: 'tool-result', toolCallId: 'c2', toolName: 'quick', output: 'q', isError: false },
    { type: 'tool-result', toolCallId: 'c1', toolName: 'slow', output: 's', isError: true },
    { type: 'step-finish', step: 1 },
    { type: 'step-start', step: 2 },
    { type: 'text-delta', index: 0, text: 'done' },
    { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
    { type: 'step-finish', step: 2 },
  ]) as AgentGeneration;
  expect(g.steps.map((s) => s.finishReason)).toEqual(['tool_calls', 'stop']);
  expect(g.messages[1]).toEqual({
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: 'c1', toolName: 'slow', output: 's', isError: true },
      { type: 'tool-result', toolCallId: 'c2', toolName: 'quick', output: 'q' },
    ],
  });
  expect(g).toMatchObject({ text: 'done', maxStepsReached: false });
});
