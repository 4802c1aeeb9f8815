// What each OpenAI-protocol recording of the corpus (OpenAI, Azure, xAI, DeepSeek, Groq) must come out as,
// written from the fixture files. Keys: `<fixture id>/<mode>`.
import { generation, long, type FixtureExpectation } from './expect-wire.js';

const chat = 'openai.chat';

export const OPENAI_EXPECTATIONS: Readonly<Record<string, FixtureExpectation>> = {
  // gpt-4.1-nano, 300 content deltas, then the include_usage chunk (choices: []).
  'oai-text/stream': {
    events: { start: 1, 'text-delta': 300, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'gpt-4.1-nano-2025-04-14',
        requestId: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0',
        usage: { inputTokens: 16, outputTokens: 300, totalTokens: 316, cachedInputTokens: 0, reasoningTokens: 0 },
      },
      {
        content: [{ type: 'text', text: long('**Holiday Name:** Harmony Day\n\n**Date:** Celebrate', 'rough shared human experiences and mutual respect.', 1724) }],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
    ),
  },
  'oai-text/generate': {
    generation: generation(
      {
        provider: chat,
        modelId: 'gpt-4.1-nano-2025-04-14',
        requestId: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
        usage: { inputTokens: 16, outputTokens: 363, totalTokens: 379, cachedInputTokens: 0, reasoningTokens: 0 },
      },
      {
        content: [{ type: 'text', text: long('**Holiday Name:** Galaxy Day  \n\n**Date:** October ', 'individuals to look up and dream beyond our world.', 1842) }],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
    ),
  },
  // Azure's model router: a first chunk with choices: [], id "" and model "" must not become the start; the model
  // that answered (gpt-5-nano) and its reasoning tokens come later.
  'oai-azure-router/stream': {
    events: { start: 1, 'text-delta': 4, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'gpt-5-nano-2025-08-07',
        requestId: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
        usage: { inputTokens: 15, outputTokens: 78, totalTokens: 93, cachedInputTokens: 0, reasoningTokens: 64 },
      },
      { content: [{ type: 'text', text: 'Capital of Denmark.' }], finishReason: 'stop', rawFinishReason: 'stop' },
    ),
  },
  // A structured-output refusal: delta.refusal pieces, content null, finish_reason "stop".
  'oai-refusal/stream': {
    events: { start: 1, 'refusal-delta': 12, finish: 1, usage: 1 },
    generation: generation(
      { provider: chat, modelId: 'gpt-4o-2024-08-06', requestId: 'chatcmpl-9tZXGacdbmJYO8K50haE4OauaJmPn', usage: { inputTokens: 17, outputTokens: 13, totalTokens: 30 } },
      { content: [], finishReason: 'content_filter', rawFinishReason: 'stop', refusal: "I'm very sorry, but I can't assist with that request." },
    ),
  },
  // The id and name come with empty arguments, then 8 argument fragments; no usage (not asked for).
  'oai-tool-call/stream': {
    events: { start: 1, 'tool-call-start': 1, 'tool-call-delta': 8, 'tool-call': 1, finish: 1 },
    generation: generation(
      { provider: chat, modelId: 'gpt-4o-2024-08-06', requestId: 'chatcmpl-Cgx6pZPBgfLcMqfT0ILIH2mID2zWQ' },
      {
        content: [{ type: 'tool-call', toolCallId: 'call_2Uzw0AEZQeOex2CP2TKjcLKc', toolName: 'get_weather', input: { location: 'San Francisco, CA' } }],
        rawInputs: { call_2Uzw0AEZQeOex2CP2TKjcLKc: '{"location":"San Francisco, CA"}' },
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_calls',
      },
    ),
  },
  'oai-tool-call/generate': {
    generation: generation(
      {
        provider: chat,
        modelId: 'gpt-4o-mini-2024-07-18',
        requestId: 'chatcmpl-BEhL3fZWgTz2Z57jXexYbQPsOBUm3',
        usage: { inputTokens: 104, outputTokens: 16, totalTokens: 120, cachedInputTokens: 0, reasoningTokens: 0 },
      },
      {
        content: [{ type: 'tool-call', toolCallId: 'call_SkEQ3ZGSJC8m6AvaIGNuuKdm', toolName: 'get_capital', input: { country: 'England' } }],
        rawInputs: { call_SkEQ3ZGSJC8m6AvaIGNuuKdm: '{"country":"England"}' },
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_calls',
      },
    ),
  },
  // n = 3: the choices' chunks interleave; served in the recording's own 413 network reads.
  'oai-n3/stream': {
    events: { start: 1, 'text-delta': 405, finish: 3, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'gpt-4o-mini-2024-07-18',
        requestId: 'chatcmpl-AvWMsDyiI0PE2RQOQOXmabPfnFsWd',
        usage: { inputTokens: 23, outputTokens: 408, totalTokens: 431, cachedInputTokens: 0, reasoningTokens: 0 },
      },
      {
        content: [{ type: 'text', text: long('Okay! Imagine you have a big box of crayons, and e', 'ke you use your crayons to make colorful pictures!', 687) }],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
      {
        content: [{ type: 'text', text: long('Okay! Imagine you have a big, smart robot friend w', ' super smart, talking book that can chat with you!', 674) }],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
      {
        content: [{ type: 'text', text: long('Okay! Imagine LLM is like a really smart robot fri', 'o is always ready to chat and share what it knows!', 396) }],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
    ),
  },
  // Emoji (a variation selector, astral characters) in the recording's own network reads; no usage chunk.
  'oai-utf8/stream': {
    events: { start: 1, 'text-delta': 34, finish: 1 },
    generation: generation(
      { provider: chat, modelId: 'chatgpt-4o-latest', requestId: 'chatcmpl-AtIDcvSoOQYUP1FigEYZfNMXIL2Fo' },
      {
        content: [
          {
            type: 'text',
            text: "Of course, here's another one for you:\n\nWhy do programmers prefer using the keyboard?\n\nBecause they don\u2019t want to deal with a **mouse trap**! \u{1F5B1}\uFE0F\u{1F602}",
          },
        ],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
    ),
  },
  // gpt-5 with a trailing { choices: [], moderation: {...}, usage: null } chunk after the usage chunk: ignored.
  'oai-moderation/stream': {
    events: { start: 1, 'text-delta': 2, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'gpt-5-2025-08-07',
        requestId: 'chatcmpl-E4Rjs6IxaJVge9Ntk5keJsaeDy6vS',
        usage: { inputTokens: 13, outputTokens: 11, totalTokens: 24, cachedInputTokens: 0, reasoningTokens: 0 },
      },
      { content: [{ type: 'text', text: 'Paris.' }], finishReason: 'stop', rawFinishReason: 'stop' },
    ),
  },
  // Groq: `reasoning` deltas, the text "maybe", then `event: error` (HTTP 200). Content had started (reasoning
  // counts), so the error is not retryable; no usage had been reported.
  'groq-error/stream': {
    events: { start: 1, 'reasoning-delta': 83, 'text-delta': 1 },
    streamError: {
      code: 'tool_use_failed',
      provider: chat,
      partialText: 'maybe',
      usage: undefined,
      requestId: 'chatcmpl-fd87720a-9b48-4161-bcd7-6127bd0d3696',
      isRetryable: false,
      message: 'openai.chat: error event in the stream: Tool choice is required, but model did not call a tool',
    },
    generation: generation(
      { provider: chat, modelId: 'openai/gpt-oss-120b', requestId: 'chatcmpl-fd87720a-9b48-4161-bcd7-6127bd0d3696' },
      {
        content: [
          { type: 'reasoning', text: long('The user says: "dont make a tool call, just return', 'JSON, and no tool call. So just plain text: maybe.', 361) },
          { type: 'text', text: 'maybe' },
        ],
        finishReason: 'other',
        rawFinishReason: null,
      },
    ),
  },
  // xAI: reasoning_content deltas, the whole tool call in one delta, and a total_tokens (560) that is not
  // prompt + completion (307 + 26): the provider's own total is kept.
  'xai-tool-call/stream': {
    events: { start: 1, 'reasoning-delta': 227, 'tool-call-start': 1, 'tool-call-delta': 1, 'tool-call': 1, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'grok-3-mini',
        requestId: '7027d986-3c59-a37a-9a5f-50713e01c8a6',
        usage: { inputTokens: 307, outputTokens: 26, totalTokens: 560, cachedInputTokens: 306, reasoningTokens: 227 },
      },
      {
        content: [
          { type: 'reasoning', text: long('First, the user is asking about the weather in San', 'esult, but for now, this is the logical next step.', 1069) },
          { type: 'tool-call', toolCallId: 'call_79382389', toolName: 'weather', input: { location: 'San Francisco' } },
        ],
        rawInputs: { call_79382389: '{"location":"San Francisco"}' },
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_calls',
      },
    ),
  },
  // DeepSeek: reasoning_content, then content; usage (with prompt_cache_hit_tokens) in the finish chunk.
  'deepseek-reasoning/stream': {
    events: { start: 1, 'reasoning-delta': 205, 'text-delta': 13, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'deepseek-reasoner',
        requestId: 'cac7192e-e619-40c6-96b0-ed4276bc03ac',
        usage: { inputTokens: 18, outputTokens: 219, totalTokens: 237, cachedInputTokens: 0, reasoningTokens: 205 },
      },
      {
        content: [
          { type: 'reasoning', text: long('We need to count the number of the letter "r" in t', 'ns 3, 8, and 9. So yes, 3.\n\nThus, the answer is 3.', 606) },
          { type: 'text', text: 'The word "strawberry" contains three "r"s.' },
        ],
        finishReason: 'stop',
        rawFinishReason: 'stop',
      },
    ),
  },
  'deepseek-tool-call/stream': {
    events: { start: 1, 'reasoning-delta': 39, 'tool-call-start': 1, 'tool-call-delta': 10, 'tool-call': 1, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: chat,
        modelId: 'deepseek-reasoner',
        requestId: 'cca85624-4056-401f-b220-d77601d1f70d',
        usage: { inputTokens: 339, outputTokens: 83, totalTokens: 422, cachedInputTokens: 320, reasoningTokens: 39 },
      },
      {
        content: [
          {
            type: 'reasoning',
            text: 'The user is asking for the weather in San Francisco. I need to use the weather tool to get this information. Let me invoke the weather tool with the location parameter set to "San Francisco".',
          },
          { type: 'tool-call', toolCallId: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', toolName: 'weather', input: { location: 'San Francisco' } },
        ],
        rawInputs: { call_00_ioIn7yN9p1ZOMNpDLwd4MgAF: '{"location": "San Francisco"}' },
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_calls',
      },
    ),
  },
  // Legacy completions: text_completion chunks (`text`), finish length, usage chunk with choices: [].
  'oai-completion/stream': {
    events: { start: 1, 'text-delta': 16, finish: 1, usage: 1 },
    generation: generation(
      {
        provider: 'openai.completion',
        modelId: 'gpt-3.5-turbo-instruct:20230824-v2',
        requestId: 'cmpl-D8ZFN477TMm6AoQohx2jSTOJMh60M',
        usage: { inputTokens: 14, outputTokens: 16, totalTokens: 30 },
      },
      { content: [{ type: 'text', text: 'The holiday is called "Gratitude Day" and it is a day dedicated to' }], finishReason: 'length', rawFinishReason: 'length' },
    ),
  },
  'oai-completion/generate': {
    generation: generation(
      {
        provider: 'openai.completion',
        modelId: 'gpt-3.5-turbo-instruct:20230824-v2',
        requestId: 'cmpl-D8ZFHlGItjM5Nghki1LmZIRscBz2P',
        usage: { inputTokens: 14, outputTokens: 16, totalTokens: 30 },
      },
      {
        content: [{ type: 'text', text: 'The new holiday is called "Gratitude Day" and it celebrates the importance of' }],
        finishReason: 'length',
        rawFinishReason: 'length',
      },
    ),
  },
};
