import { javascript } from './javascript';
import type { BenchLanguage } from './language';
import { LANGUAGE_SYNTAX } from './syntax';

/** TypeScript snippets: JavaScript's runtime, after sucrase removes the types (lines kept). */
export const typescript: BenchLanguage = { ...javascript, ...LANGUAGE_SYNTAX.typescript, transpile: true };
