import fc from 'fast-check';
import { schemaValue } from '../../src/simulator/schema-value.js';
import { conformanceProblems, expectConforms } from './schema-conformance.js';

const gen = (schema: unknown, prompt = '', seed = 'seed'): unknown => schemaValue(schema, { seed, prompt });

describe('schemaValue: values that conform to the schema', () => {
  const shapes: Array<[string, unknown]> = [
    ['a string', { type: 'string' }],
    ['an integer in a range', { type: 'integer', minimum: 3, maximum: 5 }],
    ['a number with exclusive bounds and a step', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.125 }],
    ['draft 4 boolean exclusive bounds', { type: 'integer', minimum: 0, maximum: 2, exclusiveMinimum: true, exclusiveMaximum: true }],
    ['a boolean', { type: 'boolean' }],
    ['null', { type: 'null' }],
    ['an enum', { enum: ['red', 'green', 'blue'] }],
    ['a const', { const: { fixed: [1, 2] } }],
    ['a nullable string (type list)', { type: ['string', 'null'] }],
    ['a nullable object (anyOf)', { anyOf: [{ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'], additionalProperties: false }, { type: 'null' }] }],
    ['oneOf with distinct branches', { oneOf: [{ type: 'string', enum: ['x'] }, { type: 'integer' }] }],
    ['allOf merged', { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'boolean' } }, required: ['b'] }] }],
    ['formats', {
      type: 'object',
      properties: {
        d: { type: 'string', format: 'date' }, dt: { type: 'string', format: 'date-time' }, e: { type: 'string', format: 'email' },
        u: { type: 'string', format: 'uri' }, id: { type: 'string', format: 'uuid' }, ip: { type: 'string', format: 'ipv4' }, t: { type: 'string', format: 'time' },
      },
      required: ['d', 'dt', 'e', 'u', 'id', 'ip', 't'],
      additionalProperties: false,
    }],
    ['string lengths', { type: 'array', prefixItems: [{ type: 'string', maxLength: 2 }, { type: 'string', minLength: 40 }, { type: 'string', minLength: 5, maxLength: 5 }], items: false }],
    ['simple patterns', { type: 'array', prefixItems: [{ type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }, { type: 'string', pattern: '^(?:foo|bar)+_[a-z0-9]{2,4}$' }, { type: 'string', pattern: '^\\+1-555-\\d{4}$' }], items: false }],
    ['arrays with bounds and unique items', { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c', 'd'] }, minItems: 3, maxItems: 4, uniqueItems: true }],
    ['nested arrays of objects', {
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['x', 'tags'], additionalProperties: false } }, minItems: 1 } },
      required: ['rows'],
      additionalProperties: false,
    }],
    ['$defs refs', { $defs: { point: { type: 'object', properties: { x: { type: 'integer' }, y: { type: 'integer' } }, required: ['x', 'y'] } }, type: 'object', properties: { from: { $ref: '#/$defs/point' }, to: { $ref: '#/$defs/point' } }, required: ['from', 'to'] }],
    ['definitions refs with siblings', { definitions: { name: { type: 'string' } }, type: 'object', properties: { n: { $ref: '#/definitions/name', maxLength: 4 } }, required: ['n'] }],
    ['a recursive tree (ends)', { $defs: { node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }, required: ['name', 'children'], additionalProperties: false } }, $ref: '#/$defs/node' }],
    ['a recursive nullable linked list', { type: 'object', properties: { value: { type: 'integer' }, next: { anyOf: [{ $ref: '#' }, { type: 'null' }] } }, required: ['value', 'next'], additionalProperties: false }],
    ['additionalProperties with minProperties', { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 2 }],
    ['an empty schema', {}],
    ['true', true],
  ];

  it.each(shapes)('%s', (_name, schema) => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) expectConforms(schema, gen(schema, '', seed));
  });

  it('fills every property, required or not, and no other (additionalProperties false)', () => {
    const value = gen({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'boolean' } }, required: ['a'], additionalProperties: false });
    expect(Object.keys(value as object)).toEqual(['a', 'b', 'c']);
  });

  it('prefers the non-null branch of a nullable union', () => {
    expect(gen({ type: ['null', 'integer'] })).toEqual(expect.any(Number));
    expect(gen({ anyOf: [{ type: 'null' }, { type: 'string' }] })).toEqual(expect.any(String));
  });

  it('is deterministic per seed and varies between seeds', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['name', 'age', 'tags'] };
    expect(gen(schema, '', 'x')).toEqual(gen(schema, '', 'x'));
    const values = new Set(['1', '2', '3', '4', '5', '6'].map((s) => JSON.stringify(gen(schema, '', s))));
    expect(values.size).toBeGreaterThan(3);
  });

  it('takes values the prompt names: places, quoted phrases, numbers', () => {
    const weather = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } }, required: ['city', 'days'] };
    expect(gen(weather, 'What will the weather be in Lisbon for the next 3 days?')).toEqual({ city: 'Lisbon', days: 3 });
    expect(gen(weather, 'Forecast for Springfield please')).toMatchObject({ city: 'Springfield' });
    expect(gen({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] }, 'search the docs for "rxjs operators"')).toEqual({ query: 'rxjs operators' });
    expect(gen({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] }, 'add 2.5 and 40')).toEqual({ a: 2.5, b: 40 });
    // a named number that breaks the schema's bounds is not used
    expect((gen(weather, 'weather in Paris for 30 days') as { days: number }).days).toBeLessThanOrEqual(7);
  });

  it('gives strings that fit their property names', () => {
    const value = gen({
      type: 'object',
      properties: { email: { type: 'string' }, created_at: { type: 'string' }, website: { type: 'string' }, country: { type: 'string' }, userId: { type: 'string' } },
    }, 'Customers in Japan') as Record<string, string>;
    expect(value['email']).toMatch(/^[a-z]+\.[a-z-]+@example\.com$/);
    expect(value['created_at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(value['website']).toMatch(/^https:\/\/example\.com\//);
    expect(value['country']).toBe('Japan');
    expect(value['userId']).toMatch(/^[0-9a-f]{8}-/);
  });
});

