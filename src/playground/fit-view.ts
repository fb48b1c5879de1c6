/**
 * The closed-form fit of a design and everything the panel draws from it: the summary, a
 * uniform plot sample with predictions and residuals, the fitted curve, the loss landscape and
 * the likelihood profiles.
 */
import * as l10n from '@vscode/l10n';
import { TooFewRowsError } from '../core/rows-error';
import { DiagnosticsPass } from '../core/fit-diagnostics';
import { rareLevelsNote } from '../core/rare-levels';
import { describeBound, inBound } from '../core/bounds';
import { DESIGN_BOUNDS, MAX_FORMULA_LENGTH } from '../core/choices';
import { INTERCEPT_NAME, designColumns, termLabel, designSpec, termNames, type DesignSpec } from '../core/design-matrix';
import { finiteOrNull, summarizeFit } from '../core/fit-summary';
import { fitLeastSquaresStream, type LeastSquaresResult } from '../core/least-squares';
import { likelihoodMseProfiles } from '../core/normal';
import { uniformSampleIndices } from '../core/plot-sample';
import { createRng } from '../core/random';
import { formatCount } from '../core/number-format';
import { takeRows } from '../core/split';
import { makeTable, tableBlocks, type RowBlock, type Table } from '../core/table';
import { planFormula } from '../core/formula/design';
import type { ColumnKind } from '../core/formula/factors';
import { formulaOnTable } from '../core/formula/table';
import { describeImputed, type ImputedColumn, type ImputeStrategy } from '../core/impute';
import { revised } from '../core/fit-result';
import type { FormulaDesign } from '../core/formula/design';
import { validationScores } from '../core/held-out';
import { modelPredictor, type ModelPredictor } from '../core/model-predictor';
import { classicalCovariance, RowBasis, SandwichPass, withCovariance } from '../core/robust-covariance';
import type { SavedModel } from '../core/saved-model';
import { modelOfFit, whatIfInputs } from './model-of-fit';
import type { DesignChoice, FitCurve, FitPayload, HeldOutScores, LikelihoodProfile } from '../protocol';
import { lossLandscape } from './loss-landscape';
import { designFormula, usesFormula } from './model-formula';

/** A closed-form fit and what training needs from it. */
export interface PreparedFit {
  readonly design: DesignChoice;
  readonly spec: DesignSpec;
  readonly result: LeastSquaresResult;
  /** The design's term columns (powers applied), all rows. */
  readonly columns: readonly Float64Array[];
  readonly y: Float64Array;
  /** Rows of the dataset the model left out: a value missing in one of its columns. */
  readonly rowsLeftOut: number;
  /** A formula's fit: `spec` indexes the formula's derived table (`fitted`), not the dataset's. */
  readonly formula?: { readonly text: string; readonly fitted: Table; readonly rowNumbers: Float64Array };
  /** The covariance of the coefficients behind the summary (design.covType), p×p. */
  readonly covariance: Float64Array;
  /** The fit as a saved model, and its predictor (Save Model…, predictions, the what-if box). */
  readonly model: SavedModel;
  readonly predictor: ModelPredictor;
  readonly payload: FitPayload;
}

export interface FitOptions {
  readonly maxPlotPoints: number;
  /** Each table row's row number in its file, to name a row the model leaves out. */
  readonly rowNumbers?: Float64Array;
  /** Seed of the plot sample. */
  readonly seed: number;
  /** Awaited between blocks of rows: throw from it to cancel, and it lets messages in. */
  readonly checkpoint?: () => Promise<void>;
  /** Each table column's kind (default: all numeric); text columns hold level codes. */
  readonly kinds?: readonly ColumnKind[];
  /** Each text column's values by code. */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
  /** The seed of the held-out rows (the SGD run's, so both hold out the same rows). */
  readonly heldOutSeed?: number;
  /** The data's name in a saved model, and the program that wrote it. */
  readonly trainingFile?: string;
  readonly createdBy?: string;
}

/**
 * Fits `design` to `table` by certified least squares and builds the fit payload.
 * @throws RangeError for a design the columns cannot make, or data the fit cannot use
 *   (more coefficients than rows, …) — messages are in the user's terms.
 */
