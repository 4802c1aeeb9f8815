import type { AssistantPart } from './content.js';

type MutablePart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; signature?: string; closed: boolean }
  | { type: 'redacted-reasoning'; data: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input?: unknown; raw: string; complete: boolean };

/**
 * Builds a choice's content parts in the order the model produced them, from the pieces a provider sends
 * (stream deltas or the blocks of a whole response), so that a stream and a whole response give the same
 * parts. The rules, written once: consecutive text merges into one part; reasoning merges until a signature
 * closes it; a tool call takes its place in the order when it starts and counts once it is complete, with the
 * input and raw text it completes with (a call never completed, cut by the token limit, is left out: the
 * pieces of input streamed before are not needed).
 *
 * @example
 * const b = new ContentBuilder();
 * b.reasoning('Think.'); b.signature('sig'); b.text('Hi'); b.toolCall('call_1', 'weather', { city: 'Oslo' }, '{"city":"Oslo"}');
 * b.build().content; // [reasoning (signed), text, tool-call]
 */
export class ContentBuilder {
  private readonly parts: MutablePart[] = [];
  private readonly calls = new Map<string, Extract<MutablePart, { type: 'tool-call' }>>();

  text(text: string): void {
    if (text === '') return;
    const last = this.parts.at(-1);
    if (last?.type === 'text') last.text += text;
    else this.parts.push({ type: 'text', text });
  }

  reasoning(text: string): void {
    const last = this.parts.at(-1);
    if (last?.type === 'reasoning' && !last.closed) last.text += text;
    else if (text !== '') this.parts.push({ type: 'reasoning', text, closed: false });
  }

  /** Signs (and closes) the reasoning just built; a signature with no reasoning before it is a signed empty part. */
  signature(signature: string): void {
    const last = this.parts.at(-1);
    if (last?.type === 'reasoning' && !last.closed) Object.assign(last, { signature, closed: true });
    else this.parts.push({ type: 'reasoning', text: '', signature, closed: true });
  }

  redacted(data: string): void {
    this.parts.push({ type: 'redacted-reasoning', data });
  }

  toolCallStart(toolCallId: string, toolName: string): void {
    if (this.calls.has(toolCallId)) return;
    const call = { type: 'tool-call' as const, toolCallId, toolName, raw: '', complete: false };
    this.calls.set(toolCallId, call);
    this.parts.push(call);
  }

  /** A complete tool call (started before or not). */
  toolCall(toolCallId: string, toolName: string, input: unknown, rawInput: string): void {
    this.toolCallStart(toolCallId, toolName);
    Object.assign(this.calls.get(toolCallId)!, { toolName, input, raw: rawInput, complete: true });
  }

  /** The parts so far (incomplete tool calls left out) and the raw input text of each tool call. */
  build(): { content: AssistantPart[]; rawInputs: Map<string, string> } {
    const content: AssistantPart[] = [];
    const rawInputs = new Map<string, string>();
    for (const p of this.parts) {
      if (p.type === 'text') content.push({ type: 'text', text: p.text });
      else if (p.type === 'reasoning') content.push({ type: 'reasoning', text: p.text, ...(p.signature !== undefined ? { signature: p.signature } : {}) });
      else if (p.type === 'redacted-reasoning') content.push({ type: 'redacted-reasoning', data: p.data });
      else if (p.complete) {
        content.push({ type: 'tool-call', toolCallId: p.toolCallId, toolName: p.toolName, input: p.input });
        rawInputs.set(p.toolCallId, p.raw);
      }
    }
    return { content, rawInputs };
  }
}
