import { map, type OperatorFunction } from 'rxjs';
import type { Generation } from '../core/generation.js';
import type { GenerationFailure, IndexedGeneration } from '../engine/generate-options.js';

/**
 * A marble helper: maps each output of `generate` to a short string, so expected values stay readable.
 * A `Generation` or `IndexedGeneration` becomes its text; a `GenerationFailure` becomes
 * `"<error name>#<index>"`, e.g. `"RateLimitError#2"`.
 *
 * @example
 * expectObservable(cold('ab|').pipe(generate(model, { errors: 'emit' }), texts()))
 *   .toBe('--x(y|)', { x: 'hi a', y: 'ServerError#1' });
 */
export function texts(): OperatorFunction<Generation | IndexedGeneration | GenerationFailure, string> {
  return map((r) => {
    if (!('ok' in r)) return r.text;
    return r.ok ? r.generation.text : `${r.error.name}#${r.index}`;
  });
}
