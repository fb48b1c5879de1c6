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
 *
 * One-pass mode (the drivers' default, `FitOptions.onePass`): steps 1–2 run on the first
 * rows only (the head, 16k rows, kept in memory), giving a provisional solution b₀. The
 * single pass over every row (head replayed) is a refinement pass at b₀ that also
 * accumulates the double-double Gram matrix of every design column (`createGramPass`).
 * Rank, κ_s and U = chol(ZᵀZ) come from that Gram matrix, then the step a = b₀ + δ of
 * step 3 is taken with its usual convergence test (contraction of the Gram-matrix
 * preconditioner × ‖δ‖, RSS = Σr₀² − δᵀZᵀr₀ resolved): the double-double preconditioner
 * contracts by ~κ_s²·1e-26 instead of ~κ_s²·1e-15, so one step from even a poor b₀ is
 * certified unless the design is very ill-conditioned; if not, ordinary refinement passes
 * follow. Small data (all rows in the head) take the same path.
 */
import * as l10n from '@vscode/l10n';
import { TooFewRowsError } from './rows-error';
import type { DesignSpec } from './design-matrix';
import type { FitResult } from './fit-result';
import type { RowBlock, Table } from './table';
import { tableBlocks } from './table';
import { ddAdd, ddDiv, ddMul, ddSqrt } from './double-double';
import { choleskyUpper, solveUpper, solveUpperTransposed } from './double-double-dense';
import { basisChange, compilePlan, type DesignPlan } from './least-squares-plan';
import { addRowsToFactor, cloneFactorState, createFactorState, flushFactor, mergeFactors, type FactorState } from './least-squares-factor';
import {
  accumulatorValue,
  addRowsToRefine,
  CHUNK,
  emptyRefineState,
  mergeRefines,
  type RefineState,
} from './least-squares-refine';
import { conditionNumber, singularValues, tsqrStep } from './qr';
import { predictor, type Predict } from './prediction';
import { regressionSummary } from './regression-stats';
import { formatCount, formatNumber, localDigits } from './number-format';

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
  /**
   * One data pass in the common case (default true): a provisional solution b₀ from the
   * first `headRows` rows (kept in memory), then one pass accumulating the double-double
   * Gram matrix and residual sums relative to b₀, then one corrected semi-normal step
   * from b₀ whose convergence test decides whether more passes are needed (see
   * `createGramPass`). false: the factor pass (Householder over every row), then
   * refinement passes.
   */
  readonly onePass?: boolean;
  /** Rows kept in memory for the provisional solution of the one-pass mode (at least p). Default 16384. */
  readonly headRows?: number;
}

/** The fit with its raw-basis coefficient vector and its prediction. */
export interface LeastSquaresResult extends FitResult {
  /**
   * Coefficients in the raw basis, in `terms` order (intercept first): ŷ = Σ_j b_j·x_{s_j}^{k_j}.
   * Dropped terms have 0 here (NaN in `terms`).
   */
  readonly coefficients: Float64Array;
  /**
   * (XᵀX)⁻¹ in the raw basis, p×p row-major, `terms` order (NaN in a dropped term's row and
   * column): the classical covariance is σ̂²·(XᵀX)⁻¹, and the robust ones sandwich it.
   */
  readonly normalInverse: Float64Array;
  /** The solver's well-conditioned basis, for row-wise statistics after the fit; not enumerable. */
  readonly basis: SolverBasis;
  /** ŷ of one row from its raw values (see core/prediction.ts); not enumerable, so the rest stays plain data. */
  readonly predict: Predict;
}

/**
 * The basis the solver worked in, for statistics of single rows after the fit (leverages,
 * robust covariances) without the raw basis' cancellation: a row's shifted design z (the kept
 * columns, (x − c)^k), U with UᵀU = ZᵀZ, and G with (XᵀX)⁻¹ = GGᵀ (row t: w_t = U⁻ᵀ v_t).
 * Then the leverage is ‖U⁻ᵀz‖² and a covariance Gᵀ… is formed in double-double.
 */