describe('schemaValue: odd schemas end quickly, without throwing', () => {
  it.each<[string, unknown]>([
    ['a self-referencing allOf', { allOf: [{ $ref: '#' }] }],
    ['a $ref loop', { $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } }],
    ['a union that only recurses', { anyOf: [{ $ref: '#' }] }],
    ['a dangling $ref', { $ref: '#/$defs/missing' }],
    ['huge minItems, nested', { type: 'array', minItems: 1e9, items: { type: 'array', minItems: 1e9, items: { type: 'string', minLength: 1e9 } } }],
    ['a huge pattern repeat', { type: 'string', pattern: '^a{100000000}$' }],
    ['garbage keywords', { type: 42, properties: [1, 2], items: 'x', enum: 'no', required: 'all', minimum: 'low' }],
    ['false', false],
  ])('%s', (_name, schema) => {
    const t0 = Date.now();
    expect(() => JSON.stringify(gen(schema))).not.toThrow();
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});

describe('schemaValue: random schemas (property)', () => {
  const leaf: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.record({ type: fc.constant('string'), minLength: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: ['type'] }),
    fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 40 })).map(([lo, span]) => ({ type: 'integer', minimum: lo, maximum: lo + span })),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.constantFrom(2, 3, 5)).map(([lo, step]) => ({ type: 'integer', minimum: lo, maximum: lo + 3 * step, multipleOf: step })),
    fc.constant({ type: 'number', minimum: -1, maximum: 1 }),
    fc.constant({ type: 'boolean' }),
    fc.constant({ type: ['string', 'null'] }),
    fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }).map((values) => ({ enum: values })),
  );
  const schema = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie('node'), { maxKeys: 4 }).chain((props) =>
        fc.subarray(Object.keys(props)).map((required) => ({ type: 'object', properties: props, required, additionalProperties: false }))),
      fc.tuple(tie('node'), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 })).map(([items, min, extra]) => ({ type: 'array', items, minItems: min, maxItems: min + extra })),
      tie('node').map((inner) => ({ anyOf: [inner, { type: 'null' }] })),
    ),
  })).node;

  it('always conform', () => {
    fc.assert(
      fc.property(schema, fc.string(), fc.string({ maxLength: 40 }), (s, seed, prompt) => {
        const value = schemaValue(s, { seed, prompt });
        expect(conformanceProblems(s, value)).toEqual([]);
        expect(JSON.parse(JSON.stringify(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});
