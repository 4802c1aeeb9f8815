// OpenAI's checks of a `strict: true` schema (structured outputs, strict function calling): every object must
// set `additionalProperties: false` and list every property in `required`. The problem is reported as the real
// API words it, with the path in Python tuple form: `In context=('properties', 'items', 'items'), ...`.
import { isPlainObject } from '../../core/validate.js';

type Path = readonly string[];

/** Python's repr of a tuple of strings: `()`, `('a',)`, `('a', 'b')`. */
function tuple(path: Path): string {
  if (path.length === 0) return '()';
  const items = path.map((p) => `'${p}'`);
  return items.length === 1 ? `(${items[0]!},)` : `(${items.join(', ')})`;
}

function check(schema: unknown, path: Path): string | undefined {
  if (!isPlainObject(schema)) return undefined;
  const type = schema['type'];
  const isObjectType = type === 'object' || (Array.isArray(type) && type.includes('object')) || isPlainObject(schema['properties']);
  if (isObjectType) {
    if (schema['additionalProperties'] !== false) return `In context=${tuple(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    const missing = Object.keys(isPlainObject(schema['properties']) ? schema['properties'] : {}).find((k) => !required.includes(k));
    if (missing !== undefined) {
      return `In context=${tuple(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  const nested: Array<[unknown, Path]> = [];
  if (isPlainObject(schema['properties'])) for (const [k, v] of Object.entries(schema['properties'])) nested.push([v, [...path, 'properties', k]]);
  if (schema['items'] !== undefined) nested.push([schema['items'], [...path, 'items']]);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((v, i) => nested.push([v, [...path, key, String(i)]]));
  }
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = schema[key];
    if (isPlainObject(defs)) for (const [k, v] of Object.entries(defs)) nested.push([v, [...path, key, k]]);
  }
  for (const [sub, at] of nested) {
    const problem = check(sub, at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The first strict-mode problem of `schema`, in OpenAI's words, or undefined when it is fine. */
export function strictSchemaProblem(schema: unknown): string | undefined {
  return check(schema, []);
}
