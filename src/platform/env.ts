/**
 * An environment variable, trimmed; undefined when it is unset or blank, and wherever there is no
 * environment (a browser). Read through `globalThis` so the core names no `process`: a browser bundle needs
 * no polyfill for it, and bundlers that inject one are not triggered.
 *
 * @example
 * readEnv('OPENAI_API_KEY'); // the key in Node, Deno or Bun; undefined in a browser
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name]?.trim() || undefined;
}
