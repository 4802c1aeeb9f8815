/**
 * JSON text the way Anthropic streams tool input (`input_json_delta`): `", "` between items and `": "` after
 * keys (OpenAI's `arguments` are compact, as `JSON.stringify` writes them).
 *
 * @example
 * spacedJson({ location: 'Paris', days: [1, 2] }); // '{"location": "Paris", "days": [1, 2]}'
 */
export function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${spacedJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
