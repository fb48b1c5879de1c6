import type { ResidualDiagnostics } from './residual-diagnostics';
import type { FitResult } from './fit-result';
import { formatNumber, formatPValue } from './number-format';

const W = 78;

/**
 * A plain-text summary in the layout of statsmodels' OLS summary, for the terminal and reports.
 * Column names are printed as given (this is text, never markup).
 */
export function formatFitSummary(
  fit: FitResult,
  context: { target: string; file?: string; rowsDropped?: number; diagnostics?: ResidualDiagnostics },
): string {
  const pair = (l: string, lv: string, r: string, rv: string) =>
    `${l.padEnd(18)}${lv.padStart(20)}   ${r}${rv.padStart(Math.max(1, 37 - r.length))}`;
  const lines: string[] = [];
  lines.push('Ordinary least squares'.padStart((W + 22) / 2));
  lines.push('='.repeat(W));
  // as statsmodels: without a constant R² compares with Σy², and says so
  const kind = fit.rSquaredKind === 'uncentered' ? ' (uncentered)' : '';
  lines.push(pair('Dep. Variable:', clip(context.target, 20), `R-squared${kind}:`, fit.rSquared.toFixed(4)));
  lines.push(pair('File:', clip(context.file ?? '', 20), `Adj. R-squared${kind}:`, fit.adjRSquared.toFixed(4)));
  lines.push(pair('No. Observations:', String(fit.n), 'F-statistic:', formatNumber(fit.fStatistic, 4)));
  lines.push(pair('Rows dropped:', String(context.rowsDropped ?? 0), 'Prob (F-statistic):', formatPValue(fit.fPValue)));
  lines.push(pair('Df Residuals:', String(fit.dfResidual), 'Log-Likelihood:', formatNumber(fit.logLikelihood, 6)));
  lines.push(pair('Df Model:', String(fit.dfModel), 'AIC:', formatNumber(fit.aic, 6)));
  lines.push(pair('Rank:', `${fit.rank} of ${fit.p}`, 'BIC:', formatNumber(fit.bic, 6)));
  lines.push(pair('Residual std dev:', formatNumber(fit.residualStdDev, 6), 'Cond. No. (scaled):', formatNumber(fit.conditionNumber, 3)));
  lines.push(pair('Covariance Type:', fit.covType ?? 'nonrobust', '', '').trimEnd());
  lines.push('='.repeat(W));
  const nameWidth = Math.min(24, Math.max(12, ...fit.terms.map((t) => t.name.length)));
  const head = ['coef', 'std err', 't', 'P>|t|', '[0.025', '0.975]'];
  lines.push(''.padEnd(nameWidth) + head.map((h) => h.padStart(11)).join(''));
  lines.push('-'.repeat(W));
  for (const t of fit.terms) {
    const cells = t.dropped
      ? ['(dropped: collinear)'.padStart(22)]
      : [t.estimate, t.stdError, t.t]
          .map((v) => formatNumber(v, 5))
          .concat(formatPValue(t.pValue), formatNumber(t.ci95[0], 5), formatNumber(t.ci95[1], 5))
          .map((c) => ' ' + c.padStart(10));
    lines.push(clip(t.name, nameWidth).padEnd(nameWidth) + cells.join(''));
  }
  lines.push('='.repeat(W));
  const d = context.diagnostics;
  if (d) {
    // statsmodels' block under the coefficients, with its three decimals
    const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v).toLowerCase());
    lines.push(pair('Omnibus:', f3(d.omnibus), 'Durbin-Watson:', f3(d.durbinWatson)));
    lines.push(pair('Prob(Omnibus):', f3(d.omnibusPValue), 'Jarque-Bera (JB):', f3(d.jarqueBera)));
    lines.push(pair('Skew:', f3(d.skew), 'Prob(JB):', f3(d.jarqueBeraPValue)));
    lines.push(pair('Kurtosis:', f3(d.kurtosis), '', '').trimEnd());
    lines.push('='.repeat(W));
  }
  if (fit.warnings.length > 0) {
    lines.push('Warnings:');
    fit.warnings.forEach((w, i) => lines.push(`[${i + 1}] ${w}`));
  }
  return lines.join('\n');
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}
