// The short kinds of the repertoire: small talk, answers to questions, jokes, and replies to anything else
// (about 10 to 70 tokens each).
import { sentences, type Picker } from './picker.js';
import { SMALL_TALK } from './reply-kind.js';

const GREETINGS = ['Hello!', 'Hi there!', 'Hi!', 'Hey!', 'Hello, nice to hear from you!', 'Hi, good to see you.'];
const DOING_WELL = [
  "I'm doing well, thank you.", "I'm doing well, thanks for asking.", "I'm great, thanks!", "I'm doing fine, thank you for asking.",
  'All good here, thanks.', 'Doing well, thanks!', "I'm just a program, but everything is running smoothly, thanks for asking.",
  "I'm good, thank you!", 'Pretty good, thanks for asking!',
];
const AFTER_DOING_WELL = [
  'How about you?', 'How are you doing today?', 'How can I help you today?', 'What can I do for you?', 'And how are you?',
  'Is there anything I can help you with?', "What's on your mind today?", 'I hope your day is going well too.', 'How has your day been so far?',
];
const OFFERS = ['How can I help you today?', 'What can I do for you?', 'What would you like to talk about?', "What's on your mind?", 'How can I help?'];
const WELCOMES = ["You're welcome!", "You're very welcome.", 'Happy to help!', 'Glad I could help!', 'Any time!', 'My pleasure.'];
const AFTER_WELCOME = ["Let me know if there's anything else you need.", 'Feel free to ask if anything else comes up.', 'Is there anything else I can do for you?', ''];
const FAREWELLS = ['Goodbye!', 'Bye for now!', 'Take care!', 'See you later!'];
const AFTER_FAREWELL = ['It was nice chatting with you.', 'Have a great day.', 'Come back any time.', ''];

/** A greeting, a "how are you", thanks or a goodbye, answered in kind. */
export function smallTalkReply(pick: Picker, prompt: string): string {
  if (SMALL_TALK.farewell.test(prompt)) return sentences(pick.pick(FAREWELLS), pick.pick(AFTER_FAREWELL));
  if (SMALL_TALK.thanks.test(prompt)) return sentences(pick.pick(WELCOMES), pick.pick(AFTER_WELCOME));
  const greeting = SMALL_TALK.greeting.test(prompt) && pick.chance(0.5) ? pick.pick(GREETINGS) : '';
  if (SMALL_TALK.howAreYou.test(prompt)) return sentences(greeting, pick.pick(DOING_WELL), pick.pick(AFTER_DOING_WELL));
  return sentences(greeting || pick.pick(GREETINGS), pick.pick(OFFERS));
}

const YES_NO_START = /^(?:can|could|would|should|is|are|do|does|did|will)\b/i;
const YES_NO_OPENERS = ['Yes, in most cases.', 'Usually, yes.', 'Often, but not always.', 'It depends, but generally yes.', 'In short: yes, with a few caveats.'];
const OPENERS = ['Good question.', 'Great question!', "Here's the short version.", 'It depends a little on the context, but here is the gist.', 'In short:', 'Happy to explain.'];
const ANSWERS = [
  'The key idea is to start from what you already know and build up one small step at a time.',
  'Most of the time the simplest approach works best: get something working first, then refine it.',
  'It mostly comes down to a trade-off between speed and reliability, and which one matters more to you.',
  'The details matter less than the overall pattern, so it pays to understand that first.',
  'There are a few factors at play, but the most important one is how the pieces fit together.',
  'In practice, people tend to pick the option that is easiest to maintain, even if it is not the fastest.',
  'The answer usually lies in the constraints: once you know them, the choice becomes much clearer.',
];
const DETAILS = [
  'For example, trying it on a small case first usually makes the bigger picture much clearer.',
  'A good rule of thumb is to measure before changing anything, so you know whether it helped.',
  'It also helps to write down your assumptions, because that is where surprises usually hide.',
  'If you run into edge cases, handle them explicitly rather than hoping they will not come up.',
  'Looking at how others have solved the same problem is often the fastest way to a good answer.',
  '',
];
const CLOSINGS = ['Would you like me to go into more detail?', 'Let me know if you want an example.', 'I hope that helps!', 'Happy to expand on any part of this.', ''];

/** An answer-shaped reply to a question (a yes/no question gets a yes/no opener). */
export function questionReply(pick: Picker, prompt: string): string {
  const opener = pick.pick(YES_NO_START.test(prompt.trim()) ? YES_NO_OPENERS : OPENERS);
  return sentences(opener, pick.pick(ANSWERS), pick.pick(DETAILS), pick.pick(CLOSINGS));
}

export const JOKES = [
  'Why do programmers prefer dark mode? Because light attracts bugs.',
  "There are 10 kinds of people in the world: those who understand binary and those who don't.",
  'A SQL query walks into a bar, goes up to two tables and asks: "Can I join you?"',
  "I would tell you a UDP joke, but you might not get it.",
  "How many programmers does it take to change a light bulb? None, that's a hardware problem.",
  'An Observable walks into a bar. Nothing happens until someone subscribes.',
  'Why did the developer go broke? Because they used up all their cache.',
  "Why don't streams ever panic? They know how to handle backpressure.",
];
const JOKE_INTROS = ["Here's one:", 'Sure!', 'Okay, here goes:', 'How about this one?', ''];
const JOKE_OUTROS = ["I'll be here all week.", 'Want another one?', ''];

/** A one-liner. */
export function jokeReply(pick: Picker): string {
  return sentences(pick.pick(JOKE_INTROS), pick.pick(JOKES), pick.pick(JOKE_OUTROS));
}

const ACKNOWLEDGEMENTS = ['Sure!', 'Of course.', 'Certainly.', 'Sure thing.', 'Happy to help.', 'Okay!'];
const TAKES = [
  'The short version is that it comes down to a few simple ideas, applied consistently.',
  'Here is a quick summary: start small, check your results, and adjust as you go.',
  'In a nutshell, the main points are clarity, consistency and a bit of patience.',
  'The most useful thing to keep in mind is that small, steady steps add up quickly.',
  'Put simply, it works best when each part does one thing and does it well.',
  'The heart of it is simple: keep what works, drop what does not, and repeat.',
  'A good way to think about it is as a series of small decisions rather than one big one.',
  'The essentials fit in a few words: be clear about the goal, and keep the path to it simple.',
];
const FOLLOW_UPS = ['If you want, I can go into more detail.', 'Let me know if you would like an example.', 'Happy to expand on any part of it.', 'I can also give you a longer version.', ''];

/** A short reply to anything else. */
export function statementReply(pick: Picker): string {
  return sentences(pick.pick(ACKNOWLEDGEMENTS), pick.pick(TAKES), pick.pick(FOLLOW_UPS));
}
