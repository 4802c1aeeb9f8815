// One view of the schemas rxllm takes (a zod v4 schema, or a JSON Schema object): the JSON Schema sent to
// providers, and validation of what comes back. Shared by tools and structured output.
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describe, isPlainObject } from '../core/validate.js';
import { loadZod, loadZodSync, type ZodModule } from '../platform/load-zod.js';

/** The result of a Standard Schema validation (https://standardschema.dev), as zod returns it. */
type StandardResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: readonly { readonly message: string; readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] }[] };

/**
 * A zod (v4.2+) schema, seen through the Standard Schema interface it implements plus its `toJSONSchema()`.
 * Declared here so that rxllm's types need no `zod` installed.
 */
export interface ZodLikeSchema<T = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    validate(value: unknown): StandardResult<T> | Promise<StandardResult<T>>;
    readonly types?: { readonly input: unknown; readonly output: T } | undefined;
  };
  toJSONSchema(params?: object): object;
}

/** A JSON Schema object (`{ type: 'object', properties, required }`...). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** What a schema may be: a zod (v4.2+) schema, whose output type is inferred, or a JSON Schema object. */
export type SchemaLike<T = unknown> = ZodLikeSchema<T> | JsonSchema;

/** The type a schema validates to: a zod schema's output type, or `unknown` for a JSON Schema. */
export type InferSchema<S> = S extends ZodLikeSchema<infer T> ? T : unknown;

/** What a validation says: the (possibly transformed) value, or the issues (`path: message`). */
export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

/** A schema ready for use: its JSON Schema, and a validator. */
export interface ResolvedSchema<T> {
  readonly jsonSchema: JsonSchema;
  /**
   * Validates (and, for zod, transforms) a value: synchronously when the schema does (a synchronous zod
   * schema; a JSON Schema once `zod` is loaded), else as a Promise.
   */
  validate(value: unknown): Validation<T> | Promise<Validation<T>>;
}

/** True for a zod (or any Standard Schema) schema. */
export function isZodLikeSchema(value: unknown): value is ZodLikeSchema {
  return typeof value === 'object' && value !== null && typeof (value as { '~standard'?: { validate?: unknown } })['~standard']?.validate === 'function';
}

/**
 * Resolves a schema: a zod schema gives its JSON Schema (`toJSONSchema()`, without `$schema`) and validates
 * with itself; a JSON Schema object is sent as it is and validated with `zod`'s `fromJSONSchema` (loaded on
 * first use). Throws `InvalidArgumentError` naming `argument` for anything else.
 *
 * @example
 * const s = resolveSchema(z.object({ city: z.string() }), 'inputSchema');
 * await s.validate({ city: 'Oslo' }); // { ok: true, value: { city: 'Oslo' } }
 */
export function resolveSchema<T>(schema: SchemaLike<T>, argument: string): ResolvedSchema<T> {
  if (isZodLikeSchema(schema)) {
    if (typeof schema.toJSONSchema !== 'function') {
      throw new InvalidArgumentError(argument, 'must be a zod schema of zod 4.2 or later (with toJSONSchema()), or a JSON Schema object');
    }
    // The model writes what the schema takes in (before any transform): its input side.
    let converted: Record<string, unknown>;
    try {
      converted = schema.toJSONSchema({ io: 'input' }) as Record<string, unknown>;
    } catch (error) {
      throw new InvalidArgumentError(argument, `cannot be described as JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { $schema: _dialect, ...jsonSchema } = converted;
    return { jsonSchema, validate: (value) => standardValidate(schema, value) };
  }
  if (!isPlainObject(schema)) throw new InvalidArgumentError(argument, `must be a zod schema or a JSON Schema object, got ${describe(schema)}`);
  let compiled: ZodLikeSchema<T> | undefined;
  let loading: Promise<ZodLikeSchema<T>> | undefined;
  const compile = (z: ZodModule): ZodLikeSchema<T> => (compiled ??= z.fromJSONSchema(schema) as unknown as ZodLikeSchema<T>);
  return {
    jsonSchema: schema,
    validate: (value) => {
      if (compiled === undefined) {
        const z = loadZodSync();
        if (z !== undefined) compile(z);
      }
      if (compiled !== undefined) return standardValidate(compiled, value);
      loading ??= loadZod().then(compile);
      return loading.then((s) => standardValidate(s, value));
    },
  };
}

function standardValidate<T>(schema: Pick<ZodLikeSchema<T>, '~standard'>, value: unknown): Validation<T> | Promise<Validation<T>> {
  const result = schema['~standard'].validate(value);
  return isPromiseLike(result) ? Promise.resolve(result).then(toValidation) : toValidation(result);
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function toValidation<T>(result: StandardResult<T>): Validation<T> {
  if (result.issues === undefined) return { ok: true, value: (result as { value: T }).value };
  return {
    ok: false,
    issues: result.issues.map((i) => {
      const path = (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
      return path === '' ? i.message : `${path}: ${i.message}`;
    }),
  };
}
