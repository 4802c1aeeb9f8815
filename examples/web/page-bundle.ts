// Bundles the page's script (examples/web/page/chat.ts, which uses RxJS in the browser) with esbuild, in
// memory, when the server starts.
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The browser bundle of page/chat.ts: one self-contained, minified script (RxJS included).
 *
 * @example
 * const script = await bundlePage(); // serve it as text/javascript
 */
export async function bundlePage(): Promise<string> {
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
