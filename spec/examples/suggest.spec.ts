// A marble test of a user's own pipeline (examples/suggest.ts) with rxllm's fakeModel: the fake runs in
// virtual time inside TestScheduler.run, so debouncing, cancellation and retries are checked frame by frame.
import { ServerError, type PromptInput } from 'rxllm';
import { fakeModel } from 'rxllm/testing';
import { suggest } from '../../examples/suggest.js';
import { testScheduler } from '../support/test-scheduler.js';

const newScheduler = testScheduler;
/** The fake answers "<input>!" after 4 frames (the prompt is "Complete the search: <input>"). */
const echo = (prompt: PromptInput) => ({ text: `${String(prompt).replace('Complete the search: ', '')}!`, latency: 4 });

describe('suggest (a user pipeline, marble-tested with fakeModel)', () => {
  it('cancels the request for a stale input (switchMap)', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const model = fakeModel(echo);
      const typed = cold('a-b------c|', { a: 'r', b: 'rx', c: 'rxj' });
      expectObservable(typed.pipe(suggest(model))).toBe('------x------(y|)', {
        x: { input: 'rx', suggestion: 'rx!' },
        y: { input: 'rxj', suggestion: 'rxj!' },
      });
      // 'r' was unsubscribed at frame 2, when 'rx' arrived: its HTTP request would have been aborted.
      expectSubscriptions(model.subscriptions).toBe(['^-!', '--^---!', '---------^---!']);
    });
  });

  it('waits for a pause in typing and skips inputs that only differ by spaces', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const model = fakeModel(echo);
      const typed = cold('a-b-c-------d|', { a: 'r', b: 'rx', c: 'rx ', d: 'rxj' });
      expectObservable(typed.pipe(suggest(model, { debounceMs: 3 }))).toBe('-----------x-----(y|)', {
        x: { input: 'rx', suggestion: 'rx!' },
        y: { input: 'rxj', suggestion: 'rxj!' },
      });
    });
  });

  it('retries a failed request, then answers', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const model = fakeModel([{ error: new ServerError('boom'), latency: 1 }, { text: 'rxjs!', latency: 2 }]);
      expectObservable(cold('a|', { a: 'rxjs' }).pipe(suggest(model))).toBe('--------(x|)', {
        x: { input: 'rxjs', suggestion: 'rxjs!' },
      });
      expectSubscriptions(model.subscriptions).toBe(['^!', '------^-!']);
    });
  });
});
