import { ConfigurationError } from '../../../src/errors/configuration-error.js';
import { redact } from '../../../src/errors/redact.js';
import { resolveApiKey } from '../../../src/providers/shared/resolve-api-key.js';

describe('resolveApiKey', () => {
  const ENV = 'RXLLM_TEST_KEY_ENV';
  afterEach(() => delete process.env[ENV]);

  it('prefers the option, then the environment; registers the key as a secret', () => {
    process.env[ENV] = 'env-key-value-1234567';
    expect(resolveApiKey('option-key-value-12345', ENV, 'f')).toBe('option-key-value-12345');
    expect(resolveApiKey(undefined, ENV, 'f')).toBe('env-key-value-1234567');
    expect(redact('x env-key-value-1234567 y')).toBe('x [REDACTED] y');
  });

  it('throws ConfigurationError naming the variable, or returns the fallback', () => {
    expect(() => resolveApiKey(undefined, ENV, 'openAIChat')).toThrow(ConfigurationError);
    expect(() => resolveApiKey('', ENV, 'openAIChat')).toThrow(new RegExp(ENV));
    expect(resolveApiKey(undefined, ENV, 'f', 'not-needed')).toBe('not-needed');
  });
});
