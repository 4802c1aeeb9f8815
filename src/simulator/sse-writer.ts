/** Response headers of a server-sent-events stream. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

/** An OpenAI-style frame: `data: <json>` and a blank line. */
export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The end of an OpenAI stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** An Anthropic-style frame: `event: <name>`, `data: <json>` and a blank line. */
export function sseEvent(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** A frame whose data is cut in the middle, so it is not valid JSON (the `malformed` fault). */
export function malformedFrame(frame: string): string {
  const body = frame.replace(/\n\n$/, '');
  const dataAt = body.indexOf('data: ') + 'data: '.length;
  const cut = dataAt + Math.max(2, Math.floor((body.length - dataAt) / 2));
  return `${body.slice(0, cut)}\n\n`;
}
