/**
 * Predictions of a saved model on new rows, one row at a time from its cells as text, with
 * statsmodels' intervals (`get_prediction(new).summary_frame(alpha)`): the confidence interval of
 * the mean ŷ ± t·√(x₀ᵀCx₀) and the prediction interval of a new observation ŷ ± t·√(x₀ᵀCx₀ + σ̂²),
 * t from Student t(dfResidual), C the saved covariance. A row the model cannot predict (a missing
 * input without a fill value, a level it never saw, a value that is not a number, a function
 * outside its domain) gets a note saying why instead of a number.
 */
import * as l10n from '@vscode/l10n';
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import { missingReason, trimSpaces } from './csv/text';
import { restoreDesign, planFormula, type FormulaDesign, type FormulaPlan } from './formula/design';
import { columnsOf } from './formula/factors';
import { FormulaError } from './formula/tokens';
import { parseNumberText } from './parse-number';
import { DATE_FORMAT_LABEL, decimalYear } from './dates';
import { predictor, type Predict } from './prediction';
import { ModelFileError, type SavedModel } from './saved-model';

export const INTERVAL_KINDS = ['none', 'confidence', 'prediction'] as const;
export type IntervalKind = (typeof INTERVAL_KINDS)[number];

export type RowPrediction =
  | {
      readonly prediction: number;
      /** Standard error of the mean prediction, √(x₀ᵀCx₀). */
      readonly meanStdError: number;
      /** The confidence interval of the mean at `level`. */
      readonly confidence: readonly [number, number];
      /** The prediction interval of a new observation at `level`. */
      readonly predictionInterval: readonly [number, number];
      /** Cells filled in as in training (column: value). */
      readonly filled: readonly string[];
    }
  | { readonly note: string };

export interface ModelPredictor {
  /** The data columns the model reads from a row (the target's own columns excluded). */
  readonly inputs: readonly string[];
  /** What is predicted: the formula's left side (e.g. `np.log(price)`). */
  readonly predicts: string;
  /** The inputs read as categories, with the level values the model knows (as text). */
  readonly categories: ReadonlyMap<string, readonly string[]>;
  /** @param cell the row's text in a column, undefined when the file has no such column */
  predict(cell: (column: string) => string | undefined, level?: number): RowPrediction;
}

/**
 * @throws ModelFileError when the formula, the levels or the coefficients do not fit together.
 */
