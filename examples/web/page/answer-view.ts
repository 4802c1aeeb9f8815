// One exchange on the chat page: the prompt's bubble and the answer's, which shows the stream's parts in the
// order they arrive — thinking (folded), each tool call with its input and then its result, text — and a
// line saying how the answer ended. Model output is never markup: everything goes in through textContent.
import type { GenerationEvent } from 'rxllm';

/** How an answer ended. */
export type AnswerState = 'done' | 'stopped' | 'cancelled' | 'error';

/** The answer's bubble, fed the stream's events. */
export interface AnswerView {
  /** Shows one event (events that show nothing — start, usage, finish — are ignored). */
  show(event: GenerationEvent): void;
  /** Marks the answer ended, with a line of text; only the first call counts. */
  end(state: AnswerState, text: string): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  e.textContent = text;
  return e;
}

const short = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
};

/**
 * Appends a prompt bubble and an empty, streaming answer bubble to `log`, and returns the answer's view.
 *
 * @example
 * const view = answerView(log, 'What is the weather in Lisbon? Use get_weather.');
 * model.stream(prompt).subscribe({ next: (e) => view.show(e), complete: () => view.end('done', 'finished') });
 */
export function answerView(log: HTMLElement, prompt: string): AnswerView {
  log.append(element('div', 'prompt', prompt));
  const answer = element('div', 'answer');
  answer.dataset['state'] = 'streaming';
  const meta = element('span', 'meta', 'streaming…');
  answer.append(meta);
  log.append(answer);

  let last: { kind: 'text' | 'thinking'; body: HTMLElement } | undefined;
  const tools = new Map<string, { row: HTMLElement; input: HTMLElement; output: HTMLElement }>();

  /** The block the next piece of `kind` goes into: the last one when it is of that kind, else a new one. */
  function block(kind: 'text' | 'thinking'): HTMLElement {
    if (last?.kind === kind) return last.body;
    let body: HTMLElement;
    if (kind === 'thinking') {
      const details = element('details', 'thinking');
      details.append(element('summary', '', 'Thinking'));
      body = element('div', 'thinking-text');
      details.append(body);
      answer.insertBefore(details, meta);
    } else {
      body = element('span', 'text');
      answer.insertBefore(body, meta);
    }
    last = { kind, body };
    return body;
  }

  function toolRow(toolCallId: string, toolName: string): { row: HTMLElement; input: HTMLElement; output: HTMLElement } {
    let entry = tools.get(toolCallId);
    if (!entry) {
      const row = element('div', 'tool');
      row.dataset['state'] = 'calling';
      row.dataset['tool'] = toolName;
      const input = element('span', 'tool-input');
      const output = element('span', 'tool-output');
      row.append(element('span', 'tool-name', toolName), input, output);
      answer.insertBefore(row, meta);
      entry = { row, input, output };
      tools.set(toolCallId, entry);
      last = undefined; // text after a tool call starts a new block
    }
    return entry;
  }

  let ended = false;
  return {
    show(event) {
      switch (event.type) {
        case 'text-delta':
        case 'refusal-delta':
          block('text').textContent += event.text;
          break;
        case 'reasoning-delta':
          block('thinking').textContent += event.text;
          break;
        case 'redacted-reasoning':
          block('thinking').textContent += '[redacted by the provider]';
          break;
        case 'tool-call-start':
          toolRow(event.toolCallId, event.toolName);
          break;
        case 'tool-call-delta':
          toolRow(event.toolCallId, '').input.textContent += event.inputDelta;
          break;
        case 'tool-call': {
          const row = toolRow(event.toolCallId, event.toolName);
          row.input.textContent = short(event.input);
          row.row.dataset['state'] = 'running';
          break;
        }
        case 'tool-result': {
          const row = toolRow(event.toolCallId, event.toolName);
          row.output.textContent = `→ ${short(event.output)}`;
          row.row.dataset['state'] = event.isError ? 'error' : 'done';
          break;
        }
        default:
          break; // start, usage, finish, steps: the end line says what matters
      }
      answer.scrollIntoView({ block: 'end' });
    },
    end(state, text) {
      if (ended) return;
      ended = true;
      answer.dataset['state'] = state;
      meta.textContent = text;
      for (const { row } of tools.values()) if (row.dataset['state'] === 'running' || row.dataset['state'] === 'calling') row.dataset['state'] = 'cancelled';
    },
  };
}