export async function computeFit(table: Table, design: DesignChoice, options: FitOptions): Promise<PreparedFit> {
  if (!inBound(design.validationFraction, DESIGN_BOUNDS.validationFraction)) {
    throw new RangeError(l10n.t('the validation fraction must be {0}, got {1}', describeBound(DESIGN_BOUNDS.validationFraction), String(design.validationFraction)));
  }
  const kinds = options.kinds ?? table.names.map(() => 'numeric' as const);
  const kindOf = (name: string) => kinds[table.names.indexOf(name)];
  let spec: DesignSpec;
  let notes: string[];
  let rowsLeftOut: number;
  let formula: PreparedFit['formula'];
  let formulaDesign: FormulaDesign | undefined;
  let imputation: { strategy: ImputeStrategy; filled: readonly ImputedColumn[] } | undefined;
  let rowNumbers: Float64Array;
  const columnKinds = table.names.map((name, j) => ({ name, kind: kinds[j] }));
  const sourceTable = table;
  if (usesFormula(design, kindOf)) {
    // categories, a written formula or filled gaps: the formula's design, as `gauss-lab fit --formula` fits it
    const text = designFormula(design, kindOf);
    const plan = planFormula(text, table.names.map((name, j) => ({ name, kind: kinds[j] })), { numbersAsText: false });
    const own = makeTable(plan.columns, plan.columns.map((n) => table.columns[table.names.indexOf(n)]));
    const impute = design.impute && design.impute !== 'none' ? { strategy: design.impute, indicator: design.missingIndicator === true } : undefined;
    const f = formulaOnTable(own, options.levels ?? {}, plan, { impute, rowNumbers: options.rowNumbers });
    spec = f.design.spec;
    table = f.derived;
    formula = { text, fitted: f.derived, rowNumbers: f.rowNumbers };
    formulaDesign = f.design;
    rowNumbers = f.rowNumbers;
    if (impute) imputation = { strategy: impute.strategy, filled: f.imputed ?? [] };
    rowsLeftOut = f.rowsDropped;
    notes = [
      ...(f.imputed ?? []).map((x) => l10n.t('imputed {0}', describeImputed(x))),
      ...(f.rowsDropped ? [leftOutNote(f.rowsDropped, f.firstDropped, options.rowNumbers !== undefined, impute !== undefined)] : []),
      ...[...f.design.rare].map(([name, r]) => rareLevelsNote(name, r)),
    ];
  } else {
    spec = designSpec(table.names, {
      target: design.target,
      features: design.features,
      degree: design.degree,
      intercept: design.intercept,
    });
    // Only the model's own columns drop a row (a gap elsewhere in the file does not).
    const { table: rows, first, kept } = modelRows(table, [spec.target, ...spec.terms.map((t) => t.source)], options.rowNumbers);
    rowsLeftOut = table.rowCount - rows.rowCount;
    const numbers = options.rowNumbers;
    rowNumbers = Float64Array.from(kept ?? { length: rows.rowCount }, (k, i) => {
      const at = kept ? k : i;
      return numbers ? numbers[at] : at + 1;
    });
    notes = rowsLeftOut ? [leftOutNote(rowsLeftOut, first, options.rowNumbers !== undefined, false)] : [];
    table = rows;
  }
  const note = notes.length ? notes.join('; ') : undefined;
  if (table.rowCount === 0) throw new TooFewRowsError(l10n.t('there are no data rows to fit: {0}', String(note)));
  const checkpoint = options.checkpoint;
  const source = async function* (): AsyncGenerator<RowBlock> {
    for (const block of tableBlocks(table, 32768)) {
      if (checkpoint) await checkpoint();
      yield block;
    }
  };
  const fitted = await fitLeastSquaresStream(source, spec);
  let result = notes.length ? revised(fitted, { warnings: [...notes, ...fitted.warnings] }) : fitted;
  // the covariance behind the summary: classical, or a sandwich over every row (one more pass)
  const covType = design.covType ?? 'nonrobust';
  let covariance = classicalCovariance(fitted);
  if (covType !== 'nonrobust') {
    const pass = new SandwichPass(fitted);
    for (const block of tableBlocks(table, 32768)) {
      if (checkpoint) await checkpoint();
      pass.add(block);
    }
    covariance = pass.covariance(covType, fitted.dfResidual);
    result = withCovariance(result, covariance, covType);
  }
  if (checkpoint) await checkpoint();
  const columns = designColumns(table, spec);
  const y = table.columns[spec.target];
  const model = modelOfFit({
    design,
    result,
    covariance,
    formulaDesign,
    imputation,
    columns: columnKinds,
    trainingFile: options.trainingFile ?? 'data.csv',
    createdBy: options.createdBy ?? 'Gauss Lab',
  });
  const predictor = modelPredictor(model, model.trainingFile);
  let heldOut: HeldOutScores | null = null;
  if (design.validationFraction > 0) {
    try {
      heldOut = validationScores(table, spec, design.validationFraction, options.heldOutSeed ?? 0);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      result = revised(result, { warnings: [...result.warnings, l10n.t('No held-out scores: {0}', e.message)] });
    }
  }
  // VIFs come from the classical standard errors whatever the covariance shown
  const payload = fitPayload(table, designFormula(design, kindOf), spec, result, fitted, columns, y, rowNumbers, options);
  return {
    design,
    spec,
    result,
    columns,
    y,
    rowsLeftOut,
    ...(formula ? { formula } : {}),
    covariance,
    model,
    predictor,
    payload: { ...payload, heldOut, whatIf: whatIfInputs(predictor, sourceTable, kinds, options.levels ?? {}) },
  };
}

