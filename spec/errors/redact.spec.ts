import { redact, redactKnownSecrets, registerSecret } from '../../src/errors/redact.js';

// The secret registry: trimmed registrations, the 8-character floor, longest secrets first, and the
// key-shaped patterns that apply to error text but not to generated text.

let n = 0;
const unique = (base: string): string => `${base}${++n}${Date.now().toString(36)}`;

describe('registerSecret and redact', () => {
  it('trims what it registers: a key read from a file (trailing newline) is redacted as HTTP sends it', () => {
    const key = unique('azurekey');
    registerSecret(`\t${key}\r\n`);
    expect(redact(`echo ${key}!`)).toBe('echo [REDACTED]!');
    expect(redactKnownSecrets(`echo ${key}!`)).toBe('echo [REDACTED]!');
  });

  it('ignores secrets shorter than 8 characters after trimming, and non-strings', () => {
    registerSecret('  short7 ');
    registerSecret(undefined);
    registerSecret(null);
    expect(redact('a short7 word')).toBe('a short7 word');
  });

  it('replaces a secret that contains another one whole', () => {
    const inner = unique('innerkey');
    registerSecret(inner);
    registerSecret(`${inner}-and-more`);
    expect(redactKnownSecrets(`x ${inner}-and-more y ${inner} z`)).toBe('x [REDACTED] y [REDACTED] z');
  });

  it('masks key-shaped text in errors, but leaves generated text alone unless a secret is registered', () => {
    const text = 'use Bearer authentication with sk-abcdefgh12345678';
    expect(redact(text)).toBe('use Bearer [REDACTED] with [REDACTED]');
    expect(redactKnownSecrets(text)).toBe(text);
  });

  it("drops the excerpt V8 quotes from a body that is not JSON (it may be a key's first characters)", () => {
    let message = '';
    try {
      JSON.parse(`a1b2c3d4e5f6 <html>${'x'.repeat(100)}</html>`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"a1b2c3d4e5');
    expect(redact(`HTTP 200, "ok": ${message}`)).toBe(`HTTP 200, "ok": Unexpected token 'a' (the text is not shown) is not valid JSON`);
  });

  it('with many secrets (an indexed scan): the same result, overlapping and adjacent secrets included', () => {
    const many = Array.from({ length: 100 }, (_, i) => unique(`many-${i}-secret-`));
    many.forEach((k) => registerSecret(k));
    const [a, b, c] = [many[3]!, many[50]!, many[99]!];
    const inner = unique('overlap');
    registerSecret(inner);
    registerSecret(`${inner}-longer-one`);
    const cases: [string, string][] = [
      [`start ${a} middle ${b}${c} end`, 'start [REDACTED] middle [REDACTED][REDACTED] end'],
      [`${a}`, '[REDACTED]'],
      [`x${inner}-longer-one y ${inner}`, 'x[REDACTED] y [REDACTED]'],
      [`no secret here, just ${a.slice(0, 12)} a piece`, `no secret here, just ${a.slice(0, 12)} a piece`],
      ['short', 'short'],
    ];
    for (const [text, expected] of cases) expect(redactKnownSecrets(text)).toBe(expected);
    const untouched = 'nothing to see';
    expect(redactKnownSecrets(untouched)).toBe(untouched);
  });

  it('keeps at most 1,000 secrets, dropping the oldest registration first', () => {
    const first = unique('oldest-secret');
    registerSecret(first);
    for (let i = 0; i < 1_000; i++) registerSecret(unique('filler-secret-'));
    expect(redactKnownSecrets(first)).toBe(first);
    const kept = unique('kept-secret');
    registerSecret(kept);
    expect(redactKnownSecrets(kept)).toBe('[REDACTED]');
  });
});
