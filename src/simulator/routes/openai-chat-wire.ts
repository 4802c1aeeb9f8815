// How a chat completion goes on the wire, modelled on recorded OpenAI traffic: the message (`content`,
// `refusal`, `tool_calls`), and the chunk sequence: a role chunk (carrying the first tool call's header when the
// answer is a tool call, `refusal: ''` for a refusal), one chunk per token (`content`, `refusal`, or
// `tool_calls[].function.arguments` fragments; each further tool call first sends its `index`, `id`, `type`
// and `name`), a finish chunk per choice, the usage chunk when asked, `[DONE]`. Reasoning shown with
// `x-sim-reasoning-content` goes out as `reasoning_content`, as DeepSeek's API sends it.
import { partTokens, type GenerationPlan, type PlannedChoice, type PlannedPart, type WireFormat } from '../generation-plan.js';
import { newId } from '../ids.js';
import { SSE_DONE, malformedFrame, sseData } from '../sse-writer.js';
import { TimelineBuilder, lazy, mergeTimelines } from '../stream-timeline.js';
import { openaiFinishReason, openaiStreamError, openaiUsage, systemFingerprint, unixSeconds } from './openai-wire.js';

type ToolCallPart = Extract<PlannedPart, { type: 'tool-call' }>;

function toolCalls(choice: PlannedChoice): ToolCallPart[] {
  return choice.parts.filter((p): p is ToolCallPart => p.type === 'tool-call');
}

function message(choice: PlannedChoice, reasoningContent: boolean): Record<string, unknown> {
  const calls = toolCalls(choice);
  const refusal = choice.parts.find((p) => p.type === 'refusal');
  const thinking = choice.parts.find((p) => p.type === 'thinking');
  return {
    role: 'assistant',
    content: calls.length > 0 || refusal !== undefined ? null : choice.text,
    ...(reasoningContent ? { reasoning_content: thinking?.text ?? null } : {}),
    refusal: refusal?.text ?? null,
    annotations: [],
    ...(calls.length > 0
      ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.json } })) }
      : {}),
  };
}

function header(call: ToolCallPart, index: number): Record<string, unknown> {
  return { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
}

/** The first chunk's delta: the role, and what the answer starts with (its first part that goes out). */
function roleDelta(first: PlannedPart | undefined): Record<string, unknown> {
  if (first?.type === 'thinking') return { role: 'assistant', content: null, reasoning_content: '' };
  if (first?.type === 'tool-call') return { role: 'assistant', content: null, tool_calls: [header(first, 0)], refusal: null };
  if (first?.type === 'refusal') return { role: 'assistant', content: null, refusal: '' };
  return { role: 'assistant', content: '', refusal: null };
}

/** How a planned chat completion goes on the wire (see the file comment). */
export function chatWire(plan: GenerationPlan): WireFormat {
  const id = newId.chat();
  const created = unixSeconds();
  const fingerprint = systemFingerprint(plan.model);
  const rc = plan.reasoningContent;
  const chunk = (choice: PlannedChoice, delta: Record<string, unknown>, finish: string | null): string =>
    sseData({
      id, object: 'chat.completion.chunk', created, model: plan.model, service_tier: 'default', system_fingerprint: fingerprint,
      choices: [{ index: choice.index, delta, logprobs: null, finish_reason: finish }],
      ...(plan.includeUsage ? { usage: null } : {}),
    });
  const timeline = lazy(() => mergeTimelines(plan.choices.map((choice) => {
    const first = choice.parts.find((p) => p.type !== 'thinking' || rc);
    const b = new TimelineBuilder().start(chunk(choice, roleDelta(first), null));
    let call = 0;
    let headerSent = first?.type === 'tool-call';
    for (const part of choice.parts) {
      if (part.type === 'thinking') {
        if (rc) for (const t of part.tokens) b.token(chunk(choice, { content: null, reasoning_content: t }, null));
      } else if (part.type === 'text') {
        for (const t of part.tokens) b.token(chunk(choice, rc ? { content: t, reasoning_content: null } : { content: t }, null));
      } else if (part.type === 'refusal') {
        for (const t of part.tokens) b.token(chunk(choice, { refusal: t }, null));
      } else if (part.type === 'tool-call') {
        const index = call++;
        if (!headerSent) b.frame(chunk(choice, { tool_calls: [header(part, index)] }, null));
        headerSent = false;
        for (const t of part.tokens) b.token(chunk(choice, { tool_calls: [{ index, function: { arguments: t } }] }, null));
      }
    }
    return b.build();
  })));
  // Token steps: every streamed token (thinking only when it goes out as `reasoning_content`).
  const steps = Math.max(0, ...plan.choices.map((c) => c.parts.reduce((n, p) => n + (p.type === 'thinking' && !rc ? 0 : partTokens(p).length), 0)));
  const usageChunk = (): string =>
    sseData({ id, object: 'chat.completion.chunk', created, model: plan.model, service_tier: 'default', system_fingerprint: fingerprint, choices: [], usage: openaiUsage(plan, true) });
  return {
    json: () => ({
      id, object: 'chat.completion', created, model: plan.model,
      choices: plan.choices.map((c) => ({ index: c.index, message: message(c, rc), logprobs: null, finish_reason: openaiFinishReason(c) })),
      usage: openaiUsage(plan, true),
      service_tier: 'default',
      system_fingerprint: fingerprint,
    }),
    head: () => timeline().head,
    steps,
    step: (s) => timeline().steps[s] ?? [],
    tail: () => [
      ...timeline().tail,
      ...plan.choices.map((c) => chunk(c, {}, openaiFinishReason(c))),
      ...(plan.includeUsage ? [usageChunk()] : []),
      SSE_DONE,
    ],
    streamError: (type) => openaiStreamError(type),
    malformed: () => malformedFrame(chunk(plan.choices[0]!, { content: ' malformed' }, null)),
  };
}
