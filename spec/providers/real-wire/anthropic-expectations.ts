// What each Anthropic Messages recording of the corpus must come out as, written from the fixture files.
// Keys: `<fixture id>/<mode>`.
import { blob, generation, long, type FixtureExpectation } from './expect-wire.js';

const provider = 'anthropic.messages';

const REFUSAL_DETAILS = {
  type: 'refusal',
  category: 'cyber',
  explanation: "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.",
  recommended_model: 'claude-fable-5',
};

const SAFETY_THINKING = 'This is a straightforward question about pedestrian safety. I should provide clear, helpful advice about how to safely cross a street.';

export const ANTHROPIC_EXPECTATIONS: Readonly<Record<string, FixtureExpectation>> = {
  'ant-text/stream': {
    events: { start: 1, 'text-delta': 6, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-5-20250929',
        requestId: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
        usage: { inputTokens: 12, outputTokens: 30, totalTokens: 42, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [{ type: 'text', text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?" }],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
    ),
  },
  'ant-text/generate': {
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-5-20250929',
        requestId: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
        usage: { inputTokens: 12, outputTokens: 29, totalTokens: 41, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [{ type: 'text', text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?" }],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
    ),
  },
  // stop_reason refusal, no content: the explanation of stop_details is the refusal text.
  'ant-refusal/stream': {
    events: { start: 1, 'refusal-delta': 1, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-fable-5',
        requestId: 'msg_01RefusalStreamAbcdefghijk',
        usage: { inputTokens: 18, outputTokens: 5, totalTokens: 23, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      { content: [], finishReason: 'content_filter', rawFinishReason: 'refusal', refusal: REFUSAL_DETAILS.explanation, stopDetails: REFUSAL_DETAILS },
    ),
  },
  'ant-refusal/generate': {
    generation: generation(
      {
        provider,
        modelId: 'claude-fable-5',
        requestId: 'msg_01RefusalExampleAbcdefghijk',
        usage: { inputTokens: 18, outputTokens: 5, totalTokens: 23, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      { content: [], finishReason: 'content_filter', rawFinishReason: 'refusal', refusal: REFUSAL_DETAILS.explanation, stopDetails: REFUSAL_DETAILS },
    ),
  },
  // message_delta revises the input tokens (43 -> 61): the last count wins.
  'ant-delta-input-tokens/stream': {
    events: { start: 1, 'text-delta': 2, finish: 1, usage: 1 },
    generation: generation(
      { provider, modelId: 'claude-opus-4-5-20251101', requestId: 'msg_3196a1cc08de4d76b85b8f5777c0d42b', usage: { inputTokens: 61, outputTokens: 2, totalTokens: 63 } },
      { content: [{ type: 'text', text: 'pong' }], finishReason: 'stop', rawFinishReason: 'end_turn' },
    ),
  },
  // The same message_start twice: ignored, one start.
  'ant-duplicate-start/stream': {
    events: { start: 1, 'text-delta': 1, finish: 1, usage: 1 },
    generation: generation(
      { provider, modelId: 'claude-3-haiku-20240307', requestId: 'msg_dup', usage: { inputTokens: 17, outputTokens: 227, totalTokens: 244 } },
      { content: [{ type: 'text', text: 'Hello, World!' }], finishReason: 'stop', rawFinishReason: 'end_turn' },
    ),
  },
  // msg_second starts in the middle of msg_first's tool call: a corrupt stream, a StreamError carrying the usage
  // of message_start; what came before it (signed thinking, a tool call never completed) is all there is.
  'ant-spliced-start/stream': {
    events: { start: 1, 'reasoning-delta': 1, 'reasoning-signature': 1, 'tool-call-start': 1, 'tool-call-delta': 1 },
    streamError: {
      code: 'spliced_stream',
      provider,
      partialText: '',
      usage: { inputTokens: 17, outputTokens: 1, totalTokens: 18 },
      requestId: 'msg_first',
      isRetryable: false,
      message: 'anthropic.messages: a second message (msg_second) started in the middle of message msg_first',
    },
    generation: generation(
      { provider, modelId: 'claude-3-haiku-20240307', requestId: 'msg_first' },
      { content: [{ type: 'reasoning', text: 'I will call the tool.', signature: 'sig-first' }], finishReason: 'other', rawFinishReason: null },
    ),
  },
  // Server web search: its blocks and the citations are not part of the contract; the 21 text blocks around them
  // are one text; message_delta revises the input tokens (2037 -> 15665).
  'ant-web-search/stream': {
    events: { start: 1, 'text-delta': 56, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-20250514',
        requestId: 'msg_01LHpEgU4KbfgXGVi3UtHQY1',
        usage: { inputTokens: 15665, outputTokens: 795, totalTokens: 16460, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [{ type: 'text', text: long('Based on my search results, here are the key tech ', ' since their first international retail expansion.', 2402) }],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
    ),
  },
  // Prompt caching: message_delta's final counts (6 + 3337 written + 6289 read); server code execution blocks
  // are not client tool calls.
  'ant-prompt-cache/stream': {
    events: { start: 1, 'text-delta': 2, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-5',
        requestId: 'msg_011CdYfpjpVtBoXyXCQD1tQP',
        usage: { inputTokens: 9632, outputTokens: 198, totalTokens: 9830, cachedInputTokens: 6289, cacheWriteInputTokens: 3337, reasoningTokens: 0 },
      },
      { content: [{ type: 'text', text: 'The sum of the squares of the numbers 1 through 12 is **650**.' }], finishReason: 'stop', rawFinishReason: 'end_turn' },
    ),
  },
  'ant-json-tool/generate': {
    generation: generation(
      {
        provider,
        modelId: 'claude-haiku-4-5-20251001',
        requestId: 'msg_0191iYfpERYfS27xLsdW2nbb',
        usage: { inputTokens: 1151, outputTokens: 87, totalTokens: 1238, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [
          {
            type: 'tool-call',
            toolCallId: 'toolu_01Q9ExVZnzZj7E2QQYHYtNUa',
            toolName: 'json',
            input: {
              elements: [
                { location: 'San Francisco', temperature: -5, condition: 'snowy' },
                { location: 'London', temperature: 0, condition: 'snowy' },
                { location: 'Paris', temperature: 23, condition: 'cloudy' },
                { location: 'Berlin', temperature: -9, condition: 'snowy' },
              ],
            },
          },
        ],
        // A whole message carries the input as an object: its raw text is that object as JSON.
        rawInputs: {
          toolu_01Q9ExVZnzZj7E2QQYHYtNUa:
            '{"elements":[{"location":"San Francisco","temperature":-5,"condition":"snowy"},{"location":"London","temperature":0,"condition":"snowy"},{"location":"Paris","temperature":23,"condition":"cloudy"},{"location":"Berlin","temperature":-9,"condition":"snowy"}]}',
        },
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_use',
      },
    ),
  },
  'ant-tool-use/stream': {
    events: { start: 1, 'text-delta': 2, 'tool-call-start': 1, 'tool-call-delta': 4, 'tool-call': 1, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-opus-4-8',
        requestId: 'msg_019Q1hrJbZG26Fb9BQhrkHEr',
        usage: { inputTokens: 377, outputTokens: 65, totalTokens: 442, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [
          { type: 'text', text: "I'll check the current weather in Paris for you." },
          { type: 'tool-call', toolCallId: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', toolName: 'get_weather', input: { location: 'Paris' } },
        ],
        rawInputs: { toolu_01NRLabsLyVHZPKxbKvkfSMn: '{"location": "Paris"}' },
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_use',
      },
    ),
  },
  // max_tokens inside the tool call's JSON (data lines padded with spaces): finish `length`, no error, and the
  // incomplete call is left out (its start and deltas were streamed).
  'ant-max-tokens-json/stream': {
    events: { start: 1, 'text-delta': 5, 'tool-call-start': 1, 'tool-call-delta': 3, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-5',
        requestId: 'msg_01UdjYBBipA9omjYhicnevgq',
        usage: { inputTokens: 450, outputTokens: 124, totalTokens: 574, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [{ type: 'text', text: "I'll create a comprehensive tax guide for someone with multiple W2s and save it in a file called taxes.txt. Let me do that for you now." }],
        finishReason: 'length',
        rawFinishReason: 'max_tokens',
      },
    ),
  },
  // Signed thinking and the text "Hi", then a refusal whose stop_details have no explanation: content_filter,
  // the details kept, no refusal text.
  'ant-refusal-after-text/stream': {
    events: { start: 1, 'reasoning-delta': 3, 'reasoning-signature': 1, 'text-delta': 1, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-fable-5',
        requestId: 'msg_fixture_a_0001',
        usage: { inputTokens: 28, outputTokens: 106, totalTokens: 134, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 67 },
      },
      {
        content: [
          {
            type: 'reasoning',
            text: 'Simple educational question about what a solar eclipse is. This is benign general knowledge \u2014 definitions are fine. Also the user called me "claudius" \u2014 I\'m Claude. Minor correction or just roll with it politely.',
            signature: 'c3ludGhldGljLXNpZ25hdHVyZS1maXh0dXJlLWEtbm90LWEtcmVhbC1zaWduYXR1cmU=',
          },
          { type: 'text', text: 'Hi' },
        ],
        finishReason: 'content_filter',
        rawFinishReason: 'refusal',
        stopDetails: { type: 'refusal', category: null, explanation: null, fallback_credit_token: 'tok_synthetic_fixture_a', fallback_has_prefill_claim: true },
      },
    ),
  },
  'ant-thinking/stream': {
    events: { start: 1, 'reasoning-delta': 13, 'reasoning-signature': 1, 'text-delta': 95, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-20250514',
        requestId: 'msg_01ALwQ87pTS7hH1PjSdC9wJD',
        usage: { inputTokens: 43, outputTokens: 282, totalTokens: 325, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [
          {
            type: 'reasoning',
            text: `${SAFETY_THINKING} This is basic safety information that could help prevent accidents.`,
            signature: blob('EvMCCkYICxgCKkCHP2cSuEdc', 504, 'e2385f7486c5cf36'),
          },
          { type: 'text', text: long('Here are the basic steps for safely crossing the s', 'rioritize safety over speed when crossing streets.', 1021) },
        ],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
    ),
  },
  // Two redacted_thinking blocks, then text: the encrypted data is kept byte for byte, to send back.
  'ant-redacted/stream': {
    events: { start: 1, 'redacted-reasoning': 2, 'text-delta': 15, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-5-20250929',
        requestId: 'msg_018XZkwvj9asBiffg3fXt88s',
        usage: { inputTokens: 92, outputTokens: 189, totalTokens: 281, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [
          { type: 'redacted-reasoning', data: blob('EqkECkYIBxgCKkA8AZ4noDfV', 744, 'a5fcad0dab0d0189') },
          { type: 'redacted-reasoning', data: blob('EtgBCkYIBxgCKkDQfGkwzflE', 296, 'f2ba85446010cd8c') },
          { type: 'text', text: long("I notice that you've sent what appears to be some ", 'sist you today with a legitimate task or question?', 359) },
        ],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
    ),
  },
  'ant-redacted/generate': {
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-5-20250929',
        requestId: 'msg_01TbZ1ZKNMPq28AgBLyLX3c4',
        usage: { inputTokens: 92, outputTokens: 196, totalTokens: 288, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      },
      {
        content: [
          { type: 'redacted-reasoning', data: blob('EvgFCkYIBxgCKkBmxKtCnM3x', 1020, '27ca4e7ff1bea192') },
          { type: 'text', text: long('I notice that your message appears to contain a co', 're something specific I can assist you with today?', 341) },
        ],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
    ),
  },
  // pause_turn after thinking and 10 server web searches: `other`, the raw reason kept. The server tool blocks
  // are not in the contract, so the three text blocks between them become one text part.
  'ant-pause-turn/stream': {
    events: { start: 1, 'reasoning-delta': 7, 'reasoning-signature': 1, 'text-delta': 5, finish: 1, usage: 1 },
    generation: generation(
      {
        provider,
        modelId: 'claude-sonnet-4-5-20250929',
        requestId: 'msg_01SC6GnkBDsmEDqyXQpQ2ipm',
        usage: { inputTokens: 404500, outputTokens: 943, totalTokens: 405443, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 261 },
      },
      {
        content: [
          {
            type: 'reasoning',
            text: long('The user wants me to run a series of web searches.', 'searches one at a time as requested. Let me start.', 1051),
            signature: blob('EuwJCm4IDxgCKkBjID0+egpR', 1688, '3b2f60f52032145b'),
          },
          {
            type: 'text',
            text: "I'll run these searches one at a time as requested. Let me start:Let me continue with the remaining searches you requested:Now continuing with the remaining searches:",
          },
        ],
        finishReason: 'other',
        rawFinishReason: 'pause_turn',
      },
    ),
  },
  // CONSTRUCTED: ant-thinking's first frames, then `event: error` overloaded. Thinking had started (progress),
  // so the transient overload is not retryable; the error carries message_start's usage and its request id.
  'ant-midstream-error/stream': {
    events: { start: 1, 'reasoning-delta': 9 },
    streamError: {
      code: 'overloaded_error',
      provider,
      partialText: '',
      usage: { inputTokens: 43, outputTokens: 1, totalTokens: 44, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      requestId: 'req_011CXnsFdbuV3b51g7bRNngu',
      isRetryable: false,
      message: 'anthropic.messages: error event in the stream: Overloaded',
    },
    generation: generation(
      { provider, modelId: 'claude-sonnet-4-20250514', requestId: 'msg_01ALwQ87pTS7hH1PjSdC9wJD' },
      { content: [{ type: 'reasoning', text: SAFETY_THINKING }], finishReason: 'other', rawFinishReason: null },
    ),
  },
};
