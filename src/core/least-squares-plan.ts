import { termNames, type DesignSpec } from './design-matrix';
import { ddAdd, ddMul } from './double-double';

/**
 * The design compiled to plain typed arrays, shared by every pass and every worker.
 * Column j of the (internal) design is `(x_source − shift)^power`, the intercept being
 * column 0 with source −1. Shifting a feature by a reference value c when the model has
 * an intercept leaves the column span unchanged (powers of x − c span the same
 * polynomials as powers of x) but removes most of the collinearity with the intercept;
 * coefficients are converted back to the raw basis exactly (binomial theorem, in
 * double-double) at the end.
 */
export interface DesignPlan {
  /** Number of coefficients, intercept included. */
  readonly p: number;
  readonly intercept: boolean;
  /** Per column: source column of the data blocks, −1 for the intercept. */
  readonly source: Int32Array;
  /** Per column: the power (0 for the intercept). */
  readonly power: Int32Array;
  /** Per column: the shift c; 0 when the column is not shifted. */
  readonly shift: Float64Array;
  readonly target: number;
  /** Reference value subtracted from y in the total sum of squares (0 when not centred). */
  readonly targetShift: number;
  /** The total sum of squares is centred: an intercept, or columns that span a constant. */
  readonly centered: boolean;
  /** Report names: intercept first, then the terms. */
  readonly names: readonly string[];
  readonly targetName: string;
  /** Largest source or target index a data block must provide. */
  readonly maxColumn: number;
  /** The spec it was compiled from. */
  readonly spec: DesignSpec;
}

/** Highest power that is shifted: binomial coefficients stay exact doubles up to here. */
const MAX_SHIFTED_POWER = 50;

/**
 * Compiles a spec. A source column is shifted only when the model has an intercept and
 * that source's powers are exactly 1..k, each once (so the shifted and raw columns span
 * the same space and the basis change is invertible).
 * @throws RangeError when a shift needed for a shifted source is missing or not finite.
 * @example compilePlan(spec, Float64Array.of(0, 5)).shift // [0, 5] for y ~ x, x's first value 5
 */
export function compilePlan(spec: DesignSpec, shift: Float64Array): DesignPlan {
  const intercept = spec.intercept;
  const p = spec.terms.length + (intercept ? 1 : 0);
  const source = new Int32Array(p);
  const power = new Int32Array(p);
  const shifts = new Float64Array(p);
  const off = intercept ? 1 : 0;
  if (intercept) source[0] = -1;
  const powersBySource = new Map<number, number[]>();
  spec.terms.forEach((t, i) => {
    if (!Number.isInteger(t.power) || t.power < 1) {
      throw new RangeError(`term "${t.name}" has power ${t.power}; powers must be whole numbers ≥ 1`);
    }
    if (!Number.isInteger(t.source) || t.source < 0) {
      throw new RangeError(`term "${t.name}" refers to column ${t.source}, which does not exist`);
    }
    source[off + i] = t.source;
    power[off + i] = t.power;
    const list = powersBySource.get(t.source) ?? [];
    list.push(t.power);
    powersBySource.set(t.source, list);
  });
  if (intercept) {
    for (const [s, list] of powersBySource) {
      const sorted = [...list].sort((a, b) => a - b);
      const consecutive = sorted.every((k, i) => k === i + 1) && sorted.length <= MAX_SHIFTED_POWER;
      if (!consecutive) continue;
      const c = shift[s];
      if (c === undefined || !Number.isFinite(c)) {
        const name = spec.terms.find((t) => t.source === s)?.name ?? String(s);
        throw new RangeError(`the reference value (shift) for column "${name}" is ${c}; it must be a finite number`);
      }
      for (let j = off; j < p; j++) if (source[j] === s) shifts[j] = c;
    }
  }
  let targetShift = 0;
  const centered = intercept || spec.constantSpanned === true;
  if (centered) {
    const c = shift[spec.target];
    targetShift = c !== undefined && Number.isFinite(c) ? c : 0;
  }
  let maxColumn = spec.target;
  for (const s of source) maxColumn = Math.max(maxColumn, s);
  return {
    p,
    intercept,
    source,
    power,
    shift: shifts,
    target: spec.target,
    targetShift,
    centered,
    names: termNames(spec),
    targetName: spec.targetName,
    maxColumn,
    spec,
  };
}

/** The data column name behind design column j (its name without a `^k` suffix). */
export function sourceLabel(plan: DesignPlan, j: number): string {
  const name = plan.names[j];
  const suffix = `^${plan.power[j]}`;
  return plan.power[j] > 1 && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** Binomial coefficient, exact in double for n ≤ 56. */
function binomial(n: number, k: number): number {
  let b = 1;
  for (let i = 1; i <= k; i++) b = (b * (n - k + i)) / i;
  return Math.round(b);
}

/**
 * The basis change between shifted and raw coefficients, p×p column-major in
 * double-double (`hi`, `lo`): raw = M · shifted when `sign` = −1, and the inverse
 * (shifted = M⁻¹ · raw, i.e. raw design = shifted design · M⁻¹) when `sign` = +1.
 * (x − c)^k = Σ_i C(k,i) (−c)^(k−i) x^i: column j (power k of source s) puts
 * C(k,i)(∓c)^(k−i) in the row of x^i (the intercept row for i = 0).
 */
export function basisChange(plan: DesignPlan, sign: 1 | -1): { hi: Float64Array; lo: Float64Array } {
  const { p } = plan;
  const hi = new Float64Array(p * p);
  const lo = new Float64Array(p * p);
  const t = new Float64Array(2);
  for (let j = 0; j < p; j++) {
    hi[j + j * p] = 1;
    const c = plan.shift[j];
    if (c === 0) continue;
    const s = plan.source[j];
    const k = plan.power[j];
    // rows: index of power i of the same source (the intercept for i = 0)
    const row = new Int32Array(k);
    for (let q = 0; q < p; q++) {
      if (plan.source[q] === s && plan.power[q] < k) row[plan.power[q]] = q;
    }
    row[0] = 0;
    // (sign·c)^(k−i) for i = k−1 down to 0
    let ph = 1;
    let pl = 0;
    for (let i = k - 1; i >= 0; i--) {
      ddMul(ph, pl, sign * c, 0, t, 0);
      ph = t[0];
      pl = t[1];
      const b = binomial(k, i);
      ddMul(ph, pl, b, 0, t, 0);
      const at = row[i] + j * p;
      ddAdd(hi[at], lo[at], t[0], t[1], t, 0);
      hi[at] = t[0];
      lo[at] = t[1];
    }
  }
  return { hi, lo };
}
