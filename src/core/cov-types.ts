/**
 * The covariances behind a fit's standard errors, as statsmodels names them (its `cov_type`):
 * the names alone, so a view can offer them without the statistics that compute them
 * (robust-covariance.ts).
 */
export const COV_TYPES = ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3'] as const;
export type CovType = (typeof COV_TYPES)[number];
export type RobustCovType = Exclude<CovType, 'nonrobust'>;

/** What a user reads in the summary for each choice. */
export const COV_TYPE_LABELS: Readonly<Record<CovType, string>> = {
  nonrobust: 'classical (nonrobust)',
  HC0: 'HC0 (White)',
  HC1: 'HC1 (White, n/(n−k))',
  HC2: 'HC2 (leverage-adjusted)',
  HC3: 'HC3 (MacKinnon–White, jackknife-like)',
};
