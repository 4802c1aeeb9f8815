// The `code` kind: a sentence, a fenced code block in the language the prompt names (TypeScript when it names
// none), and a sentence that explains the code.
import { LANGUAGE_NAMES, SNIPPETS, type CodeLanguage } from './code-snippets.js';
import { sentences, type Picker } from './picker.js';

/** The language a prompt asks for, by keyword (case-insensitive); TypeScript by default. */
export function codeLanguage(prompt: string): CodeLanguage {
  if (/\b(?:python|py)\b/i.test(prompt)) return 'python';
  if (/\b(?:sql|query)\b/i.test(prompt)) return 'sql';
  if (/\b(?:bash|shell|sh|zsh)\b/i.test(prompt)) return 'bash';
  if (/\b(?:javascript|js|node)\b/i.test(prompt)) return 'javascript';
  return 'typescript';
}

const INTROS = ["Here's one way to do it in {lang}:", 'Sure! Here is a {lang} version:', 'Here is a small, self-contained example in {lang}:'];
const OUTROS = ['Let me know if you need it adapted to your case.', 'You can drop it into your project as it is.', ''];

/** A fenced code block between two sentences. */
export function codeReply(pick: Picker, prompt: string): string {
  const language = codeLanguage(prompt);
  const snippet = pick.pick(SNIPPETS[language]);
  const intro = pick.pick(INTROS).replace('{lang}', LANGUAGE_NAMES[language]);
  return [intro, '', `\`\`\`${language}`, ...snippet.lines, '```', '', sentences(snippet.explanation, pick.pick(OUTROS))].join('\n');
}
