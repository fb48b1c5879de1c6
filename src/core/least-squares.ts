/**
 * Closed-form least squares that is accurate to the data as parsed into doubles,
 * streaming (bounded memory, any number of passes over row blocks) and mergeable
 * (workers fit row ranges; their states combine exactly like the rows would).
 *
 * Algorithm (the in-memory and streaming fits run the same passes, same numbers):
 * 1. Factor pass, double precision: blocked Householder TSQR of [Z | y], where Z is the
 *    design with each feature shifted by a reference value c (default: the first row)
 *    when the model has an intercept: columns 1, (x − c), (x − c)², …, which span the same
 *    space as 1, x, x², … but are far better conditioned. Columns carry power-of-two
 *    scales. Merge = re-triangularize the stacked R's.
 * 2. From R: column norms, rank by limited pivoting (keep columns in order; drop one whose
 *    unit-norm column lies within 1e-12 of the span of the kept ones, named from the null
 *    vector), the condition number κ_s of the scaled shifted design, a first solution.
 * 3. Refinement passes, double-double: r = y − Z·a from the raw values with exact powers,
 *    accumulate Zᵀr, Σr² (and, when κ_s > 1e3, the Gram matrix ZᵀZ once) with compensated
 *    sums; correct a ← a + (UᵀU)⁻¹Zᵀr in double-double with U = R (corrected semi-normal
 *    equations) or U = chol(ZᵀZ) in double-double for ill-conditioned designs. Stop when the
 *    predicted remaining error (contraction ρ ≈ 8k·κ_s²·unit roundoff, times the last
 *    correction) is below 2^-64 of the scaled coefficients and 2^-44 of every raw-basis
 *    coefficient (no confirming pass is needed: well-conditioned data take one refinement
 *    pass), when corrections stop shrinking, or after `maxRefinements` (then a warning).
 * 4. Raw coefficients b = M·a by the binomial theorem in double-double; standard errors
 *    from σ̂²·‖U⁻ᵀ Mᵀe_j‖² in double-double; the condition number of the raw design with
 *    unit-norm columns from U·M⁻¹.
 */
import type { DesignSpec } from './design-matrix';
import type { FitResult } from './fit-result';
import type { RowBlock, Table } from './table';
import { tableBlocks } from './table';
import { ddAdd, ddDiv, ddMul, ddSqrt } from './double-double';
import { basisChange, compilePlan, type DesignPlan } from './least-squares-plan';
import {
  addRowsToFactor,
  cloneFactorState,
  emptyFactorState,
  flushFactor,
  mergeFactors,
  type FactorState,
} from './least-squares-factor';
import { accumulatorValue, addRowsToRefine, emptyRefineState, mergeRefines, type RefineState } from './least-squares-refine';
import { conditionNumber, singularValues, tsqrStep } from './qr';
import { regressionSummary } from './regression-stats';

export type { FactorState } from './least-squares-factor';
export type { RefineState } from './least-squares-refine';
export type { DesignPlan } from './least-squares-plan';

export interface FitOptions {
  /**
   * Reference value per source column (indexed like the data columns), subtracted from
   * features before powers are taken when the model has an intercept. Default: the
   * first row's values. Workers fitting parts of one data set must use the same shift.
   */
  readonly shift?: Float64Array;
  /** Most refinement passes over the data (≥ 1). Default 5. */
  readonly maxRefinements?: number;
}

/** The fit with the raw-basis coefficient vector a `predict` can use. */
export interface LeastSquaresResult extends FitResult {
  /**
   * Coefficients in the raw basis, in `terms` order (intercept first): ŷ = Σ_j b_j·x_{s_j}^{k_j}.
   * Dropped terms have 0 here (NaN in `terms`).
   */
  readonly coefficients: Float64Array;
}

/** Each call starts a new pass over the same rows, in the same order or not. */
export type BlockSource = () => Iterable<RowBlock> | AsyncIterable<RowBlock>;

/**
 * The solver between passes: everything learned from the factor pass and the
 * refinement passes so far. Plain data (typed arrays, numbers, strings).
 */
