import fc from 'fast-check';
import { SSE_DONE, SseParser, sseEvent } from '../../src/web/sse.js';

describe('SSE framing', () => {
  it('frames data as one event and reads it back', () => {
    expect(sseEvent('{"type":"start"}')).toBe('data: {"type":"start"}\n\n');
    expect(new SseParser().push(sseEvent('{"a":1}') + sseEvent(SSE_DONE))).toEqual(['{"a":1}', '[DONE]']);
  });

  it('reads every line ending (LF, CRLF, CR), joins data lines, skips comments and other fields', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\r\nevent: x\r\nid: 7\r\ndata: a\r\ndata:b\r\n\r\ndata: c\r\rdata: d\n\n')).toEqual(['a\nb', 'c', 'd']);
  });

  it('waits for the blank line; an event never ended when the text stops is dropped', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"x"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual(['{"x":1}']);
    expect(parser.push('data: never ended\n')).toEqual([]);
  });

  it('gives the same events however the text is split (a CRLF split between two pieces included)', () => {
    const text = 'data: {"type":"text-delta","delta":"é\\n😀"}\r\n\r\n: ping\r\ndata: two\r\ndata: lines\r\n\r\n' + sseEvent(SSE_DONE);
    const whole = new SseParser().push(text);
    expect(whole).toEqual(['{"type":"text-delta","delta":"é\\n😀"}', 'two\nlines', '[DONE]']);
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = new SseParser();
        const got: string[] = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          got.push(...parser.push(text.slice(from, p)));
          from = p;
        }
        expect(got).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
