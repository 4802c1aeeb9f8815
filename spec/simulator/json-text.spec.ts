import { parsePartialJson, spacedJson } from '../../src/simulator/json-text.js';
import { tokenizeJson } from '../../src/simulator/tokenizer.js';

describe('simulator JSON text helpers', () => {
  it('spacedJson writes JSON as Anthropic streams tool input', () => {
    const value = { location: 'San Francisco, CA', days: [1, 2], nested: { ok: true, none: null }, empty: {}, list: [] };
    expect(spacedJson(value)).toBe('{"location": "San Francisco, CA", "days": [1, 2], "nested": {"ok": true, "none": null}, "empty": {}, "list": []}');
    expect(JSON.parse(spacedJson(value))).toEqual(value);
  });

  it('tokenizeJson cuts JSON into small fragments like the recorded tool-argument deltas', () => {
    expect(tokenizeJson('{"location":"San Francisco, CA"}')).toEqual(['{"', 'location', '":"', 'San', ' Francisco', ',', ' CA', '"}']);
    const text = JSON.stringify({ a: [1, { b: 'x y' }], c: null });
    expect(tokenizeJson(text).join('')).toBe(text);
  });

  it('parsePartialJson keeps the complete values of a cut prefix, as the SDK stream parsers do', () => {
    expect(parsePartialJson('{"city": "Tok')).toEqual({});
    expect(parsePartialJson('{"city": "Tokyo", "days": [1, 2')).toEqual({ city: 'Tokyo', days: [1] });
    expect(parsePartialJson('{"city": "Tokyo", "da')).toEqual({ city: 'Tokyo' });
    expect(parsePartialJson('[{"a":"b"},{"c":"d')).toEqual([{ a: 'b' }, {}]);
    expect(parsePartialJson('{"a": {"b": "c')).toEqual({ a: {} });
    expect(parsePartialJson('{"a": 12')).toEqual({});
    expect(parsePartialJson('{"a": "x\\')).toEqual({});
    expect(parsePartialJson('')).toEqual({});
  });
});
