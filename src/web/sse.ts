// Server-sent events, the framing of a UI message stream: each chunk is one `data:` line of JSON followed by a
// blank line, and the stream ends with `data: [DONE]`. The parser follows the WHATWG rules (lines end with
// CRLF, LF or CR; `data` lines of one event join with LF; comments and other fields are skipped), so it reads
// any server's framing, not only rxllm's.

/** The event that ends a UI message stream. */
export const SSE_DONE = '[DONE]';

/** One SSE event carrying `data` (a chunk's JSON, or `[DONE]`). */
export function sseEvent(data: string): string {
  return `data: ${data}\n\n`;
}

/**
 * Splits SSE text into the `data` of each event, as the text arrives in pieces of any size.
 *
 * @example
 * const parser = new SseParser();
 * parser.push('data: {"type":"st'); // []
 * parser.push('art"}\n\n');         // ['{"type":"start"}']
 */
export class SseParser {
  /** The start of a line whose end has not arrived yet (never holds a CR or LF). */
  private pending = '';
  private data: string[] = [];
  /** A CR ended the last piece: a LF starting the next one belongs to that line ending. */
  private afterCR = false;

  /** Adds text; returns the data of every event it completed. */
  push(text: string): string[] {
    if (this.afterCR && text.startsWith('\n')) text = text.slice(1);
    this.afterCR = false;
    const events: string[] = [];
    // Only the new text is scanned: an event's long line arriving in many pieces is read once, not once per piece.
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.pending + text.slice(start, i), events);
      this.pending = '';
      if (c === 13) {
        if (i + 1 === text.length) this.afterCR = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.pending += text.slice(start);
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return; // comments (`: ping`), `event`, `id`, `retry`
    const value = colon < 0 ? '' : line.slice(colon + 1);
    this.data.push(value.startsWith(' ') ? value.slice(1) : value);
  }
}
