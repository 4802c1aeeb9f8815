// The simulator's one JSON Schema value generator: tool-call arguments, `response_format` json_schema content,
// Anthropic `output_config.format` text and forced-tool inputs all come from here. Deterministic: the same
// schema, seed and prompt always give the same value.
//
// Supported: `type` (a name or a list: `['string', 'null']` gives a string), `enum`, `const`, objects
// (`properties`, `required`, `additionalProperties`, `minProperties`), arrays (`items`, `prefixItems`,
// `minItems`, `maxItems`, `uniqueItems`), strings (`format`, `minLength`, `maxLength`, simple `pattern`s),
// numbers and integers (`minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`),
// booleans, null, `anyOf` / `oneOf` (the first branch that is not `null`), `allOf` (merged), and local
// `$ref`s (`#`, `#/$defs/...`, `#/definitions/...`, any JSON pointer into the schema). Every property is
// filled, required or not (below a nesting depth of 6, only required ones, so recursive schemas end).
import { Picker } from './repertoire/picker.js';
import { hashString } from './seeded-random.js';
import { PromptHints } from './schema-hints.js';
import { schemaString } from './schema-strings.js';
import { schemaNumber } from './schema-numbers.js';
import { isPlainObject } from '../core/validate.js';

type SchemaObject = Readonly<Record<string, unknown>>;

/** What the generated value draws on. */
export interface SchemaValueOptions {
  /** Seed of every choice: the same seed gives the same value. */
  readonly seed: string;
  /** The prompt: places, quoted phrases and numbers it names fill the matching fields, in order. */
  readonly prompt?: string;
}

const DEEP = 6;
const MAX_DEPTH = 24;
/** Bounds for odd schemas (huge minItems, deep allOf/$ref chains): the generator always ends, and fast. */
const MAX_VALUES = 20_000;
const MAX_CHARS = 1_000_000;
const MAX_ITEMS = 1_000;
const MAX_HOPS = 32;

function typesOf(schema: SchemaObject): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  if (isPlainObject(schema['properties']) || schema['required'] !== undefined || schema['additionalProperties'] !== undefined) return ['object'];
  if (schema['items'] !== undefined || schema['prefixItems'] !== undefined) return ['array'];
  if (typeof schema['minimum'] === 'number' || typeof schema['maximum'] === 'number') return ['number'];
  return ['string'];
}

/** `allOf` branches merged into one schema: properties and required lists united, other keys overridden in order. */
function mergeAll(parts: readonly SchemaObject[]): SchemaObject {
  const merged: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const part of parts) {
    Object.assign(merged, part);
    if (isPlainObject(part['properties'])) Object.assign(properties, part['properties']);
    if (Array.isArray(part['required'])) for (const r of part['required']) if (typeof r === 'string') required.add(r);
  }
  if (Object.keys(properties).length > 0) merged['properties'] = properties;
  if (required.size > 0) merged['required'] = [...required];
  return merged;
}

class ValueGenerator {
  /** Values still allowed: past the budget, values are the smallest possible (empty arrays and strings). */
  private budget = MAX_VALUES;
  /** Characters of string still allowed (long `minLength`s draw on it). */
  private chars = MAX_CHARS;

  constructor(private readonly root: unknown, private readonly pick: Picker, private readonly hints: PromptHints, private readonly seed: string) {}

  /** Follows `$ref` (merging the sibling keywords) and `allOf`, until neither is left. */
  private resolve(schema: unknown, nesting = 0): SchemaObject | boolean {
    let current = schema;
    for (let hops = 0; hops < MAX_HOPS && nesting < MAX_HOPS; hops++) {
      if (typeof current === 'boolean') return current;
      if (!isPlainObject(current)) return true;
      const ref = current['$ref'];
      if (typeof ref === 'string') {
        const { $ref: _ref, ...rest } = current;
        const target = this.pointer(ref);
        current = isPlainObject(target) ? { ...target, ...rest } : rest;
        continue;
      }
      if (Array.isArray(current['allOf'])) {
        const { allOf, ...rest } = current;
        const parts = (allOf as unknown[]).map((p) => this.resolve(p, nesting + 1)).filter(isPlainObject);
        current = mergeAll([rest, ...parts]);
        continue;
      }
      return current;
    }
    return true;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    const path = ref.slice(1).split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = this.root;
    for (const part of path) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[part] : undefined;
    return node;
  }

