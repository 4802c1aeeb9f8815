// The sentences of the `long` kind's essays. `{topic}` is what the prompt asks about ("an essay about X"),
// else "the subject" (`{Topic}`: capitalised); see long-reply.ts.

export const ESSAY_OPENINGS: readonly (readonly string[])[] = [
  ['{Topic} is one of those subjects that seems simple until you look at it closely.', 'Few subjects reward careful thought as much as {topic}.', 'People have strong opinions about {topic}, and for good reason.'],
  ['This essay looks at where the question comes from, why it matters, and what we can learn from it.', 'The aim here is not to settle every question, but to set out the main ideas clearly.'],
];

/** The first sentences of the body paragraphs: the first two in order, then the others in any order. */
export const ESSAY_FIRST_POINTS = ['First, consider the history.', 'Second, there is the practical side.'];
export const ESSAY_POINTS = [
  'Another important point is the human element.', 'It is also worth looking at the costs.', 'On the other hand, there are real benefits.',
  'A further point concerns the long term.', 'Consider, too, the role of habit.', 'Then there is the question of scale.',
  'The role of institutions deserves a closer look.', 'It helps to compare different places and times.',
];

export const ESSAY_BODY = [
  'Much of what we believe about {topic} comes from a handful of familiar examples.',
  'Looked at more closely, those examples turn out to be less typical than they seem.',
  'Small changes, repeated over time, often matter more than dramatic ones.',
  'The evidence points in more than one direction, which is a reason for humility rather than despair.',
  'Any serious discussion of {topic} has to start with the people it affects.',
  'Good intentions are not enough; what counts is what actually happens.',
  'There is a tendency to treat the question as purely technical, but it rarely is.',
  'History offers useful lessons here, provided we do not expect it to repeat itself exactly.',
  'The simplest explanation is often the right one, but not always.',
  'It is easy to underestimate how much depends on context.',
  'Critics make a fair point when they say that the costs are often hidden.',
  'Supporters, for their part, rightly point to benefits that are hard to measure.',
  'What looks like a trade-off is sometimes only a matter of timing.',
  'In practice, most people take a position somewhere in the middle.',
  'Clear definitions help, because much disagreement is really about words.',
  'The debate around {topic} shows how hard it is to change established habits.',
  'Numbers alone rarely tell the whole story, yet without them the story is mostly guesswork.',
  'One useful test is to ask what would happen if nothing changed at all.',
  'Local experience often contradicts national averages, and both can be true.',
  'The most convincing arguments are usually the least dramatic ones.',
  'Technology changes the options, but it does not choose between them.',
  "It is worth remembering that today's consensus was once a minority view.",
  'Over time, the questions themselves tend to change.',
  'Careful observation beats confident prediction.',
  'Seen from a distance, {topic} looks like one problem; up close, it is many small ones.',
  'Those closest to the problem often see solutions that outsiders miss.',
];

export const ESSAY_ENDINGS = [
  'In conclusion, {topic} is less a single question than a set of related ones.',
  'No single answer fits every case, but the main ideas are clear enough to act on.',
  'The best way forward is to keep looking closely, stay open to evidence, and change course when it points elsewhere.',
];
