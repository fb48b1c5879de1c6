/**
 * A fitted model as a file (`gauss-lab fit --save-model`, the panel's Save Model…): the formula,
 * the coefficients and their covariance, what the first pass learned (each category's levels,
 * the statistics of center() and standardize()), the values that filled gaps, the training
 * file's name and a schema version. Plain JSON, readable by people and other tools.
 *
 * Reading one back trusts nothing: the JSON is checked field by field against the schema of its
 * version (valibot), sizes are bounded, and every array must agree with the formula's design
 * (see model-predictor.ts), so a hand-edited, truncated or hostile file gets a message naming
 * the field, never a crash or a wrong prediction.
 */
import * as v from 'valibot';
import type { DesignState, FormulaDesign } from './formula/design';
import type { ColumnKind } from './formula/factors';
import type { FitResult } from './fit-result';
import type { ImputedColumn } from './impute';
import { DATE_FORMAT_LABEL, type DateFormat } from './dates';
import { COV_TYPES, type CovType } from './cov-types';
import { IMPUTE_STRATEGIES, type ImputeStrategy } from './impute';

export const MODEL_FORMAT = 'gauss-lab-model';
export const MODEL_SCHEMA_VERSION = 1;
/** Most coefficients a model file may have (a 2,000-level category and change). */
export const MAX_MODEL_COEFFICIENTS = 2100;
/** Largest model file read (a 2,100² covariance in JSON is ~90 MB: refuse beyond). */
export const MAX_MODEL_BYTES = 128 << 20;

export interface SavedModel {
  readonly format: typeof MODEL_FORMAT;
  readonly schemaVersion: typeof MODEL_SCHEMA_VERSION;
  /** The program and version that wrote it. */
  readonly createdBy: string;
  /** The training file's name (not its path: a model file is shared). */
  readonly trainingFile: string;
  readonly formula: string;
  /** The columns the formula reads and how (text columns are categories; dates were read as decimal years). */
  readonly columns: readonly { readonly name: string; readonly kind: 'numeric' | 'text'; readonly date?: DateFormat }[];
  readonly coefficients: readonly { readonly name: string; readonly estimate: number }[];
  /** Covariance of the coefficients (p×p, rows in `coefficients` order; 0 for a dropped term), of `covType`. */
  readonly covariance: readonly (readonly number[])[];
  readonly covType: CovType;
  /** σ̂ and its degrees of freedom: prediction intervals add σ̂² and use Student t(dfResidual). */
  readonly residualStdDev: number;
  readonly dfResidual: number;
  readonly n: number;
  readonly rSquared: number | null;
  readonly design: DesignState;
  /** How gaps were filled in training (each column's fill value), if they were. */
  readonly imputation?: {
    readonly strategy: ImputeStrategy;
    readonly fills: readonly { readonly column: string; readonly value: number | string; readonly indicator?: string }[];
  };
}

const finite = v.pipe(v.number(), v.finite());
const name = v.pipe(v.string(), v.maxLength(10_000));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const schema = v.strictObject({
  format: v.literal(MODEL_FORMAT),
  schemaVersion: v.literal(MODEL_SCHEMA_VERSION),
  createdBy: name,
  trainingFile: name,
  formula: v.pipe(v.string(), v.minLength(1), v.maxLength(100_000)),
  columns: v.pipe(
    v.array(v.strictObject({ name, kind: v.picklist(['numeric', 'text']), date: v.optional(v.picklist(Object.keys(DATE_FORMAT_LABEL) as DateFormat[])) })),
    v.maxLength(10_000),
  ),
  coefficients: v.pipe(v.array(v.strictObject({ name, estimate: finite })), v.minLength(1), v.maxLength(MAX_MODEL_COEFFICIENTS)),
  covariance: v.pipe(v.array(v.pipe(v.array(finite), v.maxLength(MAX_MODEL_COEFFICIENTS))), v.maxLength(MAX_MODEL_COEFFICIENTS)),
  covType: v.picklist(COV_TYPES),
  residualStdDev: v.pipe(finite, v.minValue(0)),
  dfResidual: v.pipe(count, v.minValue(1)),
  n: count,
  rSquared: v.nullable(finite),
  design: v.strictObject({
    categories: v.pipe(
      v.array(
        v.strictObject({
          factor: name,
          levels: v.pipe(v.array(name), v.maxLength(10_000)),
          values: v.pipe(v.array(v.union([name, finite])), v.maxLength(10_000)),
          reference: count,
        }),
      ),
      v.maxLength(1000),
    ),
    stats: v.pipe(v.array(v.strictObject({ n: count, mean: finite, m2: v.pipe(finite, v.minValue(0)) })), v.maxLength(1000)),
    indicators: v.pipe(v.array(name), v.maxLength(10_000)),
  }),
  imputation: v.optional(
    v.strictObject({
      strategy: v.picklist(IMPUTE_STRATEGIES),
      fills: v.pipe(v.array(v.strictObject({ column: name, value: v.union([name, finite]), indicator: v.optional(name) })), v.maxLength(10_000)),
    }),
  ),
});

