import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimHttpError, type Provider } from './error-bodies.js';

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The keys a request offers: `Authorization: Bearer K` (OpenAI, newer Anthropic SDKs) and `x-api-key: K` (Anthropic). */
function offeredKeys(req: IncomingMessage): string[] {
  const keys: string[] = [];
  const bearer = /^\s*bearer\s+(.+?)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer?.[1] !== undefined) keys.push(bearer[1]);
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') keys.push(apiKey.trim());
  return keys;
}

/** Throws a 401 in the provider's shape unless the request carries `apiKey` (no check when `apiKey` is unset). The key is never echoed. */
export function checkAuth(req: IncomingMessage, apiKey: string | undefined, provider: Provider): void {
  if (apiKey === undefined) return;
  const keys = offeredKeys(req);
  if (keys.some((k) => sameSecret(k, apiKey))) return;
  if (keys.length > 0) throw new SimHttpError('unauthorized');
  throw new SimHttpError('unauthorized', provider === 'anthropic'
    ? { message: 'x-api-key header is required' }
    : {
        code: null,
        message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      });
}
