// The built Angular app (dist/browser), read into memory once: only the files found there are served, so
// no request path can reach anything else.
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** One file of the app, ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** `immutable` for the hashed names the builder gives scripts and styles; `no-cache` for index.html. */
  readonly cacheControl: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

/** A hashed output name (`main-2JINHCLW.js`): its content never changes under that name. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * Reads every file under `dir` (the application builder's `dist/browser`) into a map from URL path
 * (`/main-2JINHCLW.js`; `/` is `index.html`) to its content. Throws, naming the build command, when the app
 * has not been built.
 *
 * @example
 * const files = await loadStaticFiles(join(__dirname, '..', 'dist', 'browser'));
 * files.get('/')?.body; // index.html
 */
export async function loadStaticFiles(dir: string): Promise<ReadonlyMap<string, StaticFile>> {
  let names: string[];
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    names = entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  } catch {
    names = [];
  }
  if (!names.includes('index.html')) {
    throw new Error(`The Angular app is not built (no index.html in ${dir}): run \`npm ci && npx ng build\` in examples/angular`);
  }
  const files = new Map<string, StaticFile>();
  for (const name of names) {
    const path = `/${name.split(sep).join('/')}`;
    const file: StaticFile = {
      body: await readFile(join(dir, name)),
      contentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
      cacheControl: HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    files.set(path, file);
    if (path === '/index.html') files.set('/', file);
  }
  return files;
}
