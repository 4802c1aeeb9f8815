import fc from 'fast-check';
import { expectInvalid } from '../support/invalid-argument.js';
import { PartialJsonError, PartialJsonParser, extendsPartial } from '../../src/structured/partial-json.js';
import { expectSameVerdictAsJsonParse, expectShared, expectValidRun, feed, piecesOf } from './partial-json-fixture.js';

/** The snapshot after each of `pieces` (and the parser, for more). */
function snapshotsOf(pieces: readonly string[], options?: { maxDepth?: number }): { shown: unknown[]; parser: PartialJsonParser } {
  const parser = new PartialJsonParser(options);
  const shown = pieces.map((piece) => {
    parser.push(piece);
    return parser.snapshot();
  });
  return { shown, parser };
}

/** The PartialJsonError that `run` throws. */
function errorOf(run: () => unknown): PartialJsonError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PartialJsonError);
    return error as PartialJsonError;
  }
  throw new Error('expected a PartialJsonError');
}

const pushAll = (...pieces: string[]) => (): unknown => {
  const parser = new PartialJsonParser();
  for (const piece of pieces) parser.push(piece);
  return parser.end();
};

const DOCUMENTS = [
  '{"title": "Hello", "tags": ["a", "b"], "n": 42, "ok": true, "none": null, "f": false}',
  '[1, -0, 0.5, -12.75e+3, 1E-2, 6.02e23, 1e400, -1e-400, 0e0, 123456789012345678901234567890]',
  '"plain top-level string"',
  '  -12.5e3  ',
  'true',
  ' null ',
  '[]',
  '{}',
  '[[], {}, [[]], {"a": {}}, [{"b": []}]]',
  '{"esc": "q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t u\\u00e9\\u20AC \\ud83d\\ude00 lone \\ud800 \\udc00 x"}',
  '{"raw": "naïve café 😀 𝄞 \u2028 \u2029 \u007f"}',
  '{"😀 key": {"é": ["😀", "\\ud83d", "x\\ud83d\\ud83d\\ude00"]}}',
  '["\ud83dx", "\udc00", "\ud83d", "\ud83d\ud83d\ude00", "\ud83d\\ude00", {"\ud83d": "\ude00"}]', // raw lone surrogates
  ' \t\n\r{ \n "a" \t : \r [ 1 , "2" , { } , [ ] , true , null ] \n , "b":{"c":[[[]]]}}\n ',
  '{"__proto__": {"polluted": true}, "constructor": 1, "toString": "x", "0": "zero", "": "empty key"}',
  `{"records": [${Array.from({ length: 8 }, (_, i) => `{"id": ${i}, "name": "n${i}", "v": [${i}.5, ${-i}]}`).join(', ')}]}`,
];

