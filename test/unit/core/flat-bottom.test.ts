// LAD's flat bottom (issue 15): when the least-absolute-deviations minimiser is not unique, the
// extent of every coefficient over all minimisers — against exact rational arithmetic (the
// optimal set's vertices are the interpolating bases that reach the minimum: enumerated in Python
// with Fractions), on small integer data where ties and duplicate rows make most vertices degenerate.
import { describe, expect, it } from 'vitest';
import { packRows, type Examples } from '../../../src/core/linear-model';
import { createRng } from '../../../src/core/random';
import { coefficientRanges, sgdObjective, sgdOptimum, type OptimumOptions } from '../../../src/core/sgd-optimum';
import { referenceMissing, runPython } from '../../shared/python';

const lad = (over: Partial<OptimumOptions> = {}): OptimumOptions => ({ loss: 'absolute', huberDelta: 1, weightDecay: 0, intercept: true, ...over });
const asTheta = (w: Float64Array, b: number) => [b, ...w];

/** Small integer data: few distinct values, so rows tie and repeat (seeded). */
function integerData(seed: number, d: number): { x: number[][]; y: number[] } {
  const r = createRng(seed);
  const n = 5 + d + Math.floor(r.uniform() * 10);
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(r.uniform() * 5)));
  const y = Array.from({ length: n }, () => Math.floor(r.uniform() * 7));
  return { x, y };
}

const examples = ({ x, y }: { x: number[][]; y: number[] }): Examples =>
  packRows(x[0].map((_, j) => Float64Array.from(x, (row) => row[j])), Float64Array.from(y));

describe('LAD: the set of minimisers when it is more than a point', () => {
  it('two rows at each of two x: the bias ranges over [0, 1] and the slope over [−1, 1], exactly', () => {
    const ex = packRows([Float64Array.of(0, 0, 1, 1)], Float64Array.of(0, 1, 0, 1));
    const opt = sgdOptimum(ex, lad());
    expect(opt.unique).toBe(false);
    expect(opt.objective).toBe(0.5);
    expect(coefficientRanges(opt, asTheta)).toEqual([
      [0, 1],
      [-1, 1],
    ]);
  });

  it('with weight decay only the bias can move: symmetric rows put w at 0 and the bias anywhere in [0, 1]', () => {
    const ex = packRows([Float64Array.of(-1, 1, -1, 1)], Float64Array.of(0, 0, 1, 1));
    const opt = sgdOptimum(ex, lad({ weightDecay: 0.1 }));
    expect(opt.unique).toBe(false);
    expect(coefficientRanges(opt, asTheta)).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });

  it('with weight decay on noisy data the bias range is flat and the objective rises outside it', () => {
    const rng = createRng(5);
    const x = Float64Array.from({ length: 40 }, () => rng.uniform() * 4);
    const y = Float64Array.from(x, (v) => 1 + 2 * v + Math.round(rng.uniform() * 6 - 3));
    const ex = packRows([x], y);
    const o = lad({ weightDecay: 0.1 });
    const opt = sgdOptimum(ex, o);
    expect(opt.certificate.violation).toBeLessThanOrEqual(1e-9);
    const [[lo, hi], [wlo, whi]] = coefficientRanges(opt, asTheta)!;
    expect(wlo).toBe(whi);
    expect(opt.unique).toBe(!(hi > lo));
    for (const b of [lo, (lo + hi) / 2, hi]) expect(sgdObjective(ex, opt.w, b, o)).toBeCloseTo(opt.objective, 14);
    for (const b of [lo - 1e-6, hi + 1e-6]) expect(sgdObjective(ex, opt.w, b, o)).toBeGreaterThan(opt.objective);
  });

  it('an optimum that is unique says so, with a point for every range', () => {
    const ex = packRows([Float64Array.of(0, 1, 2, 3, 4)], Float64Array.of(0.1, 1.3, 1.9, 3.2, 4.05));
    const opt = sgdOptimum(ex, lad());
    expect(opt.unique).toBe(true);
    for (const [lo, hi] of coefficientRanges(opt, asTheta)!) expect(lo).toBe(hi);
  });
});

