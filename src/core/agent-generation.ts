import type { ToolResultPart } from './content.js';
import type { Generation, Usage } from './generation.js';
import type { Message } from './prompt.js';

/**
 * What a tool loop (`withTools`) answers: its last model call's `Generation` (text, finish reason, the
 * model that answered...), with every step's `Generation`, the messages the loop appended and the usage of
 * all the steps together.
 */
export interface AgentGeneration extends Generation {
  /** Each model call's `Generation`, in order. */
  readonly steps: readonly Generation[];
  /** What the loop appended to the conversation: each step's assistant message, then its tool results. */
  readonly messages: readonly Message[];
  /**
   * True when the loop ended at `maxSteps` with tool calls still asked for: they were not run (the last
   * step's `toolCalls`), and `messages` ends with that assistant message. False when the model answered.
   */
  readonly maxStepsReached: boolean;
}

/**
 * An `AgentGeneration` from the steps' generations and the tool results that followed each (`results[i]`
 * after step i; none after the last, normally): the last step's fields, usage summed over the steps.
 */
export function makeAgentGeneration(steps: readonly Generation[], results: readonly (readonly ToolResultPart[])[]): AgentGeneration {
  const last = steps[steps.length - 1]!;
  const messages: Message[] = [];
  steps.forEach((step, i) => {
    messages.push(step.message);
    const r = results[i] ?? [];
    if (r.length > 0) messages.push({ role: 'tool', content: r });
  });
  const usage = sumUsage(steps.map((s) => s.usage));
  const { usage: _lastUsage, ...lastFields } = last;
  return {
    ...lastFields,
    ...(usage ? { usage } : {}),
    steps,
    messages,
    maxStepsReached: last.toolCalls.length > 0 && (results[steps.length - 1] ?? []).length === 0,
  };
}

/** The sum of several usages (each count and each detail present in any); undefined when none was reported. */
export function sumUsage(usages: readonly (Usage | undefined)[]): Usage | undefined {
  const known = usages.filter((u): u is Usage => u !== undefined);
  if (known.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const u of known) for (const [k, v] of Object.entries(u)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out as unknown as Usage;
}
