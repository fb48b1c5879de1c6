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

/**
 * Python source defining `exact_inverse(A)`: the inverse of a square matrix of Fractions by
 * Gauss–Jordan elimination with exact rational arithmetic (the tests' exact references).
 * `F` is `fractions.Fraction`.
 */
export const EXACT_INVERSE_PY = `from fractions import Fraction as F

def exact_inverse(A):
    k = len(A)
    A = [list(row) + [F(int(i == j)) for j in range(k)] for i, row in enumerate(A)]
    for c in range(k):
        p = next(r for r in range(c, k) if A[r][c] != 0)
        A[c], A[p] = A[p], A[c]
        A[c] = [v / A[c][c] for v in A[c]]
        for r in range(k):
            if r != c and A[r][c] != 0:
                A[r] = [a - A[r][c] * b for a, b in zip(A[r], A[c])]
    return [row[k:] for row in A]
`;
