import type { ToolSpec, TurnRequest } from './turn-request.js';

/** Where `name` first appears in `text` as a whole word (case-insensitive), or -1. */
function mentionAt(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'i').exec(text)?.index ?? -1;
}

/** The tools `text` names, in order of first mention. */
export function mentionedTools(text: string, tools: readonly ToolSpec[]): ToolSpec[] {
  return tools
    .map((tool) => ({ tool, at: mentionAt(text, tool.name) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.tool);
}

/**
 * The tools the simulated model calls this turn:
 * - `none`, or no tools: none;
 * - a named tool: exactly that one;
 * - `auto`: the tools the last user message names (none once tool results came back: it answers them);
 * - `required` / `any`: the named ones, else the first tool;
 * - at most one when parallel calls are off.
 */
export function pickTools(request: TurnRequest): ToolSpec[] {
  const { tools, toolChoice } = request;
  if (tools.length === 0 || toolChoice.mode === 'none') return [];
  if (toolChoice.mode === 'named') return tools.filter((t) => t.name === toolChoice.name).slice(0, 1);
  if (toolChoice.mode === 'auto' && request.toolResults.length > 0) return [];
  const named = mentionedTools(request.prompt, tools);
  const picked = toolChoice.mode === 'required' && named.length === 0 ? [tools[0]!] : named;
  return request.parallelToolCalls ? picked : picked.slice(0, 1);
}
