import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../src/errors/configuration-error.js';
import { loadAnthropicSdk } from '../../src/providers/anthropic/load-sdk.js';
import { loadOpenAISdk } from '../../src/providers/openai/load-sdk.js';
import { memoizeRetrying, notInstalled } from '../../src/platform/optional-module.js';

describe('lazy SDK loading', () => {
  it('loads each SDK once and caches it', async () => {
    const a = await loadOpenAISdk();
    expect(typeof a.OpenAI).toBe('function');
    expect(await loadOpenAISdk()).toBe(a);
    expect(typeof (await loadAnthropicSdk()).Anthropic).toBe('function');
  });

  it('a package that is not installed -> ConfigurationError naming it; the next call tries again', async () => {
    let attempts = 0;
    const load = memoizeRetrying(() => {
      attempts++;
      return (import('some-missing-sdk-that-is-not-installed' as string) as Promise<unknown>).then((m) => m, notInstalled('some-missing-sdk'));
    });
    const error = await load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('npm install some-missing-sdk');
    await load().catch(() => undefined);
    expect(attempts).toBe(2);
  });

  it('no file in src/ imports an SDK at module load (only `import type`, plus the lazy loaders)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8');
          const valueImport = /^import\s+(?!type\b)[^;]*from\s+['"](openai|@anthropic-ai\/sdk)(\/[^'"]*)?['"]/m;
          const bareRequire = /require\(['"](openai|@anthropic-ai\/sdk)['"]\)/;
          const lazyLoader = /(openai|anthropic)\/load-sdk\.ts$/.test(path);
          if (valueImport.test(text) || (bareRequire.test(text) && !lazyLoader)) offenders.push(path);
        }
      }
    };
    walk(join(__dirname, '..', '..', 'src'));
    expect(offenders).toEqual([]);
  });
});

describe('the browser-safe core', () => {
  // The CLI, the simulator and rxllm/testing are Node-only; everything `rxllm` exports must bundle for a browser.
  const NODE_ONLY = new Set(['cli', 'simulator', 'testing']);
  const coreFiles = (): string[] => {
    const out: string[] = [];
    const walk = (dir: string, top: boolean): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) {
          if (!(top && NODE_ONLY.has(entry.name))) walk(join(dir, entry.name), false);
        } else if (entry.name.endsWith('.ts')) out.push(join(dir, entry.name));
      }
    };
    walk(join(__dirname, '..', '..', 'src'), true);
    return out;
  };
  /** The code of a file without its comments (TSDoc mentions `process.env` in examples). */
  const code = (path: string): string => readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

  /** The code without comments nor string literals (messages say "this process"). */
  const bareCode = (path: string): string => code(path).replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");

  it('imports no Node built-in and names no Node global (process, Buffer, __dirname, setImmediate) but as globalThis members', () => {
    const offenders = coreFiles().flatMap((path) => {
      const found = [
        ...[...code(path).matchAll(/from\s+'(node:[^']+|crypto|fs|path|os|util|stream|events|http|https|net|tls|buffer|child_process)'/g)].map((m) => m[1]),
        ...[...bareCode(path).matchAll(/(?<![.\w'"])(process|Buffer|__dirname|__filename|setImmediate)\b(?!\??:|['"])/g)].map((m) => m[1]),
      ];
      return found.length > 0 ? [`${path}: ${found.join(', ')}`] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('loads optional packages by import() only: no require() a bundler would follow into a second copy', () => {
    const offenders = coreFiles().filter((path) => /(?<![.\w])require\s*\(\s*['"]/.test(code(path)));
    expect(offenders).toEqual([]);
  });
});
