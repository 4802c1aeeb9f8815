import type { IncomingMessage, ServerResponse } from 'node:http';
import { admit } from './admission.js';
import { checkAuth } from './auth.js';
import { readControlHeaders } from './control-headers.js';
import { deliverGeneration } from './deliver-generation.js';
import { SimHttpError, type Provider } from './error-bodies.js';
import { HTTP_FAULTS } from './faults.js';
import type { GenerationRoute } from './generation-plan.js';
import { httpFaultError } from './http-faults.js';
import { readBody } from './read-body.js';
import { RequestContext } from './request-context.js';
import { anthropicMessagesRoute } from './routes/anthropic-messages.js';
import { openaiChatRoute } from './routes/openai-chat.js';
import { openaiCompletionsRoute } from './routes/openai-completions.js';
import { openaiEmbeddingsRoute } from './routes/openai-embeddings.js';
import { sendModels } from './routes/send-models.js';
import type { SimulatorState } from './simulator-state.js';

const GENERATION_ROUTES: readonly GenerationRoute[] = [openaiChatRoute, openaiCompletionsRoute, anthropicMessagesRoute, openaiEmbeddingsRoute];
const MODELS_PATH = '/v1/models';

/** Off the generation routes, a request is Anthropic's when it looks like it (`anthropic-version` or `x-api-key`). */
function guessProvider(req: IncomingMessage): Provider {
  return req.headers['anthropic-version'] !== undefined || req.headers['x-api-key'] !== undefined ? 'anthropic' : 'openai';
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SimHttpError('bad-request', {
      message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was sent was not valid JSON.)",
    });
  }
}

/** Handles one HTTP request end to end; never throws (errors become responses in the provider's shape). */
export async function handleRequest(state: SimulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ctx = new RequestContext(state, req, res);
  try {
    await route(ctx);
  } catch (error) {
    if (ctx.closed) return;
    if (!res.headersSent) ctx.sendError(error instanceof SimHttpError ? error : new SimHttpError('server'));
    else ctx.destroy();
  }
}

async function route(ctx: RequestContext): Promise<void> {
  const { req, state } = ctx;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const generation = GENERATION_ROUTES.find((r) => r.path === path);
  state.stats.countRoute(generation !== undefined || path === MODELS_PATH ? path : '(unknown)');
  ctx.provider = generation?.provider ?? guessProvider(req);
  const options = state.options;
  checkAuth(req, options.apiKey, ctx.provider);
  if (path === MODELS_PATH && req.method === 'GET') return sendModels(ctx, options.models);
  if (generation === undefined || req.method !== 'POST') {
    throw new SimHttpError('not-found', ctx.provider === 'openai' ? { message: `Invalid URL (${req.method ?? 'GET'} ${path})` } : {});
  }
  const body = parseJson(await readBody(req, options.maxBodyBytes));
  const controls = readControlHeaders(req, options);
  const plan = generation.plan(body, controls, { nextVariation: () => state.nextVariation(), signer: state.signer });
  const fault = controls.fault ?? state.faults.pick(generation.name);
  if (fault !== undefined) state.stats.countFault(fault.kind);
  if (fault !== undefined && HTTP_FAULTS.has(fault.kind)) throw httpFaultError(fault, ctx.provider, plan.model, options.rateLimit);
  const headers = admit(state.limiter, plan, ctx.provider);
  await deliverGeneration(ctx, plan, generation.wire(plan), controls, fault, headers);
}
