import type { AssistantPart, ToolResultPart, UserPart } from '../core/content.js';
import { jsonText, normalizePrompt, type PromptInput } from '../core/prompt.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { imageSource, imageUrl } from '../providers/shared/image-data.js';
import type { UiMessage, UiMessagePart, UiToolPart } from './ui-message-stream-types.js';

type MutableToolPart = { -readonly [K in keyof UiToolPart]: UiToolPart[K] };

/**
 * A prompt as the AI SDK's `useChat` sends a conversation (`UIMessage`s), so that a server written with either
 * library reads it. System and user messages map one to one (images become `file` parts); an assistant's
 * turn, with the tool results that follow each of its steps, is ONE assistant message whose steps begin with a
 * `step-start` part, each tool call a `tool-<name>` part holding its input and then its output (or error).
 * Reasoning signatures and redacted reasoning travel as `providerMetadata.anthropic` (as the AI SDK writes
 * them). Throws `InvalidArgumentError` for an invalid prompt, or a tool result that answers no earlier call.
 *
 * @example
 * promptToUiMessages('Hi'); // [{ id: 'm0', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }]
 */
export function promptToUiMessages(input: PromptInput, argName = 'input'): UiMessage[] {
  const out: { id: string; role: UiMessage['role']; parts: UiMessagePart[] }[] = [];
  /** The tool parts of the assistant message being built, by tool call id. */
  let calls = new Map<string, MutableToolPart>();
  normalizePrompt(input, argName).forEach((message, i) => {
    const at = `${argName}[${i}]`;
    const last = out[out.length - 1];
    switch (message.role) {
      case 'system':
        out.push({ id: `m${i}`, role: 'system', parts: [{ type: 'text', text: message.content }] });
        return;
      case 'user':
        out.push({ id: `m${i}`, role: 'user', parts: typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content.map((p, j) => userPart(p, `${at}.content[${j}]`)) });
        return;
      case 'assistant': {
        // A step after tool results continues the same assistant message (as useChat keeps a tool loop's turn).
        const continues = last?.role === 'assistant';
        const parts: UiMessagePart[] = continues ? last.parts : [];
        if (!continues) {
          calls = new Map();
          out.push({ id: `m${i}`, role: 'assistant', parts });
        }
        parts.push({ type: 'step-start' });
        const content = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
        for (const part of content) parts.push(assistantPart(part, calls));
        return;
      }
      case 'tool':
        message.content.forEach((result, j) => addResult(result, calls, last?.role === 'assistant', `${at}.content[${j}]`));
        return;
    }
  });
  return out;
}

function userPart(part: UserPart, at: string): UiMessagePart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const source = imageSource(part, at);
  return { type: 'file', mediaType: source.kind === 'base64' ? source.mediaType : (part.mediaType ?? 'image/*'), url: imageUrl(part, at) };
}

function assistantPart(part: AssistantPart, calls: Map<string, MutableToolPart>): UiMessagePart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text, state: 'done' };
    case 'reasoning':
      return { type: 'reasoning', text: part.text, state: 'done', ...(part.signature !== undefined ? { providerMetadata: { anthropic: { signature: part.signature } } } : {}) };
    case 'redacted-reasoning':
      return { type: 'reasoning', text: '', state: 'done', providerMetadata: { anthropic: { redactedData: part.data } } };
    case 'tool-call': {
      const tool: MutableToolPart = { type: `tool-${part.toolName}`, toolCallId: part.toolCallId, state: 'input-available', input: part.input };
      calls.set(part.toolCallId, tool);
      return tool;
    }
  }
}

function addResult(result: ToolResultPart, calls: Map<string, MutableToolPart>, afterAssistant: boolean, at: string): void {
  const call = afterAssistant ? calls.get(result.toolCallId) : undefined;
  if (!call) throw new InvalidArgumentError(`${at}.toolCallId`, 'answers no tool call of the assistant message before it (a UI message carries each result with its call)');
  if (result.isError) {
    call.state = 'output-error';
    call.errorText = jsonText(result.output);
  } else {
    call.state = 'output-available';
    call.output = result.output;
  }
}
