import tcdf from '@stdlib/stats-base-dists-t-cdf';
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import betainc from '@stdlib/math-base-special-betainc';
import type { FitResult, TermEstimate } from './fit-result';

/** What the inference needs from a least-squares fit. */
export interface RegressionSummaryInput {
  readonly n: number;
  /** Numerical rank: the number of fitted (non-dropped) coefficients. */
  readonly rank: number;
  readonly intercept: boolean;
  /** Residual sum of squares. */
  readonly rss: number;
  /** Centred total sum of squares with an intercept, Σy² without. */
  readonly tss: number;
  readonly names: readonly string[];
  /** Coefficients in the raw basis (ignored where dropped). */
  readonly estimates: Float64Array;
  /** diag((XᵀX)⁻¹) in the raw basis: SE_j = σ̂·√covDiag_j. */
  readonly covDiag: Float64Array;
  readonly dropped: readonly boolean[];
}

/** The statistics of statsmodels' OLS summary, as in `FitResult`. */
export type RegressionSummary = Pick<
  FitResult,
  'terms' | 'dfModel' | 'dfResidual' | 'residualStdDev' | 'rSquared' | 'adjRSquared' | 'fStatistic' | 'fPValue' | 'logLikelihood' | 'aic' | 'bic'
>;

/**
 * Inference for a least-squares fit, statsmodels' conventions:
 * σ̂² = RSS/(n − rank); t = estimate/SE with two-sided p from Student t(n − rank);
 * 95% CI = estimate ± t₀.₉₇₅·SE; R² = 1 − RSS/TSS (TSS centred with an intercept,
 * uncentred without); adjusted R² = 1 − (n − i)/(n − rank)·(1 − R²) with i = 1 for an
 * intercept; F = ((TSS − RSS)/dfModel)/(RSS/dfResidual), dfModel = rank − i;
 * log-likelihood = −n/2·(log 2π + log(RSS/n) + 1); AIC = −2LL + 2·rank; BIC = −2LL + rank·log n.
 *
 * Degenerate cases, decided on purpose: no residual degrees of freedom → σ̂, SEs, t, p,
 * CIs, adjusted R² and F are NaN; TSS = 0 → R² NaN; dfModel = 0 → F and its p NaN;
 * RSS = 0 with TSS > 0 → R² = 1, F = ∞ with p = 0, SEs 0, log-likelihood +∞.
 * @example regressionSummary({ n: 3, rank: 1, intercept: true, rss: 2, tss: 2, names: ['(intercept)'],
 *   estimates: Float64Array.of(2), covDiag: Float64Array.of(1 / 3), dropped: [false] }).terms[0].stdError // √(1/3)
 */
export function regressionSummary(input: RegressionSummaryInput): RegressionSummary {
  const { n, rank, intercept, rss, tss } = input;
  const k0 = intercept ? 1 : 0;
  const dfResidual = n - rank;
  const dfModel = rank - k0;
  const sigma2 = dfResidual > 0 ? rss / dfResidual : NaN;
  const sigma = Math.sqrt(sigma2);
  const tcrit = dfResidual > 0 ? tquantile(0.975, dfResidual) : NaN;
  const terms: TermEstimate[] = input.names.map((name, j) => {
    if (input.dropped[j]) {
      return { name, estimate: NaN, stdError: NaN, t: NaN, pValue: NaN, ci95: [NaN, NaN] as const, dropped: true };
    }
    const estimate = input.estimates[j];
    const stdError = sigma * Math.sqrt(input.covDiag[j]);
    const t = estimate / stdError;
    const pValue = Number.isNaN(t) ? NaN : Math.min(1, 2 * tcdf(-Math.abs(t), dfResidual));
    const half = tcrit * stdError;
    return { name, estimate, stdError, t, pValue, ci95: [estimate - half, estimate + half] as const, dropped: false };
  });
  const rSquared = tss > 0 ? 1 - rss / tss : NaN;
  const adjRSquared = dfResidual > 0 ? 1 - ((n - k0) / dfResidual) * (1 - rSquared) : NaN;
  let fStatistic = NaN;
  let fPValue = NaN;
  if (dfModel > 0 && dfResidual > 0 && tss > 0) {
    if (rss > 0) {
      fStatistic = (Math.max(0, tss - rss) / dfModel) / (rss / dfResidual);
      fPValue = fUpperTail(fStatistic, dfModel, dfResidual);
    } else {
      fStatistic = Infinity;
      fPValue = 0;
    }
  }
  const logLikelihood = n > 0 ? (rss > 0 ? (-n / 2) * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1) : Infinity) : NaN;
  const aic = -2 * logLikelihood + 2 * rank;
  const bic = -2 * logLikelihood + rank * Math.log(n);
  return {
    terms,
    dfModel,
    dfResidual,
    residualStdDev: sigma,
    rSquared,
    adjRSquared,
    fStatistic,
    fPValue,
    logLikelihood,
    aic,
    bic,
  };
}

/**
 * P(F(d1, d2) > f) = I_x(d2/2, d1/2) with x = d2/(d2 + d1·f), the regularized incomplete beta
 * evaluated on its small side: x is exact to rounding, so tiny p-values keep full relative
 * accuracy (the F cdf at 1/f went through 1 − x and kept only ~1e-11 at p ≈ 1e-303).
 */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0) || Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const x = d2 / (d2 + d1 * f);
  return x < 0.5 ? betainc(x, d2 / 2, d1 / 2, true, false) : betainc((d1 * f) / (d2 + d1 * f), d1 / 2, d2 / 2, true, true);
}
