import type { AssistantPart, ToolResultPart, UserPart } from '../core/content.js';
import { normalizePrompt, type Message } from '../core/prompt.js';
import { describe, isPlainObject } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * The conversation a client sent as UI messages (`remoteModel`'s, or the AI SDK's `useChat`), as rxllm
 * messages: system and user messages one to one (`file` parts with an image media type become image
 * parts); an assistant message splits at its `step-start` parts into one assistant message per step, each
 * followed by a `tool` message with the results its tool calls had (`output-available`, `output-error`).
 * Parts rxllm has no use for in a prompt (sources, `data-*` parts, a tool call still streaming) are
 * skipped. Throws `InvalidArgumentError` naming the place (`messages[2].parts[0]`) for anything malformed,
 * and for a file that is not an image.
 *
 * @example
 * uiMessagesToPrompt([{ id: 'a', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }]); // [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]
 */
export function uiMessagesToPrompt(messages: unknown, argName = 'messages'): Message[] {
  if (!Array.isArray(messages)) throw new InvalidArgumentError(argName, `must be an array of UI messages, got ${describe(messages)}`);
  const out: Message[] = [];
  messages.forEach((m: unknown, i) => {
    const at = `${argName}[${i}]`;
    if (!isPlainObject(m)) throw new InvalidArgumentError(at, `must be a { role, parts } UI message, got ${describe(m)}`);
    if (!Array.isArray(m.parts)) throw new InvalidArgumentError(`${at}.parts`, `must be an array of parts, got ${describe(m.parts)}`);
    const parts = m.parts.map((p: unknown, j) => {
      if (!isPlainObject(p) || typeof p.type !== 'string') throw new InvalidArgumentError(`${at}.parts[${j}]`, `must be a { type, ... } part, got ${describe(p)}`);
      return { part: p, at: `${at}.parts[${j}]` };
    });
    switch (m.role) {
      case 'system':
        out.push({ role: 'system', content: parts.filter(({ part }) => part.type === 'text').map(({ part, at: pAt }) => text(part, pAt)).join('\n') });
        return;
      case 'user': {
        const content = parts.flatMap(({ part, at: pAt }) => userPart(part, pAt));
        if (content.length > 0) out.push({ role: 'user', content });
        return;
      }
      case 'assistant':
        out.push(...assistantSteps(parts));
        return;
      default:
        throw new InvalidArgumentError(`${at}.role`, `must be "system", "user" or "assistant", got ${typeof m.role === 'string' ? JSON.stringify(m.role) : describe(m.role)}`);
    }
  });
  return normalizePrompt(out, argName);
}

type Located = { readonly part: Record<string, unknown>; readonly at: string };

function text(part: Record<string, unknown>, at: string): string {
  if (typeof part.text !== 'string') throw new InvalidArgumentError(`${at}.text`, `must be a string, got ${describe(part.text)}`);
  return part.text;
}

function userPart(part: Record<string, unknown>, at: string): UserPart[] {
  if (part.type === 'text') return [{ type: 'text', text: text(part, at) }];
  if (part.type !== 'file') return [];
  const { url, mediaType } = part;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('image/')) {
    throw new InvalidArgumentError(`${at}.mediaType`, `only image files can be sent to a model, got ${typeof mediaType === 'string' ? JSON.stringify(mediaType) : describe(mediaType)}`);
  }
  if (typeof url !== 'string') throw new InvalidArgumentError(`${at}.url`, `must be a string, got ${describe(url)}`);
  return [{ type: 'image', image: url, ...(mediaType !== 'image/*' ? { mediaType } : {}) }];
}

/** An assistant UI message as rxllm messages: one assistant message per step, each followed by its tool results. */
function assistantSteps(parts: readonly Located[]): Message[] {
  const out: Message[] = [];
  let content: AssistantPart[] = [];
  let results: ToolResultPart[] = [];
  const endStep = (): void => {
    if (content.length > 0) out.push({ role: 'assistant', content });
    if (results.length > 0) out.push({ role: 'tool', content: results });
    content = [];
    results = [];
  };
  for (const { part, at } of parts) {
    const type = part.type as string;
    if (type === 'step-start') endStep();
    else if (type === 'text') content.push({ type: 'text', text: text(part, at) });
    else if (type === 'reasoning') content.push(reasoningPart(part, at));
    else if (type === 'dynamic-tool' || type.startsWith('tool-')) {
      const call = toolPart(part, at, type === 'dynamic-tool' ? part.toolName : type.slice('tool-'.length));
      if (!call) continue;
      content.push(call.call);
      if (call.result) results.push(call.result);
    }
  }
  endStep();
  return out;
}

function reasoningPart(part: Record<string, unknown>, at: string): AssistantPart {
  const anthropic = isPlainObject(part.providerMetadata) && isPlainObject(part.providerMetadata.anthropic) ? part.providerMetadata.anthropic : {};
  if (typeof anthropic.redactedData === 'string' && anthropic.redactedData !== '') return { type: 'redacted-reasoning', data: anthropic.redactedData };
  return { type: 'reasoning', text: text(part, at), ...(typeof anthropic.signature === 'string' ? { signature: anthropic.signature } : {}) };
}

/** A tool part as its call and its result (when it has one); undefined for a call whose input is still streaming. */
function toolPart(part: Record<string, unknown>, at: string, toolName: unknown): { call: AssistantPart; result?: ToolResultPart } | undefined {
  const { toolCallId, state } = part;
  if (state === 'input-streaming') return undefined;
  if (typeof toolCallId !== 'string' || toolCallId === '') throw new InvalidArgumentError(`${at}.toolCallId`, `must be a non-empty string, got ${describe(toolCallId)}`);
  if (typeof toolName !== 'string' || toolName === '') throw new InvalidArgumentError(`${at}.toolName`, `must be a non-empty string, got ${describe(toolName)}`);
  const call: AssistantPart = { type: 'tool-call', toolCallId, toolName, input: part.input ?? {} };
  if (state === 'output-available') return { call, result: { type: 'tool-result', toolCallId, toolName, output: part.output } };
  if (state === 'output-error') return { call, result: { type: 'tool-result', toolCallId, toolName, output: typeof part.errorText === 'string' ? part.errorText : '', isError: true } };
  return { call };
}
