// Replays the real-wire corpus (`../shared/real-wire-fixtures`, recorded traffic of OpenAI, Anthropic and
// OpenAI-compatible vendors) over real HTTP, framed exactly as each provider frames it, for the providers'
// SDKs to read. The fixtures live outside the repository: they are read in place, never copied.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { startTestServer, type TestServer } from './test-server.js';

/** One entry of the corpus' `manifest.json`. */
export interface WireFixture {
  readonly id: string;
  readonly api: 'openai.chat' | 'openai.completion' | 'anthropic.messages';
  /** `jsonl-openai`, `jsonl-anthropic`, `sse-raw` or `json`. */
  readonly format: string;
  /** The body, relative to the corpus folder. */
  readonly file: string;
  readonly mode: 'stream' | 'generate';
  readonly source: string;
  readonly note: string;
  readonly provenance: string;
  /** The recording's own network reads (byte lengths), relative to the corpus folder. */
  readonly boundaries?: string;
  /** How many choices the recording's request asked for. */
  readonly n?: number;
}

/** A fixture's key: its id and mode (`oai-text/stream`), unique in the manifest. */
export const fixtureKey = (f: Pick<WireFixture, 'id' | 'mode'>): string => `${f.id}/${f.mode}`;

/**
 * The corpus folder: `../shared/real-wire-fixtures` next to the checkout, then `/work/shared/real-wire-fixtures`,
 * then `$RXLLM_WIRE_FIXTURES`; undefined when none holds a `manifest.json`.
 */
export function findWireFixtures(repoRoot: string): string | undefined {
  const candidates = [join(repoRoot, '..', 'shared', 'real-wire-fixtures'), '/work/shared/real-wire-fixtures', process.env.RXLLM_WIRE_FIXTURES];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== '' && existsSync(join(dir, 'manifest.json')));
}

/** Every fixture of the manifest in `dir`. */
export function readManifest(dir: string): WireFixture[] {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { fixtures: WireFixture[] }).fixtures;
}

/** What the server writes for a fixture: the status, content type and the body as a list of network writes. */
interface Framed {
  readonly contentType: string;
  readonly writes: readonly Buffer[];
}

/** The body of a fixture as the provider sends it, split into the writes the recording kept (one write otherwise). */
export function frameFixture(dir: string, fixture: WireFixture): Framed {
  const raw = readFileSync(join(dir, fixture.file));
  const lines = (): string[] => raw.toString('utf8').split('\n').filter((line) => line.trim() !== '');
  switch (fixture.format) {
    case 'json':
      return { contentType: 'application/json', writes: [raw] };
    case 'jsonl-openai':
      return sse([...lines().map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n']);
    case 'jsonl-anthropic':
      return sse(lines().map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`));
    case 'sse-raw': {
      if (fixture.boundaries === undefined) return { contentType: 'text/event-stream', writes: [raw] };
      const sizes = JSON.parse(readFileSync(join(dir, fixture.boundaries), 'utf8')) as number[];
      const writes: Buffer[] = [];
      let at = 0;
      for (const size of sizes) writes.push(raw.subarray(at, (at += size)));
      if (at !== raw.length) throw new Error(`${fixture.boundaries}: the boundaries cover ${at} of ${raw.length} bytes`);
      return { contentType: 'text/event-stream', writes };
    }
    default:
      throw new Error(`${fixtureKey(fixture)}: unknown format ${fixture.format}`);
  }
}

function sse(frames: readonly string[]): Framed {
  return { contentType: 'text/event-stream', writes: [Buffer.from(frames.join(''), 'utf8')] };
}

/** Splits writes into pieces of at most `size` bytes (cutting through frames and multi-byte characters). */
function resplit(writes: readonly Buffer[], size: number): Buffer[] {
  const all = Buffer.concat(writes);
  const out: Buffer[] = [];
  for (let at = 0; at < all.length; at += size) out.push(all.subarray(at, at + size));
  return out;
}

/** Request headers the replay server reads. */
export const REPLAY_HEADERS = {
  /** The fixture to serve: `<id>/<mode>` (required). */
  fixture: 'x-replay-fixture',
  /** Answer with this `x-request-id` and `request-id` header (the recordings kept none). */
  requestId: 'x-replay-request-id',
  /** Write the body in pieces of this many bytes, each in its own network write. */
  writeBytes: 'x-replay-write-bytes',
} as const;

/**
 * A local HTTP server replaying the corpus in `dir`: every request is answered with the fixture its
 * `x-replay-fixture` header names (any path, any body), with status 200, the provider's content type and no
 * request-id header unless `x-replay-request-id` asks for one. Several writes go out one at a time, each after
 * the previous one was flushed, so the client reads them apart as it read the recording.
 */
export async function startReplayServer(dir: string): Promise<TestServer> {
  const fixtures = new Map(readManifest(dir).map((f) => [fixtureKey(f), f]));
  return startTestServer((req, res) => {
    const key = String(req.headers[REPLAY_HEADERS.fixture]);
    const fixture = fixtures.get(key);
    if (!fixture) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no fixture ${key}`, type: 'not_found_error' } }));
      return;
    }
    const framed = frameFixture(dir, fixture);
    const requestId = req.headers[REPLAY_HEADERS.requestId];
    const writeBytes = Number(req.headers[REPLAY_HEADERS.writeBytes] ?? 0);
    res.writeHead(200, {
      'content-type': framed.contentType,
      ...(framed.contentType === 'text/event-stream' ? { 'cache-control': 'no-cache' } : {}),
      ...(typeof requestId === 'string' ? { 'x-request-id': requestId, 'request-id': requestId } : {}),
    });
    void writeAll(res, writeBytes > 0 ? resplit(framed.writes, writeBytes) : framed.writes);
  });
}

async function writeAll(res: ServerResponse, writes: readonly Buffer[]): Promise<void> {
  for (const [i, piece] of writes.entries()) {
    if (res.destroyed) return;
    if (i === writes.length - 1) {
      res.end(piece);
      return;
    }
    await new Promise<void>((resolve) => res.write(piece, () => setImmediate(resolve)));
  }
  if (writes.length === 0) res.end();
}
