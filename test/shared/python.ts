// The reference implementations (Debian's python3-statsmodels and its patsy), run from the tests.
// Where they are not installed the comparison tests are skipped with a printed reason, never
// silently (`npm test` lists skipped tests by name).
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** Why the reference is unavailable, or undefined when `import statsmodels, patsy` works. */
export const referenceMissing: string | undefined = (() => {
  const r = spawnSync(PYTHON, ['-c', 'import statsmodels, patsy, pandas'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} is not installed (apt-get install python3-statsmodels)`;
  if (r.status !== 0) return `python3-statsmodels is not installed (apt-get install python3-statsmodels): ${r.stderr.trim().split('\n').pop()}`;
  return undefined;
})();
if (referenceMissing) console.warn(`statsmodels comparisons skipped: ${referenceMissing}`);

/** Runs a Python script that prints one JSON value; returns it. */
export function runPython<T>(script: string, input?: unknown): T {
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', input: input === undefined ? undefined : JSON.stringify(input), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
