// The page: a chat whose answers stream in, a Stop button, and type-ahead suggestions for the prompt.
// RxJS does the work (switchMap, takeUntil, scan); `toSignal` hands the results to the template.
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, concat, endWith, map, of, scan, Subject, switchMap, takeUntil } from 'rxjs';
import { ChatService } from './chat.service';
import { applyUpdate, type Turn, type TurnUpdate } from './transcript';
import { TurnView } from './turn-view';

@Component({
  selector: 'app-root',
  imports: [TurnView],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly chat = inject(ChatService);
  private readonly typed$ = new Subject<string>();
  private readonly send$ = new Subject<string>();
  private readonly stop$ = new Subject<void>();

  /** What is in the prompt box. */
  protected readonly prompt = signal('');

  /**
   * The conversation. Each prompt starts a turn whose answer streams in; a new prompt cancels the answer
   * in flight (`switchMap` unsubscribes: the request is aborted), and so does Stop (`takeUntil`).
   */
  protected readonly turns = toSignal(
    this.send$.pipe(
      switchMap((prompt, id) =>
        concat(
          of<TurnUpdate>({ kind: 'start', id, prompt }),
          this.chat.stream(prompt).pipe(
            map((text): TurnUpdate => ({ kind: 'text', id, text })),
            endWith<TurnUpdate>({ kind: 'end', id, state: 'done' }),
            catchError((error: unknown) => of<TurnUpdate>({ kind: 'end', id, state: 'failed', error: messageOf(error) })),
            takeUntil(this.stop$),
            // Reached after Stop; after `done` or `failed` the turn has ended already and keeps its end.
            endWith<TurnUpdate>({ kind: 'end', id, state: 'stopped' }),
          ),
        ),
      ),
      scan(applyUpdate, [] as readonly Turn[]),
    ),
    { initialValue: [] as readonly Turn[] },
  );

  /** Whether an answer is streaming (Stop is enabled). */
  protected readonly streaming = computed(() => this.turns().at(-1)?.state === 'streaming');

  /** The latest suggestion (undefined while there is none). */
  private readonly suggestion = toSignal(this.chat.suggestions(this.typed$));

  /** The suggestion to show: only while it still matches what is in the box. */
  protected readonly hint = computed(() => {
    const suggestion = this.suggestion();
    return suggestion !== undefined && suggestion.input === this.prompt().trim() ? suggestion : undefined;
  });

  protected onInput(text: string): void {
    this.prompt.set(text);
    this.typed$.next(text);
  }

  /** Takes the suggestion into the prompt box (Tab, or a click on it). */
  protected accept(box: HTMLInputElement, event?: Event): void {
    const hint = this.hint();
    if (hint === undefined) return; // Tab moves the focus as usual
    event?.preventDefault();
    this.onInput(`${hint.input} ${hint.text}`);
    box.focus();
  }

  protected send(event: Event): void {
    event.preventDefault();
    const prompt = this.prompt().trim();
    if (prompt === '') return;
    this.send$.next(prompt);
    this.onInput('');
  }

  protected stop(): void {
    this.stop$.next();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'The request failed.';
}
