import type { ResponseFormat } from '../../core/tool-settings.js';

/**
 * OpenAI's `response_format` for a `ResponseFormat`: JSON mode (`json_object`), or structured outputs
 * (`json_schema` with a name, default `response`, and `strict`, by default true exactly when the schema
 * allows it: every object closes its properties and requires all of them, as strict mode demands).
 *
 * @example
 * openAIResponseFormat({ type: 'json-schema', schema: { type: 'object', properties: {}, required: [], additionalProperties: false } });
 * // { type: 'json_schema', json_schema: { name: 'response', schema: {...}, strict: true } }
 */
export function openAIResponseFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'json') return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name ?? 'response',
      ...(format.description !== undefined ? { description: format.description } : {}),
      schema: format.schema,
      strict: format.strict ?? strictAllowed(format.schema),
    },
  };
}

/** True when strict mode accepts `schema`: every object schema in it has `additionalProperties: false` and requires every property. */
export function strictAllowed(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(strictAllowed);
  if (typeof schema !== 'object' || schema === null) return true;
  const s = schema as Record<string, unknown>;
  const properties = s.properties as Record<string, unknown> | undefined;
  if (s.type === 'object' || properties !== undefined) {
    const required = new Set(Array.isArray(s.required) ? s.required : []);
    if (s.additionalProperties !== false || Object.keys(properties ?? {}).some((k) => !required.has(k))) return false;
  }
  return Object.entries(s).every(([k, v]) => k === 'enum' || k === 'const' || k === 'default' || k === 'examples' || strictAllowed(v));
}
