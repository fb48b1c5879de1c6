/**
 * The exact minimiser of the objective minibatch SGD minimises, on the rows it trains on:
 *   J(w, b) = ⅟n Σ ℓ(ŷᵢ − yᵢ) + λ/2·‖w‖²   (the bias not penalised, as the SGD step does it),
 * for d2l's three losses, so the playground's "optimum" line and ‖θ − θ*‖ are the right ones.
 * - squared: least squares, or ridge as an augmented least-squares problem (centred columns and
 *   √(nλ)·I rows), both through the certified solver;
 * - Huber with a fixed δ: a finite semismooth Newton method (the quadratic rows' normal equations,
 *   the linear rows' constant pull), certified by the gradient;
 * - absolute: least absolute deviations (median regression) — without a penalty the simplex walk
 *   of ./lad-simplex.ts; with one (or where the walk fails) Huber with δ → 0 finds the rows the
 *   optimum interpolates, then an exact basis step solves for them and for their dual weights,
 *   certified by the subgradient conditions (every other residual keeps its sign, |uᵢ| ≤ 1);
 *   when other θ reach the same minimum, `flat` describes them all (./flat-bottom.ts).
 */
import * as l10n from '@vscode/l10n';
import { solveDense } from './dense-solve';
import { designSpec } from './design-matrix';
import { type FlatBottom, flatBottom, rangeOver } from './flat-bottom';
import { type LadVertex, ladSimplex, residualsAt } from './lad-simplex';
import { fitLeastSquares } from './least-squares';
import type { Examples, LossKind } from './linear-model';
import { meanLoss } from './linear-model';
import { makeTable } from './table';

export interface OptimumOptions {
  readonly loss: LossKind;
  readonly huberDelta: number;
  readonly weightDecay: number;
  readonly intercept: boolean;
}

export interface SgdOptimum {
  readonly w: Float64Array;
  readonly b: number;
  /** J at the optimum. */
  readonly objective: number;
  /** How it is known to be the minimiser. */
  readonly certificate: {
    readonly method: 'least squares' | 'ridge (augmented least squares)' | 'Huber (semismooth Newton)' | 'least absolute deviations (exact basis)';
    /** The largest optimality violation, relative (gradient, or |u| − 1 and sign mismatches). */
    readonly violation: number;
  };
  /** False when other θ reach the same minimum (LAD's flat bottom); then `flat` describes them all. */
  readonly unique: boolean;
  readonly flat?: FlatBottom;
  /** What the line is, for the chart: "least squares", "ridge optimum, λ = 0.1", "LAD optimum", … */
  readonly label: string;
}

/** J(w, b) of the options over `ex`. */
export function sgdObjective(ex: Examples, w: ArrayLike<number>, b: number, o: OptimumOptions): number {
  let pen = 0;
  for (let j = 0; j < w.length; j++) pen += w[j] * w[j];
  return meanLoss(ex, w, b, o.loss, o.huberDelta) + (o.weightDecay / 2) * pen;
}

/**
 * @throws RangeError for no rows, or a problem with no minimiser the method can certify.
 */
export function sgdOptimum(ex: Examples, o: OptimumOptions): SgdOptimum {
  if (ex.n === 0) throw new RangeError('there are no training rows');
  const lambda = o.weightDecay;
  const start = squaredOptimum(ex, o.intercept, lambda);
  if (o.loss === 'squared') {
    const g = gradientViolation(ex, start.w, start.b, o);
    return {
      ...start,
      objective: sgdObjective(ex, start.w, start.b, o),
      certificate: { method: lambda > 0 ? 'ridge (augmented least squares)' : 'least squares', violation: g },
      unique: true,
      label: lambda > 0 ? l10n.t('ridge optimum, λ = {0}', String(lambda)) : l10n.t('least squares optimum'),
    };
  }
  if (o.loss === 'huber') {
    const h = huberOptimum(ex, o, start);
    return {
      ...h,
      objective: sgdObjective(ex, h.w, h.b, o),
      certificate: { method: 'Huber (semismooth Newton)', violation: gradientViolation(ex, h.w, h.b, o) },
      unique: true,
      label: lambda > 0 ? l10n.t('Huber optimum (δ = {0}, λ = {1})', String(o.huberDelta), String(lambda)) : l10n.t('Huber optimum (δ = {0})', String(o.huberDelta)),
    };
  }
  const l = ladOptimum(ex, o, start);
  return { ...l, objective: sgdObjective(ex, l.w, l.b, o), label: lambda > 0 ? l10n.t('LAD optimum, λ = {0}', String(lambda)) : l10n.t('LAD optimum') };
}

