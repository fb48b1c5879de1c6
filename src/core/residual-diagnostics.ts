/**
 * The normality and autocorrelation block under statsmodels' OLS summary, from the residuals in
 * row order: Omnibus (D'Agostino–Pearson K², scipy.stats.normaltest) and its p-value, skew,
 * kurtosis (Pearson, not excess), Durbin–Watson, Jarque–Bera and its p-value. Streamed: the
 * residuals arrive in blocks (a file's pass) and the moments are updated online (Pébay's
 * one-pass central-moment update, stable where raw power sums cancel), so no residual is kept.
 */

export interface ResidualDiagnostics {
  readonly omnibus: number;
  readonly omnibusPValue: number;
  readonly skew: number;
  readonly kurtosis: number;
  readonly durbinWatson: number;
  readonly jarqueBera: number;
  readonly jarqueBeraPValue: number;
}

/** Fewer residuals than this: the omnibus test is not defined (NaN, as statsmodels returns). */
export const OMNIBUS_MIN_ROWS = 8;

/** Accumulates residuals in row order; `result()` any time after the last block. */
export class ResidualMoments {
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private m3 = 0;
  private m4 = 0;
  /** Σ r², Σ (r_t − r_{t−1})², and the last residual seen (Durbin–Watson across blocks). */
  private sumSq = 0;
  private sumDiffSq = 0;
  private last = NaN;

  add(residuals: ArrayLike<number>): void {
    for (let i = 0; i < residuals.length; i++) {
      const r = residuals[i];
      const n1 = this.n;
      const n = n1 + 1;
      const delta = r - this.mean;
      const dn = delta / n;
      const dn2 = dn * dn;
      const t1 = delta * dn * n1;
      this.mean += dn;
      this.m4 += t1 * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * this.m2 - 4 * dn * this.m3;
      this.m3 += t1 * dn * (n - 2) - 3 * dn * this.m2;
      this.m2 += t1;
      this.n = n;
      this.sumSq += r * r;
      if (n1 > 0) this.sumDiffSq += (r - this.last) * (r - this.last);
      this.last = r;
    }
  }

  result(): ResidualDiagnostics {
    return diagnosticsOf(this.n, this.m2 / this.n, this.m3 / this.n, this.m4 / this.n, this.sumDiffSq / this.sumSq);
  }
}

/** The diagnostics of one array of residuals (in row order). */
export function residualDiagnostics(residuals: ArrayLike<number>): ResidualDiagnostics {
  const m = new ResidualMoments();
  m.add(residuals);
  return m.result();
}

/** From the biased central moments m2, m3, m4 (means over n), as scipy's skew, kurtosis and normaltest. */
function diagnosticsOf(n: number, m2: number, m3: number, m4: number, durbinWatson: number): ResidualDiagnostics {
  const skew = m3 / m2 ** 1.5;
  const kurtosis = m4 / (m2 * m2);
  const jarqueBera = (n / 6) * (skew * skew + ((kurtosis - 3) * (kurtosis - 3)) / 4);
  const omnibus = n < OMNIBUS_MIN_ROWS ? NaN : skewZ(skew, n) ** 2 + kurtosisZ(kurtosis, n) ** 2;
  // the χ² survival function with 2 degrees of freedom is exp(−x/2)
  return { omnibus, omnibusPValue: Math.exp(-omnibus / 2), skew, kurtosis, durbinWatson, jarqueBera, jarqueBeraPValue: Math.exp(-jarqueBera / 2) };
}

/** scipy.stats.skewtest's Z (D'Agostino 1970), including its y = 0 → 1 rule. */
function skewZ(b2: number, n: number): number {
  let y = b2 * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const W2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(W2));
  const alpha = Math.sqrt(2 / (W2 - 1));
  if (y === 0) y = 1;
  return delta * Math.log(y / alpha + Math.sqrt((y / alpha) ** 2 + 1));
}

/** scipy.stats.kurtosistest's Z (Anscombe & Glynn 1983) for Pearson's kurtosis b2. */
function kurtosisZ(b2: number, n: number): number {
  const E = (3 * (n - 1)) / (n + 1);
  const varb2 = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const x = (b2 - E) / Math.sqrt(varb2);
  const sqrtbeta1 = ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) * Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const A = 6 + (8 / sqrtbeta1) * (2 / sqrtbeta1 + Math.sqrt(1 + 4 / (sqrtbeta1 * sqrtbeta1)));
  const term1 = 1 - 2 / (9 * A);
  const denom = 1 + x * Math.sqrt(2 / (A - 4));
  const term2 = denom === 0 ? NaN : Math.sign(denom) * Math.cbrt((1 - 2 / A) / Math.abs(denom)) ;
  return (term1 - term2) / Math.sqrt(2 / (9 * A));
}
