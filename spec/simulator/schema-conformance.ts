// A small, hand-written JSON Schema conformance check for the subset the simulator generates from: `$ref`
// (local), `allOf` / `anyOf` / `oneOf`, `type` (names and lists), `enum`, `const`, objects (`properties`,
// `required`, `additionalProperties`, `minProperties`), arrays (`items`, `prefixItems`, `minItems`, `maxItems`,
// `uniqueItems`), strings (`minLength`, `maxLength`, `pattern`, a few `format`s), numbers (`minimum`,
// `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`). Returns the problems found (empty: conforms).

type Schema = Record<string, unknown>;

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  time: /^\d{2}:\d{2}:\d{2}/,
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\/\/\S+$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^(\d{1,3}\.){3}\d{1,3}$/,
};

function isObject(v: unknown): v is Schema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function pointer(root: unknown, ref: string): unknown {
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter((p) => p !== '')) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

export function conformanceProblems(schema: unknown, value: unknown, root: unknown = schema, path = '$'): string[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [`${path}: no value allowed`];
  if (!isObject(schema)) return [];
  const problems: string[] = [];
  const add = (p: string): void => void problems.push(`${path}: ${p}`);
  if (typeof schema['$ref'] === 'string') problems.push(...conformanceProblems(pointer(root, schema['$ref']), value, root, path));
  if (Array.isArray(schema['allOf'])) for (const s of schema['allOf']) problems.push(...conformanceProblems(s, value, root, path));
  if (Array.isArray(schema['anyOf']) && !schema['anyOf'].some((s) => conformanceProblems(s, value, root, path).length === 0)) add('matches no anyOf branch');
  if (Array.isArray(schema['oneOf']) && schema['oneOf'].filter((s) => conformanceProblems(s, value, root, path).length === 0).length !== 1) add('does not match exactly one oneOf branch');
  if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(value)) add(`is not the const ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(value))) add(`${JSON.stringify(value)} is not in the enum`);
  const types = typeof schema['type'] === 'string' ? [schema['type']] : Array.isArray(schema['type']) ? (schema['type'] as string[]) : undefined;
  const actual = typeOf(value);
  if (types !== undefined && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) add(`is ${actual}, expected ${types.join(' | ')}`);
  if (isObject(value)) {
    const props = isObject(schema['properties']) ? schema['properties'] : {};
    for (const r of (schema['required'] as string[] | undefined) ?? []) if (!(r in value)) add(`misses required "${r}"`);
    for (const [k, v] of Object.entries(value)) {
      if (k in props) problems.push(...conformanceProblems(props[k], v, root, `${path}.${k}`));
      else if (schema['additionalProperties'] === false) add(`has extra property "${k}"`);
      else problems.push(...conformanceProblems(schema['additionalProperties'], v, root, `${path}.${k}`));
    }
    if (typeof schema['minProperties'] === 'number' && Object.keys(value).length < schema['minProperties']) add('has too few properties');
  }
  if (Array.isArray(value)) {
    const prefix = (schema['prefixItems'] as unknown[] | undefined) ?? [];
    value.forEach((v, i) => problems.push(...conformanceProblems(i < prefix.length ? prefix[i] : schema['items'], v, root, `${path}[${i}]`)));
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) add('has too few items');
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) add('has too many items');
    if (schema['uniqueItems'] === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) add('has duplicate items');
  }
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && [...value].length < schema['minLength']) add('is too short');
    if (typeof schema['maxLength'] === 'number' && [...value].length > schema['maxLength']) add('is too long');
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) add(`does not match ${schema['pattern']}`);
    const format = FORMATS[schema['format'] as string];
    if (format !== undefined && !format.test(value)) add(`is not a ${String(schema['format'])}`);
  }
  if (typeof value === 'number') {
    const n = (k: string): number | undefined => (typeof schema[k] === 'number' ? (schema[k] as number) : undefined);
    if (n('minimum') !== undefined && value < n('minimum')!) add('is below minimum');
    if (n('maximum') !== undefined && value > n('maximum')!) add('is above maximum');
    if (n('exclusiveMinimum') !== undefined && value <= n('exclusiveMinimum')!) add('is not above exclusiveMinimum');
    if (n('exclusiveMaximum') !== undefined && value >= n('exclusiveMaximum')!) add('is not below exclusiveMaximum');
    const m = n('multipleOf');
    if (m !== undefined && Math.abs(value / m - Math.round(value / m)) > 1e-9) add(`is not a multiple of ${m}`);
  }
  return problems;
}

/** Jest helper: throws with the problems when `value` does not conform. */
export function expectConforms(schema: unknown, value: unknown): void {
  const problems = conformanceProblems(schema, value);
  if (problems.length > 0) throw new Error(`${JSON.stringify(value)} does not conform:\n${problems.join('\n')}`);
}
