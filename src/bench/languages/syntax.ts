// How each snippet language is written and found: file extensions, Markdown fence words, the
// comment prefix of its markers. All the code lens needs, in its own module so the extension's
// bundle carries no harness or program builder (those are in ./<language>.ts, for the engine).
import type { LanguageSyntax } from './language';

/** The languages a snippet runs in (a Markdown block carries one of these). */
export const SNIPPET_LANGUAGES = ['javascript', 'typescript', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

/** How each language is written. */
export const LANGUAGE_SYNTAX: Readonly<Record<SnippetLanguage, LanguageSyntax>> = {
  javascript: {
    id: 'javascript',
    label: 'JavaScript',
    extensions: ['.js', '.mjs', '.cjs'],
    fenceWords: ['js', 'javascript', 'mjs', 'cjs', 'node'],
    commentPrefix: '//',
    notebookMagics: false,
    cells: false,
  },
  typescript: {
    id: 'typescript',
    label: 'TypeScript',
    extensions: ['.ts', '.mts', '.cts'],
    fenceWords: ['ts', 'typescript', 'mts', 'cts'],
    commentPrefix: '//',
    notebookMagics: false,
    cells: false,
  },
  python: {
    id: 'python',
    label: 'Python',
    extensions: ['.py'],
    fenceWords: ['python', 'py', 'python3', 'ipython', 'ipython3'],
    commentPrefix: '#',
    notebookMagics: true,
    cells: true,
  },
};

/** The documents that hold bench groups: the snippet languages and Markdown (fenced blocks of them). */
export const DOCUMENT_LANGUAGES = [...SNIPPET_LANGUAGES, 'markdown'] as const;
export type BenchLanguageId = (typeof DOCUMENT_LANGUAGES)[number];
const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];

/** The document language of a file name, by its extension. */
export function documentLanguageOf(fileName: string): BenchLanguageId | undefined {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
  if (MARKDOWN_EXTENSIONS.includes(ext)) return 'markdown';
  return SNIPPET_LANGUAGES.find((id) => LANGUAGE_SYNTAX[id].extensions.includes(ext));
}

/** The snippet language a Markdown fence's info string names, if any. */
export function fenceLanguage(info: string): SnippetLanguage | undefined {
  const words = info.replace(/[{}]/g, ' ').split(/[\s,]+/).filter((w) => w !== '');
  for (const w of words.slice(0, 2)) {
    const word = w.replace(/^\./, '').toLowerCase();
    const id = SNIPPET_LANGUAGES.find((l) => LANGUAGE_SYNTAX[l].fenceWords.includes(word));
    if (id) return id;
  }
  return undefined;
}
