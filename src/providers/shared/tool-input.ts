import type { Usage } from '../../core/generation.js';
import { InvalidOutputError } from '../../errors/invalid-output-error.js';

/** Who made a tool call, for the error when its input does not parse. */
export interface ToolCallOrigin {
  readonly provider: string;
  readonly toolName: string;
  readonly toolCallId: string;
  readonly requestId?: string;
  /** What the call cost, when known: the error carries it. */
  readonly usage?: Usage;
}

/**
 * A tool call's input parsed from the JSON text the provider sent: an empty text is `{}` (a tool without
 * parameters); text that is not JSON is an `InvalidOutputError` carrying the text and the parse error.
 *
 * @example
 * parseToolInput('{"city":"Oslo"}', origin); // { city: 'Oslo' }
 */
export function parseToolInput(raw: string, origin: ToolCallOrigin): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new InvalidOutputError(`${origin.provider}: the input of tool call ${origin.toolCallId} (${origin.toolName}) is not valid JSON`, {
      provider: origin.provider,
      text: raw,
      issues: [error instanceof Error ? error.message : String(error)],
      code: 'invalid_tool_input',
      ...(origin.requestId !== undefined ? { requestId: origin.requestId } : {}),
      ...(origin.usage !== undefined ? { usage: origin.usage } : {}),
    });
  }
}
