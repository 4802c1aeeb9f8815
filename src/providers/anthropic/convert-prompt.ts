import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import type { Message } from '../../core/prompt.js';
import { jsonText } from '../../core/prompt.js';
import { imageSource } from '../shared/image-data.js';

/** A content block as the Anthropic Messages API takes it. */
export type AnthropicBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly source: { readonly type: 'url'; readonly url: string } | { readonly type: 'base64'; readonly media_type: string; readonly data: string } }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown }
  | { readonly type: 'tool_result'; readonly tool_use_id: string; readonly content: string; readonly is_error?: boolean };

/** A message as the Anthropic Messages API takes it. */
export interface AnthropicMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | AnthropicBlock[];
}

/** Anthropic's request shape: the system prompt is a separate field, not a message. */
export interface AnthropicPrompt {
  /** Every system message's content, joined by blank lines; absent when there were none. */
  readonly system?: string;
  readonly messages: AnthropicMessage[];
}

/**
 * Converts messages to Anthropic's `{ system, messages }`: system messages (wherever they are) go to `system`;
 * user parts become `text` / `image` blocks (bytes and data URLs as base64 sources); an assistant's parts
 * become `thinking` (with its signature), `redacted_thinking` (unchanged), `text` and `tool_use` blocks in
 * order; tool results become `tool_result` blocks in a user turn (non-string output as JSON, `is_error`).
 * Consecutive turns of the same role are merged (the API wants user and assistant turns to alternate): two
 * strings are joined by a blank line, anything else concatenated as blocks. Throws `InvalidArgumentError` when
 * no user or assistant message is left (Anthropic needs at least one).
 *
 * @example
 * convertToAnthropicMessages([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
 * // { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] }
 */
export function convertToAnthropicMessages(messages: readonly Message[], argName = 'input'): AnthropicPrompt {
  const system: string[] = [];
  const out: { role: 'user' | 'assistant'; content: string | AnthropicBlock[] }[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'system') {
      system.push(m.content);
      return;
    }
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const content = typeof m.content === 'string' ? m.content : m.content.map((p, j) => toBlock(p, `${argName}[${i}].content[${j}]`));
    const last = out[out.length - 1];
    if (!last || last.role !== role) out.push({ role, content });
    else if (typeof last.content === 'string' && typeof content === 'string') last.content = `${last.content}\n\n${content}`;
    else last.content = [...blocks(last.content), ...blocks(content)];
  });
  if (out.length === 0) {
    throw new InvalidArgumentError(argName, 'needs at least one user or assistant message (Anthropic takes system text separately)');
  }
  return system.length > 0 ? { system: system.join('\n\n'), messages: out } : { messages: out };
}

function blocks(content: string | AnthropicBlock[]): AnthropicBlock[] {
  return typeof content === 'string' ? (content === '' ? [] : [{ type: 'text', text: content }]) : content;
}

function toBlock(part: Exclude<Message['content'], string>[number], at: string): AnthropicBlock {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const source = imageSource(part, at);
      return { type: 'image', source: source.kind === 'url' ? { type: 'url', url: source.url } : { type: 'base64', media_type: source.mediaType, data: source.data } };
    }
    case 'reasoning':
      return { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
    case 'redacted-reasoning':
      return { type: 'redacted_thinking', data: part.data };
    case 'tool-call':
      return { type: 'tool_use', id: part.toolCallId, name: part.toolName, input: part.input ?? {} };
    case 'tool-result':
      return { type: 'tool_result', tool_use_id: part.toolCallId, content: jsonText(part.output), ...(part.isError ? { is_error: true } : {}) };
  }
}
