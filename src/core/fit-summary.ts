/**
 * The closed-form summary as it is shown and written (the panel's table, the report, the CLI's
 * JSON): a projection of a {@link FitResult} where every non-finite number is null (JSON has no
 * NaN or ±∞, and a chart must never see one). One projection for every view.
 */
import * as l10n from '@vscode/l10n';
import type { DesignChoice } from './choices';
import type { FitResult } from './fit-result';
import { formatNumber } from './number-format';
import type { CovType } from './cov-types';

/** One coefficient row of the summary. */
export interface TermRow {
  readonly name: string;
  readonly estimate: number | null;
  readonly stdError: number | null;
  readonly t: number | null;
  readonly pValue: number | null;
  readonly ci95: readonly [number | null, number | null];
  readonly dropped: boolean;
  /** Variance inflation factor (every term but the intercept, when computed; null where undefined). */
  readonly vif?: number | null;
}

/** The statsmodels-style summary. */
export interface FitSummary {
  readonly n: number;
  readonly p: number;
  readonly rank: number;
  readonly terms: readonly TermRow[];
  readonly residualStdDev: number | null;
  readonly rSquared: number | null;
  readonly adjRSquared: number | null;
  /** Whether R² is centred; statsmodels labels the other "R-squared (uncentered)". */
  readonly rSquaredKind: 'centered' | 'uncentered';
  readonly rss: number | null;
  readonly tss: number | null;
  /** The covariance behind the standard errors, t, p, intervals and F (statsmodels' cov_type). */
  readonly covType: CovType;
  readonly fStatistic: number | null;
  readonly fPValue: number | null;
  readonly logLikelihood: number | null;
  readonly aic: number | null;
  readonly bic: number | null;
  readonly conditionNumber: number | null;
  readonly dfModel: number;
  readonly dfResidual: number;
  readonly warnings: readonly string[];
  /** Set for the constant model: "the estimate is the mean of y, 4.2" (the chapter's first exercise). */
  readonly note?: string;
}

/** A finite number, or null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * The summary of `fit` for the model `design` (its target names the constant model's note).
 * @example summarizeFit(fit, { target: 'y', features: [], intercept: true }).note // 'The constant model: its estimate is the mean of y, …'
 */
export function summarizeFit(
  fit: FitResult & { readonly coefficients?: ArrayLike<number> },
  design: Pick<DesignChoice, 'target' | 'features' | 'intercept'>,
  /** Per term after the intercept (FitDiagnostics.vif). */
  vif?: ArrayLike<number>,
  /** Keep ±∞ and NaN as they are (the CLI's JSON writes them as strings) instead of null. */
  options: { readonly keepNonFinite?: boolean } = {},
): FitSummary {
  const first = fit.intercept ? 1 : 0;
  const f = options.keepNonFinite ? (x: number) => x : finiteOrNull;
  const constant = design.features.length === 0 && design.intercept;
  const mean = fit.coefficients?.[0] ?? fit.terms[0]?.estimate ?? NaN;
  return {
    n: fit.n,
    p: fit.p,
    rank: fit.rank,
    terms: fit.terms.map((t, k) => ({
      name: t.name,
      estimate: f(t.estimate),
      stdError: f(t.stdError),
      t: f(t.t),
      pValue: f(t.pValue),
      ci95: [f(t.ci95[0]), f(t.ci95[1])],
      dropped: t.dropped,
      ...(vif && k >= first ? { vif: f(vif[k - first]) } : {}),
    })),
    residualStdDev: f(fit.residualStdDev),
    rSquared: f(fit.rSquared),
    adjRSquared: f(fit.adjRSquared),
    rSquaredKind: fit.rSquaredKind,
    rss: f(fit.rss),
    tss: f(fit.tss),
    covType: fit.covType ?? 'nonrobust',
    fStatistic: f(fit.fStatistic),
    fPValue: f(fit.fPValue),
    logLikelihood: f(fit.logLikelihood),
    aic: f(fit.aic),
    bic: f(fit.bic),
    conditionNumber: f(fit.conditionNumber),
    dfModel: fit.dfModel,
    dfResidual: fit.dfResidual,
    warnings: [...fit.warnings],
    ...(constant
      ? {
          note: l10n.t(
            "The constant model: its estimate is the mean of {0}, {1}. Minimizing Σ(yᵢ − b)² over b gives b = ȳ (the chapter's first exercise).",
            design.target,
            formatNumber(mean),
          ),
        }
      : {}),
  };
}
