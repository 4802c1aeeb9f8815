import { SETTING_NAMES, validateSettings, type CallSettings } from '../core/call-settings.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { Message } from '../core/prompt.js';
import { checkOptions } from '../core/validate.js';
import { uiMessagesToPrompt } from './ui-messages-to-prompt.js';

/**
 * A chat request as the server reads it (see `parseUiMessageRequest`).
 *
 * @example
 * const { input, settings, fields } = parseUiMessageRequest(body); // fields.id: useChat's chat id
 */
export interface UiMessageRequest {
  /** The conversation, as rxllm messages: pass it to `model.stream(input)`. */
  readonly input: Message[];
  /**
   * The settings the client asked for (`remoteModel` sends a call's settings: temperature, tools...); `{}`
   * from `useChat`. A client is not to be trusted: pass on only what you allow.
   */
  readonly settings: CallSettings;
  /** Every other field of the body: `useChat`'s `id` and `trigger`, and what the client added with `body`. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The settings a client may ask for: all but `headers` (the provider request's own headers are the server's). */
const { headers: _headers, ...CLIENT_SETTING_NAMES } = SETTING_NAMES;
const CLIENT_SETTINGS: KnownKeys<Omit<CallSettings, 'headers'>> = CLIENT_SETTING_NAMES;

/**
 * Reads the JSON body of a chat request, as `remoteModel` and the AI SDK's `useChat` send it
 * (`{ messages: UIMessage[], settings?, ...fields }`): the conversation as rxllm messages (see
 * `uiMessagesToPrompt`), the settings the client asked for (checked like a call's), and the other fields.
 * Throws `InvalidArgumentError` naming the place (`body.messages[1].parts[0].text`) for anything malformed:
 * answer it with HTTP 400.
 *
 * @example
 * const { input, settings } = parseUiMessageRequest(await request.json());
 * return toUiMessageStreamResponse(model.stream(input, { temperature: settings.temperature, maxTokens: 500 }));
 */
export function parseUiMessageRequest(body: unknown): UiMessageRequest {
  checkOptions('body', body, { required: true, expected: 'a { messages } object (the JSON of the request body)' });
  const { messages, settings, ...fields } = body as Record<string, unknown>;
  const input = uiMessagesToPrompt(messages, 'body.messages');
  checkOptions('body.settings', settings, { expected: 'an object of call settings' });
  checkKnownKeys('body.settings', settings, CLIENT_SETTINGS);
  validateSettings((settings ?? {}) as CallSettings, 'body.settings.');
  return { input, settings: (settings ?? {}) as CallSettings, fields };
}