/**
 * Each coefficient's least and greatest value over every minimiser, through a linear map of
 * (w, b) to coefficients (the identity, or the data's units): [v, v] for a unique optimum.
 * Undefined when the small LP does not close (then say "not unique" without the extent).
 */
export function coefficientRanges(opt: Pick<SgdOptimum, 'w' | 'b' | 'flat'>, map: (w: Float64Array, b: number) => number[]): [number, number][] | undefined {
  const at = map(opt.w, opt.b);
  if (!opt.flat) return at.map((v) => [v, v]);
  const along = opt.flat.directions.map((dir) => map(dir.subarray(1), dir[0]));
  const out: [number, number][] = [];
  for (let c = 0; c < at.length; c++) {
    const r = rangeOver(opt.flat, at[c], along.map((a) => a[c]));
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// squared loss

function columnsOf(ex: Examples): Float64Array[] {
  return Array.from({ length: ex.d }, (_, j) => Float64Array.from({ length: ex.n }, (_, i) => ex.x[i * ex.d + j]));
}

function squaredOptimum(ex: Examples, intercept: boolean, lambda: number): { w: Float64Array; b: number } {
  const { n, d } = ex;
  const names = [...Array.from({ length: d }, (_, j) => `x${j}`), 'y'];
  const cols = columnsOf(ex);
  if (lambda === 0 || d === 0) {
    const fit = fitLeastSquares(makeTable(names, [...cols, Float64Array.from(ex.y)]), designSpec(names, { target: 'y', features: names.slice(0, d), intercept }));
    const off = intercept ? 1 : 0;
    return { w: Float64Array.from({ length: d }, (_, j) => fit.coefficients[off + j]), b: intercept ? fit.coefficients[0] : 0 };
  }
  // min ⅟n Σ ½r² + λ/2‖w‖²  ⇔  min ‖Xw + b − y‖² + nλ‖w‖²: with an intercept, centre (b then
  // follows from the means), and append √(nλ)·I rows with target 0
  const mean = (c: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i];
    return s / c.length;
  };
  const xm = cols.map((c) => (intercept ? mean(c) : 0));
  const ym = intercept ? mean(ex.y) : 0;
  const root = Math.sqrt(n * lambda);
  const aug = cols.map((c, j) => {
    const out = new Float64Array(n + d);
    for (let i = 0; i < n; i++) out[i] = c[i] - xm[j];
    out[n + j] = root;
    return out;
  });
  const y = new Float64Array(n + d);
  for (let i = 0; i < n; i++) y[i] = ex.y[i] - ym;
  const fit = fitLeastSquares(makeTable(names, [...aug, y]), designSpec(names, { target: 'y', features: names.slice(0, d), intercept: false }));
  const w = Float64Array.from(fit.coefficients);
  let b = ym;
  for (let j = 0; j < d; j++) b -= xm[j] * w[j];
  return { w, b: intercept ? b : 0 };
}

// ---------------------------------------------------------------------------------------
// shared: θ = (b, w) or w, design rows x̃ᵢ = (1, xᵢ)

const residualsOf = (ex: Examples, t: Theta) => residualsAt(ex, t.w, t.b);

interface Theta {
  w: Float64Array;
  b: number;
}

/** ψ(r) = ∂ℓ/∂ŷ. */
function psi(loss: LossKind, r: number, delta: number): number {
  if (loss === 'squared') return r;
  if (loss === 'huber') return r > delta ? delta : r < -delta ? -delta : r;
  return r > 0 ? 1 : r < 0 ? -1 : 0;
}

/** max_j |∂J/∂θⱼ| relative to the size of the terms it sums (a scale-free certificate). */
function gradientViolation(ex: Examples, w: Float64Array, b: number, o: OptimumOptions): number {
  const { x, n, d } = ex;
  const r = residualsOf(ex, { w, b });
  const g = new Float64Array(d + 1);
  const scale = new Float64Array(d + 1);
  for (let i = 0, off = 0; i < n; i++, off += d) {
    const p = psi(o.loss, r[i], o.huberDelta);
    g[0] += p;
    scale[0] += Math.abs(p);
    for (let j = 0; j < d; j++) {
      g[j + 1] += p * x[off + j];
      scale[j + 1] += Math.abs(p * x[off + j]);
    }
  }
  let worst = 0;
  for (let j = o.intercept ? 0 : 1; j <= d; j++) {
    const pen = j > 0 ? n * o.weightDecay * w[j - 1] : 0;
    const v = Math.abs(g[j] + pen) / Math.max(scale[j] + Math.abs(pen), Number.MIN_VALUE);
    if (scale[j] + Math.abs(pen) > 0) worst = Math.max(worst, v);
  }
  return worst;
}

// ---------------------------------------------------------------------------------------
// Huber

/**
 * Semismooth Newton on J: with the rows split into quadratic (|r| ≤ δ) and linear ones, J is a
 * quadratic whose minimiser solves (X_QᵀX_Q + nλD)θ = X_Qᵀy_Q − δX_Lᵀs_L; a step towards it with
 * backtracking, until the split stops changing (finitely many splits, J decreasing).
 */
function huberOptimum(ex: Examples, o: OptimumOptions, start: Theta, delta = o.huberDelta): Theta {
  const { x, y, n, d } = ex;
  const off = o.intercept ? 1 : 0;
  const k = d + off;
  const opts = { ...o, loss: 'huber' as const, huberDelta: delta };
  let t: Theta = { w: Float64Array.from(start.w), b: start.b };
  let J = sgdObjective(ex, t.w, t.b, opts);
  for (let iter = 0; iter < 200; iter++) {
    const r = residualsOf(ex, t);
    const A = new Float64Array(k * k);
    const rhs = new Float64Array(k);
    const row = new Float64Array(k);
    for (let i = 0, oo = 0; i < n; i++, oo += d) {
      if (off) row[0] = 1;
      for (let j = 0; j < d; j++) row[off + j] = x[oo + j];
      if (Math.abs(r[i]) <= delta) {
        for (let a = 0; a < k; a++) {
          rhs[a] += row[a] * y[i];
          for (let c = 0; c < k; c++) A[a * k + c] += row[a] * row[c];
        }
      } else {
        const s = r[i] > 0 ? 1 : -1;
        for (let a = 0; a < k; a++) rhs[a] -= delta * s * row[a];
      }
    }
    for (let j = 0; j < d; j++) A[(off + j) * k + off + j] += n * o.weightDecay;
    // too few quadratic rows to pin θ: a tiny ridge keeps the step defined (the line search decides)
    let target = solveDense(Float64Array.from(A), Float64Array.from(rhs), k);
    if (!target) {
      let tr = 0;
      for (let a = 0; a < k; a++) tr += A[a * k + a];
      for (let a = 0; a < k; a++) A[a * k + a] += 1e-12 * (tr / k || 1);
      target = solveDense(A, rhs, k);
      if (!target) break;
    }
    const next = (s: number): Theta => ({
      b: off ? t.b + s * (target![0] - t.b) : 0,
      w: Float64Array.from(t.w, (wj, j) => wj + s * (target![off + j] - wj)),
    });
    let step = 1;
    let cand = next(step);
    let Jc = sgdObjective(ex, cand.w, cand.b, opts);
    while (!(Jc <= J) && step > 1e-12) {
      step /= 2;
      cand = next(step);
      Jc = sgdObjective(ex, cand.w, cand.b, opts);
    }
    if (!(Jc <= J)) break;
    const moved = Math.max(Math.abs(cand.b - t.b), ...Array.from(cand.w, (v, j) => Math.abs(v - t.w[j])));
    t = cand;
    const done = Jc === J || (step === 1 && moved <= 1e-15 * Math.max(1, Math.abs(t.b), ...Array.from(t.w, Math.abs)));
    J = Jc;
    if (done) break;
  }
  return t;
}

// ---------------------------------------------------------------------------------------
// absolute loss (LAD)

function ladOptimum(ex: Examples, o: OptimumOptions, start: Theta): Omit<SgdOptimum, 'objective' | 'label'> {
  const v = ladVertex(ex, o, start);
  const flat = ladFlatBottom(ex, o, v);
  return {
    w: v.w,
    b: v.b,
    certificate: { method: 'least absolute deviations (exact basis)', violation: v.violation },
    unique: !flat,
    ...(flat ? { flat } : {}),
  };
}

/**
 * The set of minimisers when it is more than θ* (see flat-bottom.ts), or undefined.
 * With λ > 0 the penalty makes w unique (J is strictly convex in w), and only the bias can move:
 * over the medians of yᵢ − xᵢ·w (an interval when n is even and the middle two differ).
 */
function ladFlatBottom(data: Examples, o: OptimumOptions, v: LadVertex): FlatBottom | undefined {
  const ex = v.rows;
  const { n, d } = ex;
  const off = o.intercept ? 1 : 0;
  const k = d + off;
  const theta = { w: v.w, b: v.b };
  let face: FlatBottom;
  if (o.weightDecay > 0) {
    if (!off || data.n % 2 === 1) return undefined;
    const n = data.n;
    const c = Float64Array.from(residualsOf(data, { w: theta.w, b: 0 }), (r) => -r).sort();
    const lo = c[n / 2 - 1];
    const hi = c[n / 2];
    if (!(hi > lo)) return undefined;
    const up = new Float64Array(k);
    up[0] = 1;
    const down = new Float64Array(k);
    down[0] = -1;
    face = { directions: [up, down], G: Float64Array.of(1, 0, 0, 1), h: Float64Array.of(Math.max(0, hi - theta.b), Math.max(0, theta.b - lo)) };
  } else {
    // a basis row whose dual weight is its whole weight may leave 0 on the side of its sign, J staying flat
    const free: number[] = [];
    v.u.forEach((uq, q) => {
      if (Math.abs(uq) > v.weight[v.basis[q]] * (1 - 1e-9)) free.push(q);
    });
    if (free.length === 0) return undefined;
    const directions: Float64Array[] = [];
    for (const q of free) {
      const A = new Float64Array(k * k);
      v.basis.forEach((i, p) => {
        for (let a = 0; a < k; a++) A[p * k + a] = off && a === 0 ? 1 : ex.x[i * d + a - off];
      });
      const e = new Float64Array(k);
      e[q] = v.u[q] > 0 ? 1 : -1;
      const dir = solveDense(A, e, k);
      if (!dir) return undefined;
      // as [b, w]: without an intercept b stays 0
      directions.push(off ? dir : Float64Array.of(0, ...dir));
    }
    const inB = new Uint8Array(n);
    for (const i of v.basis) inB[i] = 1;
    const r = residualsOf(ex, theta);
    const rate = (i: number, q: number) => {
      const dir = directions[q];
      let s = dir[0];
      for (let j = 0; j < d; j++) s += ex.x[i * d + j] * dir[1 + j];
      return s;
    };
    face = flatBottom(directions, r, v.dual, rate, (i) => inB[i] === 1);
  }
  // a free direction can be blocked at once (a degenerate vertex): then θ* is the only minimiser
  const ranges = coefficientRanges({ w: theta.w, b: theta.b, flat: face }, (w, b) => [b, ...w]);
  if (!ranges) return face;
  const moves = ranges.some(([lo, hi]) => hi - lo > 4 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi)));
  return moves ? face : undefined;
}

