import { commonJsRequire, memoizeRetrying, notInstalled } from './optional-module.js';

/** The one function rxllm uses from `zod` itself (a zod schema carries the rest: `~standard`, `toJSONSchema`). */
export interface ZodModule {
  fromJSONSchema(schema: object): { readonly '~standard': { validate(value: unknown): unknown } };
}

/**
 * Loads `zod` (an optional peer, v4.2 or later) once and caches it, for validating against a JSON Schema
 * given as a plain object; rejects with `ConfigurationError` when it is not installed.
 *
 * @example
 * const { fromJSONSchema } = await loadZod();
 */
export const loadZod: () => Promise<ZodModule> = memoizeRetrying(() =>
  (import('zod') as Promise<unknown> as Promise<{ z: ZodModule }>).then((m) => m.z, notInstalled('zod')),
);

/** `zod`, loaded synchronously where this runs as CommonJS (the CommonJS build, Jest); else undefined. Throws when not installed. */
export function loadZodSync(): ZodModule | undefined {
  const load = commonJsRequire();
  return load ? (load('zod') as { z: ZodModule }).z : undefined;
}
