/**
 * The covariances behind a fit's standard errors, as statsmodels names them (its `cov_type`):
 * the names alone, so a view can offer them without the statistics that compute them
 * (robust-covariance.ts).
 */
import * as l10n from '@vscode/l10n';

export const COV_TYPES = ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3'] as const;
export type CovType = (typeof COV_TYPES)[number];
export type RobustCovType = Exclude<CovType, 'nonrobust'>;

/**
 * Each choice in English, as the exported report and the statsmodels-style summary write it
 * (they are not translated); the panel shows {@link covTypeLabels}.
 */
export const COV_TYPE_LABELS: Readonly<Record<CovType, string>> = {
  nonrobust: 'classical (nonrobust)',
  HC0: 'HC0 (White)',
  HC1: 'HC1 (White, n/(n−k))',
  HC2: 'HC2 (leverage-adjusted)',
  HC3: 'HC3 (MacKinnon–White, jackknife-like)',
};

/** What a user reads in the panel for each choice, in the display language. */
export function covTypeLabels(): Readonly<Record<CovType, string>> {
  return {
    nonrobust: l10n.t('classical (nonrobust)'),
    HC0: l10n.t('HC0 (White)'),
    HC1: l10n.t('HC1 (White, n/(n−k))'),
    HC2: l10n.t('HC2 (leverage-adjusted)'),
    HC3: l10n.t('HC3 (MacKinnon–White, jackknife-like)'),
  };
}
