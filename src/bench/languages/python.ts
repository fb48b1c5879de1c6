import * as l10n from '@vscode/l10n';
import { pythonHarness } from '../harness-python';
import { pythonProgram } from '../program';
import type { BenchLanguage } from './language';
import { LANGUAGE_SYNTAX } from './syntax';

/** Python snippets, run by `pythonPath` (python3 by default) in timeit's loop shape. */
export const python: BenchLanguage = {
  ...LANGUAGE_SYNTAX.python,
  harness: pythonHarness,
  fileExtension: 'py',
  transpile: false,
  commonJs: false,
  programs: (group, variant) => ({ primary: pythonProgram(group, variant), fallback: undefined, hasImports: false }),
  interpreter: (options) => ({
    command: options.pythonPath ?? (process.platform === 'win32' ? 'python' : 'python3'),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  }),
  interpreterMissing: (command) => l10n.t('The Python interpreter "{0}" was not found. Set gaussLab.pythonPath (or --python) to a Python 3 interpreter.', command),
  // timings showed no slow first calls after a pause in Python
  reentryMs: () => 0,
  // as timeit does: the setup before every sample
  setupOnce: () => false,
  stackSignal: 'SIGUSR1',
  stackLines(dump, virtualPath) {
    const quoted = JSON.stringify(virtualPath).slice(1, -1);
    const lines: number[] = [];
    for (const m of dump.matchAll(/File "(.*)", line (\d+)/g)) if (m[1] === virtualPath || m[1] === quoted) lines.push(Number(m[2]));
    return lines;
  },
  nearlyEmpty: (name, median, baseline) =>
    l10n.t('"{0}" takes {1} per run, close to an empty loop ({2}): the loop\'s own cost dominates. Time more work per run.', name, median, baseline),
  subNanosecondIsDeadCode: false,
};
