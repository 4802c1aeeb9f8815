import type { RequestContext } from '../request-context.js';

/** GET /v1/models: OpenAI's list shape, or Anthropic's when the request carries `anthropic-version`. */
export function sendModels(ctx: RequestContext, models: readonly string[]): void {
  const created = 1_700_000_000;
  if (ctx.provider === 'anthropic') {
    const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: new Date(created * 1000).toISOString() }));
    ctx.sendJson(200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null });
    return;
  }
  ctx.sendJson(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created, owned_by: 'system' })) });
}