export interface SolverBasis {
  readonly plan: DesignPlan;
  /** Design columns in the fit, ascending (k of them). */
  readonly keep: Int32Array;
  /** U, k×k column-major, upper triangular (the high parts). */
  readonly u: Float64Array;
  /** Shifted coefficients of the kept columns. */
  readonly coef: Float64Array;
  /** G, p×k row-major in double-double (zero rows for dropped terms). */
  readonly wHi: Float64Array;
  readonly wLo: Float64Array;
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
  /** Passes over the data so far (factor pass included). */
  readonly passes: number;
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
/** Rows kept in memory for the provisional solution of the one-pass mode. */
export const HEAD_ROWS = 16384;

const T = new Float64Array(4);

// ---------------------------------------------------------------------------------------
// From the factor to the solver

/** "a", "a and b", "a, b and c". */
function joinNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : l10n.t('{0} and {1}', names.slice(0, -1).join(', '), names[names.length - 1]);
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
          ? l10n.t('{0} is constant, so it is collinear with the intercept: {0} was left out of the fit (its estimate is NaN).', name)
          : l10n.t('{0} is zero in every row: it was left out of the fit (its estimate is NaN).', name),
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
    dropped.add(j);
    warnings.push(
      named.length === 0
        ? l10n.t('{0} is constant, so it is collinear with the intercept: {0} was left out of the fit (its estimate is NaN).', name)
        : named.length === 1 && named[0] === name
          ? l10n.t('{0} appears twice: {0} was left out of the fit (its estimate is NaN).', name)
          : named.length === 1
            ? l10n.t('{0} and {1} are collinear: {1} was left out of the fit (its estimate is NaN).', named[0], name)
            : l10n.t('{0} is a linear combination of {1}: {0} was left out of the fit (its estimate is NaN).', name, joinNames(named)),
    );
  }
  // Shifted polynomial columns need every lower power of their source in the fit.
  for (const j of [...keep]) {
    if (plan.shift[j] === 0) continue;
    for (const d of dropped) {
      if (plan.source[d] === plan.source[j] && plan.power[d] < plan.power[j] && !dropped.has(j)) {
        dropped.add(j);
        keep.splice(keep.indexOf(j), 1);
        warnings.push(
          l10n.t('{0} was left out as well, because {1} was (the fit uses powers of the centred column, which need every lower power).', plan.names[j], plan.names[d]),
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
  return solverFromFactor(f.plan, f.n, f.r, f.scale, options);
}

function checkRowCount(plan: DesignPlan, n: number): void {
  const p = plan.p;
  if (n === 0) throw new TooFewRowsError(l10n.t('there are no data rows to fit'));
  if (n < p) {
    throw new TooFewRowsError(
      n === 1
        ? l10n.t('the model has {0} coefficients ({1}) but the data have only 1 row: use fewer features, a lower degree, or more rows', String(p), plan.names.join(', '))
        : l10n.t(
            'the model has {0} coefficients ({1}) but the data have only {2} rows: use fewer features, a lower degree, or more rows',
            String(p),
            plan.names.join(', '),
            String(n),
          ),
    );
  }
}

/**
 * Rank, condition and first solution from a triangular factor R of [Z | y] (m×m,
 * columns multiplied by the power-of-two `scale`; R's last column may be that of any
 * right-hand side).
 */
function solverFromFactor(plan: DesignPlan, n: number, r: Float64Array, scale: Float64Array, options: FitOptions): SolverState {
  const p = plan.p;
  const m = p + 1;
  checkRowCount(plan, n);
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
    passes: 1,
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

/** Estimated contraction of one refinement step: how much of the error survives it. */
function contraction(s: Pick<SolverState, 'kappaShifted' | 'keep' | 'n'>, gram: boolean): number {
  const k = s.keep.length;
  // Gram entries: Dot2 within chunks of ≤ CHUNK rows (γ²), chunk sums added by TwoSum
  // into a pair whose low part collects ≤ n rounding errors of size u² (relative to Σ|z_i z_j|).
  const u = gram ? Math.max(2 ** -100, (Math.min(s.n, CHUNK) * 2 ** -53) ** 2 + s.n * 2 ** -106) : 2 ** -53;
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
      l10n.t(
        'the data source returned {0} rows on refinement pass {1} but {2} on the first pass; every pass must see the same rows',
        String(pass.n),
        String(solver.iterations + 1),
        String(solver.n),
      ),
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
        l10n.t(
          'The Gram matrix of the design is numerically singular even in double-double precision (κ ≈ {0} after centring); the estimates may be inaccurate.',
          localDigits(solver.kappaShifted.toPrecision(2)),
        ),
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
  let rssTerms = Math.abs(rssPrevHi);
  for (let q = 0; q < k; q++) {
    ddMul(dHi[q], dLo[q], gHi[q], gLo[q], T, 0);
    rssTerms += Math.abs(T[0]);
    ddAdd(rh, rl, -T[0], -T[1], T, 2);
    rh = T[2];
    rl = T[3];
  }
  // below the rounding level of the double-double expansion, the RSS is indistinguishable from 0
  if (!(rh > 2 ** -96 * rssTerms)) {
    rh = 0;
    rl = 0;
  }
  // TSS: Σd² − (Σd)²/n with d = y − c when centred (else c = 0 and Σy²)
  accumulatorValue(pass.sums[2], pass.sums[3], T, 0);
  const sdHi = T[0];
  const sdLo = T[1];
  accumulatorValue(pass.sums[4], pass.sums[5], T, 0);
  let th = T[0];
  let tl = T[1];
  if (solver.plan.centered) {
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
  // the RSS expansion cancels when the pass's coefficients were far off (one-pass mode
  // from a poor provisional solution): then one more pass measures it directly
  const rssResolved = rh === 0 || rssTerms <= 2 ** 40 * rh;
  // error left after this step ≈ ρ/(1 − ρ) · the step (linear convergence with ratio ρ)
  const predicted = rho < 0.5 ? (rho / (1 - rho)) * stepAbs : Infinity;
  let done = false;
  let converged = false;
  let revert = false;
  let errorBound = stepAbs;
  if (rssResolved && (step === 0 || (predicted <= TOLERANCE * size && rawAccurate(solver, coefHi, coefLo, predicted)))) {
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
    const kappa = localDigits(solver.kappaShifted.toPrecision(2));
    warnings.push(
      iterations === 1
        ? l10n.t(
            'Iterative refinement did not converge after 1 pass: the design is too ill-conditioned for double-precision preconditioning (condition number ≈ {0} after centring), so the estimates may be accurate to only about {1} digits.',
            kappa,
            String(digits),
          )
        : l10n.t(
            'Iterative refinement did not converge after {0} passes: the design is too ill-conditioned for double-precision preconditioning (condition number ≈ {1} after centring), so the estimates may be accurate to only about {2} digits.',
            String(iterations),
            kappa,
            String(digits),
          ),
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
    passes: solver.passes + 1,
    lastStep: revert ? solver.lastStep : step,
    errorBound,
    done,
    converged,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------
// One-pass mode

/**
 * One-pass mode: the state of the single pass over every row, for the provisional
 * solution b₀ of a head solver (`beginRefinement` on the factor of the first rows). The
 * pass accumulates, relative to b₀ and in double-double (compensated sums), the Gram
 * matrix ZᵀZ of every design column, Zᵀr₀, Σr₀² and the sums of the total sum of squares;
 * `solveGramPass` turns them into the fit. Mergeable like any refinement state
 * (`mergeRefines`): every worker starts from the same head solver.
 */
export function createGramPass(head: SolverState): RefineState {
  const p = head.plan.p;
  const hi = new Float64Array(p);
  const lo = new Float64Array(p);
  head.keep.forEach((j, q) => {
    hi[j] = head.coefHi[q];
    lo[j] = head.coefLo[q];
  });
  return emptyRefineState(head.plan, Int32Array.from({ length: p }, (_, j) => j), hi, lo, true);
}

function powerOfTwoAbove(x: number): number {
  return 2 ** Math.max(-1000, Math.min(1000, Math.floor(Math.log2(x))));
}

/**
 * The scaled triangular factor R of [Z | r₀] from the double-double Gram matrix of the
 * augmented design (Cholesky in double-double, rounded to double), for the same rank
 * and condition analysis as a Householder factor. A column whose unit-norm residual
 * against the earlier kept columns is below RANK_TOLERANCE is not used to eliminate
 * later ones (it is dropped by `selectColumns`).
 */
function gramFactor(p: number, gHi: Float64Array, gLo: Float64Array): { r: Float64Array; scale: Float64Array } {
  const m = p + 1;
  const scale = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const d = gHi[j + j * m];
    scale[j] = d > 0 && Number.isFinite(d) ? 1 / powerOfTwoAbove(Math.sqrt(d)) : 0;
  }
  const rHi = new Float64Array(m * m);
  const rLo = new Float64Array(m * m);
  const active: boolean[] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < j; i++) {
      if (!active[i]) continue;
      const f = scale[i] * scale[j];
      let sh = gHi[i + j * m] * f;
      let sl = gLo[i + j * m] * f;
      for (let l = 0; l < i; l++) {
        if (!active[l]) continue;
        ddMul(rHi[l + i * m], rLo[l + i * m], rHi[l + j * m], rLo[l + j * m], T, 0);
        ddAdd(sh, sl, -T[0], -T[1], T, 2);
        sh = T[2];
        sl = T[3];
      }
      ddDiv(sh, sl, rHi[i + i * m], rLo[i + i * m], T, 0);
      rHi[i + j * m] = T[0];
      rLo[i + j * m] = T[1];
    }
    const f = scale[j] * scale[j];
    const ajj = gHi[j + j * m] * f;
    let sh = ajj;
    let sl = gLo[j + j * m] * f;
    for (let l = 0; l < j; l++) {
      if (!active[l]) continue;
      ddMul(rHi[l + j * m], rLo[l + j * m], rHi[l + j * m], rLo[l + j * m], T, 0);
      ddAdd(sh, sl, -T[0], -T[1], T, 2);
      sh = T[2];
      sl = T[3];
    }
    active[j] = ajj > 0 && sh > (j < p ? RANK_TOLERANCE * RANK_TOLERANCE * ajj : 0);
    if (active[j]) {
      ddSqrt(sh, sl, T, 0);
      rHi[j + j * m] = T[0];
      rLo[j + j * m] = T[1];
    } else {
      rHi[j + j * m] = Math.sqrt(Math.max(0, sh));
    }
  }
  const r = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) r[i] = rHi[i] + rLo[i];
  return { r, scale };
}

/**
 * One-pass mode: the solver after the pass of `createGramPass` (all rows, merged). Rank
 * and condition come from the double-double Gram matrix; then one corrected semi-normal
 * step from b₀ with U = chol(ZᵀZ) in double-double, exactly as `applyRefinement` does for
 * a refinement pass at b₀ that accumulated the Gram matrix: its convergence test
 * (contraction × correction) decides whether the fit is done. If not (ill-conditioned
 * design, or b₀ far off), run ordinary refinement passes (`createRefineState`).
 * @throws RangeError when there are no rows or fewer rows than coefficients; Error for a state not made by createGramPass.
 */
export function solveGramPass(pass: RefineState, options: FitOptions = {}): SolverState {
  const { plan, n } = pass;
  const p = plan.p;
  const m = p + 1;
  if (!pass.gram || pass.keep.length !== p) throw new Error('solveGramPass: the state was not made by createGramPass');
  checkRowCount(plan, n);
  // augmented Gram [ZᵀZ Zᵀr₀; r₀ᵀZ Σr₀²], full m×m, double-double
  const gHi = new Float64Array(m * m);
  const gLo = new Float64Array(m * m);
  for (let c = 0; c < p; c++) {
    for (let i = 0; i <= c; i++) {
      const at = 2 * (i + c * p);
      accumulatorValue(pass.gramSums[at], pass.gramSums[at + 1], T, 0);
      gHi[i + c * m] = gHi[c + i * m] = T[0];
      gLo[i + c * m] = gLo[c + i * m] = T[1];
    }
    accumulatorValue(pass.g[2 * c], pass.g[2 * c + 1], T, 0);
    gHi[c + p * m] = gHi[p + c * m] = T[0];
    gLo[c + p * m] = gLo[p + c * m] = T[1];
  }
  accumulatorValue(pass.sums[0], pass.sums[1], T, 0);
  gHi[p + p * m] = T[0];
  gLo[p + p * m] = T[1];
  const { r, scale } = gramFactor(p, gHi, gLo);
  const base = solverFromFactor(plan, n, r, scale, options);
  const keep = base.keep;
  const k = keep.length;
  const coefHi = Float64Array.from(keep, (j) => pass.coefHi[j]);
  const coefLo = Float64Array.from(keep, (j) => pass.coefLo[j]);
  const start: SolverState = { ...base, coefHi, coefLo, useGram: true, haveGram: false, passes: 0 };
  const keptSet = new Set(keep);
  for (let j = 0; j < p; j++) {
    // b₀ uses a column the full data leave out: its sums do not describe any kept-column
    // solution. Rare (the head kept a column that is collinear in the full data): refine from the data.
    if (!keptSet.has(j) && (pass.coefHi[j] !== 0 || pass.coefLo[j] !== 0)) return { ...start, passes: 1 };
  }
  // the pass's sums restricted to the kept columns, as a refinement pass at b₀
  const at = emptyRefineState(plan, keep, coefHi, coefLo, true);
  at.n = n;
  at.sums.set(pass.sums);
  keep.forEach((j, q) => {
    at.g[2 * q] = pass.g[2 * j];
    at.g[2 * q + 1] = pass.g[2 * j + 1];
    keep.forEach((j2, q2) => {
      if (q > q2) return;
      at.gramSums[2 * (q + q2 * k)] = pass.gramSums[2 * (j + j2 * p)];
      at.gramSums[2 * (q + q2 * k) + 1] = pass.gramSums[2 * (j + j2 * p) + 1];
    });
  });
  return applyRefinement(start, at);
}

/**
 * The one-pass driver over blocks in order: `add` each block (the first ones are kept
 * until `headRows` rows have been seen: pass `copy` when the caller reuses a block's
 * arrays), then `finish` for the solver after the pass.
 */
export interface OnePassFit {
  add(block: RowBlock, copy: boolean): void;
  /** @throws RangeError as solveGramPass. */
  finish(): SolverState;
}

/** Rows [from, to) of a block (views, or copies when `copy`). */
function sliceBlock(block: RowBlock, from: number, to: number, copy = false): RowBlock {
  return {
    columns: block.columns.map((c) => (copy ? c.slice(from, to) : c.subarray(from, to))),
    rowCount: to - from,
    firstRow: block.firstRow + from,
  };
}

/** A one-pass driver (see FitOptions.onePass); `shift` defaults to the first row's values. */
export function createOnePassFit(spec: DesignSpec, options: FitOptions = {}): OnePassFit {
  const limit = Math.max(1, Math.floor(options.headRows ?? HEAD_ROWS) || 1);
  let factor: FactorState | undefined;
  let head: RowBlock[] = [];
  let rows = 0;
  let pass: RefineState | undefined;
  const start = (f: FactorState): RefineState => {
    const s = createGramPass(beginRefinement(f, options));
    for (const b of head) addRowsToRefine(s, b);
    head = [];
    return s;
  };
  return {
    add(block, copy) {
      if (block.rowCount === 0) return;
      if (pass) {
        addRowsToRefine(pass, block);
        return;
      }
      factor ??= createFactorState(spec, options.shift ?? firstRowShift(block.columns));
      // the head ends inside this block: its first rows go to the head, the rest to the pass
      const take = Math.min(block.rowCount, Math.max(limit, factor.plan.p) - rows);
      if (take > 0) {
        const part = take === block.rowCount ? block : sliceBlock(block, 0, take);
        addRowsToFactor(factor, part);
        head.push(copy ? sliceBlock(part, 0, take, true) : part);
        rows += take;
      }
      if (take < block.rowCount) {
        pass = start(factor);
        addRowsToRefine(pass, sliceBlock(block, take, block.rowCount));
      }
    },
    finish() {
      if (!factor) throw new TooFewRowsError(l10n.t('there are no data rows to fit'));
      pass ??= start(factor);
      return solveGramPass(pass, options);
    },
  };
}

/**
 * The one-pass mode split for passes that run elsewhere (worker threads, other machines) and
 * merge: the head solver from the first `max(headRows, p)` rows of `head` — exactly the rows and
 * the shift `createOnePassFit` would use — and its empty Gram pass. Each part of the data is
 * accumulated into a copy of the returned state (`addRowsToRefine`), the parts are merged in a
 * fixed order (`mergeRefines`), and `solveGramPass` finishes; further passes, when the solver
 * asks for them, go the same way from `createRefineState`.
 * @throws RangeError as the factor pass (no rows, non-finite values).
 */
export function onePassTemplate(spec: DesignSpec, head: Iterable<RowBlock>, options: FitOptions = {}): RefineState {
  const limit = Math.max(1, Math.floor(options.headRows ?? HEAD_ROWS) || 1);
  let factor: FactorState | undefined;
  let rows = 0;
  for (const block of head) {
    if (block.rowCount === 0) continue;
    factor ??= createFactorState(spec, options.shift ?? firstRowShift(block.columns));
    const take = Math.min(block.rowCount, Math.max(limit, factor.plan.p) - rows);
    if (take <= 0) break;
    addRowsToFactor(factor, take === block.rowCount ? block : sliceBlock(block, 0, take));
    rows += take;
  }
  if (!factor) throw new TooFewRowsError(l10n.t('there are no data rows to fit'));
  return createGramPass(beginRefinement(factor, options));
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
  // (XᵀX)⁻¹ in the raw basis: entry (s, t) = w_sᵀ w_t with w_t = U⁻ᵀ v_t, v_t = row t of M on
  // the kept columns (XᵀX = Mᵀ⁻¹ ZᵀZ M⁻¹), in double-double; NaN in a dropped term's row and column
  const W = Array.from({ length: p }, (_, t) => {
    if (dropped[t]) return undefined;
    const vh = new Float64Array(k);
    const vl = new Float64Array(k);
    keep.forEach((j, q) => {
      vh[q] = M.hi[t + j * p];
      vl[q] = M.lo[t + j * p];
    });
    solveUpperTransposed(solver.uHi, solver.uLo, k, vh, vl);
    return { vh, vl };
  });
  const normalInverse = new Float64Array(p * p).fill(NaN);
  for (let s = 0; s < p; s++) {
    const a = W[s];
    if (!a) continue;
    for (let t = s; t < p; t++) {
      const b = W[t];
      if (!b) continue;
      let sh = 0;
      let sl = 0;
      for (let q = 0; q < k; q++) {
        ddMul(a.vh[q], a.vl[q], b.vh[q], b.vl[q], T, 0);
        ddAdd(sh, sl, T[0], T[1], T, 2);
        sh = T[2];
        sl = T[3];
      }
      normalInverse[s * p + t] = normalInverse[t * p + s] = sh + sl;
    }
  }
  const covDiag = Float64Array.from({ length: p }, (_, t) => normalInverse[t * p + t]);
  const rss = solver.rssHi + solver.rssLo;
  const tss = solver.tssHi + solver.tssLo;
  if (tss === 0 && n > 1) {
    // exact sums: every y equals the first (centred), or is 0 (uncentred); statsmodels prints
    // slopes of ±1e-114 with infinite t here, a plausible-looking table about nothing
    const value = plan.centered ? plan.targetShift : 0;
    throw new RangeError(
      l10n.t(
        'the target {0} has the same value, {1}, in all {2} rows used: there is nothing for a regression to explain (R², t and F are undefined); choose another target, or check the file',
        plan.targetName,
        formatNumber(value),
        formatCount(n),
      ),
    );
  }
  const conditionNumber = k < p ? Infinity : rawConditionNumber(plan, solver.uHi, solver.uLo);
  if (conditionNumber >= KAPPA_UNRESOLVED && Number.isFinite(conditionNumber)) {
    warnings.push(
      l10n.t(
        'The condition number of the design (≈ {0}, unit-norm columns) is beyond what double precision can resolve (≈ 4.5e15): rounding the data to doubles alone can change the coefficients completely, and predictions computed from them are unreliable. Use fewer terms, a lower degree, or centre and rescale the features.',
        localDigits(conditionNumber.toPrecision(2)),
      ),
    );
  } else if (conditionNumber >= KAPPA_ILL && Number.isFinite(conditionNumber)) {
    warnings.push(
      l10n.t(
        "The design is ill-conditioned (condition number ≈ {0} with unit-norm columns): the coefficients are accurate for the data as given, but a relative change ε in the data can move them by up to about κ·ε, i.e. they depend on more than half of the data's significant digits.",
        localDigits(conditionNumber.toPrecision(2)),
      ),
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
      const names = joinNames(weak.map((j) => plan.names[j]));
      const digits = String(Math.max(0, Math.floor(-Math.log10(worst))));
      warnings.push(
        weak.length > 1
          ? l10n.t('The estimates of {0} may be accurate to only about {1} significant digits: they cancel heavily in the basis the solver uses.', names, digits)
          : l10n.t('The estimate of {0} may be accurate to only about {1} significant digits: they cancel heavily in the basis the solver uses.', names, digits),
      );
    }
  }
  const summary = regressionSummary({
    n,
    rank: k,
    intercept: plan.centered,
    rss,
    tss,
    names: plan.names,
    estimates: coefficients,
    covDiag,
    dropped,
  });
  if (summary.dfResidual === 0) {
    warnings.push(
      l10n.t(
        'There are no residual degrees of freedom ({0} rows for {1} coefficients): the fit is exact, and standard errors, tests and intervals are undefined.',
        String(n),
        String(k),
      ),
    );
  } else if (rss === 0) {
    warnings.push(l10n.t('The model fits the data exactly (residual sum of squares 0): standard errors are 0 and the likelihood is infinite.'));
  }
  const result = {
    n,
    p,
    rank: k,
    terms: summary.terms,
    intercept: plan.intercept,
    rss,
    tss,
    rSquaredKind: plan.centered ? ('centered' as const) : ('uncentered' as const),
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
    refinement: { iterations: solver.iterations, converged: solver.converged, passes: solver.passes },
    coefficients,
    normalInverse,
  };
  // the solver's basis for the after-pass (leverages, robust covariances): W's rows in double-double
  const wHi = new Float64Array(p * k);
  const wLo = new Float64Array(p * k);
  W.forEach((w, t) => {
    if (w) {
      wHi.set(w.vh, t * k);
      wLo.set(w.vl, t * k);
    }
  });
  const basis: SolverBasis = { plan, keep, u: solver.uHi, coef: solver.coefHi.map((h, q) => h + solver.coefLo[q]), wHi, wLo };
  // not enumerable: the result stays plain data for equality, cloning and JSON
  Object.defineProperty(result, 'basis', { value: basis, enumerable: false });
  return Object.defineProperty(result, 'predict', { value: predictor(plan.spec, coefficients), enumerable: false }) as typeof result & {
    readonly predict: Predict;
    readonly basis: SolverBasis;
  };
}

// ---------------------------------------------------------------------------------------
// Drivers

function firstRowShift(columns: readonly Float64Array[]): Float64Array {
  return Float64Array.from(columns, (c) => c[0]);
}

/**
 * The one driver of the passes over the rows, whatever holds them (an in-memory table, an
 * async block stream, a file read by a Node reader): `add` each block of the current pass,
 * then `endPass()`, which says whether another pass over the same rows is needed (rarely:
 * very ill-conditioned designs; with `onePass: false`, typically once), and `result()` once
 * it says no. Memory is bounded by the head (`headRows` rows) plus O(p²).
 */
export interface FitDriver {
  /** Adds a block of the current pass; `copy` when the caller will reuse the block's arrays. */
  add(block: RowBlock, copy?: boolean): void;
  /** @returns whether another pass over the same rows (in any order) is needed. @throws RangeError as fitLeastSquares. */
  endPass(): boolean;
  /** @throws Error when called before `endPass()` returned false. */
  result(): LeastSquaresResult;
}

/** A driver for one fit; `options.shift` defaults to the first row's values. */
export function createFitDriver(spec: DesignSpec, options: FitOptions = {}): FitDriver {
  const first = (options.onePass ?? true) ? createOnePassFit(spec, options) : undefined;
  let factor: FactorState | undefined;
  let solver: SolverState | undefined;
  let pass: RefineState | undefined;
  return {
    add(block, copy = false) {
      if (block.rowCount === 0) return;
      if (solver) {
        pass ??= createRefineState(solver);
        addRowsToRefine(pass, block);
      } else if (first) {
        first.add(block, copy);
      } else {
        factor ??= createFactorState(spec, options.shift ?? firstRowShift(block.columns));
        addRowsToFactor(factor, block);
      }
    },
    endPass() {
      if (solver) {
        solver = applyRefinement(solver, pass ?? createRefineState(solver));
        pass = undefined;
      } else if (first) {
        solver = first.finish();
      } else {
        if (!factor) throw new TooFewRowsError(l10n.t('there are no data rows to fit'));
        solver = beginRefinement(factor, options);
      }
      return !solver.done;
    },
    result() {
      if (!solver?.done) throw new Error('the fit needs another pass over the rows (see FitDriver.endPass)');
      return finishFit(solver);
    },
  };
}

/**
 * Fits `spec` to an in-memory table over `tableBlocks(table)`, exactly as
 * `fitLeastSquaresStream` does (one pass, more only when the convergence test asks for
 * them; with `onePass: false` a factor pass and refinement passes). The table is not modified.
 * @throws RangeError for an empty table, more coefficients than rows, non-finite data (naming row and column).
 * @example fitLeastSquares(makeTable(['y', 'x'], [Float64Array.of(1, 3, 5), Float64Array.of(0, 1, 2)]),
 *   designSpec(['y', 'x'], { target: 'y', features: ['x'] })).coefficients // Float64Array [1, 2]
 */
export function fitLeastSquares(table: Table, spec: DesignSpec, options: FitOptions = {}): LeastSquaresResult {
  if (table.rowCount === 0) throw new TooFewRowsError(l10n.t('there are no data rows to fit'));
  const fit = createFitDriver(spec, { ...options, shift: options.shift ?? firstRowShift(table.columns) });
  do {
    for (const block of tableBlocks(table)) fit.add(block);
  } while (fit.endPass());
  return fit.result();
}

/**
 * Fits `spec` to rows streamed in blocks; `source()` is called once per pass.
 * Memory is bounded by the head (`headRows` rows, copied) plus one block plus O(p²).
 * @throws RangeError as fitLeastSquares; Error when passes disagree on the number of rows.
 */
export async function fitLeastSquaresStream(source: BlockSource, spec: DesignSpec, options: FitOptions = {}): Promise<LeastSquaresResult> {
  const fit = createFitDriver(spec, options);
  do {
    for await (const block of source()) fit.add(block, true);
  } while (fit.endPass());
  return fit.result();
}