function fitPayload(
  table: Table,
  formula: string,
  spec: DesignSpec,
  result: LeastSquaresResult,
  classical: LeastSquaresResult,
  columns: readonly Float64Array[],
  y: Float64Array,
  rowNumbers: Float64Array,
  options: FitOptions,
): Omit<FitPayload, 'heldOut' | 'whatIf'> {
  const coef = Array.from(result.coefficients, (c) => (Number.isFinite(c) ? c : 0));
  const names = termNames(spec);
  const predict = (i: number) => result.predict((source) => table.columns[source][i]);
  // plot sample: uniform, seeded; statistics above used every row
  const idx = uniformSampleIndices(table.rowCount, Math.max(0, Math.floor(options.maxPlotPoints)), createRng(options.seed >>> 0));
  // the chosen features' raw columns: each source of a term (powers share theirs), in order
  const sources = [...new Set(spec.terms.map((t) => t.source))];
  const featureCols = sources.map((j) => table.columns[j]);
  const ys: number[] = new Array(idx.length);
  const yhat: number[] = new Array(idx.length);
  const res: number[] = new Array(idx.length);
  const leverage: (number | null)[] = new Array(idx.length);
  const cooks: (number | null)[] = new Array(idx.length);
  // leverage in the solver's basis (‖U⁻ᵀz‖²), Cook's D = e²h / (rank·σ̂²·(1 − h)²)
  const rowsBasis = new RowBasis(result.basis);
  const whole = { columns: table.columns, rowCount: table.rowCount, firstRow: 0 };
  const s2 = result.residualStdDev ** 2;
  idx.forEach((i, k) => {
    ys[k] = y[i];
    yhat[k] = predict(i);
    res[k] = y[i] - yhat[k];
    rowsBasis.row(whole, i);
    const h = rowsBasis.leverage();
    leverage[k] = finiteOrNull(h);
    cooks[k] = finiteOrNull((res[k] * res[k] * h) / (result.rank * s2 * (1 - h) ** 2));
  });
  const sample = {
    shown: idx.length,
    total: table.rowCount,
    features: featureCols.map((c) => Array.from(idx, (i) => c[i])),
    y: ys,
    yhat,
    residuals: res,
    rows: Array.from(idx, (i) => rowNumbers[i]),
    leverage,
    cooks,
  };
  const degree = Math.max(1, ...spec.terms.map((t) => t.power));
  // the CLI's diagnostics and VIFs, over every row (the plot sample above is for drawing only)
  const pass = new DiagnosticsPass(spec, result.predict);
  for (const block of tableBlocks(table)) pass.add(block);
  const diagnostics = pass.result(classical);
  return {
    // NaN (not defined for so few rows) is null on the wire, said so rather than left to JSON
    diagnostics: Object.fromEntries(Object.entries(diagnostics.residuals).map(([k, x]) => [k, finiteOrNull(x)])) as FitPayload['diagnostics'],
    // shown, not refitted: a formula of very long column names is cut (the fit used them all)
    formula: formula.length > MAX_FORMULA_LENGTH ? `${formula.slice(0, MAX_FORMULA_LENGTH - 1)}…` : formula,
    target: spec.targetName,
    intercept: spec.intercept,
    summary: summarizeFit(diagnostics.warnings.length ? { ...result, warnings: [...result.warnings, ...diagnostics.warnings] } : result, { target: spec.targetName, features: spec.terms.map((t) => t.name), intercept: spec.intercept }, diagnostics.vif),
    coefficients: coef,
    termNames: names,
    sample,
    curve: sources.length === 1 ? fitCurve(featureCols[0], result, table.names[sources[0]], degree) : null,
    landscape: lossLandscape(spec, result, columns),
    profiles: profiles(spec, columns, y, coef, names, result),
    sigma: finiteOrNull(result.residualStdDev),
  };
}

