import type { CovType } from './cov-types';

/** One coefficient of a closed-form fit, as reported (original units). */
export interface TermEstimate {
  readonly name: string;
  readonly estimate: number;
  readonly stdError: number;
  readonly t: number;
  readonly pValue: number;
  readonly ci95: readonly [number, number];
  /** True when the term was dropped as collinear with earlier ones (estimate etc. are NaN). */
  readonly dropped: boolean;
}

/**
 * The closed-form least-squares result with the statistics of statsmodels' OLS summary.
 * Plain data (no functions) so it crosses worker and webview boundaries as is.
 */
export interface FitResult {
  /** Rows used. */
  readonly n: number;
  /** Coefficients in the model, intercept included (dropped ones too). */
  readonly p: number;
  /** Numerical rank of the design. */
  readonly rank: number;
  /** Intercept first, named `(intercept)`, then the terms in order. */
  readonly terms: readonly TermEstimate[];
  readonly intercept: boolean;
  readonly rss: number;
  /** Total sum of squares: centred with an intercept, uncentred (Σy²) without, as NIST. */
  readonly tss: number;
  /** R² from a centred TSS (an intercept, or dummies that span the constant), or from Σy² (statsmodels: "R-squared (uncentered)"). */
  readonly rSquaredKind: 'centered' | 'uncentered';
  readonly dfModel: number;
  readonly dfResidual: number;
  /** σ̂ = √(RSS / (n − rank)). */
  readonly residualStdDev: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  readonly fStatistic: number;
  readonly fPValue: number;
  /** Gaussian log-likelihood at the MLE σ̂² = RSS/n. */
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
  /** 2-norm condition number of the design with unit-norm columns. */
  readonly conditionNumber: number;
  /** Plain sentences for the user: collinear columns, ill-conditioning, too few rows. */
  readonly warnings: readonly string[];
  /**
   * How the solution was polished: refinement steps, whether they converged, and the
   * passes over the data in all (1 when the one-pass mode certified its first step).
   */
  readonly refinement: { readonly iterations: number; readonly converged: boolean; readonly passes: number };
  /** The covariance behind the standard errors, t, p, intervals and F (absent: the classical one). */
  readonly covType?: CovType;
}

/**
 * `base` with `changes`, keeping its non-enumerable fields (a fit's `predict` and solver `basis`
 * are hidden so the result stays plain data; a spread alone would drop them).
 */
export function revised<T extends object>(base: T, changes: Partial<T>): T {
  const out = { ...base, ...changes };
  for (const key of Object.getOwnPropertyNames(base)) {
    const d = Object.getOwnPropertyDescriptor(base, key)!;
    if (!d.enumerable) Object.defineProperty(out, key, d);
  }
  return out;
}