export interface SolverState {
  readonly kind: 'solver';
  readonly plan: DesignPlan;
  readonly n: number;
  /** Design columns in the fit, ascending. */
  readonly keep: Int32Array;
  /** Current coefficients of the kept columns, shifted basis, double-double. */
  readonly coefHi: Float64Array;
  readonly coefLo: Float64Array;
  /** ‖z_j‖ of the kept columns (shifted basis). */
  readonly colNorm: Float64Array;
  /** Upper-triangular U with UᵀU ≈ ZᵀZ (kept columns), k×k column-major, double-double. */
  readonly uHi: Float64Array;
  readonly uLo: Float64Array;
  /** Condition number of the kept shifted design with unit-norm columns (from R). */
  readonly kappaShifted: number;
  /** Whether U is (to be) the double-double Cholesky factor of the Gram matrix. */
  readonly useGram: boolean;
  readonly haveGram: boolean;
  readonly rssHi: number;
  readonly rssLo: number;
  readonly tssHi: number;
  readonly tssLo: number;
  readonly iterations: number;
  /** Last correction, max-norm of the scaled coefficients relative to the scaled coefficients. */
  readonly lastStep: number;
  /** Estimated bound on the remaining error of the scaled coefficients a_j·‖z_j‖ (absolute, max-norm). */
  readonly errorBound: number;
  readonly maxRefinements: number;
  readonly done: boolean;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

/** Relative residual below which a unit-norm column counts as collinear with earlier ones. */
const RANK_TOLERANCE = 1e-12;
/** Above this κ_s, the Gram matrix is accumulated in double-double for U. */
const GRAM_KAPPA = 1e3;
/** Target relative accuracy of the scaled shifted coefficients. */
const TOLERANCE = 2 ** -64;
/** Target relative accuracy of each raw coefficient (or the conversion's own rounding floor). */
const RAW_TOLERANCE = 2 ** -44;
/** Relative error of a raw coefficient above which it is named in a warning. */
const RAW_WARN = 1e-8;
/** A stalled refinement is still accepted when its last correction is this small. */
const ACCEPTABLE = 2 ** -50;
/** κ above which coefficients lose more than half of double precision's digits to data rounding. */
const KAPPA_ILL = 1e8;
/** κ beyond what double precision can resolve at all. */
const KAPPA_UNRESOLVED = 2 ** 52;

const T = new Float64Array(4);

// ---------------------------------------------------------------------------------------
// Factor pass

/**
 * An empty factor-pass state.
 * @param shift reference value per source column (see FitOptions.shift); every worker of one fit must pass the same.
 * @throws RangeError for a spec with invalid terms, or a missing/non-finite shift for a shifted column.
 */
export function createFactorState(spec: DesignSpec, shift: Float64Array): FactorState {
  return emptyFactorState(compilePlan(spec, shift));
}

/**
 * Folds a block of rows into the factor state (the state is mutated, the block is not).
 * @throws RangeError naming the data row and column of a non-finite value.
 */
export function addBlockToFactor(state: FactorState, block: RowBlock): void {
  addRowsToFactor(state, block);
}

/** The factor state of the rows of both (new object; inputs unchanged). */
export function mergeFactorStates(a: FactorState, b: FactorState): FactorState {
  return mergeFactors(a, b);
}

// ---------------------------------------------------------------------------------------
// Small double-double dense helpers (k ≤ a few dozen)

/** Solves Uᵀw = v (forward substitution), U upper k×k column-major; v is overwritten by w. */
function solveUpperTransposed(uHi: Float64Array, uLo: Float64Array, k: number, vHi: Float64Array, vLo: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let sh = vHi[i];
    let sl = vLo[i];
    for (let q = 0; q < i; q++) {
      ddMul(uHi[q + i * k], uLo[q + i * k], vHi[q], vLo[q], T, 0);
      ddAdd(sh, sl, -T[0], -T[1], T, 2);
      sh = T[2];
      sl = T[3];
    }
    ddDiv(sh, sl, uHi[i + i * k], uLo[i + i * k], T, 0);
    vHi[i] = T[0];
    vLo[i] = T[1];
  }
}

/** Solves Uw = v (back substitution); v is overwritten by w. */
function solveUpper(uHi: Float64Array, uLo: Float64Array, k: number, vHi: Float64Array, vLo: Float64Array): void {
  for (let i = k - 1; i >= 0; i--) {
    let sh = vHi[i];
    let sl = vLo[i];
    for (let q = i + 1; q < k; q++) {
      ddMul(uHi[i + q * k], uLo[i + q * k], vHi[q], vLo[q], T, 0);
      ddAdd(sh, sl, -T[0], -T[1], T, 2);
      sh = T[2];
      sl = T[3];
    }
    ddDiv(sh, sl, uHi[i + i * k], uLo[i + i * k], T, 0);
    vHi[i] = T[0];
    vLo[i] = T[1];
  }
}

