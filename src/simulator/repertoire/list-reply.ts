// The `list` kind: an intro, then numbered steps ("steps", "step by step") or bullet points, then maybe a
// closing line. A number in the prompt ("5 tips") sets the number of items, up to the size of the pool.
import type { Picker } from './picker.js';

const STEPS = [
  'Define what you want to achieve and how you will know it worked.',
  'Gather what you need before you start.',
  'Break the work into small, manageable pieces.',
  'Start with the simplest version that could possibly work.',
  'Test each piece as soon as it is ready.',
  'Write down anything surprising you notice along the way.',
  'Ask for feedback early, while changes are still cheap.',
  'Fix the biggest problem first, then look again.',
  'Remove anything you no longer need.',
  'Review the result against your original goal.',
  'Document what you did so you can repeat it later.',
  'Take a short break, then look at it with fresh eyes.',
];
const POINTS = [
  'Keep it simple: fewer moving parts mean fewer surprises.',
  'Start small: a first version you can test beats a perfect plan.',
  'Measure: numbers settle questions that opinions cannot.',
  'Automate the boring parts, so you can focus on the interesting ones.',
  'Write things down: notes save time when you come back later.',
  'Ask for feedback early and often.',
  'Take breaks: fresh eyes catch mistakes that tired ones miss.',
  'Learn from people who have solved similar problems.',
  'Plan for failure: decide what happens when something goes wrong.',
  'Celebrate progress, however small.',
  'Stay curious and keep experimenting.',
  'Review regularly and drop what no longer helps.',
];
const STEP_INTROS = ['Here are the steps:', "Sure, here's a step-by-step approach:", 'Follow these steps:', 'Here is one way to do it, step by step:'];
const POINT_INTROS = ["Here's a list:", 'Sure! Here are a few ideas:', 'Here are some suggestions:', 'A few things come to mind:'];
const OUTROS = ['Let me know if you want more detail on any of these.', 'Hope this helps!', 'Happy to expand on any item.', ''];

const STEPWISE = /\b(?:steps?|step by step|how to)\b/i;
const COUNT = /\b(\d{1,2})\b/;

/** A numbered or bulleted list, one item per line. */
export function listReply(pick: Picker, prompt: string): string {
  const numbered = STEPWISE.test(prompt);
  const pool = numbered ? STEPS : POINTS;
  const asked = Number(COUNT.exec(prompt)?.[1] ?? 0);
  const count = asked >= 1 ? Math.min(asked, pool.length) : pick.int(3, 6);
  const chosen = pick.sample(pool, count);
  // Steps keep the pool's order (planning first, review last); points come in any order.
  if (numbered) chosen.sort((a, b) => pool.indexOf(a) - pool.indexOf(b));
  const items = chosen.map((item, i) => (numbered ? `${i + 1}. ${item}` : `- ${item}`));
  const outro = pick.pick(OUTROS);
  return [pick.pick(numbered ? STEP_INTROS : POINT_INTROS), '', ...items, ...(outro === '' ? [] : ['', outro])].join('\n');
}
