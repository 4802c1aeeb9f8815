// What the simulator learns from an attached image without fetching anything: the format and size from the
// bytes of a base64 image (or a data: URL), the host of an https URL; the prompt tokens it costs (each
// provider's published rule from the dimensions, or a fixed cost when they are unknown); and a short
// description for the reply ("I see an image (PNG, 640×480, 1.2 KB).").
import type { ImageInfo } from './turn-request.js';

/** The image formats both APIs accept, by media type. */
export const IMAGE_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WEBP',
};

/** Tokens charged for an image whose dimensions are unknown (given by URL). */
const UNKNOWN_SIZE_TOKENS = { openai: 765, anthropic: 1_600 } as const;

interface Sniffed {
  readonly format: string;
  readonly width: number | undefined;
  readonly height: number | undefined;
}

function jpegSize(b: Buffer): [number, number] | undefined {
  for (let at = 2; at + 9 < b.length;) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    const length = b.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [b.readUInt16BE(at + 7), b.readUInt16BE(at + 5)];
    }
    at += 2 + length;
  }
  return undefined;
}

function webpSize(b: Buffer): [number, number] | undefined {
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30) return [b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff];
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b.readUInt32LE(21);
    return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8X' && b.length >= 30) return [b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1];
  return undefined;
}

/** The format (and dimensions, when readable) of image bytes, or undefined when they are no image we know. */
export function sniffImage(b: Buffer): Sniffed | undefined {
  let size: [number, number] | undefined;
  let format: string;
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) {
    format = 'PNG';
    size = [b.readUInt32BE(16), b.readUInt32BE(20)];
  } else if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    format = 'JPEG';
    size = jpegSize(b);
  } else if (b.length >= 10 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) {
    format = 'GIF';
    size = [b.readUInt16LE(6), b.readUInt16LE(8)];
  } else if (b.length >= 16 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    format = 'WEBP';
    size = webpSize(b);
  } else {
    return undefined;
  }
  return { format, width: size?.[0], height: size?.[1] };
}

/** Strict base64 (whitespace allowed), decoded; undefined when it is not base64. */
export function decodeBase64(data: string): Buffer | undefined {
  const compact = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

/** OpenAI's rule: 85 tokens (detail low), else 85 + 170 per 512-px tile after fitting in 2048 and 768 px. */
function openaiTokens(width: number, height: number, detail: string | undefined): number {
  if (detail === 'low') return 85;
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  [w, h] = [w * fit, h * fit];
  const shortest = Math.min(1, 768 / Math.min(w, h));
  [w, h] = [w * shortest, h * shortest];
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/** Anthropic's rule: width × height / 750, after fitting the long edge in 1568 px. */
function anthropicTokens(width: number, height: number): number {
  const fit = Math.min(1, 1568 / Math.max(width, height));
  return Math.max(1, Math.ceil((width * fit * height * fit) / 750));
}

/** The info of an image from its bytes (already known to be an image). */
export function imageFromBytes(bytes: Buffer, sniffed: Sniffed, provider: 'openai' | 'anthropic', detail?: string): ImageInfo {
  const { width, height } = sniffed;
  const known = width !== undefined && height !== undefined && width > 0 && height > 0;
  const tokens = !known ? UNKNOWN_SIZE_TOKENS[provider] : provider === 'openai' ? openaiTokens(width, height, detail) : anthropicTokens(width, height);
  return { format: sniffed.format, bytes: bytes.length, width, height, host: undefined, tokens };
}

/** The info of an image given by URL (not fetched). */
/** `url` parsed when it is an absolute http(s) URL (what both APIs accept as an image URL), else `undefined`. */
export function httpUrl(url: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
}

export function imageFromUrl(url: URL, provider: 'openai' | 'anthropic', detail?: string): ImageInfo {
  return { format: undefined, bytes: undefined, width: undefined, height: undefined, host: url.host, tokens: detail === 'low' ? 85 : UNKNOWN_SIZE_TOKENS[provider] };
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describe(image: ImageInfo): string {
  if (image.host !== undefined) return `from ${image.host}`;
  const dims = image.width !== undefined && image.height !== undefined ? `, ${image.width}×${image.height}` : '';
  return `${image.format ?? 'image'}${dims}, ${size(image.bytes ?? 0)}`;
}

/** "I see an image (PNG, 640×480, 1.2 KB)." / "I see 2 images (PNG, ...; from example.com)." */
export function describeImages(images: readonly ImageInfo[]): string {
  if (images.length === 0) return '';
  const what = images.length === 1 ? 'an image' : `${images.length} images`;
  return `I see ${what} (${images.map(describe).join('; ')}).`;
}
