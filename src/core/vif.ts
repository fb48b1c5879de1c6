/**
 * Variance inflation factors, as statsmodels' `variance_inflation_factor(exog, j)`: 1 / (1 − R²ⱼ)
 * of column j regressed on the other design columns. That regression's residual sum of squares
 * is 1 / [(XᵀX)⁻¹]ⱼⱼ, and [(XᵀX)⁻¹]ⱼⱼ = (SEⱼ / σ̂)² from the fit itself, so VIFⱼ = (SEⱼ / σ̂)² · SSⱼ,
 * SSⱼ the column's sum of squares about its mean when the design has a constant (statsmodels then
 * centres R²), about 0 when it has none. The sums are streamed (one pass with the residuals).
 */
import * as l10n from '@vscode/l10n';
import type { DesignSpec } from './design-matrix';
import { formatCount, localDigits } from './number-format';
import type { RowBlock } from './table';

/** VIF above this: the column is nearly a combination of the others (the usual rule of thumb). */
export const HIGH_VIF = 10;

/** Each design term's mean and sums of squares over the rows, in one pass (Welford). */
export class TermSums {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly sq: Float64Array;

  constructor(private readonly spec: DesignSpec) {
    const k = spec.terms.length;
    this.mean = new Float64Array(k);
    this.m2 = new Float64Array(k);
    this.sq = new Float64Array(k);
  }

  add(block: RowBlock): void {
    const terms = this.spec.terms;
    const n0 = this.n;
    for (let j = 0; j < terms.length; j++) {
      const x = block.columns[terms[j].source];
      const power = terms[j].power;
      let n = n0;
      let mean = this.mean[j];
      let m2 = this.m2[j];
      let sq = this.sq[j];
      for (let i = 0; i < block.rowCount; i++) {
        const v = power === 1 ? x[i] : x[i] ** power;
        n++;
        const d = v - mean;
        mean += d / n;
        m2 += d * (v - mean);
        sq += v * v;
      }
      this.mean[j] = mean;
      this.m2[j] = m2;
      this.sq[j] = sq;
    }
    this.n += block.rowCount;
  }

  /** Per term: the sum of squares about the mean (`centered`) or about 0. */
  sumsOfSquares(centered: boolean): Float64Array {
    return centered ? Float64Array.from(this.m2) : Float64Array.from(this.sq);
  }
}

/**
 * @param stdErrors each term's standard error (intercept excluded; NaN for a dropped one)
 * @param sigma σ̂
 * @param sumsOfSquares from {@link TermSums}
 * @returns each term's VIF, NaN where it is undefined (a dropped term, σ̂ = 0)
 */
export function varianceInflation(stdErrors: ArrayLike<number>, sigma: number, sumsOfSquares: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: stdErrors.length }, (_, j) => {
    const r = stdErrors[j] / sigma;
    return sigma > 0 && Number.isFinite(r) ? r * r * sumsOfSquares[j] : NaN;
  });
}

/** A warning naming the columns above HIGH_VIF, the worst first; undefined when there are none. */
export function multicollinearityNote(names: readonly string[], vif: ArrayLike<number> | undefined): string | undefined {
  if (!vif) return undefined;
  const high = names.map((name, j) => ({ name, v: vif[j] })).filter((x) => x.v > HIGH_VIF).sort((a, b) => b.v - a.v);
  if (high.length === 0) return undefined;
  const list = high.map((x) => `${x.name} (${x.v >= 100 ? formatCount(Math.round(x.v)) : localDigits(x.v.toFixed(1))})`).join(', ');
  return high.length === 1
    ? l10n.t(
        'multicollinearity: variance inflation factor above {0} for {1}: this column is nearly a combination of the others, so its standard error is inflated (×√VIF); drop or combine columns that measure the same thing',
        formatCount(HIGH_VIF),
        list,
      )
    : l10n.t(
        'multicollinearity: variance inflation factor above {0} for {1}: these columns are nearly a combination of the others, so their standard errors are inflated (×√VIF); drop or combine columns that measure the same thing',
        formatCount(HIGH_VIF),
        list,
      );
}
