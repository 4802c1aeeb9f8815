// The simulator's reply repertoire: which kind of reply a prompt gets, what each kind looks like, that the
// same seed always gives the same text, and how long the long replies are.
import { LONG_REPLY_MAX_TOKENS, essayTopic } from '../../src/simulator/repertoire/long-reply.js';
import { classifyPrompt, type ReplyKind } from '../../src/simulator/repertoire/reply-kind.js';
import { JOKES } from '../../src/simulator/repertoire/short-replies.js';
import { planReply, seededReplyText } from '../../src/simulator/reply-text.js';
import { countTokens } from '../../src/simulator/tokenizer.js';

/** The replies of `count` seeds to one prompt. */
const replies = (prompt: string, count: number, maxTokens?: number): string[] =>
  Array.from({ length: count }, (_, i) => seededReplyText(`seed ${i}`, { prompt, maxTokens }));

describe('classifyPrompt', () => {
  it.each<[string, ReplyKind]>([
    ['Write a Python function that reverses a string', 'code'],
    ['Show me some CODE', 'code'],
    ['How do I write a SQL query for the top customers?', 'code'],
    ['List 5 tips for staying focused', 'list'],
    ['What are the steps to bake bread?', 'list'],
    ['Explain it step by step', 'list'],
    ['Tell me a story', 'long'],
    ['Write an ESSAY about trains', 'long'],
    ['Give me a long answer', 'long'],
    ['Tell me a joke.', 'joke'],
    ['Hello, how are you?', 'small-talk'],
    ['hi', 'small-talk'],
    ['Thanks a lot!', 'small-talk'],
    ['Good morning! How is it going?', 'small-talk'],
    ['Hi! What is the difference between a Subject and an Observable?', 'question'],
    ['What is RxJS?', 'question'],
    ['why the sky is blue', 'question'],
    ['Tell me about rivers', 'statement'],
    ['prompt 17', 'statement'],
    ['', 'statement'],
  ])('%j -> %s', (prompt, kind) => {
    expect(classifyPrompt(prompt)).toBe(kind);
  });

  it('gives precedence to code, then list, then long, then joke (the first rule that matches wins)', () => {
    expect(classifyPrompt('Write a long story in Python')).toBe('code');
    expect(classifyPrompt('List the steps of a long story')).toBe('list');
    expect(classifyPrompt('Hello! Can you tell me a story?')).toBe('long');
    expect(classifyPrompt('Hi, tell me a joke')).toBe('joke');
  });
});

