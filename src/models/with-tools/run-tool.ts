import { TimeoutError as RxTimeoutError, catchError, defaultIfEmpty, defer, finalize, from, isObservable, map, of, switchMap, takeLast, timeout, type Observable, type SchedulerLike } from 'rxjs';
import type { ToolResultPart } from '../../core/content.js';
import type { ToolCall } from '../../core/generation.js';
import { jsonText, type Message } from '../../core/prompt.js';
import type { Tool, ToolOutput } from './tool.js';

/** How the loop runs one tool call. */
export interface RunToolSettings {
  readonly tools: ReadonlyMap<string, Tool>;
  /** No tool call runs longer than this (ms). @default no limit */
  readonly toolTimeoutMs?: number;
  readonly scheduler: SchedulerLike;
}

/**
 * Runs one tool call and always answers with a result the model can read: the output, or an error result
 * (`isError: true`, the reason as text) for an unknown tool, input that fails the tool's schema, a tool that
 * throws or errors, one that runs past `toolTimeoutMs`, or an output that is not JSON (circular, a BigInt).
 * The tool's `signal` aborts when the call is unsubscribed (the loop was cancelled) or times out, unless it had
 * finished. An Observable or async iterable output counts its last value (none: `null`).
 */
export function runTool(call: ToolCall, conversation: readonly Message[], settings: RunToolSettings): Observable<ToolResultPart> {
  const { toolCallId, toolName } = call;
  const answer = (output: unknown, isError = false): ToolResultPart => ({ type: 'tool-result', toolCallId, toolName, output, ...(isError ? { isError: true } : {}) });
  const failed = (reason: string): ToolResultPart => answer(`Error: ${reason}`, true);
  // Providers send the output as JSON: one they could not encode would fail the next model call, and the loop.
  const sendable = (output: unknown): ToolResultPart => {
    try {
      jsonText(output);
      return answer(output);
    } catch (error) {
      return failed(`the output cannot be sent to the model (it is not JSON): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  };
  return defer(() => {
    const tool = settings.tools.get(toolName);
    if (!tool) return of(failed(`there is no tool named "${toolName}" (the tools are: ${[...settings.tools.keys()].join(', ')})`));
    const checked = tool.validate(call.input);
    const run: Observable<ToolResultPart> = (isPromiseLike(checked) ? from(checked) : of(checked)).pipe(
      switchMap((checked) => (checked.ok ? execute(tool, checked.value, toolCallId, conversation).pipe(map(sendable)) : of(failed(`invalid input: ${checked.issues.join('; ')}`)))),
    );
    const limited = settings.toolTimeoutMs === undefined ? run : run.pipe(timeout({ first: settings.toolTimeoutMs, scheduler: settings.scheduler }));
    return limited.pipe(
      catchError((error: unknown) =>
        of(error instanceof RxTimeoutError ? failed(`the tool did not answer within ${settings.toolTimeoutMs} ms`) : failed(error instanceof Error ? error.message : String(error))),
      ),
    );
  });
}

/** Calls `execute` with a fresh signal, aborted if the run is unsubscribed before it finished. */
function execute(tool: Tool, input: unknown, toolCallId: string, messages: readonly Message[]): Observable<unknown> {
  return defer(() => {
    const controller = new AbortController();
    let done = false;
    return toObservable(tool.execute(input, { signal: controller.signal, toolCallId, messages })).pipe(
      takeLast(1),
      defaultIfEmpty(null),
      map((output) => {
        done = true;
        return output === undefined ? null : output;
      }),
      finalize(() => {
        if (!done) controller.abort();
      }),
    );
  });
}

function toObservable<O>(output: ToolOutput<O>): Observable<O> {
  if (isObservable(output)) return output as Observable<O>;
  if (isPromiseLike(output) || isAsyncIterable(output)) return from(output as PromiseLike<O> | AsyncIterable<O>);
  return of(output as O);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}
