import type { GenerationFailure } from '../engine/generate-options.js';

/**
 * True when a `generate` output is a `GenerationFailure` (emitted with `errors: 'emit'`).
 *
 * @example
 * prompts$.pipe(generate(model, { errors: 'emit' }), filter(isGenerationFailure))
 *   .subscribe((f) => console.error(`#${f.index}`, f.error.message));
 */
export function isGenerationFailure(value: unknown): value is GenerationFailure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'error' in value;
}
