import { parseRequestLine, resolveFormat } from '../../src/cli/parse-request-line.js';

describe('parseRequestLine', () => {
  it('reads prompt or messages, the id (default: the line number) and per-line settings', () => {
    expect(parseRequestLine('{"id":"a","prompt":"Hi","temperature":0,"max_tokens":5,"top_p":0.5,"stop":"x","extra":1}', 1, 'jsonl')).toEqual({
      ok: true, id: 'a', lineNo: 1, prompt: 'Hi', settings: { temperature: 0, maxTokens: 5, topP: 0.5, stop: 'x' },
    });
    expect(parseRequestLine('{"messages":[{"role":"user","content":"Hi"}]}', 4, 'jsonl')).toEqual({
      ok: true, id: 4, lineNo: 4, prompt: [{ role: 'user', content: 'Hi' }], settings: {},
    });
    expect(parseRequestLine('{"prompt":"x"}', 2, 'text')).toMatchObject({ ok: true, id: 2, prompt: '{"prompt":"x"}' });
  });

  it('blank lines are not requests', () => {
    expect(parseRequestLine('   ', 1, 'jsonl')).toBeUndefined();
    expect(parseRequestLine('', 1, 'text')).toBeUndefined();
  });

  it.each([
    ['{"prompt": ', 'line 9: not valid JSON'],
    ['[1]', 'line 9: expected a JSON object'],
    ['{"id": {}, "prompt": "x"}', 'line 9: "id" must be a string or a number'],
    ['{"id": "a"}', 'line 9: missing "prompt"'],
    ['{"prompt": "x", "messages": []}', 'line 9: give "prompt" or "messages", not both'],
    ['{"prompt": 3}', 'line 9: "prompt" must be a string'],
    ['{"messages": [{"role": "robot", "content": "x"}]}', 'line 9: "messages[0].role": must be "system", "user", "assistant" or "tool"'],
    ['{"messages": []}', 'line 9: "messages": must not be an empty array'],
    ['{"prompt": "x", "maxTokens": 1.5}', 'line 9: "maxTokens" must be an integer'],
    ['{"prompt": "x", "stop": [1]}', 'line 9: "stop" must be a string or a list of strings'],
  ])('%s is a bad line: %s', (text, message) => {
    const line = parseRequestLine(text, 9, 'jsonl');
    expect(line).toMatchObject({ ok: false, lineNo: 9 });
    expect(line!.ok === false && line!.message).toContain(message);
  });

  it('a bad line keeps its id when it has a valid one', () => {
    expect(parseRequestLine('{"id":"q","prompt":5}', 3, 'jsonl')).toMatchObject({ ok: false, id: 'q' });
  });
});

describe('resolveFormat', () => {
  it('the flag, else the file extension, else the first line', () => {
    expect(resolveFormat('text', 'a.jsonl', '{')).toBe('text');
    expect(resolveFormat(undefined, 'a.JSONL', 'hello')).toBe('jsonl');
    expect(resolveFormat(undefined, 'a.ndjson', 'hello')).toBe('jsonl');
    expect(resolveFormat(undefined, 'a.txt', '{"prompt":"x"}')).toBe('text');
    expect(resolveFormat(undefined, '-', '  {"prompt":"x"}')).toBe('jsonl');
    expect(resolveFormat(undefined, 'prompts', 'Hello')).toBe('text');
  });
});
