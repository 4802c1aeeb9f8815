import type { ChatMessage } from '../../core/prompt.js';

/** A chat message as the OpenAI chat completions API takes it. */
export interface OpenAIChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/**
 * Converts normalised chat messages to OpenAI's `messages`. OpenAI accepts any order and repeated roles, so the
 * messages pass through one to one (copied, so later changes to the input do not leak into a request).
 *
 * @example
 * convertToOpenAIMessages([{ role: 'user', content: 'Hi' }]); // [{ role: 'user', content: 'Hi' }]
 */
export function convertToOpenAIMessages(messages: readonly ChatMessage[]): OpenAIChatMessage[] {
  return messages.map((m) => ({ role: m.role, content: m.content }));
}
