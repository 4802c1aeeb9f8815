import * as rxllm from '../../src/index.js';

// Every error class has a guard that works across realms (another copy of rxllm): it checks the shared brand
// and the class's `name` literal, not `instanceof`.
const CLASSES = [
  'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'BadRequestError', 'RateLimitError', 'OverloadedError',
  'ServerError', 'ConnectionError', 'StreamError', 'TimeoutError', 'AbortError', 'InvalidArgumentError', 'ConfigurationError', 'InvalidOutputError',
] as const;

const make = (name: (typeof CLASSES)[number]): Error => {
  const Ctor = rxllm[name] as unknown as new (...args: unknown[]) => Error;
  if (name === 'TimeoutError') return new Ctor('slow', { timeout: 'total', timeoutMs: 1 });
  if (name === 'InvalidArgumentError') return new Ctor('x', 'bad');
  if (name === 'InvalidOutputError') return new Ctor('bad output', { text: '{' });
  return new Ctor('message');
};
const guard = (name: string): ((value: unknown) => boolean) => (rxllm as unknown as Record<string, (v: unknown) => boolean>)[`is${name}`]!;

describe('error guards', () => {
  it.each(CLASSES)('is%s is true for its class only', (name) => {
    for (const other of CLASSES) expect(guard(name)(make(other))).toBe(other === name);
  });

  it.each(CLASSES)('is%s recognises an error from another copy of rxllm (the brand, not instanceof)', (name) => {
    const foreign = { [Symbol.for('rxllm.LlmError')]: true, name, message: 'from another realm' };
    expect(foreign instanceof rxllm.LlmError).toBe(false);
    expect(guard(name)(foreign)).toBe(true);
    expect(rxllm.isLlmError(foreign)).toBe(true);
  });

  it('an unbranded look-alike or a non-object is not an rxllm error', () => {
    for (const name of CLASSES) {
      expect(guard(name)({ name, message: 'not ours' })).toBe(false);
      expect(guard(name)(null)).toBe(false);
      expect(guard(name)(name)).toBe(false);
    }
  });
});