describe('PartialJsonParser', () => {
  describe('every split of hand-written documents', () => {
    it.each(DOCUMENTS)('%s: one character at a time', (text) => {
      expectValidRun(text, feed(piecesOf(text, [1])));
    });

    it.each(DOCUMENTS)('%s: cut in two at every position', (text) => {
      for (let cut = 1; cut < text.length; cut++) expectValidRun(text, feed([text.slice(0, cut), text.slice(cut)]));
    });

    it.each(DOCUMENTS)('%s: in one push', (text) => {
      expectValidRun(text, feed([text]));
    });
  });

  describe('generated documents (fast-check)', () => {
    const layout = fc.constantFrom<[number | string | undefined]>([undefined], [2], ['\t'], [' \r\n ']);
    const run = fc.record({
      lengths: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
      snapshotEvery: fc.integer({ min: 1, max: 3 }),
      layout,
    });

    it('end with JSON.parse\'s value; every snapshot extends the last, shows nothing incomplete and shares unchanged subtrees', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 5 }), run, (value, { lengths, snapshotEvery, layout: [space] }) => {
          const text = JSON.stringify(value, null, space);
          expectValidRun(text, feed(piecesOf(text, lengths), (k) => k % snapshotEvery === 0));
        }),
        { numRuns: 200 },
      );
    });

    /** Any code point, or a surrogate half alone (JSON.stringify escapes those: \ud83d). */
    const anyUtf16 = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)));

    it('the same with any UTF-16 (lone surrogates, astral characters split across pushes)', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3, stringUnit: anyUtf16 }), run, (value, { lengths, layout: [space] }) => {
          const text = JSON.stringify(value, null, space);
          expectValidRun(text, feed(piecesOf(text, lengths)));
        }),
        { numRuns: 80 },
      );
    });

    it('fc.json() texts, one character at a time', () => {
      fc.assert(
        fc.property(fc.json({ maxDepth: 3 }), (text) => expectValidRun(text, feed(piecesOf(text, [1])))),
        { numRuns: 100 },
      );
    });
  });

  describe('invalid JSON: the verdict and position of JSON.parse', () => {
    it.each([
      ['01', 1],
      ['-01', 2],
      ['[1,]', 3],
      ['{"a":1,}', 7],
      ['"\\x"', 2],
      ['"\\u12g4"', 5],
      ['trux', 3],
      ['nulL', 3],
      ['[1 2]', 3],
      ['-a', 1],
      ['[-]', 2],
      ['1.e', 2],
      ['1e+x', 3],
      ['"a\nb"', 2],
      ['"a\u0000"', 2],
      ['\uFEFF1', 0],
      ['{1:2}', 1],
      ['{"a" 1}', 5],
      ['{"a":1 "b":2}', 7],
      ["{'a':1}", 1],
      ['[01]', 2],
      ['+1', 0],
      ['.5', 0],
      ['[NaN]', 1],
      ['Infinity', 0],
      ['[1] x', 4],
      ['{} {}', 3],
      ['1 2', 2],
      ['"a" "b"', 4],
      ['1,', 1],
      ['[]]', 2],
      ['{"a":1}}', 7],
      ['0x1', 1],
      ['//', 0],
      ['[,1]', 1],
      ['{,}', 1],
      ['{"a"::1}', 5],
    ])('%j fails at %i', (text, position) => {
      const e = errorOf(pushAll(text));
      expect(e.position).toBe(position);
      expectSameVerdictAsJsonParse(piecesOf(text, [1]));
      expectSameVerdictAsJsonParse([text]);
    });

    it.each(['', '   ', '[', '{"a"', '{"a":', '"abc', '"ab\\', '"\\u12', 'tru', '-', '1.', '1e', '1E-', '[1,', '[{"a":[1]}', '"\\ud83d'])(
      '%j ends too early: end() throws "unexpected end" at its length',
      (text) => {
        const parser = new PartialJsonParser();
        parser.push(text);
        const e = errorOf(() => parser.end());
        expect([e.reason, e.position]).toEqual(['unexpected end', text.length]);
        expectSameVerdictAsJsonParse(piecesOf(text, [1]));
      },
    );

    it('mutated documents (a character inserted, deleted or replaced) get the same verdict as JSON.parse, in any pieces', () => {
      const significant = fc.constantFrom(...'{}[],:"\\ \n\t0123456789-+.eEtrufalsn\u0000\u001f\uFEFFx/u');
      fc.assert(
        fc.property(
          fc.jsonValue({ maxDepth: 3 }),
          fc.nat(),
          fc.constantFrom('insert', 'delete', 'replace'),
          significant,
          fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
          (value, at, how, ch, lengths) => {
            const valid = JSON.stringify(value, null, at % 3 === 0 ? 1 : undefined);
            const i = at % (valid.length + 1);
            const text =
              how === 'insert' ? valid.slice(0, i) + ch + valid.slice(i) : how === 'delete' ? valid.slice(0, i) + valid.slice(i + 1) : valid.slice(0, i) + ch + valid.slice(i + 1);
            expectSameVerdictAsJsonParse(piecesOf(text, lengths));
          },
        ),
        { numRuns: 500 },
      );
    });

    it('a PartialJsonError is a SyntaxError with a short message, whatever the size of the text', () => {
      const huge = `{"text": "${'x'.repeat(1_000_000)}", "bad": tru}`;
      const e = errorOf(pushAll(huge));
      expect(e).toBeInstanceOf(SyntaxError);
      expect(e.name).toBe('PartialJsonError');
      expect(e.position).toBe(huge.length - 1); // the '}' after tru
      expect(e.message).toBe(`${e.reason} at position ${e.position}`);
      expect(e.message.length).toBeLessThan(100);
      expect(errorOf(pushAll('"\u0001"')).reason).toBe('bad control character in string');
      expect(errorOf(pushAll('\uFEFF{}')).reason).toBe('expected a JSON value, got U+FEFF');
    });

    it('after an error the parser is unusable: push and end throw the same error; snapshot shows the text before it', () => {
      const parser = new PartialJsonParser();
      parser.push('{"a": [1, "x"');
      const e = errorOf(() => parser.push(' 2]}'));
      expect(e.position).toBe(14);
      expect(errorOf(() => parser.push(']}'))).toBe(e);
      expect(errorOf(() => parser.end())).toBe(e);
      expect(parser.snapshot()).toEqual({ a: [1, 'x'] });
      expect(parser.done).toBe(false);
    });
  });

  describe('strings and escapes', () => {
    it('a string shows from its opening quote and grows; an escape shows only once complete', () => {
      const { shown } = snapshotsOf(['"', 'ab', '\\', 'n', '\\u', '00', 'e', '9', 'c"', ' ']);
      expect(shown).toEqual(['', 'ab', 'ab', 'ab\n', 'ab\n', 'ab\n', 'ab\n', 'ab\né', 'ab\néc', 'ab\néc']);
    });

    it('every simple escape, upper- and lower-case hex', () => {
      const { parser } = snapshotsOf(['["\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u00E9\\u00e9\\uABCD\\uabcd"]']);
      expect(parser.end()).toEqual(['"\\/\b\f\n\r\t', 'ééꯍꯍ']);
    });

    it('an escaped surrogate pair split across pushes shows only when both halves are in', () => {
      const { shown, parser } = snapshotsOf(['["a\\uD8', '3D', '\\u', 'DE', '00', 'b"]']);
      expect(shown).toEqual([['a'], ['a'], ['a'], ['a'], ['a😀'], ['a😀b']]);
      expect(parser.done).toBe(true);
    });

    it('a raw surrogate pair split between two pushes shows whole', () => {
      const emoji = '😀';
      const { shown } = snapshotsOf([`{"e": "x${emoji[0]}`, `${emoji[1]}y`, '"}']);
      expect(shown).toEqual([{ e: 'x' }, { e: `x${emoji}y` }, { e: `x${emoji}y` }]);
    });

    it('a raw high surrogate then an escaped low one, or the other way round, make a pair as in JSON.parse', () => {
      const text = '["\ud83d\\ude00", "\\ud83d\ude00"]';
      const { shown, parser } = snapshotsOf(piecesOf(text, [1]));
      expect(parser.end()).toEqual(JSON.parse(text));
      expect(shown.some((s) => JSON.stringify(s).includes('\\ud83d'))).toBe(false);
    });

    it('a lone high surrogate shows once it is clear that it stays lone (next character, or closing quote)', () => {
      expect(snapshotsOf(['"\\ud83d', 'x"']).shown).toEqual(['', '\ud83dx']);
      expect(snapshotsOf(['"\\ud83d', '"']).shown).toEqual(['', '\ud83d']);
      expect(snapshotsOf(['"\\ud83d', '\\ud83d', '\\ude00"']).shown).toEqual(['', '\ud83d', '\ud83d😀']);
      expect(snapshotsOf(['"\\ud83d', '\\n"']).shown).toEqual(['', '\ud83d\n']);
      expect(snapshotsOf(['"\\udc00', '"']).shown).toEqual(['\udc00', '\udc00']); // a lone low surrogate shows at once
    });

    it('a huge string in many pieces', () => {
      const body = 'abc😀é\\n'.repeat(20_000);
      const text = `{"s": "${body}"}`;
      const parser = new PartialJsonParser();
      let previous = '';
      for (const piece of piecesOf(text, [997])) {
        parser.push(piece);
        const s = (parser.snapshot() as { s?: string }).s ?? '';
        expect(s.startsWith(previous)).toBe(true);
        previous = s;
      }
      expect(parser.end()).toEqual(JSON.parse(text));
    });
  });

  describe('numbers and literals show only once complete', () => {
    it.each([
      [['[-', '1', '.', '5', 'e', '+', '3', ']'], [[], [], [], [], [], [], [], [-1500]]],
      [['[1', '2', ',', ' 3', ' '], [[], [], [12], [12], [12, 3]]],
      [['[1e', '2', '}'], null],
      [['{"n": 0', '.', '0', '1', '}'], [{}, {}, {}, {}, { n: 0.01 }]],
      [['[t', 'ru', 'e', ', nul', 'l'], [[], [], [true], [true], [true, null]]],
      [['{"f": fals', 'e'], [{}, { f: false }]],
    ])('%j', (pieces, expected) => {
      if (expected === null) {
        expect(errorOf(pushAll(...pieces)).position).toBe(4);
        return;
      }
      expect(snapshotsOf(pieces).shown).toEqual(expected);
    });

    it('a top-level number completes at the whitespace after it, or at end()', () => {
      const parser = new PartialJsonParser();
      parser.push('-12');
      expect([parser.snapshot(), parser.done]).toEqual([undefined, false]);
      parser.push('.5');
      expect([parser.snapshot(), parser.done]).toEqual([undefined, false]);
      parser.push('\n');
      expect([parser.snapshot(), parser.done]).toEqual([-12.5, true]);
      expect(parser.end()).toBe(-12.5);

      const atEnd = new PartialJsonParser();
      atEnd.push('0');
      expect(atEnd.snapshot()).toBeUndefined();
      expect(atEnd.end()).toBe(0);
      expect(atEnd.snapshot()).toBe(0);
      expect(Object.is(pushAll('-0')(), -0)).toBe(true);
    });

    it('a top-level literal is done at its last letter', () => {
      const { shown, parser } = snapshotsOf(['fa', 'lse']);
      expect(shown).toEqual([undefined, false]);
      expect(parser.done).toBe(true);
    });
  });

  describe('objects', () => {
    it('a key shows once it is complete and its value shows', () => {
      const pieces = ['{"ke', 'y"', ':', ' ', '"', 'v', '", "n"', ': 1', ',', ' "arr": ', '[', ']', ', "obj": {', '}', '}'];
      expect(snapshotsOf(pieces).shown).toEqual([
        {},
        {},
        {},
        {},
        { key: '' },
        { key: 'v' },
        { key: 'v' },
        { key: 'v' },
        { key: 'v', n: 1 },
        { key: 'v', n: 1 },
        { key: 'v', n: 1, arr: [] },
        { key: 'v', n: 1, arr: [] },
        { key: 'v', n: 1, arr: [], obj: {} },
        { key: 'v', n: 1, arr: [], obj: {} },
        { key: 'v', n: 1, arr: [], obj: {} },
      ]);
    });

    it('"__proto__" is an own property, as JSON.parse makes it; the prototype is untouched', () => {
      const parser = new PartialJsonParser();
      parser.push('{"__proto__": {"x": 1}, "__proto__": [');
      const partial = parser.snapshot() as Record<string, unknown>;
      expect(Object.getPrototypeOf(partial)).toBe(Object.prototype);
      expect(Object.keys(partial)).toEqual(['__proto__']);
      parser.push(']}');
      expect(parser.end()).toStrictEqual(JSON.parse('{"__proto__": {"x": 1}, "__proto__": []}'));
    });

    it('duplicate keys: the last wins, in the first one\'s place, as in JSON.parse (the one case that does not only extend)', () => {
      const text = '{"a": [1, 2], "b": 3, "a": "x"}';
      const { snapshots, final } = feed(piecesOf(text, [1]));
      expect(final).toStrictEqual(JSON.parse(text));
      expect(Object.keys(final as object)).toEqual(['a', 'b']);
      const steps = snapshots.slice(1).map((s, k) => extendsPartial(snapshots[k], s));
      expect(steps.filter((ok) => !ok)).toHaveLength(1); // [1, 2] replaced by '' when the last "a" starts
    });
  });

  describe('structural sharing', () => {
    it('returns the very same snapshot while nothing visible changes', () => {
      const parser = new PartialJsonParser();
      expect(parser.snapshot()).toBeUndefined();
      parser.push('{"a": [{"b": 1}], "c": ');
      const s = parser.snapshot();
      for (const piece of [' ', '\n', '12', '3', '.', '5', 'e']) {
        parser.push(piece);
        expect(parser.snapshot()).toBe(s);
      }
    });

    it('completed containers are built once and shared by every later snapshot; a closing bracket changes nothing', () => {
      const parser = new PartialJsonParser();
      parser.push('{"done": [{"id": 1}, {"id": 2}], "todo": [{"id": 3');
      const a = parser.snapshot() as { done: unknown[]; todo: unknown[] };
      parser.push('}');
      const b = parser.snapshot() as typeof a;
      expect(b.done).toBe(a.done);
      parser.push(']');
      expect(parser.snapshot()).toBe(b); // nothing visible changed
      parser.push(', "x": [');
      const c = parser.snapshot() as typeof a;
      expect([c.done, c.todo]).toEqual([b.done, b.todo]);
      expect(c.todo).toBe(b.todo);
      expectShared(b, c);
    });

    it('snapshots are deeply frozen', () => {
      const parser = new PartialJsonParser();
      parser.push('{"a": [{"b": "x"}, [1]], "c": "y');
      const s = parser.snapshot() as { a: [{ b: string }, number[]] };
      expect(Object.isFrozen(s) && Object.isFrozen(s.a) && Object.isFrozen(s.a[0]) && Object.isFrozen(s.a[1])).toBe(true);
      expect(() => {
        'use strict';
        s.a[1].push(2);
      }).toThrow(TypeError);
    });
  });

  describe('nesting depth', () => {
    it('accepts maxDepth levels and fails at the opening bracket of one more', () => {
      expect(pushAll('['.repeat(512) + ']'.repeat(512))()).toBeDefined();
      const e = errorOf(pushAll('['.repeat(513)));
      expect([e.position, e.reason]).toEqual([512, 'nesting deeper than maxDepth (512)']);
      const parser = new PartialJsonParser({ maxDepth: 2 });
      parser.push('{"a": [');
      expect(errorOf(() => parser.push('{')).position).toBe(7);
    });

    it('maxDepth: Infinity parses very deep documents without recursion', () => {
      const depth = 100_000;
      const parser = new PartialJsonParser({ maxDepth: Infinity });
      parser.push('['.repeat(depth));
      expect(Array.isArray(parser.snapshot())).toBe(true);
      parser.push(']'.repeat(depth));
      expect(parser.done).toBe(true);
    });
  });

  describe('input after the end', () => {
    it('whitespace after a complete value is fine; anything else fails at once', () => {
      const parser = new PartialJsonParser();
      parser.push('{"a": 1} ');
      expect(parser.done).toBe(true);
      parser.push(' \n\t\r');
      expect(errorOf(() => parser.push('  x')).position).toBe(15);
    });

    it('end() twice returns the same value; push after end() throws', () => {
      const parser = new PartialJsonParser();
      parser.push('[1]');
      const value = parser.end();
      expect(parser.end()).toBe(value);
      const e = errorOf(() => parser.push(' '));
      expect([e.reason, e.position]).toEqual(['push after end()', 3]);
    });

    it('an empty push is a no-op', () => {
      const parser = new PartialJsonParser();
      parser.push('');
      parser.push('"a');
      parser.push('');
      expect(parser.snapshot()).toBe('a');
    });
  });

  describe('bad arguments', () => {
    it('push needs a string; options are checked', () => {
      expectInvalid(() => new PartialJsonParser().push(42 as unknown as string), 'text');
      expectInvalid(() => new PartialJsonParser({ maxDepth: 0 }), 'options.maxDepth');
      expectInvalid(() => new PartialJsonParser({ maxDepth: 1.5 }), 'options.maxDepth');
      expectInvalid(() => new PartialJsonParser({ maxDepth: '9' as unknown as number }), 'options.maxDepth');
      expectInvalid(() => new PartialJsonParser({ maxDeph: 9 } as never), 'options.maxDeph');
      expectInvalid(() => new PartialJsonParser(512 as never), 'options');
    });
  });
});

