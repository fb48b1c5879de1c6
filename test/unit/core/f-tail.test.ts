import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fUpperTail } from '../../../src/core/regression-stats';
import { PYTHON } from '../../shared/python';

/** P(F(d1, d2) > f) at 60 digits by mpmath (Debian's python3-mpmath), or why it cannot run. */
function mpmathTails(cases: readonly [number, number, number][]): number[] | string {
  const code = `
import json, sys, mpmath
mpmath.mp.dps = 60
out = []
for f, d1, d2 in json.load(sys.stdin):
    f, d1, d2 = mpmath.mpf(f), mpmath.mpf(d1), mpmath.mpf(d2)
    x = d2 / (d2 + d1 * f)
    out.append(repr(float(mpmath.betainc(d2 / 2, d1 / 2, 0, x, regularized=True))))
print(json.dumps(out))`;
  const r = spawnSync(PYTHON, ['-c', code], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (r.error || r.status !== 0) return `mpmath unavailable (apt-get install python3-mpmath): ${(r.stderr ?? String(r.error)).trim().split('\n').pop()}`;
  return (JSON.parse(r.stdout) as string[]).map(Number);
}

describe('the F test p-value', () => {
  // from p ≈ 0.5 down to the smallest normal doubles, small and large degrees of freedom
  const cases: [number, number, number][] = [
    [1, 3, 10],
    [0.2, 2, 5],
    [7.5, 4, 30],
    [1e3, 2, 40],
    [1e6, 5, 100],
    [1e7, 4, 90],
    [1e10, 3, 60],
    [3e14, 2, 40],
    [1e20, 5, 30],
    [1.2e21, 5, 30],
  ];
  const reference = mpmathTails(cases);
  it.skipIf(typeof reference === 'string')('keeps full relative accuracy down to p ≈ 1e-300 (mpmath, 60 digits)', () => {
    if (typeof reference === 'string') return;
    expect(Math.min(...reference)).toBeLessThan(1e-302);
    cases.forEach(([f, d1, d2], k) => {
      const got = fUpperTail(f, d1, d2);
      expect(Math.abs(got - reference[k]) / reference[k], `F = ${f}, (${d1}, ${d2}): ${got} vs ${reference[k]}`).toBeLessThan(1e-13);
    });
  });
  it('is 1 at F = 0, 0 at F = ∞, NaN without degrees of freedom', () => {
    expect(fUpperTail(0, 2, 5)).toBe(1);
    expect(fUpperTail(Infinity, 2, 5)).toBe(0);
    expect(fUpperTail(3, 0, 5)).toBeNaN();
  });
});