function ladVertex(ex: Examples, o: OptimumOptions, start: Theta): LadVertex {
  const { n } = ex;
  const k = ex.d + (o.intercept ? 1 : 0);
  // 0. without a penalty the optimum is a vertex: the simplex walk of Barrodale and Roberts
  if (o.weightDecay === 0 && n >= k) {
    const v = ladSimplex(ex, o.intercept, start);
    if (v) return v;
  }
  // 1. Huber with δ → 0 (each from the last): near the optimum, the rows it interpolates are the small residuals
  const abs = Array.from(residualsOf(ex, start), Math.abs).sort((a, b) => a - b);
  let delta = abs[Math.floor(n / 2)] || 1;
  let t = start;
  for (let round = 0; round < 12 && delta > 0; round++) {
    // Huber_δ(r) ≈ δ·|r| for small δ: the penalty scales with it (λδ), or the limit is another problem
    t = huberOptimum(ex, { ...o, weightDecay: o.weightDecay * delta }, t, delta);
    // the rows it interpolates have |r| = O(δ): within δ, or a little beyond it
    for (const c of [1, 2, 4]) {
      const exact = ladBasisStep(ex, o, t, (r) => Math.abs(r) <= c * delta);
      if (exact && exact.violation <= 1e-9) return exact;
    }
    delta /= 8;
  }
  // 2. iteratively reweighted least squares (|r| majorised by r²/2|r₀| + |r₀|/2), trying the basis
  //    of the smallest residuals after each step: the smoothing can stall on a ridge penalty
  t = start;
  const scale = abs[Math.floor(n / 2)] || 1;
  for (let iter = 0; iter < 300; iter++) {
    const r = residualsOf(ex, t);
    t = weightedRidge(ex, o, Float64Array.from(r, (v) => 1 / Math.max(Math.abs(v), scale * 1e-12)));
    const sorted = Array.from(residualsOf(ex, t), Math.abs).sort((a, b) => a - b);
    // the interpolated rows: the k smallest (no penalty: a vertex), or those far below the rest
    const cuts = o.weightDecay === 0 ? [sorted[k - 1]] : sorted.slice(0, k).filter((v, q) => q === k - 1 || sorted[q + 1] > 100 * Math.max(v, scale * 1e-14));
    for (const cut of cuts) {
      const exact = ladBasisStep(ex, o, t, (v) => Math.abs(v) <= cut);
      if (exact && exact.violation <= 1e-9) return exact;
    }
  }
  throw new RangeError('the least-absolute-deviations optimum could not be certified (a degenerate design?)');
}

