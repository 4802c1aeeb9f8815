import type { RequestControls } from './control-headers.js';
import { SimHttpError } from './error-bodies.js';
import type { FaultSpec } from './faults.js';
import type { GenerationPlan, WireFormat } from './generation-plan.js';
import type { RequestContext } from './request-context.js';
import { SSE_HEADERS } from './sse-writer.js';

/** Sends a planned generation with the request's timing, applying a stream fault (`stream-error`, `reset`, `stall`, `malformed`) if any. */
export async function deliverGeneration(
  ctx: RequestContext,
  plan: GenerationPlan,
  wire: WireFormat,
  controls: RequestControls,
  fault: FaultSpec | undefined,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const interval = controls.tokensPerSecond > 0 ? 1000 / controls.tokensPerSecond : 0;
  // Hidden reasoning takes its time before the first byte, at the request's pace.
  const timing = { latencyMs: controls.latencyMs + plan.reasoningDelaySteps * interval, interval, steps: wire.steps };
  if (plan.stream) await deliverStream(ctx, wire, fault, headers, timing);
  else await deliverJson(ctx, wire, fault, headers, timing);
}

interface Timing {
  readonly latencyMs: number;
  readonly interval: number;
  readonly steps: number;
}

async function deliverJson(ctx: RequestContext, wire: WireFormat, fault: FaultSpec | undefined, headers: Readonly<Record<string, string>>, t: Timing): Promise<void> {
  const after = Math.min(fault?.params.after ?? 0, t.steps);
  if (fault?.kind === 'reset') {
    if (await ctx.sleep(t.latencyMs + after * t.interval)) ctx.destroy();
    return;
  }
  const stallMs = fault?.kind === 'stall' ? fault.params.ms ?? 1000 : 0;
  if (!(await ctx.sleep(t.latencyMs + t.steps * t.interval + stallMs))) return;
  if (fault?.kind === 'stream-error') {
    ctx.sendError(new SimHttpError('server'));
  } else if (fault?.kind === 'malformed') {
    const text = JSON.stringify(wire.json());
    ctx.res.writeHead(200, { ...ctx.baseHeaders(), ...headers, 'content-type': 'application/json' });
    ctx.res.end(text.slice(0, Math.floor(text.length / 2)));
  } else {
    ctx.sendJson(200, wire.json(), headers);
  }
}

async function deliverStream(ctx: RequestContext, wire: WireFormat, fault: FaultSpec | undefined, headers: Readonly<Record<string, string>>, t: Timing): Promise<void> {
  const after = fault === undefined ? -1 : Math.min(fault.params.after ?? 0, t.steps);
  if (fault?.kind === 'reset' && after === 0) {
    if (await ctx.sleep(t.latencyMs)) ctx.destroy();
    return;
  }
  // A stall at 0 tokens holds the first byte back (like more latency); later stalls pause between tokens.
  const stallFirst = fault?.kind === 'stall' && after === 0 ? fault.params.ms ?? 1000 : 0;
  if (!(await ctx.sleep(t.latencyMs + stallFirst))) return;
  ctx.res.writeHead(200, { ...ctx.baseHeaders(), ...headers, ...SSE_HEADERS });
  ctx.res.flushHeaders();
  for (const frame of wire.head()) ctx.write(frame);
  const start = Date.now();
  let stalled = 0;
  for (let s = 0; s <= t.steps; s++) {
    if (s === after && fault !== undefined && stallFirst === 0) {
      const t0 = Date.now();
      if (!(await applyStreamFault(ctx, wire, fault))) return;
      stalled += Date.now() - t0;
    }
    if (s === t.steps) break;
    if (t.interval > 0 && !(await ctx.sleep(start + stalled + (s + 1) * t.interval - Date.now()))) return;
    for (const frame of wire.step(s)) ctx.write(frame);
  }
  for (const frame of wire.tail()) ctx.write(frame);
  if (!ctx.closed) ctx.res.end();
}

/** Applies a stream fault at the current point; resolves true when the stream goes on. */
async function applyStreamFault(ctx: RequestContext, wire: WireFormat, fault: FaultSpec): Promise<boolean> {
  switch (fault.kind) {
    case 'stream-error':
      ctx.write(wire.streamError(fault.params.type, ctx.requestId));
      ctx.res.end();
      return false;
    case 'malformed':
      ctx.write(wire.malformed());
      ctx.res.end();
      return false;
    case 'reset':
      ctx.destroy();
      return false;
    case 'stall':
      return ctx.sleep(fault.params.ms ?? 1000);
    default:
      return true;
  }
}