/** Upper Cholesky factor (G = UᵀU) of a symmetric k×k double-double matrix; null if not positive definite. */
function choleskyUpper(gHi: Float64Array, gLo: Float64Array, k: number): { hi: Float64Array; lo: Float64Array } | null {
  const hi = new Float64Array(k * k);
  const lo = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let c = j; c < k; c++) {
      let sh = gHi[j + c * k];
      let sl = gLo[j + c * k];
      for (let i = 0; i < j; i++) {
        ddMul(hi[i + j * k], lo[i + j * k], hi[i + c * k], lo[i + c * k], T, 0);
        ddAdd(sh, sl, -T[0], -T[1], T, 2);
        sh = T[2];
        sl = T[3];
      }
      if (c === j) {
        if (!(sh > 0)) return null;
        ddSqrt(sh, sl, T, 0);
      } else {
        ddDiv(sh, sl, hi[j + j * k], lo[j + j * k], T, 0);
      }
      hi[j + c * k] = T[0];
      lo[j + c * k] = T[1];
    }
  }
  return { hi, lo };
}

// ---------------------------------------------------------------------------------------
// From the factor to the solver

function joinNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Rank selection on the columns of the (scaled) design factor; returns kept columns and warnings. */
function selectColumns(plan: DesignPlan, r: Float64Array, m: number, norms: Float64Array): { keep: number[]; warnings: string[] } {
  const p = plan.p;
  const basis: Float64Array[] = []; // orthonormal vectors of length p
  const tCols: Float64Array[] = []; // kept column l = Σ_i T[i][l] q_i
  const keep: number[] = [];
  const warnings: string[] = [];
  const dropped = new Set<number>();
  for (let j = 0; j < p; j++) {
    const name = plan.names[j];
    if (norms[j] === 0) {
      dropped.add(j);
      warnings.push(
        plan.intercept
          ? `${name} is constant, so it is collinear with the intercept: ${name} was left out of the fit (its estimate is NaN).`
          : `${name} is zero in every row: it was left out of the fit (its estimate is NaN).`,
      );
      continue;
    }
    let nr = 0;
    for (let i = 0; i <= j; i++) nr = Math.hypot(nr, r[i + j * m]);
    const v = new Float64Array(p);
    for (let i = 0; i <= j; i++) v[i] = r[i + j * m] / nr;
    const h = new Float64Array(basis.length);
    for (let pass = 0; pass < 2; pass++) {
      basis.forEach((q, i) => {
        let c = 0;
        for (let a = 0; a < p; a++) c += q[a] * v[a];
        for (let a = 0; a < p; a++) v[a] -= c * q[a];
        h[i] += c;
      });
    }
    let res = 0;
    for (let a = 0; a < p; a++) res = Math.hypot(res, v[a]);
    if (res >= RANK_TOLERANCE) {
      basis.push(v.map((x) => x / res));
      const col = new Float64Array(basis.length);
      col.set(h);
      col[basis.length - 1] = res;
      tCols.push(col);
      keep.push(j);
      continue;
    }
    // null vector: column j ≈ Σ_l w_l (kept column l), w = T⁻¹h
    const L = basis.length;
    const w = Float64Array.from(h);
    for (let i = L - 1; i >= 0; i--) {
      for (let l = i + 1; l < L; l++) w[i] -= tCols[l][i] * w[l];
      w[i] /= tCols[i][i];
    }
    let wmax = 0;
    for (const x of w) wmax = Math.max(wmax, Math.abs(x));
    const partners = keep.filter((_, l) => Math.abs(w[l]) > 1e-8 * wmax);
    const named = partners.filter((l) => !(plan.intercept && l === 0)).map((l) => plan.names[l]);
    let relation: string;
    if (named.length === 0) relation = `${name} is constant, so it is collinear with the intercept`;
    else if (named.length === 1 && named[0] === name) relation = `${name} appears twice`;
    else if (named.length === 1) relation = `${named[0]} and ${name} are collinear`;
    else relation = `${name} is a linear combination of ${joinNames(named)}`;
    dropped.add(j);
    warnings.push(`${relation}: ${name} was left out of the fit (its estimate is NaN).`);
  }
  // Shifted polynomial columns need every lower power of their source in the fit.
  for (const j of [...keep]) {
    if (plan.shift[j] === 0) continue;
    for (const d of dropped) {
      if (plan.source[d] === plan.source[j] && plan.power[d] < plan.power[j] && !dropped.has(j)) {
        dropped.add(j);
        keep.splice(keep.indexOf(j), 1);
        warnings.push(
          `${plan.names[j]} was left out as well, because ${plan.names[d]} was (the fit uses powers of the centred column, which need every lower power).`,
        );
      }
    }
  }
  return { keep, warnings };
}

/**
 * Ends the factor pass: rank, condition, first solution. The factor state is not modified.
 * @throws RangeError when there are no rows or fewer rows than coefficients.
 */