export function modelPredictor(model: SavedModel, fileName: string): ModelPredictor {
  let plan: FormulaPlan;
  let design: FormulaDesign;
  let codes: ReadonlyMap<string, readonly (string | number)[]>;
  try {
    plan = planFormula(model.formula, model.columns);
  } catch (e) {
    if (e instanceof FormulaError) throw new ModelFileError(`${fileName}: $.formula does not fit $.columns: ${e.message}`);
    throw e;
  }
  try {
    ({ design, codes } = restoreDesign(plan, model.design));
  } catch (e) {
    if (e instanceof FormulaError) throw new ModelFileError(`${fileName}: $.design: ${e.message}`);
    throw e;
  }
  const names = design.names;
  if (names.length !== model.coefficients.length) {
    throw new ModelFileError(`${fileName}: $.coefficients has ${model.coefficients.length} entries, but the formula's design has ${names.length} columns (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''})`);
  }
  names.forEach((n, j) => {
    if (model.coefficients[j].name !== n && !(j === 0 && design.intercept && model.coefficients[0].name === '(intercept)')) {
      throw new ModelFileError(`${fileName}: $.coefficients[${j}].name is ${JSON.stringify(model.coefficients[j].name)}, but the formula's design names it ${JSON.stringify(n)}`);
    }
  });
  const fills = new Map((model.imputation?.fills ?? []).map((f) => [f.column, f]));
  const dates = new Map(model.columns.flatMap((c) => (c.date ? [[c.name, c.date] as const] : [])));
  for (const ind of design.indicators) {
    if (![...fills.values()].some((f) => f.indicator === ind)) throw new ModelFileError(`${fileName}: $.design.indicators names ${JSON.stringify(ind)}, which no $.imputation.fills entry adds`);
  }
  const targetOnly = columnsOf(plan.target.node);
  for (const m of plan.factors.values()) {
    if (m.kind === 'numeric') for (const c of columnsOf(m.node)) targetOnly.delete(c);
    else targetOnly.delete(m.column);
  }
  const inputs = plan.columns.filter((c) => !targetOnly.has(c));
  const coefficients = Float64Array.from(model.coefficients, (c) => c.estimate);
  const predict: (derived: { readonly columns: readonly Float64Array[] }) => number = (() => {
    const f: Predict = predictor(design.spec, coefficients);
    return (d) => f((s) => d.columns[s][0]);
  })();
  const p = coefficients.length;
  const C = model.covariance;
  const sigma2 = model.residualStdDev * model.residualStdDev;
  const df = model.dfResidual;

  return {
    inputs,
    predicts: plan.target.name,
    categories: new Map([...codes].filter(([c]) => inputs.includes(c)).map(([c, values]) => [c, values.map(String)])),
    predict(cell, level = 0.95) {
      const values: number[] = [];
      const missing = new Set<string>();
      const filled: string[] = [];
      for (const column of plan.columns) {
        if (targetOnly.has(column)) {
          values.push(1); // the target is not an input; 1 keeps log(y), 1/y defined
          continue;
        }
        const raw = cell(column);
        if (raw === undefined) return { note: l10n.t('the row has no value for {0}', column) };
        let text = trimSpaces(raw);
        const isMissing = missingReason(text) !== undefined && !(codes.get(column)?.includes(text) ?? false);
        if (isMissing) {
          const f = fills.get(column);
          if (!f) return { note: missingNote(column, raw.trim() ? JSON.stringify(raw.trim()) : undefined, Boolean(model.imputation)) };
          missing.add(column);
          filled.push(`${column} = ${typeof f.value === 'number' ? f.value : JSON.stringify(f.value)}`);
          if (typeof f.value === 'number') {
            values.push(f.value);
            continue;
          }
          text = f.value;
        }
        const known = codes.get(column);
        if (known) {
          const code = levelCode(known, text);
          if (code < 0) {
            const list = known.slice(0, 8).map((k) => JSON.stringify(k)).join(', ');
            return {
              note:
                known.length > 8
                  ? l10n.t('{0} = {1} is a level the model never saw (it knows {2}, … {3} in all)', column, JSON.stringify(text), list, String(known.length))
                  : l10n.t('{0} = {1} is a level the model never saw (it knows {2})', column, JSON.stringify(text), list),
            };
          }
          values.push(code);
          continue;
        }
        let x = parseNumberText(text);
        const date = dates.get(column);
        // a date column was trained on decimal years: a date written as in training reads the same
        if (!Number.isFinite(x) && date) x = decimalYear(text, date) ?? NaN;
        if (!Number.isFinite(x)) {
          return {
            note: date
              ? l10n.t('{0} = {1} is not a date written as {2}', column, JSON.stringify(text), DATE_FORMAT_LABEL[date])
              : l10n.t('{0} = {1} is not a number', column, JSON.stringify(text)),
          };
        }
        values.push(x);
      }
      const indicatorValues = design.indicators.map((ind) => {
        const f = [...fills.values()].find((x) => x.indicator === ind)!;
        return missing.has(f.column) ? 1 : 0;
      });
      let derived;
      try {
        derived = design.evaluate({ columns: [...values, ...indicatorValues].map((x) => Float64Array.of(x)), rowCount: 1, firstRow: 0 });
      } catch (e) {
        if (e instanceof RangeError) return { note: e.message.replace(/ at the 1st row used/, '') };
        throw e;
      }
      const x = new Float64Array(p);
      let j = 0;
      if (design.spec.intercept) x[j++] = 1;
      for (const t of design.spec.terms) {
        const v = derived.columns[t.source][0];
        x[j++] = t.power === 1 ? v : v ** t.power;
      }
      const prediction = predict(derived);
      let q = 0;
      for (let a = 0; a < p; a++) {
        let r = 0;
        for (let b = 0; b < p; b++) r += C[a][b] * x[b];
        q += x[a] * r;
      }
      const meanStdError = Math.sqrt(Math.max(0, q));
      const t = tquantile(0.5 + level / 2, df);
      const obs = Math.sqrt(Math.max(0, q) + sigma2);
      if (!Number.isFinite(prediction)) return { note: l10n.t("the prediction is not finite ({0}): check the inputs' magnitudes", String(prediction)) };
      return {
        prediction,
        meanStdError,
        confidence: [prediction - t * meanStdError, prediction + t * meanStdError],
        predictionInterval: [prediction - t * obs, prediction + t * obs],
        filled,
      };
    },
  };
}

/** Why a missing cell has no prediction: its text (quoted) when it has one, and whether the model fills other gaps. */
function missingNote(column: string, quoted: string | undefined, imputes: boolean): string {
  if (imputes) {
    return quoted === undefined
      ? l10n.t('{0} is missing; the training data had no gap there, so the model has no fill value', column)
      : l10n.t('{0} is missing ({1}); the training data had no gap there, so the model has no fill value', column, quoted);
  }
  return quoted === undefined ? l10n.t('{0} is missing', column) : l10n.t('{0} is missing ({1})', column, quoted);
}

/** The code of a cell's text among a column's level values (numbers compared as numbers, True/False as pandas names them). */
function levelCode(known: readonly (string | number)[], text: string): number {
  const exact = known.indexOf(text);
  if (exact >= 0) return exact;
  if (/^(true|false)$/i.test(text)) {
    const b = /^true$/i.test(text) ? 'True' : 'False';
    const i = known.indexOf(b);
    if (i >= 0) return i;
  }
  const x = parseNumberText(text);
  if (Number.isFinite(x)) return known.findIndex((k) => typeof k === 'number' && k === x);
  return -1;
}
