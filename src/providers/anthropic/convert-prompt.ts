import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import type { ChatMessage } from '../../core/prompt.js';

/** A message as the Anthropic Messages API takes it. */
export interface AnthropicMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** Anthropic's request shape: the system prompt is a separate field, not a message. */
export interface AnthropicPrompt {
  /** Every system message's content, joined by blank lines; absent when there were none. */
  readonly system?: string;
  readonly messages: AnthropicMessage[];
}

/**
 * Converts normalised chat messages to Anthropic's `{ system, messages }`: system messages (wherever they are)
 * go to `system`; consecutive messages with the same role are merged (joined by a blank line), since the API
 * wants user and assistant turns to alternate. Throws `InvalidArgumentError` when no user or assistant message
 * is left (Anthropic needs at least one).
 *
 * @example
 * convertToAnthropicMessages([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
 * // { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] }
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const system: string[] = [];
  const out: { role: 'user' | 'assistant'; content: string }[] = [];
  for (const m of messages) {
    if (m.role === 'system') {
      system.push(m.content);
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else out.push({ role: m.role, content: m.content });
  }
  if (out.length === 0) {
    throw new InvalidArgumentError('input', 'needs at least one user or assistant message (Anthropic takes system text separately)');
  }
  return system.length > 0 ? { system: system.join('\n\n'), messages: out } : { messages: out };
}