export function beginRefinement(factor: FactorState, options: FitOptions = {}): SolverState {
  const f = cloneFactorState(factor);
  flushFactor(f);
  const { plan, n, m, r, scale } = f;
  const p = plan.p;
  if (n === 0) throw new RangeError('there are no data rows to fit');
  if (n < p) {
    throw new RangeError(
      `the model has ${p} coefficients (${plan.names.join(', ')}) but the data have only ${n} row${n === 1 ? '' : 's'}: ` +
        'use fewer features, a lower degree, or more rows',
    );
  }
  const maxRefinements = Math.max(1, Math.floor(options.maxRefinements ?? 5));
  const norms = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i <= j; i++) s = Math.hypot(s, r[i + j * m]);
    norms[j] = scale[j] === 0 ? 0 : s / scale[j];
  }
  const { keep, warnings } = selectColumns(plan, r, m, norms);
  const k = keep.length;
  // Re-triangularize [kept columns | y] of the scaled R.
  const aug = new Float64Array(m * (k + 1));
  keep.forEach((j, q) => aug.set(r.subarray(j * m, j * m + m), q * m));
  aug.set(r.subarray(p * m, p * m + m), k * m);
  const rk = new Float64Array((k + 1) * (k + 1));
  tsqrStep(rk, k + 1, aug, m, m);
  // Unscale: U[:, q] = R_K[:, q] / scale_j; first solution a = S·â / s_y.
  const uHi = new Float64Array(k * k);
  const uLo = new Float64Array(k * k);
  const ahat = new Float64Array(k);
  for (let q = 0; q < k; q++) ahat[q] = rk[q + k * (k + 1)];
  for (let i = k - 1; i >= 0; i--) {
    let s = ahat[i];
    for (let q = i + 1; q < k; q++) s -= rk[i + q * (k + 1)] * ahat[q];
    ahat[i] = s / rk[i + i * (k + 1)];
  }
  const sy = scale[p];
  const coefHi = new Float64Array(k);
  keep.forEach((j, q) => {
    for (let i = 0; i <= q; i++) uHi[i + q * k] = rk[i + q * (k + 1)] / scale[j];
    coefHi[q] = sy === 0 ? 0 : (ahat[q] * scale[j]) / sy;
  });
  const colNorm = Float64Array.from(keep, (j) => norms[j]);
  const scaled = new Float64Array(k * k);
  for (let q = 0; q < k; q++) for (let i = 0; i <= q; i++) scaled[i + q * k] = uHi[i + q * k] / colNorm[q];
  const kappaShifted = conditionNumber(scaled, k, k);
  return {
    kind: 'solver',
    plan,
    n,
    keep: Int32Array.from(keep),
    coefHi: coefHi.every(Number.isFinite) ? coefHi : new Float64Array(k),
    coefLo: new Float64Array(k),
    colNorm,
    uHi,
    uLo,
    kappaShifted,
    useGram: kappaShifted > GRAM_KAPPA,
    haveGram: false,
    rssHi: NaN,
    rssLo: 0,
    tssHi: NaN,
    tssLo: 0,
    iterations: 0,
    lastStep: Infinity,
    errorBound: Infinity,
    maxRefinements,
    done: false,
    converged: false,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------
// Refinement passes

/** An empty refinement-pass state for the solver's current coefficients (one per worker). */
export function createRefineState(solver: SolverState): RefineState {
  return emptyRefineState(solver.plan, solver.keep, solver.coefHi, solver.coefLo, solver.useGram && !solver.haveGram);
}

/** Accumulates a block into a refinement state (the state is mutated, the block is not). */
export function addBlockToRefine(state: RefineState, block: RowBlock): void {
  addRowsToRefine(state, block);
}

/** The refinement sums of the rows of both (new object; inputs unchanged). */
export function mergeRefineStates(a: RefineState, b: RefineState): RefineState {
  return mergeRefines(a, b);
}

/** Estimated contraction of one refinement step: how much of the error survives it. */
function contraction(s: Pick<SolverState, 'kappaShifted' | 'keep' | 'n'>, gram: boolean): number {
  const k = s.keep.length;
  const u = gram ? Math.max(2 ** -100, (s.n * 2 ** -53) ** 2) : 2 ** -53;
  return 8 * k * s.kappaShifted ** 2 * u;
}

function maxScaled(hi: Float64Array, norm: Float64Array): number {
  let mx = 0;
  for (let q = 0; q < hi.length; q++) mx = Math.max(mx, Math.abs(hi[q]) * norm[q]);
  return mx;
}

/**
 * Raw-basis coefficients b = M·a (double-double, rounded) and, per coefficient, the sum
 * Σ_j |M_tj·a_j| whose ratio to |b_t| is the cancellation in the basis change.
 */
function toRawBasis(
  plan: DesignPlan,
  keep: Int32Array,
  coefHi: Float64Array,
  coefLo: Float64Array,
  M: { hi: Float64Array; lo: Float64Array },
): { b: Float64Array; magnitude: Float64Array } {
  const p = plan.p;
  const b = new Float64Array(p);
  const magnitude = new Float64Array(p);
  for (let t = 0; t < p; t++) {
    let sh = 0;
    let sl = 0;
    let mag = 0;
    keep.forEach((j, q) => {
      const m = M.hi[t + j * p];
      if (m === 0) return;
      ddMul(m, M.lo[t + j * p], coefHi[q], coefLo[q], T, 0);
      mag += Math.abs(T[0]);
      ddAdd(sh, sl, T[0], T[1], T, 2);
      sh = T[2];
      sl = T[3];
    });
    b[t] = sh + sl;
    magnitude[t] = mag;
  }
  return { b, magnitude };
}

/** Absolute error bound per raw coefficient from a bound on the scaled shifted coefficients. */
function rawErrors(plan: DesignPlan, keep: Int32Array, colNorm: Float64Array, scaledError: number, M: { hi: Float64Array }): Float64Array {
  const p = plan.p;
  const err = new Float64Array(p);
  if (scaledError === 0) return err;
  for (let t = 0; t < p; t++) {
    let e = 0;
    keep.forEach((j, q) => (e += (Math.abs(M.hi[t + j * p]) * scaledError) / colNorm[q]));
    err[t] = e;
  }
  return err;
}

/**
 * Whether a scaled-coefficient error bound is small enough for every raw coefficient:
 * ≤ 2^-44 relative, or below the rounding floor of the basis change itself.
 */
function rawAccurate(solver: SolverState, coefHi: Float64Array, coefLo: Float64Array, scaledError: number): boolean {
  if (scaledError === 0) return true;
  if (!Number.isFinite(scaledError)) return false;
  const M = basisChange(solver.plan, -1);
  const { b, magnitude } = toRawBasis(solver.plan, solver.keep, coefHi, coefLo, M);
  const err = rawErrors(solver.plan, solver.keep, solver.colNorm, scaledError, M);
  for (const j of solver.keep) {
    const allowed = Math.max(RAW_TOLERANCE * Math.max(Math.abs(b[j]), 2 ** -40 * magnitude[j]), 2 ** -96 * magnitude[j]);
    if (!(err[j] <= allowed)) return false;
  }
  return true;
}

/**
 * Applies a finished refinement pass: the next solver (the input is not modified). When
 * `done` is true, call `finishFit`; otherwise run another pass with `createRefineState`.
 * @throws Error when the pass saw a different number of rows than the factor pass.
 */
export function applyRefinement(solver: SolverState, pass: RefineState): SolverState {
  if (pass.n !== solver.n) {
    throw new Error(
      `the data source returned ${pass.n} rows on refinement pass ${solver.iterations + 1} but ${solver.n} on the first pass; every pass must see the same rows`,
    );
  }
  const k = solver.keep.length;
  const warnings = [...solver.warnings];
  let { uHi, uLo, useGram, haveGram } = solver;
  if (pass.gram) {
    const gHi = new Float64Array(k * k);
    const gLo = new Float64Array(k * k);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i <= c; i++) {
        const at = 2 * (i + c * k);
        accumulatorValue(pass.gramSums[at], pass.gramSums[at + 1], T, 0);
        gHi[i + c * k] = gHi[c + i * k] = T[0];
        gLo[i + c * k] = gLo[c + i * k] = T[1];
      }
    }
    const chol = choleskyUpper(gHi, gLo, k);
    if (chol) {
      uHi = chol.hi;
      uLo = chol.lo;
      haveGram = true;
    } else {
      useGram = false;
      warnings.push(
        `The Gram matrix of the design is numerically singular even in double-double precision (κ ≈ ${solver.kappaShifted.toPrecision(2)} after centring); the estimates may be inaccurate.`,
      );
    }
  }
  // δ = (UᵀU)⁻¹ g
  const dHi = new Float64Array(k);
  const dLo = new Float64Array(k);
  for (let q = 0; q < k; q++) {
    accumulatorValue(pass.g[2 * q], pass.g[2 * q + 1], T, 0);
    dHi[q] = T[0];
    dLo[q] = T[1];
  }
  const gHi = Float64Array.from(dHi);
  const gLo = Float64Array.from(dLo);
  solveUpperTransposed(uHi, uLo, k, dHi, dLo);
  solveUpper(uHi, uLo, k, dHi, dLo);
  // RSS at the pass's coefficients (measured) and after the step (RSS − δᵀg)
  accumulatorValue(pass.sums[0], pass.sums[1], T, 0);
  const rssPrevHi = T[0];
  const rssPrevLo = T[1];
  let rh = rssPrevHi;
  let rl = rssPrevLo;
  for (let q = 0; q < k; q++) {
    ddMul(dHi[q], dLo[q], gHi[q], gLo[q], T, 0);
    ddAdd(rh, rl, -T[0], -T[1], T, 2);
    rh = T[2];
    rl = T[3];
  }
  if (!(rh > 0)) {
    rh = 0;
    rl = 0;
  }
  // TSS: Σd² − (Σd)²/n with d = y − c (c = 0 without an intercept: Σy²)
  accumulatorValue(pass.sums[2], pass.sums[3], T, 0);
  const sdHi = T[0];
  const sdLo = T[1];
  accumulatorValue(pass.sums[4], pass.sums[5], T, 0);
  let th = T[0];
  let tl = T[1];
  if (solver.plan.intercept) {
    ddMul(sdHi, sdLo, sdHi, sdLo, T, 0);
    ddDiv(T[0], T[1], solver.n, 0, T, 0);
    ddAdd(th, tl, -T[0], -T[1], T, 2);
    th = Math.max(0, T[2]);
    tl = th === 0 ? 0 : T[3];
  }
  // a ← a + δ
  const coefHi = new Float64Array(k);
  const coefLo = new Float64Array(k);
  for (let q = 0; q < k; q++) {
    ddAdd(solver.coefHi[q], solver.coefLo[q], dHi[q], dLo[q], T, 0);
    coefHi[q] = T[0];
    coefLo[q] = T[1];
  }
  const iterations = solver.iterations + 1;
  const size = maxScaled(coefHi, solver.colNorm);
  const stepAbs = maxScaled(dHi, solver.colNorm);
  const step = stepAbs === 0 ? 0 : size === 0 ? Infinity : stepAbs / size;
  const rho = contraction(solver, useGram && haveGram);
  // error left after this step ≈ ρ/(1 − ρ) · the step (linear convergence with ratio ρ)
  const predicted = rho < 0.5 ? (rho / (1 - rho)) * stepAbs : Infinity;
  let done = false;
  let converged = false;
  let revert = false;
  let errorBound = stepAbs;
  if (step === 0 || (predicted <= TOLERANCE * size && rawAccurate(solver, coefHi, coefLo, predicted))) {
    done = true;
    converged = true;
    errorBound = step === 0 ? 0 : predicted;
  } else if (iterations >= 2 && step > 0.5 * solver.lastStep) {
    // corrections stopped shrinking: rounding noise (or divergence) dominates them
    done = true;
    revert = step > solver.lastStep;
    errorBound = Math.min(stepAbs, solver.errorBound);
    converged = Math.min(step, solver.lastStep) <= ACCEPTABLE;
  } else if (iterations >= solver.maxRefinements) {
    done = true;
    errorBound = Math.min(stepAbs, predicted);
    converged = errorBound <= ACCEPTABLE * size;
  }
  if (done && !converged) {
    const digits = Math.max(0, Math.floor(-Math.log10(Math.min(step, solver.lastStep))));
    warnings.push(
      `Iterative refinement did not converge after ${iterations} pass${iterations === 1 ? '' : 'es'}: the design is too ill-conditioned ` +
        `for double-precision preconditioning (condition number ≈ ${solver.kappaShifted.toPrecision(2)} after centring), ` +
        `so the estimates may be accurate to only about ${digits} digits.`,
    );
  }
  return {
    ...solver,
    coefHi: revert ? solver.coefHi : coefHi,
    coefLo: revert ? solver.coefLo : coefLo,
    uHi,
    uLo,
    useGram,
    haveGram,
    rssHi: revert ? rssPrevHi : rh,
    rssLo: revert ? rssPrevLo : rl,
    tssHi: th,
    tssLo: tl,
    iterations,
    lastStep: revert ? solver.lastStep : step,
    errorBound,
    done,
    converged,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------
// Result

/** Condition number of the raw design (unit-norm columns) from U and the basis change. */
function rawConditionNumber(plan: DesignPlan, uHi: Float64Array, uLo: Float64Array): number {
  const p = plan.p;
  const inv = basisChange(plan, 1); // raw design = shifted design · M⁻¹
  const fwd = basisChange(plan, -1); // b = M a
  // W = U·M⁻¹ (double-double, rounded)
  const w = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let i = 0; i < p; i++) {
      let sh = 0;
      let sl = 0;
      for (let q = i; q < p; q++) {
        ddMul(uHi[i + q * p], uLo[i + q * p], inv.hi[q + c * p], inv.lo[q + c * p], T, 0);
        ddAdd(sh, sl, T[0], T[1], T, 2);
        sh = T[2];
        sl = T[3];
      }
      w[i + c * p] = sh + sl;
    }
  }
  const d = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    let s = 0;
    for (let i = 0; i < p; i++) s = Math.hypot(s, w[i + c * p]);
    d[c] = s;
    for (let i = 0; i < p; i++) w[i + c * p] /= s;
  }
  const sMax = singularValues(w, p, p)[0];
  // A⁻¹ = D·M·U⁻¹: columns of U⁻¹ by back substitution, then M·(U⁻¹), rows scaled by D
  const ainv = new Float64Array(p * p);
  const eh = new Float64Array(p);
  const el = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    eh.fill(0);
    el.fill(0);
    eh[c] = 1;
    solveUpper(uHi, uLo, p, eh, el);
    for (let i = 0; i < p; i++) {
      let sh = 0;
      let sl = 0;
      for (let q = 0; q < p; q++) {
        ddMul(fwd.hi[i + q * p], fwd.lo[i + q * p], eh[q], el[q], T, 0);
        ddAdd(sh, sl, T[0], T[1], T, 2);
        sh = T[2];
        sl = T[3];
      }
      ainv[i + c * p] = (sh + sl) * d[i];
    }
  }
  const sInvMax = singularValues(ainv, p, p)[0];
  return sMax * sInvMax;
}

