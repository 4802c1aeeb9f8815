/**
 * Removes secrets from text that may reach an error message, a log line or a tracking payload.
 * Known keys (registered by the providers when they are given one) are replaced wherever they appear;
 * anything shaped like an API key or a bearer token is masked too.
 */
const registered = new Set<string>();

// sk-..., sk-ant-..., sk-proj-... keys, and "Bearer <token>" values.
const KEY_PATTERNS: readonly RegExp[] = [/\bsk-[A-Za-z0-9_-]{8,}/g, /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi];

/** Registers a secret so `redact` removes it from any text. Short strings (under 8 chars) are ignored. */
export function registerSecret(secret: string | undefined | null): void {
  if (typeof secret === 'string' && secret.length >= 8) registered.add(secret);
}

/** Returns `text` with every registered secret and anything key-shaped replaced by `[REDACTED]`. */
export function redact(text: string): string {
  let out = text;
  for (const s of registered) {
    if (out.includes(s)) out = out.split(s).join('[REDACTED]');
  }
  for (const p of KEY_PATTERNS) {
    out = out.replace(p, (_m, prefix?: string) => (typeof prefix === 'string' ? `${prefix}[REDACTED]` : '[REDACTED]'));
  }
  return out;
}
