import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashString, seededRandom } from '../seeded-random.js';

/** What checking a thinking block's signature found. */
export type SignatureCheck = 'valid' | 'altered' | 'invalid';

const SIGNATURE_TAG = Buffer.from([0x12, 0x4a, 0x0a, 0x08]);
const REDACTED_TAG = Buffer.from([0x12, 0x4a, 0x0a, 0x09]);
const NONCE = 16;
const OWNER_MAC = 16;
const TEXT_MAC = 32;
const REDACTED_PAYLOAD = 96;

/** The first bytes of the text's SHA-256: what a signature says its text was. */
function digest(text: Buffer): Buffer {
  return createHash('sha256').update(text).digest().subarray(0, NONCE);
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Strict base64: undefined unless `text` is canonical base64 (what we issue round-trips exactly). */
function decode(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/**
 * Signs the thinking blocks the simulator sends and verifies those sent back, like the real API's opaque
 * `signature`: an HMAC (SHA-256) of the thinking text under a secret of this simulator, base64. It also carries
 * a digest of the text, so a genuine signature sent with a changed text is told apart (`altered`) from a
 * signature that is changed, forged or from elsewhere (`invalid`).
 * `redacted_thinking` data is opaque bytes with an HMAC too, valid only unchanged.
 */
export class ThinkingSigner {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  private mac(label: string, ...parts: Buffer[]): Buffer {
    const hmac = createHmac('sha256', this.secret).update(label);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  }

  /** The signature of `thinking` (the same text always gets the same signature from one simulator). */
  sign(thinking: string): string {
    const text = Buffer.from(thinking, 'utf8');
    const nonce = digest(text);
    const owner = this.mac('owner', nonce).subarray(0, OWNER_MAC);
    return Buffer.concat([SIGNATURE_TAG, nonce, owner, this.mac('text', nonce, text)]).toString('base64');
  }

  /** Whether `signature` signs `thinking`: `valid`, `altered` (ours, but the text changed), or `invalid`. */
  check(thinking: string, signature: string): SignatureCheck {
    const bytes = decode(signature);
    if (bytes === undefined || bytes.length !== SIGNATURE_TAG.length + NONCE + OWNER_MAC + TEXT_MAC) return 'invalid';
    if (!equal(bytes.subarray(0, SIGNATURE_TAG.length), SIGNATURE_TAG)) return 'invalid';
    const nonce = bytes.subarray(SIGNATURE_TAG.length, SIGNATURE_TAG.length + NONCE);
    const owner = bytes.subarray(SIGNATURE_TAG.length + NONCE, SIGNATURE_TAG.length + NONCE + OWNER_MAC);
    if (!equal(owner, this.mac('owner', nonce).subarray(0, OWNER_MAC))) return 'invalid';
    const text = Buffer.from(thinking, 'utf8');
    const textMac = bytes.subarray(SIGNATURE_TAG.length + NONCE + OWNER_MAC);
    if (equal(textMac, this.mac('text', nonce, text))) return 'valid';
    // The digest still matches the text: the signature itself was tampered with.
    return equal(nonce, digest(text)) ? 'invalid' : 'altered';
  }

  /** Opaque `redacted_thinking` data, seeded (the same request gets the same data). */
  redactedData(seed: string): string {
    const random = seededRandom(hashString(seed));
    const payload = Buffer.from(Array.from({ length: REDACTED_PAYLOAD }, () => Math.floor(random() * 256)));
    return Buffer.concat([REDACTED_TAG, payload, this.mac('redacted', payload)]).toString('base64');
  }

  /** True when `data` is redacted thinking this simulator issued, unchanged. */
  checkRedacted(data: string): boolean {
    const bytes = decode(data);
    if (bytes === undefined || bytes.length !== REDACTED_TAG.length + REDACTED_PAYLOAD + 32) return false;
    if (!equal(bytes.subarray(0, REDACTED_TAG.length), REDACTED_TAG)) return false;
    const payload = bytes.subarray(REDACTED_TAG.length, REDACTED_TAG.length + REDACTED_PAYLOAD);
    return equal(bytes.subarray(REDACTED_TAG.length + REDACTED_PAYLOAD), this.mac('redacted', payload));
  }
}
