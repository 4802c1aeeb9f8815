import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { LanguageModel } from '../core/language-model.js';
import { isPlainObject } from '../core/validate.js';
import { isInvalidArgumentError } from '../errors/invalid-argument-error.js';
import { canonicalJson } from '../models/cache/cache-key.js';
import { loadZod, type ZodModule } from '../platform/load-zod.js';
import type { ObjectMode } from '../structured/object-spec.js';
import type { JsonSchema } from '../structured/schema.js';
import { withSchema } from '../structured/with-schema.js';
import { CliError, UsageError } from './cli-io.js';
import { describeFsError } from './read-input-lines.js';

/** What `--schema FILE` (with `--schema-name`, `--schema-mode`, `--repair`) asks of `rxllm run`. */
export interface SchemaConfig {
  /** The file, as given. */
  readonly path: string;
  /** The JSON Schema it holds (without its `$schema` dialect line, which no provider needs). */
  readonly jsonSchema: JsonSchema;
  /** `--schema-name`: the schema's (or the tool's) name for the model. @default 'response' (withSchema's) */
  readonly name?: string;
  /** `--schema-mode`. @default withSchema's: 'native' for openai: and anthropic: */
  readonly mode?: ObjectMode;
  /** `--repair`: times an invalid answer is sent back with what is wrong. @default 0 */
  readonly repair: number;
  /** The SHA-256 (hex) of the schema's canonical JSON: part of every line's request hash. */
  readonly digest: string;
}

/** The keywords one of which a JSON Schema has at its top (an example object has none). */
const SCHEMA_KEYWORDS = ['type', 'properties', 'items', 'prefixItems', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', '$defs', 'definitions', 'required'];

/** The `--schema-mode` values. */
export const SCHEMA_MODES: readonly ObjectMode[] = ['native', 'tool', 'json'];

/**
 * Reads and checks the JSON Schema file of `--schema`: a `UsageError` (exit 2) for a file that cannot be
 * read, is not JSON, or is not a JSON Schema (not an object, or an object with none of the schema keywords
 * at its top: an example object given by mistake). The `$schema` dialect line is dropped.
 *
 * @example
 * readSchemaFile('ticket.schema.json'); // { type: 'object', properties: { ... }, required: [...] }
 */
export function readSchemaFile(path: string): JsonSchema {
  const where = `--schema "${path}"`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${where}: cannot read it: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  const example = 'e.g. {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}';
  if (!isPlainObject(value)) {
    throw new UsageError(`${where}: not a JSON Schema: expected an object (${example}), got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  if (!SCHEMA_KEYWORDS.some((k) => k in value)) {
    throw new UsageError(`${where}: not a JSON Schema: none of "type", "properties", "$ref", "anyOf"... at its top (an example object?); ${example}`);
  }
  const { $schema: _dialect, ...schema } = value;
  return schema;
}

/**
 * The `SchemaConfig` of the schema flags (`--schema` read and checked now; see `readSchemaFile`).
 *
 * @example
 * schemaConfig('ticket.json', { mode: 'tool', repair: 1 });
 */
export function schemaConfig(path: string, options: { name?: string; mode?: ObjectMode; repair?: number }): SchemaConfig {
  const jsonSchema = readSchemaFile(path);
  return {
    path,
    jsonSchema,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    repair: options.repair ?? 0,
    digest: createHash('sha256').update(canonicalJson(jsonSchema)).digest('hex'),
  };
}

/**
 * Checks, before anything is sent, that `zod` (an optional peer dependency) can be loaded and can validate
 * with the schema: a `CliError` (exit 2) naming the package to install, or a `UsageError` naming what zod
 * does not support (`not`, an unknown `type`, a `$ref` that leads nowhere...), instead of every line failing.
 *
 * @example
 * await checkSchemaUsable(config.schema);
 */
export async function checkSchemaUsable(schema: SchemaConfig, load: () => Promise<ZodModule> = loadZod): Promise<void> {
  let z: ZodModule;
  try {
    z = await load();
  } catch {
    throw new CliError('--schema needs the "zod" package (v4.2 or later) to validate the objects: npm install zod');
  }
  try {
    z.fromJSONSchema(schema.jsonSchema);
  } catch (error) {
    throw new UsageError(`--schema "${schema.path}": zod cannot validate with this schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The flag behind each `withSchema` option, for its errors. */
const FLAG_OF: Readonly<Record<string, string>> = { name: '--schema-name', mode: '--schema-mode', repair: '--repair', schema: '--schema' };

/**
 * `model` answering objects valid against the schema (`withSchema`, with `--schema-name`, `--schema-mode`
 * and `--repair`); a bad option is a `UsageError` naming its flag.
 *
 * @example
 * const model = objectModel(createModel(config.model), config.schema);
 */
export function objectModel(model: LanguageModel, schema: SchemaConfig): LanguageModel {
  try {
    return withSchema(model, {
      schema: schema.jsonSchema,
      repair: schema.repair,
      ...(schema.name !== undefined ? { name: schema.name } : {}),
      ...(schema.mode !== undefined ? { mode: schema.mode } : {}),
    });
  } catch (error) {
    if (!isInvalidArgumentError(error)) throw error;
    const flag = FLAG_OF[error.argument] ?? error.argument;
    throw new UsageError(`${flag}: ${error.message.replace(/^Invalid argument "[^"]*": /, '')}`);
  }
}