  value(rawSchema: unknown, name: string, depth: number): unknown {
    const schema = this.resolve(rawSchema);
    if (schema === false || depth > MAX_DEPTH) return null;
    this.budget--;
    if (schema === true) return this.value({ type: 'string' }, name, depth);
    if ('const' in schema) return schema['const'];
    if (Array.isArray(schema['enum']) && schema['enum'].length > 0) {
      const values = schema['enum'].filter((v) => v !== null);
      return this.pick.pick(values.length > 0 ? values : schema['enum']);
    }
    const branches = schema['anyOf'] ?? schema['oneOf'];
    if (Array.isArray(branches) && branches.length > 0) {
      const { anyOf: _a, oneOf: _o, ...rest } = schema;
      const resolved = branches.map((b) => this.resolve(b));
      const isNull = (b: SchemaObject | boolean): boolean => isPlainObject(b) && typesOf(b).every((t) => t === 'null') && b['type'] !== undefined;
      const chosen = depth >= DEEP ? resolved.find(isNull) ?? resolved[0]! : resolved.find((b) => !isNull(b)) ?? resolved[0]!;
      // Half a level deeper: a branch that refers back to its union still ends.
      return this.value(isPlainObject(chosen) ? { ...rest, ...chosen } : chosen, name, depth + 0.5);
    }
    const types = typesOf(schema);
    const nonNull = types.filter((t) => t !== 'null');
    const type = depth >= DEEP && types.includes('null') ? 'null' : nonNull[0] ?? 'null';
    switch (type) {
      case 'object': return this.object(schema, depth);
      case 'array': return this.array(schema, name, depth);
      case 'integer': case 'number': return schemaNumber(schema, type, name, this.pick, this.hints);
      case 'boolean': return this.pick.chance(0.5);
      case 'null': return null;
      default: {
        const text = schemaString(schema, name, this.pick, this.hints, `${this.seed}/${name}/${depth}`, Math.max(0, this.chars));
        this.chars -= text.length;
        if (this.chars <= 0) this.budget = 0;
        return text;
      }
    }
  }

  private object(schema: SchemaObject, depth: number): Record<string, unknown> {
    const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
    const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(properties)) {
      if (depth >= DEEP && !required.has(key)) continue;
      out[key] = this.value(sub, key, depth + 1);
    }
    for (const key of required) if (!(key in out)) out[key] = this.value(true, key, depth + 1);
    const extra = schema['additionalProperties'];
    const minProperties = Math.min(MAX_ITEMS, typeof schema['minProperties'] === 'number' ? schema['minProperties'] : 0);
    for (let i = 1; extra !== false && Object.keys(out).length < minProperties; i++) {
      out[`key${i}`] = this.value(isPlainObject(extra) ? extra : true, `key${i}`, depth + 1);
    }
    return out;
  }

  private array(schema: SchemaObject, name: string, depth: number): unknown[] {
    const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : [];
    const items = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
    const min = this.budget <= 0 ? 0 : Math.min(MAX_ITEMS, typeof schema['minItems'] === 'number' ? schema['minItems'] : 0);
    const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Math.max(min, 3);
    // Nested lists are shorter, so recursive structures stay small.
    const fallback = depth >= DEEP || this.budget <= 0 ? min : this.pick.int(Math.max(min, 1), Math.max(min, Math.min(max, depth >= 2 ? 2 : 3)));
    const count = Math.min(max, Math.max(min, items === false ? prefix.length : fallback, depth >= DEEP ? 0 : prefix.length));
    const singular = name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name;
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0; out.length < count && i < count * 8 + 8; i++) {
      const at = out.length;
      const value = this.value(at < prefix.length ? prefix[at] : items ?? true, singular, depth + 1);
      const text = JSON.stringify(value);
      if (schema['uniqueItems'] === true && seen.has(text)) continue;
      seen.add(text);
      out.push(value);
    }
    return out;
  }
}

/**
 * A JSON value conforming to `schema` (see the list above), chosen deterministically from `options.seed`;
 * strings named like places take the places the prompt names, quoted phrases fill free-text strings, and the
 * prompt's numbers fill numbers that allow them.
 *
 * @example
 * schemaValue({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, { seed: 's', prompt: 'Weather in Paris?' });
 * // { city: 'Paris' }
 */
export function schemaValue(schema: unknown, options: SchemaValueOptions): unknown {
  // The seed may be a whole conversation: hash it once, and seed everything else from the short key.
  const key = hashString(options.seed).toString(36);
  const generator = new ValueGenerator(schema, new Picker(`schema\n${key}`), new PromptHints(options.prompt ?? ''), key);
  return generator.value(schema, '', 0);
}