/** argmin Σ ωᵢrᵢ²/2 + nλ/2‖w‖² (the IRLS step). */
function weightedRidge(ex: Examples, o: OptimumOptions, weight: Float64Array): Theta {
  const { x, y, n, d } = ex;
  const off = o.intercept ? 1 : 0;
  const k = d + off;
  const A = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  const row = new Float64Array(k);
  for (let i = 0, oo = 0; i < n; i++, oo += d) {
    if (off) row[0] = 1;
    for (let j = 0; j < d; j++) row[off + j] = x[oo + j];
    for (let a = 0; a < k; a++) {
      rhs[a] += weight[i] * row[a] * y[i];
      for (let c = 0; c < k; c++) A[a * k + c] += weight[i] * row[a] * row[c];
    }
  }
  for (let j = 0; j < d; j++) A[(off + j) * k + off + j] += n * o.weightDecay;
  const z = solveDense(A, rhs, k) ?? new Float64Array(k);
  return { b: off ? z[0] : 0, w: Float64Array.from({ length: d }, (_, j) => z[off + j]) };
}

/** θ and the basis rows' dual weights u for basis Z and the other rows' signs; undefined when singular. */
function solveBasis(ex: Examples, o: OptimumOptions, Z: readonly number[], sign: Int8Array): { theta: Theta; u: Float64Array } | undefined {
  const { x, y, n, d } = ex;
  const off = o.intercept ? 1 : 0;
  const k = d + off;
  const m = Z.length;
  const size = k + m;
  const A = new Float64Array(size * size);
  const rhs = new Float64Array(size);
  const inZ = new Uint8Array(n);
  for (const i of Z) inZ[i] = 1;
  const xi = (i: number, a: number) => (off && a === 0 ? 1 : x[i * d + a - off]);
  Z.forEach((i, q) => {
    for (let a = 0; a < k; a++) A[q * size + a] = xi(i, a);
    rhs[q] = y[i];
  });
  for (let a = 0; a < k; a++) {
    const rowIdx = m + a;
    if (a >= off) A[rowIdx * size + a] = n * o.weightDecay;
    Z.forEach((i, q) => (A[rowIdx * size + k + q] = xi(i, a)));
    let s = 0;
    for (let i = 0; i < n; i++) if (!inZ[i]) s += sign[i] * xi(i, a);
    rhs[rowIdx] = -s;
  }
  const z = solveDense(A, rhs, size);
  if (!z) return undefined;
  return { theta: { b: off ? z[0] : 0, w: Float64Array.from({ length: d }, (_, j) => z[off + j]) }, u: z.slice(k) };
}