const CURVE_POINTS = 101;

/** ŷ over the single feature's range (polynomial terms evaluated from the raw x). */
function fitCurve(x: Float64Array, result: LeastSquaresResult, feature: string, degree: number): FitCurve | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (!(lo <= hi)) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < CURVE_POINTS; k++) {
    const v = lo === hi ? lo : lo + ((hi - lo) * k) / (CURVE_POINTS - 1);
    xs.push(v);
    ys.push(result.predict(() => v));
  }
  return { x: xs, yhat: ys, feature, degree };
}

function profiles(
  spec: DesignSpec,
  columns: readonly Float64Array[],
  y: Float64Array,
  coef: readonly number[],
  names: readonly string[],
  result: LeastSquaresResult,
): LikelihoodProfile[] {
  if (!(result.rss > 0)) return []; // an exact fit has an infinite likelihood: nothing to draw
  const off = spec.intercept ? 1 : 0;
  const raw = likelihoodMseProfiles(columns, y, { w: coef.slice(off), b: spec.intercept ? coef[0] : 0 }, {
    names: names.slice(off),
    intercept: spec.intercept,
  });
  return raw
    .map((p, k) => ({
      name: spec.intercept && k === 0 ? termLabel(INTERCEPT_NAME) : p.name,
      values: Array.from(p.values),
      mse: Array.from(p.mse),
      nll: Array.from(p.nll),
      argminMse: p.argminMse,
      argminNll: p.argminNll,
    }))
    .filter((p, k) => !result.terms[k]?.dropped && [...p.values, ...p.mse, ...p.nll].every(Number.isFinite));
}

/**
 * The rows where every one of `columns` has a value, and a sentence for the rows left out
 * ("12 rows were left out: a value is missing in the model's columns (first: row 7, column "x")").
 */
function modelRows(table: Table, columns: readonly number[], rowNumbers: Float64Array | undefined): { table: Table; first?: { row: number; column: string }; kept?: readonly number[] } {
  const keep: number[] = [];
  let first: { row: number; column: string } | undefined;
  for (let i = 0; i < table.rowCount; i++) {
    const missing = columns.find((c) => Number.isNaN(table.columns[c][i]));
    if (missing === undefined) keep.push(i);
    else first ??= { row: rowNumbers ? rowNumbers[i] : i + 1, column: table.names[missing] };
  }
  if (keep.length === table.rowCount) return { table };
  return { table: takeRows(table, Uint32Array.from(keep)), first, kept: keep };
}

/** "12 rows were dropped for missing values in the model's columns (first: row 7, column "x")". */
function leftOutNote(count: number, first: { row: number; column: string } | undefined, fileRows: boolean, imputed: boolean): string {
  const row = first ? formatCount(first.row) : '';
  const column = first ? JSON.stringify(first.column) : '';
  const where = !first ? '' : fileRows ? l10n.t(' (first: row {0}, column {1})', row, column) : l10n.t(' (first: data row {0}, column {1})', row, column);
  if (imputed) {
    return count === 1
      ? l10n.t("1 row was dropped for missing values in the model's target (a target is never filled in){0}", where)
      : l10n.t("{0} rows were dropped for missing values in the model's target (a target is never filled in){1}", formatCount(count), where);
  }
  return count === 1
    ? l10n.t("1 row was dropped for missing values in the model's columns{0}", where)
    : l10n.t("{0} rows were dropped for missing values in the model's columns{1}", formatCount(count), where);
}
