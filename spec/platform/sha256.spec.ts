import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../src/platform/sha256.js';

const nodeSha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto at every padding boundary (55, 56, 63, 64, 119, 120 bytes...) and for a large input', () => {
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) expect(sha256Hex('a'.repeat(n))).toBe(nodeSha256('a'.repeat(n)));
    const large = 'The quick brown fox. '.repeat(50_000);
    expect(sha256Hex(large)).toBe(nodeSha256(large));
  });

  it('equals node:crypto for any text, non-ASCII and lone surrogates included (hashed as UTF-8)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)), { numRuns: 300 });
  });
});
