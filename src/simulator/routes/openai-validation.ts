import { SimHttpError } from '../error-bodies.js';

/** How OpenAI names a JSON value's type in its errors ("a string", "an integer"...). */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

/** `Invalid type for 'param': expected X, but got Y instead.` (code `invalid_type`). */
export function invalidType(param: string, expected: string, value: unknown): SimHttpError {
  return new SimHttpError('bad-request', {
    message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
    param,
    code: 'invalid_type',
  });
}

/** `Invalid value for 'param': ...` (code `invalid_value`). */
export function invalidValue(param: string, problem: string): SimHttpError {
  return new SimHttpError('bad-request', { message: `Invalid value for '${param}': ${problem}`, param, code: 'invalid_value' });
}

/** `Missing required parameter: 'param'.` (code `missing_required_parameter`). */
export function missingParameter(param: string): SimHttpError {
  return new SimHttpError('bad-request', { message: `Missing required parameter: '${param}'.`, param, code: 'missing_required_parameter' });
}

/** The body as an object (else 400). */
export function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidType('body', 'an object', body);
  return body as Record<string, unknown>;
}

/** The `model` string; OpenAI's own message when it is missing. */
export function readModel(body: Record<string, unknown>): string {
  const model = body['model'];
  if (model === undefined || model === null || model === '') {
    throw new SimHttpError('bad-request', { message: 'you must provide a model parameter' });
  }
  if (typeof model !== 'string') throw invalidType('model', 'a string', model);
  return model;
}

/** An optional integer in [min, max]. */
export function optionalInteger(body: Record<string, unknown>, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(key, 'an integer', value);
  if (value < min) throw invalidValue(key, `integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`);
  if (value > max) throw invalidValue(key, `integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`);
  return value;
}

/** An optional number in [min, max] (temperature, top_p). */
export function optionalNumber(body: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw invalidType(key, 'a decimal', value);
  if (value < min) throw invalidValue(key, `decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`);
  if (value > max) throw invalidValue(key, `decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`);
  return value;
}

/** `stream` (boolean) and `stream_options.include_usage`. */
export function readStreaming(body: Record<string, unknown>): { stream: boolean; includeUsage: boolean } {
  const stream = body['stream'];
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') throw invalidType('stream', 'a boolean', stream);
  const options = body['stream_options'];
  if (options === undefined || options === null) return { stream: stream === true, includeUsage: false };
  if (typeof options !== 'object' || Array.isArray(options)) throw invalidType('stream_options', 'an object', options);
  if (stream !== true) {
    throw new SimHttpError('bad-request', { message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.", param: 'stream_options', code: 'invalid_value' });
  }
  const include = (options as Record<string, unknown>)['include_usage'];
  if (include !== undefined && include !== null && typeof include !== 'boolean') {
    throw invalidType('stream_options.include_usage', 'a boolean', include);
  }
  return { stream: true, includeUsage: include === true };
}

/** `stop`: a string or up to 4 strings. */
export function readStop(body: Record<string, unknown>): string[] {
  const stop = body['stop'];
  if (stop === undefined || stop === null) return [];
  if (typeof stop === 'string') return [stop];
  if (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string')) throw invalidType('stop', 'a string or array of strings', stop);
  if (stop.length > 4) throw invalidValue('stop', `array too long. Expected an array with maximum length 4, but got an array with length ${stop.length} instead.`);
  return stop as string[];
}

/** `'a', 'b', and 'c'` (`'a' and 'b'`), as OpenAI lists allowed values. */
function listValues(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 2) return quoted.join(' and ');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)!}`;
}

/** `Invalid value: 'x'. Supported values are: 'a', 'b', and 'c'.` (code `invalid_value`). */
export function unsupportedValue(param: string, value: unknown, supported: readonly string[]): SimHttpError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new SimHttpError('bad-request', { message: `Invalid value: '${shown}'. Supported values are: ${listValues(supported)}.`, param, code: 'invalid_value' });
}

/** A 400 with OpenAI's shape: `message`, `param` and `code` as given. */
export function openaiBadRequest(message: string, param: string | null, code: string | null = null): SimHttpError {
  return new SimHttpError('bad-request', { message, param, code });
}

/** The value at `key` as an object (else 400), or undefined when absent. */
export function optionalObject(body: Record<string, unknown>, key: string, param = key): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidType(param, 'an object', value);
  return value as Record<string, unknown>;
}

/** An optional boolean at `key`. */
export function optionalBoolean(body: Record<string, unknown>, key: string, param = key): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidType(param, 'a boolean', value);
  return value;
}

const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** A function / schema name: required, `^[a-zA-Z0-9_-]+$`, at most 64 characters. */
export function readName(container: Record<string, unknown>, param: string): string {
  const name = container['name'];
  if (name === undefined || name === null) throw missingParameter(param);
  if (typeof name !== 'string') throw invalidType(param, 'a string', name);
  if (name.length > 64) {
    throw openaiBadRequest(`Invalid '${param}': string too long. Expected a string with maximum length 64, but got a string with length ${name.length} instead.`, param, 'string_above_max_length');
  }
  if (!NAME_PATTERN.test(name)) {
    throw openaiBadRequest(`Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, param, 'invalid_value');
  }
  return name;
}
