/**
 * Heteroskedasticity-consistent ("robust", White/MacKinnon) covariances of the coefficients, as
 * statsmodels' `OLS(...).fit(cov_type='HC0'…'HC3', use_t=True)`:
 *   V = B · (Σᵢ ωᵢ xᵢxᵢᵀ) · B,  B = (XᵀX)⁻¹,
 * with ωᵢ = eᵢ² (HC0), n/(n − rank)·eᵢ² (HC1), eᵢ²/(1 − hᵢ) (HC2), eᵢ²/(1 − hᵢ)² (HC3), hᵢ = xᵢᵀBxᵢ
 * the row's leverage. Streamed: one pass over the rows at the final coefficients accumulates the
 * three "meat" matrices (HC1 scales HC0's), in the solver's basis (see RowBasis). Inference from V: SE = √Vⱼⱼ, t and its two-sided p
 * from Student t(n − rank), t-based 95% intervals, and the F test of every slope as a Wald test
 * with V (statsmodels' `fvalue` under a robust cov_type).
 */
import tcdf from '@stdlib/stats-base-dists-t-cdf';
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import { ddAdd, ddMul } from './double-double';
import { revised, type FitResult, type TermEstimate } from './fit-result';
import type { SolverBasis } from './least-squares';
import { fUpperTail } from './regression-stats';
import type { RowBlock } from './table';
import type { CovType, RobustCovType } from './cov-types';

export { COV_TYPES, COV_TYPE_LABELS, type CovType, type RobustCovType } from './cov-types';


/**
 * Row statistics in the solver's basis: the shifted design row z (kept columns), q = U⁻ᵀz (so the
 * leverage is h = ‖q‖²), and the residual. Formed in the basis the solver certified, not as
 * xᵀ(XᵀX)⁻¹x in the raw one, which cancels on ill-conditioned designs (Longley: 1e-8 relative).
 */
export class RowBasis {
  readonly k: number;
  /** q = U⁻ᵀz of the last row given to `row`. */
  readonly q: Float64Array;

  constructor(private readonly basis: SolverBasis) {
    this.k = basis.keep.length;
    this.q = new Float64Array(this.k);
  }

  /** Row i of a block the spec indexes: fills `q` and returns the residual y − ŷ. */
  row(block: RowBlock, i: number): number {
    const { plan, keep, u, coef } = this.basis;
    const k = this.k;
    const q = this.q;
    let fitted = 0;
    for (let a = 0; a < k; a++) {
      const j = keep[a];
      const src = plan.source[j];
      const z = src < 0 ? 1 : (block.columns[src][i] - plan.shift[j]) ** plan.power[j];
      fitted += coef[a] * z;
      // forward substitution Uᵀq = z (U column-major: U[r, a] at r + a·k)
      let v = z;
      for (let r = 0; r < a; r++) v -= u[r + a * k] * q[r];
      q[a] = v / u[a + a * k];
    }
    return block.columns[plan.target][i] - fitted;
  }

  /** The leverage of the last row given to `row`: hᵢ = ‖qᵢ‖². */
  leverage(): number {
    let h = 0;
    for (let a = 0; a < this.k; a++) h += this.q[a] * this.q[a];
    return h;
  }
}

/** The kept (not dropped) coefficients' indices. */
export function keptTerms(fit: Pick<FitResult, 'terms'>): number[] {
  return fit.terms.flatMap((t, j) => (t.dropped ? [] : [j]));
}

/** Accumulates the sandwich's middle over the rows the model used, at the final coefficients. */
export class SandwichPass {
  private readonly rows: RowBasis;
  /** Σ ω qqᵀ for ω = e², e²/(1−h), e²/(1−h)² (k×k, upper triangles). */
  private readonly meat: Float64Array[];
  private n = 0;

  constructor(private readonly fit: { readonly basis: SolverBasis; readonly terms: FitResult['terms'] }) {
    this.rows = new RowBasis(fit.basis);
    const k = this.rows.k;
    this.meat = [0, 1, 2].map(() => new Float64Array(k * k));
  }

  add(block: RowBlock): void {
    const rows = this.rows;
    const k = rows.k;
    const q = rows.q;
    const [m0, m2, m3] = this.meat;
    for (let i = 0; i < block.rowCount; i++) {
      const e = rows.row(block, i);
      const h = rows.leverage();
      const w0 = e * e;
      const w2 = w0 / (1 - h);
      const w3 = w2 / (1 - h);
      for (let a = 0; a < k; a++) {
        const qa = q[a];
        for (let b = a; b < k; b++) {
          const qq = qa * q[b];
          m0[a * k + b] += w0 * qq;
          m2[a * k + b] += w2 * qq;
          m3[a * k + b] += w3 * qq;
        }
      }
    }
    this.n += block.rowCount;
  }

