import { ConfigurationError } from '../errors/configuration-error.js';

// How rxllm loads its optional packages (the SDKs, zod, the tokenizer, ioredis). Each is loaded by a literal
// `import('name')` on first use and nowhere else: the CommonJS build (tsc, `module: CommonJS`) and Jest
// (tsconfig.jest.json) compile it to `require`, and the ES module build keeps it, so a bundler sees exactly
// one way to each package (one copy in the bundle), and only in code the app uses. The `import()` carries its
// rejection handler (`.then(ok, notInstalled(name))`): bundlers then leave a package that is not installed to
// run time instead of failing the build, so a browser app that never uses the Anthropic provider needs no
// `@anthropic-ai/sdk`.

/**
 * The rejection handler of an optional package's `import()`: rethrows as a `ConfigurationError` naming the
 * package to install (code `sdk_not_installed`).
 *
 * @example
 * export const loadZod = memoizeRetrying(() => import('zod').then((m) => m.z, notInstalled('zod')));
 */
export function notInstalled(packageName: string): (cause: unknown) => never {
  return (cause) => {
    throw new ConfigurationError(
      `The "${packageName}" package could not be loaded. Install it next to rxllm: npm install ${packageName}`,
      { cause, code: 'sdk_not_installed' },
    );
  };
}

/**
 * Memoises an async build (a client, a package): the first call starts it and every later call shares the
 * result; a build that failed (a missing key, a missing package) is tried again on the next call, so
 * installing a package later works in a long-lived process.
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
 * CommonJS's `require` where this code runs as CommonJS (the CommonJS build, Jest), for the two packages
 * rxllm can use synchronously there (zod for a JSON Schema, the tokenizer); undefined in ES modules (Node
 * ESM, browser bundles), where they load by `import()` only. Deliberately not a literal `require('name')`,
 * which bundlers would follow into a second (CommonJS) copy of the package; a bundler's `require` shim (it
 * has no `resolve`) is not taken for the real one.
 *
 * @example
 * const tokenizer = commonJsRequire()?.('gpt-tokenizer');
 */
export function commonJsRequire(): ((id: string) => unknown) | undefined {
  const found = typeof require === 'function' ? require : undefined;
  return found && typeof found.resolve === 'function' ? found : undefined;
}
