import { describe, expect, it } from 'vitest';
import { designSpec, type DesignSpec, type Term } from '../../../src/core/design-matrix';
import { makeTable } from '../../../src/core/table';
import { fitLeastSquares } from '../../../src/core/least-squares';
import { basisChange, compilePlan } from '../../../src/core/least-squares-plan';

/** A spec over data columns [y, x1, x2, …] (y is column 0). */
function spec(terms: Term[], intercept = true): DesignSpec {
  return { target: 0, targetName: 'y', terms, intercept };
}
const term = (source: number, power: number): Term => ({ name: power === 1 ? `x${source}` : `x${source}^${power}`, source, power });

describe('compilePlan: which columns are centred', () => {
  it('shifts each feature by its own reference value, never the intercept', () => {
    const plan = compilePlan(spec([term(1, 1), term(2, 1)]), Float64Array.of(7, 3, 5));
    expect(Array.from(plan.source)).toEqual([-1, 1, 2]);
    expect(Array.from(plan.power)).toEqual([0, 1, 1]);
    expect(Array.from(plan.shift)).toEqual([0, 3, 5]);
    expect(plan.targetShift).toBe(7);
  });

  it('without an intercept nothing is shifted, the target included', () => {
    const plan = compilePlan(spec([term(1, 1), term(2, 1)], false), Float64Array.of(7, 3, 5));
    expect(Array.from(plan.source)).toEqual([1, 2]);
    expect(Array.from(plan.shift)).toEqual([0, 0]);
    expect(plan.targetShift).toBe(0);
  });

  it('a non-finite reference value of the target is replaced by 0 (the target is never a term)', () => {
    expect(compilePlan(spec([term(1, 1)]), Float64Array.of(NaN, 3)).targetShift).toBe(0);
    expect(compilePlan(spec([term(1, 1)]), Float64Array.of(Infinity, 3)).targetShift).toBe(0);
  });

  it('shifts a source only when its powers are exactly 1..k, in any order', () => {
    const shift = Float64Array.of(0, 2);
    // x, x^2, x^3 listed out of order: still every power from 1 to 3
    const unordered = compilePlan(spec([term(1, 3), term(1, 1), term(1, 2)]), shift);
    expect(Array.from(unordered.shift)).toEqual([0, 2, 2, 2]);
    // x^2 alone, or x and x^3 without x^2: (x − c)^k would not span the same space
    expect(Array.from(compilePlan(spec([term(1, 2)]), shift).shift)).toEqual([0, 0]);
    expect(Array.from(compilePlan(spec([term(1, 1), term(1, 3)]), shift).shift)).toEqual([0, 0, 0]);
  });

  it('shifts polynomials up to degree 50, where binomial coefficients are still exact doubles, and not beyond', () => {
    const names = ['y', 'x'];
    const shift = Float64Array.of(0, 1.5);
    const deg50 = compilePlan(designSpec(names, { target: 'y', features: ['x'], degree: 50 }), shift);
    expect(deg50.shift.subarray(1).every((c) => c === 1.5)).toBe(true);
    const deg51 = compilePlan(designSpec(names, { target: 'y', features: ['x'], degree: 51 }), shift);
    expect(deg51.shift.every((c) => c === 0)).toBe(true);
  });

  it('records the largest data column the design reads, the target included', () => {
    expect(compilePlan({ target: 3, targetName: 'y', terms: [term(1, 1)], intercept: true }, new Float64Array(4)).maxColumn).toBe(3);
    expect(compilePlan({ target: 0, targetName: 'y', terms: [term(4, 1), term(2, 1)], intercept: true }, new Float64Array(5)).maxColumn).toBe(4);
  });
});

