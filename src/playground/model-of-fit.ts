/**
 * The playground's fit as a saved model (Save Model…, Predict on Another CSV…, the what-if box):
 * the same file `gauss-lab fit --save-model` writes. A pickers design of numeric columns and
 * powers has no learned state, so its formula's design is restored from an empty state; a
 * formula's design is the one fitted.
 */
import type { DesignChoice } from '../core/choices';
import { restoreDesign, planFormula, type FormulaDesign } from '../core/formula/design';
import type { ColumnKind } from '../core/formula/factors';
import type { ImputedColumn, ImputeStrategy } from '../core/impute';
import type { LeastSquaresResult } from '../core/least-squares';
import type { ModelPredictor } from '../core/model-predictor';
import { medianOf } from '../core/quantile';
import { savedModel, type SavedModel } from '../core/saved-model';
import type { Table } from '../core/table';
import type { WhatIfInput } from '../protocol';
import { designFormula } from './model-formula';

export function modelOfFit(input: {
  readonly design: DesignChoice;
  readonly result: LeastSquaresResult;
  readonly covariance: Float64Array;
  /** The formula's design when the fit was a formula's. */
  readonly formulaDesign?: FormulaDesign;
  readonly imputation?: { readonly strategy: ImputeStrategy; readonly filled: readonly ImputedColumn[] };
  readonly columns: readonly { readonly name: string; readonly kind: ColumnKind }[];
  readonly trainingFile: string;
  readonly createdBy: string;
}): SavedModel {
  const kinds = new Map(input.columns.map((c) => [c.name, c.kind]));
  const kindOf = (n: string) => kinds.get(n);
  const design = input.formulaDesign ?? restoreDesign(planFormula(designFormula(input.design, kindOf), input.columns), { categories: [], stats: [], indicators: [] }).design;
  return savedModel({
    fit: input.result,
    covariance: input.covariance,
    design,
    kindOf,
    trainingFile: input.trainingFile,
    createdBy: input.createdBy,
    ...(input.imputation ? { imputation: input.imputation } : {}),
  });
}

/**
 * The what-if box's inputs: each column the model reads, starting at a typical row (a number
 * column's median, a category's most frequent level, over the table's rows that have them).
 */
export function whatIfInputs(predictor: ModelPredictor, table: Table, kinds: readonly ColumnKind[], levels: Readonly<Record<string, readonly string[]>>): WhatIfInput[] {
  return predictor.inputs.map((name) => {
    const j = table.names.indexOf(name);
    const col = j >= 0 ? table.columns[j] : new Float64Array(0);
    const known = predictor.categories.get(name);
    if (known) {
      const counts = new Map<string, number>();
      const values = levels[name];
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (Number.isNaN(v)) continue;
        const key = kinds[j] === 'text' && values ? values[v] : String(v);
        if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let best = known[0];
      let most = -1;
      for (const level of known) {
        const c = counts.get(level) ?? 0;
        if (c > most) {
          best = level;
          most = c;
        }
      }
      return { name, kind: 'category' as const, levels: [...known], value: best };
    }
    // a selection on a typed copy, not a sort of boxed numbers (1.2 s per column of a million)
    const median = medianOf(col);
    // a starting value people read and edit: the median in 6 significant digits (not 0.03418632308167101)
    return { name, kind: 'number' as const, value: String(median === median ? Number(median.toPrecision(6)) : 0) };
  });
}
