// The request: a prompt as UI messages (remoteModel, like useChat) and back (parseUiMessageRequest on the server).
import type { Message } from '../../src/core/prompt.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { promptToUiMessages } from '../../src/web/prompt-to-ui-messages.js';
import { parseUiMessageRequest } from '../../src/web/ui-message-request.js';
import { uiMessagesToPrompt } from '../../src/web/ui-messages-to-prompt.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const conversation: Message[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'Weather and time in Oslo? See:' }, { type: 'image', image: 'https://example.com/oslo.jpg', mediaType: 'image/jpeg' }] },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Two tools.', signature: 'sig==' },
      { type: 'redacted-reasoning', data: 'opaque' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' } },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'get_time', input: { city: 'Oslo' } },
    ],
  },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'get_weather', output: { tempC: 3 } }, { type: 'tool-result', toolCallId: 'c2', toolName: 'get_time', output: 'no clock', isError: true }] },
  { role: 'assistant', content: [{ type: 'text', text: '3 °C; the time is unknown.' }] },
  { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
];

describe('prompt <-> UI messages', () => {
  it('a tool loop\'s turn is one assistant message, its steps begun by step-start, each tool part holding its output', () => {
    const ui = promptToUiMessages(conversation);
    expect(ui.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(ui[1]!.parts[1]).toEqual({ type: 'file', mediaType: 'image/jpeg', url: 'https://example.com/oslo.jpg' });
    expect(ui[2]!.parts).toEqual([
      { type: 'step-start' },
      { type: 'reasoning', text: 'Two tools.', state: 'done', providerMetadata: { anthropic: { signature: 'sig==' } } },
      { type: 'reasoning', text: '', state: 'done', providerMetadata: { anthropic: { redactedData: 'opaque' } } },
      { type: 'tool-get_weather', toolCallId: 'c1', state: 'output-available', input: { city: 'Oslo' }, output: { tempC: 3 } },
      { type: 'tool-get_time', toolCallId: 'c2', state: 'output-error', input: { city: 'Oslo' }, errorText: 'no clock' },
      { type: 'step-start' },
      { type: 'text', text: '3 °C; the time is unknown.', state: 'done' },
    ]);
  });

  it('round trip: the server reads back the same conversation', () => {
    expect(uiMessagesToPrompt(promptToUiMessages(conversation))).toEqual(conversation);
    expect(uiMessagesToPrompt(promptToUiMessages('Hi'))).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('image bytes travel as a data URL with the sniffed media type', () => {
    const [message] = promptToUiMessages([{ role: 'user', content: [{ type: 'image', image: PNG }] }]);
    expect(message!.parts[0]).toEqual({ type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(uiMessagesToPrompt([message])).toEqual([{ role: 'user', content: [{ type: 'image', image: 'data:image/png;base64,iVBORw0KGgo=', mediaType: 'image/png' }] }]);
  });

  it('a bad prompt, or a tool result that answers no call, throws InvalidArgumentError naming the place', () => {
    expectInvalid(() => promptToUiMessages([]), 'input');
    expectInvalid(() => promptToUiMessages([{ role: 'user', content: 'a' }, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'x', toolName: 't', output: 1 }] }]), 'input[1].content[0].toolCallId');
  });
});

describe('parseUiMessageRequest', () => {
  it('reads useChat\'s body: the messages, no settings, the other fields as they are', () => {
    const body = { id: 'chat-1', trigger: 'submit-message', messageId: undefined, messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }], chatMode: 'short' };
    expect(parseUiMessageRequest(body)).toEqual({
      input: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      settings: {},
      fields: { id: 'chat-1', trigger: 'submit-message', messageId: undefined, chatMode: 'short' },
    });
  });

  it('reads the settings remoteModel sends, checked like a call\'s', () => {
    const body = { messages: promptToUiMessages('Hi'), settings: { temperature: 0, maxTokens: 50, tools: [{ name: 'f', inputSchema: { type: 'object' } }] } };
    expect(parseUiMessageRequest(body).settings).toEqual(body.settings);
  });

  it('skips parts a prompt has no use for; a step of tool calls still streaming is left out', () => {
    const messages = [
      { id: 'u', role: 'user', parts: [{ type: 'text', text: 'q' }, { type: 'data-context', data: 1 }] },
      { id: 'a', role: 'assistant', parts: [{ type: 'step-start' }, { type: 'source-url', sourceId: 's', url: 'https://x' }, { type: 'text', text: 'a' }, { type: 'tool-f', toolCallId: 'c', state: 'input-streaming' }] },
    ];
    expect(parseUiMessageRequest({ messages }).input).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
    ]);
  });

  it('malformed bodies throw InvalidArgumentError naming the place (answer them with 400)', () => {
    expectInvalid(() => parseUiMessageRequest(undefined), 'body');
    expectInvalid(() => parseUiMessageRequest({ messages: 'hi' }), 'body.messages');
    expectInvalid(() => parseUiMessageRequest({ messages: [] }), 'body.messages');
    expectInvalid(() => parseUiMessageRequest({ messages: [{ role: 'user', parts: [{ type: 'text', text: 3 }] }] }), 'body.messages[0].parts[0].text');
    expectInvalid(() => parseUiMessageRequest({ messages: [{ role: 'robot', parts: [] }] }), 'body.messages[0].role');
    expectInvalid(() => parseUiMessageRequest({ messages: [{ role: 'user', parts: [{ type: 'file', mediaType: 'application/pdf', url: 'data:,' }] }] }), 'body.messages[0].parts[0].mediaType');
    expectInvalid(() => parseUiMessageRequest({ messages: promptToUiMessages('a'), settings: { temprature: 1 } }), 'body.settings.temprature');
    expectInvalid(() => parseUiMessageRequest({ messages: promptToUiMessages('a'), settings: { headers: { a: 'b' } } }), 'body.settings.headers');
    expectInvalid(() => parseUiMessageRequest({ messages: promptToUiMessages('a'), settings: { temperature: -1 } }), 'body.settings.temperature');
  });
});