describe.skipIf(referenceMissing)('LAD on degenerate integer data: the minimum and each coefficient range equal exact rational arithmetic', () => {
  const cases: { seed: number; d: number; intercept: boolean }[] = [];
  for (let seed = 0; seed < 40; seed++) cases.push({ seed, d: 1 + (seed % 3), intercept: seed % 5 !== 4 });
  const data = cases.map((c) => ({ ...c, ...integerData(c.seed, c.d) }));
  // every basis of k independent rows, solved exactly; the minimisers' vertices are those reaching the minimum
  const exact = runPython<{ objective: string; ranges: [number, number][] }[]>(
    `import json, sys, itertools
from fractions import Fraction as F

def solve(A, b):
    k = len(A)
    M = [list(map(F, row)) + [F(v)] for row, v in zip(A, b)]
    for c in range(k):
        p = next((r for r in range(c, k) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        M[c] = [v / M[c][c] for v in M[c]]
        for r in range(k):
            if r != c and M[r][c] != 0:
                M[r] = [a - M[r][c] * e for a, e in zip(M[r], M[c])]
    return [M[r][k] for r in range(k)]

out = []
for c in json.load(sys.stdin):
    X = [([1] if c['intercept'] else []) + row for row in c['x']]
    y = c['y']
    n, k = len(X), len(X[0])
    best, verts = None, []
    for rows in itertools.combinations(range(n), k):
        t = solve([X[i] for i in rows], [y[i] for i in rows])
        if t is None:
            continue
        J = sum(abs(sum(a * b for a, b in zip(X[i], t)) - y[i]) for i in range(n)) / n
        if best is None or J < best:
            best, verts = J, [t]
        elif J == best:
            verts.append(t)
    out.append(dict(objective=str(best), ranges=[[float(min(v[j] for v in verts)), float(max(v[j] for v in verts))] for j in range(k)]))
print(json.dumps(out))`,
    data,
  );
  it('the cases include flat bottoms in one, two and three dimensions (not only unique optima)', () => {
    const dims = exact.map((e) => e.ranges.filter(([lo, hi]) => hi > lo).length);
    expect(dims.filter((m) => m > 0).length, `moving coefficients per case: ${dims.join(' ')}`).toBeGreaterThanOrEqual(10);
    expect(Math.max(...dims)).toBeGreaterThanOrEqual(3);
  });
  data.forEach((c, q) => {
    it(`seed ${c.seed}: ${c.x.length} rows, ${c.d} feature${c.d > 1 ? 's' : ''}${c.intercept ? '' : ', no intercept'}`, () => {
      const opt = sgdOptimum(examples(c), lad({ intercept: c.intercept }));
      const [num, den] = exact[q].objective.split('/').map(Number);
      const minimum = num / (den ?? 1);
      expect(Math.abs(opt.objective - minimum), `exact ${exact[q].objective}, ours ${opt.objective}`).toBeLessThanOrEqual(1e-14 * Math.max(1, minimum));
      const ranges = coefficientRanges(opt, (w, b) => (c.intercept ? [b, ...w] : [...w]));
      expect(ranges).toBeDefined();
      ranges!.forEach(([lo, hi], j) => {
        const [elo, ehi] = exact[q].ranges[j];
        expect(Math.abs(lo - elo), `coefficient ${j}: exact [${elo}, ${ehi}], ours [${lo}, ${hi}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(elo)));
        expect(Math.abs(hi - ehi), `coefficient ${j}: exact [${elo}, ${ehi}], ours [${lo}, ${hi}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ehi)));
      });
      expect(opt.unique).toBe(exact[q].ranges.every(([lo, hi]) => lo === hi));
    });
  });
});

describe.skipIf(referenceMissing)('LAD on large degenerate data: certified, and the exact LP minimum (scipy HiGHS)', () => {
  // 20,000 rows of small integers: thousands of rows sit on the optimal plane at once, and with
  // 5 values per column most rows repeat — the walk once failed or cycled through zero steps here
  const cases = [5, 100].map((span) => {
    const r = createRng(1);
    const n = 20_000;
    const x = Array.from({ length: n }, () => [0, 1, 2].map(() => Math.floor(r.uniform() * span)));
    const y = x.map((row) => row[0] + Math.floor(r.uniform() * 7));
    return { span, x, y };
  });
  const lp = runPython<number[]>(
    `import json, sys
import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, eye, hstack
out = []
for c in json.load(sys.stdin):
    X = np.hstack([np.ones((len(c['y']), 1)), np.array(c['x'], dtype=float)])
    y = np.array(c['y'], dtype=float)
    n, k = X.shape
    A = hstack([csr_matrix(X), eye(n), -eye(n)]).tocsc()
    res = linprog(np.concatenate([np.zeros(k), np.ones(2 * n)]), A_eq=A, b_eq=y, bounds=[(None, None)] * k + [(0, None)] * (2 * n), method='highs')
    out.append(float(np.mean(np.abs(y - X @ res.x[:k]))))
print(json.dumps(out))`,
    cases,
  );
  cases.forEach((c, q) => {
    it(`values 0–${c.span - 1} in 3 columns: the LP's minimum to 1e-12`, () => {
      const opt = sgdOptimum(examples(c), lad());
      expect(opt.certificate.violation).toBe(0);
      expect(Math.abs(opt.objective - lp[q]) / lp[q], `LP ${lp[q]}, ours ${opt.objective}`).toBeLessThanOrEqual(1e-12);
    });
  });
});