/**
 * The fit from a finished solver: raw-basis coefficients, standard errors, statistics,
 * condition number and warnings.
 * @throws Error when the solver still needs refinement passes.
 */
export function finishFit(solver: SolverState): LeastSquaresResult {
  if (!solver.done) throw new Error('finishFit: the solver needs another refinement pass (see applyRefinement)');
  const { plan, keep, n } = solver;
  const p = plan.p;
  const k = keep.length;
  const warnings = [...solver.warnings];
  // full shifted coefficient vector, then b = M·a
  const aHi = new Float64Array(p);
  const aLo = new Float64Array(p);
  keep.forEach((j, q) => {
    aHi[j] = solver.coefHi[q];
    aLo[j] = solver.coefLo[q];
  });
  const M = basisChange(plan, -1);
  const { b: coefficients, magnitude } = toRawBasis(plan, keep, solver.coefHi, solver.coefLo, M);
  const dropped = Array.from({ length: p }, () => true);
  keep.forEach((j) => (dropped[j] = false));
  // diag((XᵀX)⁻¹) in the raw basis: ‖U⁻ᵀ v_t‖², v_t = row t of M on the kept columns
  const covDiag = new Float64Array(p).fill(NaN);
  const vh = new Float64Array(k);
  const vl = new Float64Array(k);
  for (let t = 0; t < p; t++) {
    if (dropped[t]) continue;
    keep.forEach((j, q) => {
      vh[q] = M.hi[t + j * p];
      vl[q] = M.lo[t + j * p];
    });
    solveUpperTransposed(solver.uHi, solver.uLo, k, vh, vl);
    let sh = 0;
    let sl = 0;
    for (let q = 0; q < k; q++) {
      ddMul(vh[q], vl[q], vh[q], vl[q], T, 0);
      ddAdd(sh, sl, T[0], T[1], T, 2);
      sh = T[2];
      sl = T[3];
    }
    covDiag[t] = sh + sl;
  }
  const rss = solver.rssHi + solver.rssLo;
  const tss = solver.tssHi + solver.tssLo;
  const conditionNumber = k < p ? Infinity : rawConditionNumber(plan, solver.uHi, solver.uLo);
  if (conditionNumber >= KAPPA_UNRESOLVED && Number.isFinite(conditionNumber)) {
    warnings.push(
      `The condition number of the design (≈ ${conditionNumber.toPrecision(2)}, unit-norm columns) is beyond what double precision can resolve (≈ 4.5e15): ` +
        'rounding the data to doubles alone can change the coefficients completely, and predictions computed from them are unreliable. ' +
        'Use fewer terms, a lower degree, or centre and rescale the features.',
    );
  } else if (conditionNumber >= KAPPA_ILL && Number.isFinite(conditionNumber)) {
    warnings.push(
      `The design is ill-conditioned (condition number ≈ ${conditionNumber.toPrecision(2)} with unit-norm columns): the coefficients are accurate ` +
        'for the data as given, but a relative change ε in the data can move them by up to about κ·ε, i.e. they depend on more than half of the data\'s significant digits.',
    );
  }
  if (!(conditionNumber >= KAPPA_UNRESOLVED)) {
    // coefficients the refinement (or the basis change's rounding) may not have resolved
    const err = rawErrors(plan, keep, solver.colNorm, solver.errorBound, M);
    const weak = [...keep].filter((j) => {
      const rel = (err[j] + 2 ** -100 * magnitude[j]) / Math.abs(coefficients[j]);
      return coefficients[j] !== 0 && rel > RAW_WARN;
    });
    if (weak.length > 0) {
      const worst = Math.max(...weak.map((j) => (err[j] + 2 ** -100 * magnitude[j]) / Math.abs(coefficients[j])));
      warnings.push(
        `The estimate${weak.length > 1 ? 's' : ''} of ${joinNames(weak.map((j) => plan.names[j]))} may be accurate to only about ` +
          `${Math.max(0, Math.floor(-Math.log10(worst)))} significant digits: they cancel heavily in the basis the solver uses.`,
      );
    }
  }
  const summary = regressionSummary({
    n,
    rank: k,
    intercept: plan.intercept,
    rss,
    tss,
    names: plan.names,
    estimates: coefficients,
    covDiag,
    dropped,
  });
  if (summary.dfResidual === 0) {
    warnings.push(
      `There are no residual degrees of freedom (${n} rows for ${k} coefficients): the fit is exact, and standard errors, tests and intervals are undefined.`,
    );
  } else if (rss === 0) {
    warnings.push('The model fits the data exactly (residual sum of squares 0): standard errors are 0 and the likelihood is infinite.');
  }
  return {
    n,
    p,
    rank: k,
    terms: summary.terms,
    intercept: plan.intercept,
    rss,
    tss,
    dfModel: summary.dfModel,
    dfResidual: summary.dfResidual,
    residualStdDev: summary.residualStdDev,
    rSquared: summary.rSquared,
    adjRSquared: summary.adjRSquared,
    fStatistic: summary.fStatistic,
    fPValue: summary.fPValue,
    logLikelihood: summary.logLikelihood,
    aic: summary.aic,
    bic: summary.bic,
    conditionNumber,
    warnings,
    refinement: { iterations: solver.iterations, converged: solver.converged },
    coefficients,
  };
}

