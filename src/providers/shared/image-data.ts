import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import type { ImagePart } from '../../core/content.js';

/** An image as the APIs take it: a URL to fetch, or base64 data with its media type. */
export type ImageSource = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'base64'; readonly mediaType: string; readonly data: string };

/**
 * Where an image part's image is: an http(s) URL as it is; a data URL or bytes as base64 with a media type
 * (`mediaType`, else the one in the data URL, else sniffed from the bytes: PNG, JPEG, GIF, WebP). Bytes of
 * another format without `mediaType` throw `InvalidArgumentError` naming `at`.
 */
export function imageSource(part: ImagePart, at: string): ImageSource {
  const { image } = part;
  if (typeof image === 'string') {
    const data = /^data:([^;,]+)?(;base64)?,(.*)$/is.exec(image);
    if (!data) return { kind: 'url', url: image };
    const mediaType = part.mediaType ?? data[1] ?? 'application/octet-stream';
    return { kind: 'base64', mediaType, data: data[2] ? data[3]! : toBase64(new TextEncoder().encode(decodeURIComponent(data[3]!))) };
  }
  const mediaType = part.mediaType ?? sniff(image);
  if (mediaType === undefined) throw new InvalidArgumentError(`${at}.mediaType`, 'is needed: the image bytes are not PNG, JPEG, GIF or WebP');
  return { kind: 'base64', mediaType, data: toBase64(image) };
}

/** The image as a URL: an http(s) URL as it is, anything else as a data URL. */
export function imageUrl(part: ImagePart, at: string): string {
  const source = imageSource(part, at);
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

function sniff(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

/** Base64 of bytes, without Node's Buffer (browser-safe). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
