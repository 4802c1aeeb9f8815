import { requestHash } from '../../src/cli/request-hash.js';
import { parseRequestLine, type BadLine, type RunRequest } from '../../src/cli/parse-request-line.js';

const hashOf = (text: string, format: 'jsonl' | 'text' = 'jsonl'): string => {
  const line = parseRequestLine(text, 1, format) as RunRequest | BadLine;
  return requestHash(line, text);
};

describe('requestHash: what a result answers', () => {
  it('is 16 hex characters, the same for the same request whatever its spelling', () => {
    const hash = hashOf('{"id":"a","prompt":"Hi"}');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf('{"prompt": "Hi", "id": "a"}')).toBe(hash); // key order, spaces
    expect(hashOf('{"id":"a","messages":[{"role":"user","content":"Hi"}]}')).toBe(hash); // a prompt is one user message
    expect(hashOf('{"id":"a","prompt":"Hi","meta":{"row":7}}')).toBe(hash); // fields the run ignores
    expect(hashOf('{"id":"other","prompt":"Hi"}')).toBe(hash); // the id is the key, not the request
    expect(hashOf('Hi', 'text')).toBe(hash);
    expect(hashOf('{"id":"a","prompt":"Hi","max_tokens":5}')).toBe(hashOf('{"id":"a","prompt":"Hi","maxTokens":5}'));
  });

  it('differs when what is sent differs: the prompt, a message, a per-line setting', () => {
    const hash = hashOf('{"prompt":"Hi"}');
    for (const other of [
      '{"prompt":"Hi!"}',
      '{"messages":[{"role":"system","content":"Hi"}]}',
      '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}',
      '{"prompt":"Hi","temperature":0}',
      '{"prompt":"Hi","stop":["."]}',
    ]) expect(hashOf(other)).not.toBe(hash);
    expect(hashOf('{"prompt":"Hi","temperature":0}')).not.toBe(hashOf('{"prompt":"Hi","temperature":1}'));
  });

  it('a bad line is hashed from its text: fixing it changes the hash, the same mistake keeps it', () => {
    expect(hashOf('{"prompt": ')).toBe(hashOf('{"prompt": '));
    expect(hashOf('{"prompt": ')).not.toBe(hashOf('{"prompt": "x"}'));
    expect(hashOf('{"prompt": 5}')).not.toBe(hashOf('{"prompt": 6}'));
  });
});

describe('requestHash with --schema', () => {
  const line = parseRequestLine('{"id":"a","prompt":"Hi"}', 1, 'jsonl') as RunRequest;

  it('is the plain hash without a schema, and another hash with each schema', () => {
    expect(requestHash(line, '', undefined)).toBe(hashOf('{"id":"a","prompt":"Hi"}'));
    const one = requestHash(line, '', 'a'.repeat(64));
    expect(one).not.toBe(requestHash(line, ''));
    expect(requestHash(line, '', 'b'.repeat(64))).not.toBe(one);
    expect(requestHash(line, '', 'a'.repeat(64))).toBe(one);
  });

  it('a bad line keeps the hash of its text, schema or not', () => {
    const bad = parseRequestLine('{"prompt": ', 1, 'jsonl') as BadLine;
    expect(requestHash(bad, '{"prompt": ', 'a'.repeat(64))).toBe(requestHash(bad, '{"prompt": '));
  });
});
