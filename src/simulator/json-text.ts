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

/**
 * `head` closed into JSON text when it ends just after a complete value or a separator: its trailing comma
 * dropped and its open brackets closed; undefined when it ends inside a string, number or literal (which could
 * still go on).
 */
function closeJson(head: string): string | undefined {
  const open: string[] = [];
  let inString = false;
  let escaped = false;
  for (const c of head) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') open.push('}');
    else if (c === '[') open.push(']');
    else if (c === '}' || c === ']') open.pop();
  }
  const trimmed = head.trimEnd();
  if (inString || trimmed === '' || /[\w.+-]$/.test(trimmed)) return undefined;
  return `${trimmed.replace(/,$/, '')}${open.reverse().join('')}`;
}

/**
 * The value of JSON text cut short (tool arguments cut by `max_tokens`), read as the SDKs' streaming parsers
 * read it: complete values only (a cut string or number is left out), open objects and arrays closed; `{}`
 * when nothing complete was sent.
 *
 * @example
 * parsePartialJson('{"city": "Tokyo", "days": [1, 2'); // { city: 'Tokyo', days: [1] }
 */
export function parsePartialJson(text: string): unknown {
  for (let end = text.length; end > 0; end--) {
    const closed = closeJson(text.slice(0, end));
    if (closed === undefined) continue;
    try {
      return JSON.parse(closed);
    } catch {
      // try a shorter prefix
    }
  }
  return {};
}
