import { UsageError } from '../../src/cli/cli-io.js';
import { EMBED_DEFAULTS, parseEmbedFlags, type EmbedConfig } from '../../src/cli/embed-flags.js';
import { createEmbeddingModel, embedOptions } from '../../src/cli/embed-setup.js';
import { main } from '../../src/cli/main.js';
import { parseModelSpec } from '../../src/cli/model-spec.js';
import { embedRequestHash, parseEmbedLine } from '../../src/cli/parse-embed-line.js';
import { recordingIo } from './cli-fixture.js';

describe('parseEmbedFlags', () => {
  it('applies the documented defaults, --simulator picks an embedding model', () => {
    expect(parseEmbedFlags(['in.jsonl', '--model', 'openai:text-embedding-3-small'])).toEqual({
      input: 'in.jsonl',
      model: { provider: 'openai', modelId: 'text-embedding-3-small' },
      concurrency: EMBED_DEFAULTS.concurrency,
      batchSize: EMBED_DEFAULTS.batchSize,
      adaptive: true,
      retries: EMBED_DEFAULTS.retries,
      timeoutMs: EMBED_DEFAULTS.timeoutMs,
      ordered: false,
      retryFailed: false,
      rerunChanged: false,
      progress: true,
    });
    expect(parseEmbedFlags(['-', '--simulator'])).toMatchObject({ model: { provider: 'openai', modelId: 'text-embedding-3-small' }, simulator: { latencyMs: 0 } });
    expect(parseEmbedFlags(['-h'])).toBe('help');
  });

  it('reads its own flags and the shared ones; builds the embedFrom options', () => {
    const config = parseEmbedFlags([
      'in.txt', '-o', 'out.jsonl', '--simulator', '--dimensions', '256', '--batch-size', '500', '-c', '2', '--no-adaptive', '--tpm', '1000000', '--retries', '0',
      '--timeout', '3000', '--ordered', '--price', '0.05',
    ]) as EmbedConfig;
    expect(config).toMatchObject({ dimensions: 256, batchSize: 500, concurrency: 2, adaptive: false, tpm: 1_000_000, price: { inputPerMillion: 0.05, outputPerMillion: 0 } });
    const options = embedOptions(config);
    expect(options).toMatchObject({ batchSize: 500, concurrency: 2, ordered: true, timeout: 3000 });
    expect(options.retry).toBeUndefined();
    expect(options.rateLimit?.limitsTokens).toBe(true);
  });

  it('refuses what does not apply to embeddings', () => {
    expect(() => parseEmbedFlags(['in.txt', '--model', 'anthropic:claude-haiku-4-5'])).toThrow('unknown provider prefix "anthropic:" (expected openai:, e.g. openai:text-embedding-3-small)');
    expect(() => parseEmbedFlags(['in.txt', '--simulator', '--max-tokens', '5'])).toThrow(UsageError);
    expect(() => parseEmbedFlags(['in.txt', '--simulator', '--price', '1,2'])).toThrow('--price expects IN in USD per million input tokens (e.g. 0.02), got "1,2"');
    expect(() => parseEmbedFlags(['in.txt', '--simulator', '--dimensions', '0'])).toThrow('--dimensions expects an integer >= 1');
    expect(() => parseEmbedFlags(['in.txt'])).toThrow('missing --model (e.g. --model openai:text-embedding-3-small), or use --simulator');
  });

  it('instant: embeds offline with small deterministic vectors', () => {
    const model = createEmbeddingModel(parseModelSpec('instant:dry', ['openai', 'instant']), {}, 3);
    expect(model).toMatchObject({ provider: 'fake', modelId: 'dry' });
    let dims = 0;
    model.embed(['a']).subscribe((r) => (dims = r.embeddings[0]!.length));
    expect(dims).toBe(3);
  });

  it('is listed by rxllm --help and has its own --help', async () => {
    const io = recordingIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/\n {2}embed {2}embed the text of every line of a file/);
    const help = recordingIo();
    expect(await main(['embed', '--help'], help)).toBe(0);
    expect(help.out.join('')).toContain('Usage: rxllm embed <input|-> [-o vectors.jsonl] --model <openai:model> [options]');
  });
});

describe('parseEmbedLine', () => {
  it('reads { id, text } lines and plain text lines; blank lines are not requests', () => {
    expect(parseEmbedLine('{"id":"d1","text":"A cat.","other":1}', 3, 'jsonl')).toEqual({ ok: true, id: 'd1', lineNo: 3, text: 'A cat.' });
    expect(parseEmbedLine('{"text":"No id"}', 4, 'jsonl')).toEqual({ ok: true, id: 4, lineNo: 4, text: 'No id' });
    expect(parseEmbedLine('  plain text  ', 5, 'text')).toEqual({ ok: true, id: 5, lineNo: 5, text: '  plain text  ' });
    expect(parseEmbedLine('   ', 6, 'jsonl')).toBeUndefined();
  });

  it.each([
    ['{"id":"x"}', 'line 1: missing "text" (the text to embed)'],
    ['{"id":"x","text":5}', 'line 1: "text" must be a string'],
    ['{"id":"x","text":""}', 'line 1: "text" is empty (the embedding APIs reject empty texts)'],
    ['{"id":true,"text":"a"}', 'line 1: "id" must be a string or a number'],
    ['[1]', 'line 1: expected a JSON object'],
    ['{nope', 'line 1: not valid JSON'],
  ])('%s is a bad line', (text, message) => {
    expect(parseEmbedLine(text, 1, 'jsonl')).toMatchObject({ ok: false, message: expect.stringContaining(message) });
  });

  it('hashes the text only (not the id): a changed text changes it', () => {
    const a = parseEmbedLine('{"id":"a","text":"Hi"}', 1, 'jsonl')!;
    const b = parseEmbedLine('{"id":"b","text":"Hi"}', 2, 'jsonl')!;
    const c = parseEmbedLine('{"id":"a","text":"Hi!"}', 1, 'jsonl')!;
    expect(embedRequestHash(a, '')).toBe(embedRequestHash(b, ''));
    expect(embedRequestHash(c, '')).not.toBe(embedRequestHash(a, ''));
    expect(embedRequestHash(a, '')).toMatch(/^[0-9a-f]{16}$/);
  });
});