  /**
   * The robust covariance of `type`, p×p row-major (NaN for dropped terms): V = G S Gᵀ with
   * S = Σ ω qqᵀ, since Bxᵢ = G qᵢ; formed in double-double as (XᵀX)⁻¹ itself is.
   */
  covariance(type: RobustCovType, dfResidual: number): Float64Array {
    const { wHi, wLo } = this.fit.basis;
    const k = this.rows.k;
    const p = this.fit.terms.length;
    const S = this.meat[type === 'HC2' ? 1 : type === 'HC3' ? 2 : 0];
    const scale = type === 'HC1' ? this.n / dfResidual : 1;
    const kept = keptTerms(this.fit);
    const T = new Float64Array(4);
    // SW: column t is S·w_t (double-double)
    const swHi = new Float64Array(k * p);
    const swLo = new Float64Array(k * p);
    for (const t of kept) {
      for (let a = 0; a < k; a++) {
        let sh = 0;
        let sl = 0;
        for (let b = 0; b < k; b++) {
          const sab = a <= b ? S[a * k + b] : S[b * k + a];
          ddMul(sab, 0, wHi[t * k + b], wLo[t * k + b], T, 0);
          ddAdd(sh, sl, T[0], T[1], T, 2);
          sh = T[2];
          sl = T[3];
        }
        swHi[t * k + a] = sh;
        swLo[t * k + a] = sl;
      }
    }
    const V = new Float64Array(p * p).fill(NaN);
    for (const s of kept) {
      for (const t of kept) {
        if (t < s) continue;
        let sh = 0;
        let sl = 0;
        for (let a = 0; a < k; a++) {
          ddMul(wHi[s * k + a], wLo[s * k + a], swHi[t * k + a], swLo[t * k + a], T, 0);
          ddAdd(sh, sl, T[0], T[1], T, 2);
          sh = T[2];
          sl = T[3];
        }
        V[s * p + t] = V[t * p + s] = (sh + sl) * scale;
      }
    }
    return V;
  }
}

/**
 * The fit's inference redone from a coefficient covariance `V` (p×p): standard errors, t, p,
 * 95% intervals and the F test (a Wald test of every slope with V). R², the likelihood and
 * everything else are the fit's own.
 */
export function withCovariance<F extends FitResult>(fit: F, V: Float64Array, covType: CovType): F {
  const df = fit.dfResidual;
  const tcrit = df > 0 ? tquantile(0.975, df) : NaN;
  const p = fit.terms.length;
  const terms: TermEstimate[] = fit.terms.map((t, j) => {
    if (t.dropped) return t;
    const stdError = Math.sqrt(V[j * p + j]);
    const tv = t.estimate / stdError;
    const pValue = Number.isNaN(tv) || df <= 0 ? NaN : Math.min(1, 2 * tcdf(-Math.abs(tv), df));
    const half = tcrit * stdError;
    return { ...t, stdError, t: tv, pValue, ci95: [t.estimate - half, t.estimate + half] as const };
  });
  const slopes = keptTerms(fit).filter((j) => !(fit.intercept && j === 0));
  const { fStatistic, fPValue } = waldF(fit.terms.map((t) => t.estimate), V, slopes, df);
  return revised<FitResult>(fit, { terms, fStatistic, fPValue, covType }) as F;
}

/** F = (Rb)ᵀ(RVRᵀ)⁻¹(Rb)/q for R selecting `rows`, with its p-value from F(q, df). */
function waldF(b: readonly number[], V: Float64Array, rows: readonly number[], df: number): { fStatistic: number; fPValue: number } {
  const q = rows.length;
  const p = b.length;
  if (q === 0 || df <= 0) return { fStatistic: NaN, fPValue: NaN };
  // Cholesky of the q×q block of V, then ‖L⁻¹ Rb‖²
  const L = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = V[rows[i] * p + rows[j]];
      for (let k = 0; k < j; k++) s -= L[i * q + k] * L[j * q + k];
      if (i === j) {
        if (!(s > 0)) return { fStatistic: NaN, fPValue: NaN };
        L[i * q + i] = Math.sqrt(s);
      } else L[i * q + j] = s / L[j * q + j];
    }
  }
  const z = new Float64Array(q);
  let f = 0;
  for (let i = 0; i < q; i++) {
    let s = b[rows[i]];
    for (let k = 0; k < i; k++) s -= L[i * q + k] * z[k];
    z[i] = s / L[i * q + i];
    f += z[i] * z[i];
  }
  const fStatistic = f / q;
  return { fStatistic, fPValue: fUpperTail(fStatistic, q, df) };
}

/** σ̂²·(XᵀX)⁻¹: the classical covariance of the coefficients (statsmodels' nonrobust cov_params). */
export function classicalCovariance(fit: Pick<FitResult, 'residualStdDev'> & { readonly normalInverse: Float64Array }): Float64Array {
  const s2 = fit.residualStdDev * fit.residualStdDev;
  return fit.normalInverse.map((b) => s2 * b);
}
