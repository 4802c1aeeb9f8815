// The code the `code` kind shows: a few small, correct, self-contained snippets per language, each with the
// sentence that explains it.

/** The languages of the repertoire; the fence's info string. */
export type CodeLanguage = 'typescript' | 'javascript' | 'python' | 'sql' | 'bash';

export interface CodeSnippet {
  readonly lines: readonly string[];
  readonly explanation: string;
}

const TYPESCRIPT: readonly CodeSnippet[] = [
  {
    lines: [
      'export function chunk<T>(items: readonly T[], size: number): T[][] {',
      "  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');",
      '  const chunks: T[][] = [];',
      '  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));',
      '  return chunks;',
      '}',
      '',
      'console.log(chunk([1, 2, 3, 4, 5], 2)); // [[1, 2], [3, 4], [5]]',
    ],
    explanation: 'It walks the array in steps of `size` and slices each piece, so the input is never modified.',
  },
  {
    lines: [
      'export async function withRetry<T>(task: () => Promise<T>, attempts = 3, delayMs = 200): Promise<T> {',
      '  for (let attempt = 1; ; attempt++) {',
      '    try {',
      '      return await task();',
      '    } catch (error) {',
      '      if (attempt >= attempts) throw error;',
      '      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));',
      '    }',
      '  }',
      '}',
    ],
    explanation: 'Each failed attempt waits twice as long as the previous one, and the last error is rethrown.',
  },
];

const JAVASCRIPT: readonly CodeSnippet[] = [
  {
    lines: [
      'function debounce(fn, waitMs) {',
      '  let timer;',
      '  return (...args) => {',
      '    clearTimeout(timer);',
      '    timer = setTimeout(() => fn(...args), waitMs);',
      '  };',
      '}',
      '',
      "const save = debounce((text) => console.log('saving', text), 300);",
    ],
    explanation: 'Every call restarts the timer, so `fn` only runs once the calls have stopped for `waitMs` milliseconds.',
  },
  {
    lines: [
      'function countWords(text) {',
      '  const counts = new Map();',
      '  for (const word of text.toLowerCase().match(/[a-z\']+/g) ?? []) {',
      '    counts.set(word, (counts.get(word) ?? 0) + 1);',
      '  }',
      '  return counts;',
      '}',
      '',
      "console.log(countWords('The cat and the hat')); // Map { 'the' => 2, 'cat' => 1, ... }",
    ],
    explanation: 'It lower-cases the text, finds the words with a regular expression and counts them in a `Map`.',
  },
];

const PYTHON: readonly CodeSnippet[] = [
  {
    lines: [
      'def chunk(items, size):',
      '    """Split items into lists of at most `size` elements."""',
      '    if size < 1:',
      '        raise ValueError(f"size must be positive, got {size}")',
      '    return [items[i:i + size] for i in range(0, len(items), size)]',
      '',
      '',
      'print(chunk([1, 2, 3, 4, 5], 2))  # [[1, 2], [3, 4], [5]]',
    ],
    explanation: 'The list comprehension steps through the indices `size` at a time and slices each piece.',
  },
  {
    lines: [
      'from collections import Counter',
      '',
      '',
      'def word_counts(text):',
      '    """Count how often each word appears, ignoring case and punctuation."""',
      '    return Counter(word.strip(".,!?;:") for word in text.lower().split())',
      '',
      '',
      'print(word_counts("The cat and the hat").most_common(2))',
    ],
    explanation: '`Counter` does the counting, and `most_common` gives the most frequent words first.',
  },
];

const SQL: readonly CodeSnippet[] = [
  {
    lines: [
      'SELECT customer_id, COUNT(*) AS orders, SUM(total) AS revenue',
      'FROM orders',
      "WHERE created_at >= DATE '2024-01-01'",
      'GROUP BY customer_id',
      'ORDER BY revenue DESC',
      'LIMIT 10;',
    ],
    explanation: 'It groups the orders by customer, then keeps the ten customers with the highest revenue.',
  },
];

const BASH: readonly CodeSnippet[] = [
  {
    lines: [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      '',
      '# The ten longest .ts files under the current directory.',
      "find . -name '*.ts' -not -path './node_modules/*' -print0 | xargs -0 wc -l | sort -rn | head -n 11",
    ],
    explanation: '`set -euo pipefail` stops the script at the first error; the pipeline counts lines and sorts them (the first line is the total).',
  },
];

export const SNIPPETS: Readonly<Record<CodeLanguage, readonly CodeSnippet[]>> = {
  typescript: TYPESCRIPT, javascript: JAVASCRIPT, python: PYTHON, sql: SQL, bash: BASH,
};

/** Display names, for the sentence before the block. */
export const LANGUAGE_NAMES: Readonly<Record<CodeLanguage, string>> = {
  typescript: 'TypeScript', javascript: 'JavaScript', python: 'Python', sql: 'SQL', bash: 'Bash',
};