describe('seededReplyText: the kinds', () => {
  it('small talk: a conversational answer to "Hello, how are you?", varied across seeds', () => {
    const answers = replies('Hello, how are you?', 20);
    for (const answer of answers) {
      expect(answer).toMatch(/\b(?:well|good|great|fine|smoothly)\b/);
      expect(countTokens(answer)).toBeLessThanOrEqual(40);
    }
    expect(new Set(answers).size).toBeGreaterThanOrEqual(15);
    expect(replies('Thank you!', 5).every((a) => /welcome|help|pleasure|Any time/.test(a))).toBe(true);
    expect(replies('Bye!', 5).every((a) => /Goodbye|Bye|Take care|See you/.test(a))).toBe(true);
  });

  it('question: an answer-shaped reply; a yes/no question gets a yes/no opener', () => {
    for (const answer of replies('Can I cancel a request?', 10)) {
      expect(answer).toMatch(/^(?:Yes|Usually, yes|Often, but not always|It depends, but generally yes|In short: yes)/);
    }
    for (const answer of replies('What is backpressure?', 10)) {
      expect(countTokens(answer)).toBeGreaterThanOrEqual(15);
      expect(countTokens(answer)).toBeLessThanOrEqual(80);
    }
  });

  it('list: "5 tips" gives 5 bullet points; steps are numbered 1..n', () => {
    for (const answer of replies('List 5 tips for writing tests', 5)) {
      expect(answer.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(5);
    }
    for (const answer of replies('What are the steps to learn RxJS?', 10)) {
      const numbers = answer.split('\n').flatMap((line) => /^(\d+)\. \S/.exec(line)?.[1] ?? []).map(Number);
      expect(numbers.length).toBeGreaterThanOrEqual(3);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('code: a fenced block in the language asked for (TypeScript by default), between two sentences', () => {
    const fence = (answer: string): string | undefined => /\n```(\w+)\n[\s\S]+\n```\n/.exec(answer)?.[1];
    expect(replies('Write a Python function to chunk a list', 5).map(fence)).toEqual(Array(5).fill('python'));
    expect(replies('Write a SQL query for the top customers', 3).map(fence)).toEqual(Array(3).fill('sql'));
    expect(replies('Write a shell script', 3).map(fence)).toEqual(Array(3).fill('bash'));
    expect(replies('Some JavaScript code, please', 3).map(fence)).toEqual(Array(3).fill('javascript'));
    expect(replies('Implement a function that retries', 3).map(fence)).toEqual(Array(3).fill('typescript'));
    for (const answer of replies('Write some code', 5)) expect(answer).toMatch(/^\S.*\n\n```typescript\n[\s\S]+\n```\n\n\S/);
  });

  it('long: a story in paragraphs with an ending; an essay about what the prompt names', () => {
    for (const story of replies('Tell me a story', 5)) {
      expect(story.split('\n\n').length).toBeGreaterThanOrEqual(4);
      expect(story).toMatch(/The end\.$/);
    }
    for (const essay of replies('Write an essay about the history of my town', 3)) {
      expect(essay).toContain('the history of your town');
      expect(essay).toMatch(/\n\nFirst, consider the history\./);
      expect(essay).toMatch(/\n\nIn conclusion, /);
    }
    expect(essayTopic('an essay on trains.')).toBe('trains');
    expect(essayTopic('a long essay')).toBeUndefined();
    expect(replies('Write a long essay', 1)[0]).toContain('the subject');
  });

  it('joke: a one-liner from the repertoire', () => {
    for (const answer of replies('Tell me a joke', 10)) expect(JOKES.some((joke) => answer.includes(joke))).toBe(true);
  });

  it('anything else: a short reply', () => {
    for (const answer of replies('Tell me about rivers', 10)) {
      expect(countTokens(answer)).toBeGreaterThanOrEqual(10);
      expect(countTokens(answer)).toBeLessThanOrEqual(60);
    }
  });
});

describe('seededReplyText: determinism', () => {
  const prompts = ['Hello, how are you?', 'What is RxJS?', 'List some ideas', 'Write code', 'Tell me a story', 'Tell me a joke', 'p1'];

  it.each(prompts)('%j: the same seed and request give the same text; other seeds give other texts', (prompt) => {
    expect(seededReplyText('a', { prompt, maxTokens: 900 })).toBe(seededReplyText('a', { prompt, maxTokens: 900 }));
    expect(new Set(replies(prompt, 10)).size).toBeGreaterThanOrEqual(prompt === 'Write code' ? 2 : 5);
  });

  it('keeps the one-argument form (an empty prompt: a short reply)', () => {
    expect(seededReplyText('a')).toBe(seededReplyText('a'));
    expect(seededReplyText('a')).not.toBe(seededReplyText('b'));
    expect(countTokens(seededReplyText('anything'))).toBeLessThanOrEqual(60);
  });
});

describe('seededReplyText: long replies up to max_tokens', () => {
  it.each([300, 1000, 2000, 5000])('a story or an essay with max_tokens %i ends naturally, within 5%% below it', (maxTokens) => {
    for (const prompt of ['Write a long story', 'Write an essay on trains']) {
      for (const text of replies(prompt, 3, maxTokens)) {
        const tokens = countTokens(text);
        expect(tokens).toBeLessThanOrEqual(maxTokens);
        expect(tokens).toBeGreaterThanOrEqual(maxTokens * 0.95);
        expect(planReply(text, maxTokens, [])).toMatchObject({ text, finish: 'natural' });
      }
    }
  });

  it(`stops at ${LONG_REPLY_MAX_TOKENS} tokens however large max_tokens is; a few hundred without max_tokens; fewer when "short"`, () => {
    for (const text of replies('Tell me a long story', 2, 100_000)) {
      expect(countTokens(text)).toBeLessThanOrEqual(LONG_REPLY_MAX_TOKENS);
      expect(countTokens(text)).toBeGreaterThanOrEqual(LONG_REPLY_MAX_TOKENS * 0.95);
    }
    for (const text of replies('Tell me a story', 10)) {
      expect(countTokens(text)).toBeGreaterThanOrEqual(250);
      expect(countTokens(text)).toBeLessThanOrEqual(500);
    }
    for (const text of replies('Tell me a short story', 10, 2000)) expect(countTokens(text)).toBeLessThanOrEqual(200);
  });

  it('a budget too small for a whole story is cut at max_tokens (finish length), as a real model is', () => {
    const text = seededReplyText('a', { prompt: 'Write a long story', maxTokens: 20 });
    expect(planReply(text, 20, [])).toMatchObject({ finish: 'length', tokens: expect.any(Array) });
    expect(planReply(text, 20, []).tokens).toHaveLength(20);
  });

  it('is written from many sentences, never one sentence over and over', () => {
    const story = seededReplyText('a', { prompt: 'Tell me a long story', maxTokens: 2000 });
    const sentences = story.split(/(?<=[.!?])\s+/);
    expect(sentences.length).toBeGreaterThan(80);
    expect(new Set(sentences).size).toBeGreaterThanOrEqual(sentences.length * 0.3);
    expect(sentences.some((s, i) => i > 0 && s === sentences[i - 1])).toBe(false);
  });
});
