/**
 * JSON text that can never become valid JSON, whatever text follows (or that ended too early): thrown by
 * {@link PartialJsonParser}. A `SyntaxError`, like the one `JSON.parse` throws, with the offset of the offending
 * character in the whole text received (UTF-16 code units, as `JSON.parse` counts; the text's length for an
 * unexpected end) and a short `reason`. The message never quotes the text beyond the one offending character.
 *
 * @example
 * const parser = new PartialJsonParser();
 * try { parser.push('[1, 2 3]'); } catch (e) {
 *   if (e instanceof PartialJsonError) console.log(e.position, e.reason); // 6 "expected ',' or ']' after array element, got \"3\""
 * }
 */
export class PartialJsonError extends SyntaxError {
  override readonly name = 'PartialJsonError' as const;
  /** Offset of the offending character in the whole text received, or its length for an unexpected end. */
  readonly position: number;
  /** What was wrong, in a few words (`unexpected end`, `bad escape "x"`...). */
  readonly reason: string;
  constructor(reason: string, position: number) {
    super(`${reason} at position ${position}`);
    this.reason = reason;
    this.position = position;
  }
}
