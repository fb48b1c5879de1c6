/**
 * What is read from a fit's rows after the fit: the residual diagnostics (statsmodels' block
 * under its summary) and each term's variance inflation factor, in one pass over the rows the
 * model used, in row order, at the final coefficients. The CLI streams a file through it, the
 * panel its table: the same numbers.
 */
import type { DesignSpec } from './design-matrix';
import type { FitResult } from './fit-result';
import { blockResiduals, type Predict } from './prediction';
import { ResidualMoments, type ResidualDiagnostics } from './residual-diagnostics';
import type { RowBlock } from './table';
import { multicollinearityNote, TermSums, varianceInflation } from './vif';

export interface FitDiagnostics {
  readonly residuals: ResidualDiagnostics;
  /**
   * Per term of the spec (the intercept excluded): its VIF, NaN for a dropped one. Absent for a
   * design without an intercept whose dummies span the constant: there statsmodels centres one
   * auxiliary R² and not another, depending on whether the other columns still span it.
   */
  readonly vif?: Float64Array;
  /** What they warn of: the multicollinearity note when some VIF is high. */
  readonly warnings: readonly string[];
}

export class DiagnosticsPass {
  private readonly moments = new ResidualMoments();
  private readonly sums: TermSums;

  constructor(
    private readonly spec: DesignSpec,
    private readonly predict: Predict,
  ) {
    this.sums = new TermSums(spec);
  }

  /** A block the spec indexes (a file's kept columns, or a formula's design block). */
  add(block: RowBlock): void {
    if (block.rowCount === 0) return;
    this.moments.add(blockResiduals(this.spec, this.predict, block));
    this.sums.add(block);
  }

  result(fit: FitResult): FitDiagnostics {
    const residuals = this.moments.result();
    if (!fit.intercept && this.spec.constantSpanned) return { residuals, warnings: [] };
    const terms = fit.intercept ? fit.terms.slice(1) : fit.terms;
    // with an intercept every auxiliary regression has it (statsmodels centres R²); without, none spans a constant
    const vif = varianceInflation(
      terms.map((t) => (t.dropped ? NaN : t.stdError)),
      fit.residualStdDev,
      this.sums.sumsOfSquares(fit.intercept),
    );
    const note = multicollinearityNote(terms.map((t) => t.name), vif);
    return { residuals, vif, warnings: note ? [note] : [] };
  }
}
