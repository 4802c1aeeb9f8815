import { ConfigurationError } from '../errors/configuration-error.js';

/**
 * Wraps a dynamic import of an optional SDK package: loaded on first use (first subscribe), then cached.
 * When the package cannot be loaded, every caller gets a `ConfigurationError` naming the package to install
 * (and the next call tries again, so installing it later works in a long-lived process).
 */
export function cachedLoader<T>(packageName: string, load: () => Promise<T>): () => Promise<T> {
  return memoizeRetrying(() =>
    load().catch((cause: unknown) => {
      throw new ConfigurationError(
        `The "${packageName}" package could not be loaded. Install it next to rxllm: npm install ${packageName}`,
        { cause, code: 'sdk_not_installed' },
      );
    }),
  );
}

/**
 * Memoises an async build (a client, a package): the first call starts it and every later call shares the
 * result; a build that failed (a missing key, a missing package) is tried again on the next call.
 *
 * @example
 * const getClient = memoizeRetrying(async () => new OpenAI({ apiKey: resolveApiKey(...) }));
 */
export function memoizeRetrying<T>(build: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= build().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

/**
 * True where a CommonJS `require` exists (the CJS build, Jest): there the SDK is loaded with `require`, which
 * also works in test runners that cannot run native `import()`. The ESM build uses `import()`.
 */
export function canRequire(): boolean {
  return typeof require === 'function';
}
