import { jsHarness } from '../harness-js';
import { javascriptPrograms } from '../program';
import type { BenchLanguage } from './language';
import { LANGUAGE_SYNTAX } from './syntax';

/** Untimed JavaScript calls before each sample: see `BenchRunOptions.reentryMs`. */
export const DEFAULT_REENTRY_MS = 20;

/** JavaScript snippets, run by Node (the extension host's own executable, as Node). */
export const javascript: BenchLanguage = {
  ...LANGUAGE_SYNTAX.javascript,
  harness: jsHarness,
  fileExtension: 'cjs',
  transpile: false,
  commonJs: true,
  programs: javascriptPrograms,
  interpreter: (options) => ({ command: options.nodePath ?? process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }),
  interpreterMissing: (command) => `Node "${command}" was not found to run the snippet.`,
  reentryMs: (options) => options.reentryMs ?? DEFAULT_REENTRY_MS,
  setupOnce: (options) => (options.jsSetup ?? 'once') === 'once',
  nearlyEmpty: (name, median, baseline) =>
    `"${name}" takes ${median} per run, close to an empty body (${baseline}): the engine has probably optimized the work away (dead-code elimination). End the snippet with the value it computes (its last line is kept), or time more work.`,
  subNanosecondIsDeadCode: true,
};