// ---------------------------------------------------------------------------------------
// Drivers

function firstRowShift(columns: readonly Float64Array[]): Float64Array {
  return Float64Array.from(columns, (c) => c[0]);
}

/**
 * Fits `spec` to an in-memory table: one factor pass and one or more refinement passes
 * over `tableBlocks(table)`, exactly as `fitLeastSquaresStream` does. The table is not modified.
 * @throws RangeError for an empty table, more coefficients than rows, non-finite data (naming row and column).
 * @example fitLeastSquares(makeTable(['y', 'x'], [Float64Array.of(1, 3, 5), Float64Array.of(0, 1, 2)]),
 *   designSpec(['y', 'x'], { target: 'y', features: ['x'] })).coefficients // Float64Array [1, 2]
 */
export function fitLeastSquares(table: Table, spec: DesignSpec, options: FitOptions = {}): LeastSquaresResult {
  if (table.rowCount === 0) throw new RangeError('there are no data rows to fit');
  const factor = createFactorState(spec, options.shift ?? firstRowShift(table.columns));
  for (const block of tableBlocks(table)) addBlockToFactor(factor, block);
  let solver = beginRefinement(factor, options);
  while (!solver.done) {
    const pass = createRefineState(solver);
    for (const block of tableBlocks(table)) addBlockToRefine(pass, block);
    solver = applyRefinement(solver, pass);
  }
  return finishFit(solver);
}

/**
 * Fits `spec` to rows streamed in blocks; `source()` is called once per pass (typically
 * 2 passes, more for ill-conditioned designs). Memory is bounded by one block plus O(p²).
 * @throws RangeError as fitLeastSquares; Error when passes disagree on the number of rows.
 */
export async function fitLeastSquaresStream(
  source: BlockSource,
  spec: DesignSpec,
  options: FitOptions = {},
): Promise<LeastSquaresResult> {
  let factor: FactorState | undefined = options.shift ? createFactorState(spec, options.shift) : undefined;
  for await (const block of source()) {
    if (block.rowCount === 0) continue;
    factor ??= createFactorState(spec, firstRowShift(block.columns));
    addBlockToFactor(factor, block);
  }
  if (!factor) throw new RangeError('there are no data rows to fit');
  let solver = beginRefinement(factor, options);
  while (!solver.done) {
    const pass = createRefineState(solver);
    for await (const block of source()) addBlockToRefine(pass, block);
    solver = applyRefinement(solver, pass);
  }
  return finishFit(solver);
}
