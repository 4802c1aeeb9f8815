// One turn of the conversation: the prompt, the answer as it streams, and how it ended.
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Turn } from './transcript';

const ENDINGS: Record<Turn['state'], string> = {
  streaming: 'streaming…',
  done: 'done',
  stopped: 'stopped',
  cancelled: 'cancelled by a new prompt',
  failed: 'failed',
};

@Component({
  selector: 'app-turn',
  host: { class: 'turn', '[attr.data-state]': 'turn().state' },
  template: `
    <p class="prompt">{{ turn().prompt }}</p>
    <p class="answer">
      <span class="text">{{ turn().text }}</span>
      @if (turn().state === 'streaming') {
        <span class="cursor" aria-hidden="true">▍</span>
      }
    </p>
    <p class="meta">{{ ending() }}</p>
  `,
  styles: `
    :host {
      display: block;
      margin: 0 0 1rem;
    }
    p {
      margin: 0;
    }
    .prompt {
      font-weight: 600;
    }
    .answer {
      white-space: pre-wrap;
    }
    .cursor {
      animation: blink 1s steps(1) infinite;
    }
    .meta {
      font-size: 0.8rem;
      color: GrayText;
    }
    :host([data-state='failed']) .meta {
      color: #c92a2a;
    }
    @keyframes blink {
      50% {
        opacity: 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TurnView {
  readonly turn = input.required<Turn>();

  protected readonly ending = computed(() => {
    const turn = this.turn();
    return turn.state === 'failed' && turn.error !== undefined ? `failed: ${turn.error}` : ENDINGS[turn.state];
  });
}
