/**
 * Removes secrets from text that may reach an error message, a log line or a tracking payload.
 * Known keys (registered by the providers when they are given one) are replaced wherever they appear;
 * anything shaped like an API key or a bearer token is masked too.
 */

/** Registered secrets shorter than this are ignored: masking them would mangle ordinary words and numbers. */
export const MIN_SECRET_LENGTH = 8;
/** The most secrets kept (the oldest registration goes first), so per-call tokens cannot grow it forever. */
const MAX_SECRETS = 1_000;

const registered = new Set<string>();
/** Derived from `registered` (rebuilt after a change): longest first, and the index for big registries. */
let ordered: readonly string[] | undefined;
let index: SecretIndex | undefined;
/** From this many secrets on, text is scanned once with an index instead of searched once per secret. */
const INDEX_FROM = 64;

// sk-..., sk-ant-..., sk-proj-... keys (also after an underscore: req_sk-...), and "Bearer <token>" values.
const KEY_PATTERNS: readonly RegExp[] = [/(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{8,}/g, /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi];
// V8's JSON.parse message quotes the start of the text (`Unexpected token 's', "sk-1a22c6f"... is not valid
// JSON`): a body that echoes a key would show its first characters, too few for the patterns to catch.
const JSON_EXCERPT = /(Unexpected token '.{1,2}'), ".*?"(?:\.\.\.)? is not valid JSON/gs;

/**
 * Registers a secret so `redact` removes it from any text: rxllm registers every credential it can know of (the
 * `apiKey` option or environment variable, the key of a `client` passed in, credential headers). Call it for
 * one rxllm cannot see, e.g. a key a custom `fetch` adds. Surrounding whitespace is trimmed (a key read from a
 * file ends with a newline; HTTP sends it trimmed); secrets shorter than 8 characters after trimming are ignored.
 *
 * @example
 * registerSecret(process.env.GATEWAY_TOKEN);
 */
export function registerSecret(secret: string | undefined | null): void {
  if (typeof secret !== 'string') return;
  const s = secret.trim();
  if (s.length < MIN_SECRET_LENGTH) return;
  if (registered.has(s)) {
    registered.delete(s); // re-added below as the newest
  } else {
    ordered = undefined;
    index = undefined;
  }
  registered.add(s);
  if (registered.size > MAX_SECRETS) registered.delete(registered.values().next().value as string);
}

/** Returns `text` with every registered secret and anything key-shaped replaced by `[REDACTED]`. */
export function redact(text: string): string {
  let out = redactKnownSecrets(text);
  for (const p of KEY_PATTERNS) {
    out = out.replace(p, (_m, prefix?: string) => (typeof prefix === 'string' ? `${prefix}[REDACTED]` : '[REDACTED]'));
  }
  if (out.includes('is not valid JSON')) out = out.replace(JSON_EXCERPT, '$1 (the text is not shown) is not valid JSON');
  return out;
}

/**
 * Returns `text` with every registered secret replaced by `[REDACTED]`, and nothing else changed: for generated
 * text, where a key-shaped pattern (`Bearer authentication`, `sk-...` in code) may be legitimate content.
 * Returns `text` itself when no secret is in it.
 */
export function redactKnownSecrets(text: string): string {
  if (registered.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
  if (registered.size >= INDEX_FROM) return redactIndexed(text, (index ??= buildIndex()));
  // A few secrets (the usual case): one native search each.
  ordered ??= [...registered].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of ordered) {
    if (out.includes(s)) out = out.split(s).join('[REDACTED]');
  }
  return out;
}

/** Secrets by their first `MIN_SECRET_LENGTH` characters (each list longest first), and their first characters. */
interface SecretIndex {
  readonly byPrefix: ReadonlyMap<string, readonly string[]>;
  readonly firstChars: ReadonlySet<number>;
}

function buildIndex(): SecretIndex {
  const byPrefix = new Map<string, string[]>();
  for (const s of [...registered].sort((a, b) => b.length - a.length)) {
    const key = s.slice(0, MIN_SECRET_LENGTH);
    const list = byPrefix.get(key);
    if (list) list.push(s);
    else byPrefix.set(key, [s]);
  }
  return { byPrefix, firstChars: new Set([...registered].map((s) => s.charCodeAt(0))) };
}

/**
 * Many secrets: one pass over `text` (time proportional to its length, whatever the number of secrets), marking
 * every span a secret covers (overlapping spans merge), then replacing each span by `[REDACTED]`.
 */
function redactIndexed(text: string, { byPrefix, firstChars }: SecretIndex): string {
  let out = '';
  let copied = 0; // text before this is in `out`
  let spanStart = -1;
  let spanEnd = -1;
  for (let i = 0; i + MIN_SECRET_LENGTH <= text.length; i++) {
    if (i >= spanEnd && spanStart >= 0) {
      out += `${text.slice(copied, spanStart)}[REDACTED]`;
      copied = spanEnd;
      spanStart = -1;
    }
    if (!firstChars.has(text.charCodeAt(i))) continue;
    const candidates = byPrefix.get(text.slice(i, i + MIN_SECRET_LENGTH));
    const match = candidates?.find((s) => text.startsWith(s, i));
    if (match === undefined) continue;
    if (spanStart < 0) spanStart = i;
    spanEnd = Math.max(spanEnd, i + match.length);
  }
  if (spanStart >= 0) {
    out += `${text.slice(copied, spanStart)}[REDACTED]`;
    copied = spanEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
