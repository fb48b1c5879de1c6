import * as l10n from '@vscode/l10n';
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
  interpreterMissing: (command) => l10n.t('Node "{0}" was not found to run the snippet.', command),
  reentryMs: (options) => options.reentryMs ?? DEFAULT_REENTRY_MS,
  setupOnce: (options) => (options.jsSetup ?? 'once') === 'once',
  nearlyEmpty: (name, median, baseline) =>
    l10n.t(
      '"{0}" takes {1} per run, close to an empty body ({2}): the engine has probably optimized the work away (dead-code elimination). End the snippet with the value it computes (its last line is kept), or time more work.',
      name,
      median,
      baseline,
    ),
  subNanosecondIsDeadCode: true,
};