describe('compilePlan: invalid specs', () => {
  it('rejects a power that is not a whole number ≥ 1', () => {
    for (const power of [0, -1, 1.5, NaN]) {
      expect(() => compilePlan(spec([{ name: 'x', source: 1, power }]), new Float64Array(2)), String(power)).toThrow(RangeError);
    }
    expect(() => compilePlan(spec([{ name: 'x', source: 1, power: 0 }]), new Float64Array(2))).toThrow(/"x" has power 0/);
  });

  it('rejects a source column that cannot exist', () => {
    for (const source of [-1, 0.5, NaN]) {
      expect(() => compilePlan(spec([{ name: 'x', source, power: 1 }]), new Float64Array(2)), String(source)).toThrow(RangeError);
    }
    expect(() => compilePlan(spec([{ name: 'x', source: -1, power: 1 }]), new Float64Array(2))).toThrow(/"x" refers to column -1/);
  });

  it('rejects a missing or non-finite reference value for a centred column, naming the column', () => {
    expect(() => compilePlan(spec([term(1, 1), term(1, 2)]), Float64Array.of(0, NaN))).toThrow(/column "x1" is NaN/);
    expect(() => compilePlan(spec([term(1, 1)]), Float64Array.of(0, Infinity))).toThrow(/column "x1" is Infinity/);
    expect(() => compilePlan(spec([term(2, 1)]), Float64Array.of(0, 1))).toThrow(/column "x2" is undefined/);
    expect(() => compilePlan(spec([term(1, 1), term(2, 1)]), Float64Array.of(0, 1, NaN))).toThrow(/column "x2" is NaN/);
    // an uncentred column needs no reference value
    expect(() => compilePlan(spec([term(1, 1)], false), Float64Array.of(0, NaN))).not.toThrow();
  });
});

describe('basisChange: (x − c)^k by the binomial theorem', () => {
  /** Dense p×p matrix (row-major arrays) of a column-major double-double pair, rounded. */
  const dense = (m: { hi: Float64Array; lo: Float64Array }, p: number) =>
    Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => m.hi[i + j * p] + m.lo[i + j * p]));
  const binom = (n: number, k: number): number => (k === 0 ? 1 : (binom(n, k - 1) * (n - k + 1)) / k);

  it('maps shifted coefficients to raw ones column by column, each source on its own rows', () => {
    // intercept, x1, x1^2, x2, x2^2 with c1 = 2, c2 = −3
    const c = [0, 2, -3];
    const plan = compilePlan(spec([term(1, 1), term(1, 2), term(2, 1), term(2, 2)]), Float64Array.from(c));
    const M = dense(basisChange(plan, -1), 5);
    const row = { icpt: 0, x1: 1, x1sq: 2, x2: 3, x2sq: 4 };
    // column of (x_s − c_s)^k: C(k, i)(−c_s)^(k−i) in the row of x_s^i (the intercept row for i = 0)
    const expected = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    expected[row.icpt][row.icpt] = 1;
    for (const [s, k, col, rows] of [
      [1, 1, row.x1, [row.icpt, row.x1]],
      [1, 2, row.x1sq, [row.icpt, row.x1, row.x1sq]],
      [2, 1, row.x2, [row.icpt, row.x2]],
      [2, 2, row.x2sq, [row.icpt, row.x2, row.x2sq]],
    ] as const) {
      rows.forEach((r, i) => (expected[r][col] = binom(k, i) * (-c[s]) ** (k - i)));
    }
    expect(M).toEqual(expected);
  });

  it('its two signs are inverse to each other', () => {
    const plan = compilePlan(spec([term(1, 1), term(1, 2), term(1, 3), term(2, 1)]), Float64Array.of(0, 1.25, -0.5));
    const p = plan.p;
    const a = dense(basisChange(plan, -1), p);
    const b = dense(basisChange(plan, 1), p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let q = 0; q < p; q++) s += a[i][q] * b[q][j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });
});

describe('raw coefficients of centred designs', () => {
  it('recovers a quadratic in two features exactly, whatever the reference values', () => {
    // y = 3 − 2·x1 + 0.5·x1² + 4·x2 − 1.5·x2², on a grid (exact in doubles), first row far from 0
    const truth = [3, -2, 0.5, 4, -1.5];
    const x1: number[] = [];
    const x2: number[] = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j < 5; j++) (x1.push(5 + i), x2.push(-7 + j));
    const y = x1.map((a, i) => truth[0] + truth[1] * a + truth[2] * a * a + truth[3] * x2[i] + truth[4] * x2[i] * x2[i]);
    const table = makeTable(['y', 'x1', 'x2'], [Float64Array.from(y), Float64Array.from(x1), Float64Array.from(x2)]);
    const s = spec([term(1, 1), term(1, 2), term(2, 1), term(2, 2)]);
    for (const shift of [undefined, Float64Array.of(0, -3, 11)]) {
      const fit = fitLeastSquares(table, s, { shift });
      expect(fit.rank).toBe(5);
      fit.coefficients.forEach((b, j) => expect(b, fit.terms[j].name).toBeCloseTo(truth[j], 10));
    }
  });
});
