import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../src/errors/configuration-error.js';
import { loadAnthropicSdk } from '../../src/providers/anthropic/load-sdk.js';
import { loadOpenAISdk } from '../../src/providers/openai/load-sdk.js';
import { cachedLoader } from '../../src/platform/optional-module.js';

describe('lazy SDK loading', () => {
  it('loads each SDK once and caches it', async () => {
    const a = await loadOpenAISdk();
    expect(typeof a.OpenAI).toBe('function');
    expect(await loadOpenAISdk()).toBe(a);
    expect(typeof (await loadAnthropicSdk()).Anthropic).toBe('function');
  });

  it('a package that is not installed -> ConfigurationError naming it; the next call tries again', async () => {
    let attempts = 0;
    const load = cachedLoader('some-missing-sdk', () => {
      attempts++;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return Promise.resolve().then(() => require('some-missing-sdk-that-is-not-installed') as unknown);
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
