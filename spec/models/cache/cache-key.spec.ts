import { cacheKey } from '../../../src/models/cache/cache-key.js';

describe('cacheKey', () => {
  const base = { provider: 'openai.chat', modelId: 'gpt-4o-mini', method: 'generate' as const, input: 'Hi' };

  it('is a stable SHA-256 of the request, whatever the order of the options', () => {
    const k = cacheKey({ ...base, options: { temperature: 0, maxTokens: 5, providerOptions: { seed: 1, top_k: 2 } } });
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, options: { providerOptions: { top_k: 2, seed: 1 }, maxTokens: 5, temperature: 0 } })).toBe(k);
    expect(cacheKey({ ...base, options: { temperature: 0, maxTokens: 5, topP: undefined, providerOptions: { seed: 1, top_k: 2 } } })).toBe(k);
  });

  it('keys are the same as before the core went browser-safe (a shared store keeps its entries)', () => {
    // Computed by rxllm 0.1 with node:crypto; the key is now hashed without it, to the same digest.
    const request = { ...base, input: [{ role: 'user' as const, content: 'Héllo 😀' }], options: { temperature: 0, providerOptions: { seed: 1 } } };
    expect(cacheKey(request)).toBe('bfc17f5fbdfcf5c1737c54596889ac45da6f65760fb9a2a81d875acfe7cc7b9f');
  });

  it('differs for a different provider, model, method, input or setting', () => {
    const k = cacheKey(base);
    expect(cacheKey({ ...base, provider: 'anthropic.messages' })).not.toBe(k);
    expect(cacheKey({ ...base, modelId: 'gpt-4o' })).not.toBe(k);
    expect(cacheKey({ ...base, method: 'stream' })).not.toBe(k);
    expect(cacheKey({ ...base, input: [{ role: 'user', content: 'Hi' }] })).not.toBe(k);
    expect(cacheKey({ ...base, options: { temperature: 0 } })).not.toBe(k);
  });

  it('ignores signal, tags and headers', () => {
    expect(cacheKey({ ...base, options: { tags: ['a'], headers: { authorization: 'x' }, signal: new AbortController().signal } })).toBe(cacheKey(base));
  });
});
