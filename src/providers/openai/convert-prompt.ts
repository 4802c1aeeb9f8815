import type { Message } from '../../core/prompt.js';
import { jsonText } from '../../core/prompt.js';
import { imageUrl } from '../shared/image-data.js';

/** A tool call as OpenAI's assistant messages carry it. */
export interface OpenAIToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** A content part of an OpenAI user message. */
export type OpenAIUserPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string } };

/** A message as the OpenAI chat completions API takes it. */
export type OpenAIChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string | OpenAIUserPart[] }
  | { readonly role: 'assistant'; readonly content: string | null; readonly tool_calls?: OpenAIToolCall[] }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string };

/**
 * Converts messages to OpenAI's `messages`, one to one except tool messages (one `role: 'tool'` message per
 * result, `tool_call_id` set, non-string output as JSON). User parts become `text` / `image_url` parts (bytes
 * as data URLs); an assistant's text parts are joined and its tool calls become `tool_calls` (input as JSON
 * text); reasoning is not sent back (the chat API takes none).
 *
 * @example
 * convertToOpenAIMessages([{ role: 'user', content: 'Hi' }]); // [{ role: 'user', content: 'Hi' }]
 */
export function convertToOpenAIMessages(messages: readonly Message[], argName = 'input'): OpenAIChatMessage[] {
  const out: OpenAIChatMessage[] = [];
  messages.forEach((m, i) => {
    const at = `${argName}[${i}]`;
    switch (m.role) {
      case 'system':
        out.push({ role: 'system', content: m.content });
        return;
      case 'user':
        out.push({
          role: 'user',
          content:
            typeof m.content === 'string'
              ? m.content
              : m.content.map((p, j) => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: imageUrl(p, `${at}.content[${j}]`) } })),
        });
        return;
      case 'assistant': {
        if (typeof m.content === 'string') {
          out.push({ role: 'assistant', content: m.content });
          return;
        }
        const text = m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
        const calls = m.content.flatMap((p): OpenAIToolCall[] =>
          p.type === 'tool-call' ? [{ id: p.toolCallId, type: 'function', function: { name: p.toolName, arguments: JSON.stringify(p.input ?? {}) } }] : [],
        );
        out.push({ role: 'assistant', content: text === '' && calls.length > 0 ? null : text, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
        return;
      }
      case 'tool':
        for (const r of m.content) out.push({ role: 'tool', tool_call_id: r.toolCallId, content: jsonText(r.output) });
    }
  });
  return out;
}