/**
 * The exact step: Z = the rows the smoothed optimum nearly interpolates; solve X_Zθ = y_Z and
 * ⅟n(X_Zᵀu + X_Nᵀs_N) + λDθ = 0 for θ and the dual weights u, then check the conditions.
 */
function ladBasisStep(ex: Examples, o: OptimumOptions, t: Theta, interpolated: (r: number) => boolean): LadVertex | undefined {
  const { y, n, d } = ex;
  const off = o.intercept ? 1 : 0;
  const k = d + off;
  const r = residualsOf(ex, t);
  const Z: number[] = [];
  for (let i = 0; i < n; i++) if (interpolated(r[i])) Z.push(i);
  const m = Z.length;
  if (m > k || (o.weightDecay === 0 && m !== k)) return undefined;
  const sign = Int8Array.from(r, Math.sign);
  const sol = solveBasis(ex, o, Z, sign);
  if (!sol) return undefined;
  const { theta, u } = sol;
  const inZ = new Uint8Array(n);
  for (const i of Z) inZ[i] = 1;
  // the conditions: every other residual keeps its sign (and is not 0), every |uᵢ| ≤ 1
  const r2 = residualsOf(ex, theta);
  let violation = 0;
  // a residual outside the basis that changed sign: these are not the optimum's rows (one that
  // became 0 may keep the sign it was given: any weight in [−1, 1] is a subgradient of |0|)
  let ys = 0;
  for (let i = 0; i < n; i++) ys = Math.max(ys, Math.abs(y[i]));
  for (let i = 0; i < n; i++) {
    if (!inZ[i] && Math.sign(r2[i]) !== Math.sign(r[i]) && Math.abs(r2[i]) > 1e-13 * ys) violation = Math.max(violation, 1);
  }
  for (let q = 0; q < m; q++) violation = Math.max(violation, Math.abs(u[q]) - 1);
  for (const i of Z) sign[i] = 0;
  return { ...theta, rows: ex, weight: new Float64Array(n).fill(1), basis: Z, u, dual: sign, violation: Math.max(0, violation) };
}