describe('extendsPartial', () => {
  it.each([
    [undefined, { a: 1 }, true],
    ['He', 'Hello', true],
    ['Hello', 'He', false],
    [1, 1, true],
    [1, 12, false],
    [0, -0, false],
    [null, null, true],
    [true, false, false],
    [{ a: 'He', b: [1] }, { a: 'Hello', b: [1, 2], c: true }, true],
    [{ a: [1, 2] }, { a: [1] }, false],
    [{ a: 1 }, {}, false],
    [{ a: 1 }, [1], false],
    [[], {}, false],
    [['a', 'b'], ['a', 'bc', 'd'], true],
    [['a', 'b'], ['ab', 'b'], false],
    [[{ x: 'a' }, 2], [{ x: 'ab' }, 2], false],
    [[{ x: 'a' }], [{ x: 'ab' }], true],
    [[[1], 2], [[1, 3], 2], false],
    [{ a: '' }, { a: [] }, false],
    ['', null, false],
  ])('%j -> %j: %s', (previous, next, expected) => {
    expect(extendsPartial(previous, next)).toBe(expected);
  });

  it('is iterative: deep values do not overflow the stack', () => {
    let a: unknown = 'x';
    let b: unknown = 'xy';
    for (let i = 0; i < 100_000; i++) [a, b] = [[a], [b]];
    expect(extendsPartial(a, b)).toBe(true);
  });
});
