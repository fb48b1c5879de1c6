// The snippet languages of the bench engine: how each is written (./syntax.ts) and how it runs
// (./<language>.ts, with its harness). What an entry holds: ./language.ts.
import { javascript } from './javascript';
import type { BenchLanguage } from './language';
import { python } from './python';
import type { SnippetLanguage } from './syntax';
import { typescript } from './typescript';

export type { BenchLanguage, LanguageSyntax } from './language';
export * from './syntax';

/** How each language runs. */
export const BENCH_LANGUAGE: Readonly<Record<SnippetLanguage, BenchLanguage>> = { javascript, typescript, python };