/** A model file that cannot be used, with the field at fault. */
export class ModelFileError extends Error {}

/** `$.coefficients[3].estimate` from a valibot issue's path. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  let out = '$';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return out;
}

/**
 * Parses and checks a model file's text (sizes, types, the covariance's shape); the formula is
 * checked against the design when a predictor is made.
 * @throws ModelFileError naming the file and the field.
 */
export function parseSavedModel(text: string, fileName: string): SavedModel {
  if (text.length > MAX_MODEL_BYTES) throw new ModelFileError(`${fileName} is larger than a model file can be (${MAX_MODEL_BYTES >> 20} MB)`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`${fileName} is not valid JSON (${(e as Error).message}): is it truncated? Save the model again with gauss-lab fit … --save-model`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ModelFileError(`${fileName} is not a Gauss Lab model (a JSON object with "format": "${MODEL_FORMAT}")`);
  const o = raw as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) throw new ModelFileError(`${fileName} is not a Gauss Lab model: $.format is ${JSON.stringify(o.format) ?? 'missing'}, expected "${MODEL_FORMAT}"`);
  if (o.schemaVersion !== MODEL_SCHEMA_VERSION) {
    throw new ModelFileError(`${fileName} has schema version ${JSON.stringify(o.schemaVersion) ?? '(none)'}; this Gauss Lab reads version ${MODEL_SCHEMA_VERSION}: save the model again with this version`);
  }
  const r = v.safeParse(schema, raw);
  if (!r.success) {
    const issue = r.issues[0];
    throw new ModelFileError(`${fileName}: ${fieldOf(issue)} is invalid: ${issue.message}`);
  }
  const m = r.output as SavedModel;
  const p = m.coefficients.length;
  if (m.covariance.length !== p || m.covariance.some((row) => row.length !== p)) {
    throw new ModelFileError(`${fileName}: $.covariance must be ${p}×${p} (one row and column per coefficient)`);
  }
  for (let a = 0; a < p; a++) {
    if (!(m.covariance[a][a] >= 0)) throw new ModelFileError(`${fileName}: $.covariance[${a}][${a}] is a variance and cannot be negative`);
    for (let b = 0; b < a; b++) {
      if (m.covariance[a][b] !== m.covariance[b][a]) throw new ModelFileError(`${fileName}: $.covariance is not symmetric at [${a}][${b}]`);
    }
  }
  return m;
}

/** The model as file text (2-space JSON, a final newline). */
export function formatSavedModel(model: SavedModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}

/** The model file of a formula fit: its design's state, coefficients and covariance (NaN → 0 for dropped terms). */
export function savedModel(input: {
  readonly fit: Pick<FitResult, 'terms' | 'residualStdDev' | 'dfResidual' | 'n' | 'rSquared' | 'covType'> & { readonly coefficients: ArrayLike<number> };
  /** The coefficients' covariance of `fit.covType`, p×p row-major. */
  readonly covariance: ArrayLike<number>;
  readonly design: FormulaDesign;
  /** How the file's columns read (a formula's view of them). */
  readonly kindOf: (column: string) => ColumnKind | undefined;
  /** A column of dates read as decimal years: how its dates are written. */
  readonly dateOf?: (column: string) => DateFormat | undefined;
  readonly trainingFile: string;
  readonly createdBy: string;
  readonly imputation?: { readonly strategy: ImputeStrategy; readonly filled: readonly ImputedColumn[] };
}): SavedModel {
  const { fit, design } = input;
  const p = fit.terms.length;
  const names = design.names;
  const clean = (x: number) => (Number.isFinite(x) ? x : 0);
  return {
    format: MODEL_FORMAT,
    schemaVersion: MODEL_SCHEMA_VERSION,
    createdBy: input.createdBy,
    trainingFile: input.trainingFile,
    formula: design.plan.formula,
    columns: design.plan.columns.map((name) => {
      const date = input.dateOf?.(name);
      return { name, kind: input.kindOf(name) ?? 'numeric', ...(date ? { date } : {}) };
    }),
    coefficients: names.map((name, j) => ({ name, estimate: clean(fit.coefficients[j]) })),
    covariance: Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => clean(input.covariance[a * p + b]))),
    covType: fit.covType ?? 'nonrobust',
    residualStdDev: fit.residualStdDev,
    dfResidual: fit.dfResidual,
    n: fit.n,
    rSquared: Number.isFinite(fit.rSquared) ? fit.rSquared : null,
    design: design.state(),
    ...(input.imputation
      ? {
          imputation: {
            strategy: input.imputation.strategy,
            fills: input.imputation.filled.map((f) => ({ column: f.column, value: f.value, ...(f.indicator ? { indicator: f.indicator } : {}) })),
          },
        }
      : {}),
  };
}
