// Bundles the page's script (examples/web/page/chat.ts: rxllm's remoteModel and RxJS in the browser) with
// esbuild, in memory, when the server starts. `rxllm` resolves to this checkout's src/ (tsconfig paths).
import { join } from 'node:path';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/**
 * The browser bundle of page/chat.ts: one self-contained, minified script (rxllm's `remoteModel` and RxJS
 * included, no SDK: about 60 KB). Built once per process.
 *
 * @example
 * const script = await bundlePage(); // serve it as text/javascript
 */
export function bundlePage(): Promise<string> {
  bundled ??= buildPage().catch((error: unknown) => {
    bundled = undefined; // a failed build is tried again by the next server
    throw error;
  });
  return bundled;
}

async function buildPage(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'page', 'chat.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the chat page');
  return output.text;
}
