import * as l10n from '@vscode/l10n';
import { columnIndex, type Table } from './table';

/** One column of the design: `source` column of the data raised to `power` (≥ 1). */
export interface Term {
  readonly name: string;
  readonly source: number;
  readonly power: number;
}

/**
 * What to regress on what. Column indices refer to the data blocks the fit consumes
 * (a table's columns or a CSV reader's kept columns), so the solver can evaluate
 * every design entry itself, exactly, from the raw values (powers included).
 */
export interface DesignSpec {
  readonly target: number;
  readonly targetName: string;
  readonly terms: readonly Term[];
  readonly intercept: boolean;
  /** The intercept's name in reports; default `(intercept)` (formulas use patsy's `Intercept`). */
  readonly interceptName?: string;
  /**
   * The columns span a constant without an explicit intercept (a full set of dummies): R², F and
   * the degrees of freedom are then centred as with an intercept, as statsmodels does.
   */
  readonly constantSpanned?: boolean;
}

export interface DesignOptions {
  readonly target: string;
  /** Feature column names; empty means the constant model (intercept only). */
  readonly features: readonly string[];
  /** Polynomial degree for a single feature: terms `x`, `x^2`, …, `x^k`. Default 1. */
  readonly degree?: number;
  /** Default true. */
  readonly intercept?: boolean;
}

/** The name of the intercept term in every report. */
export const INTERCEPT_NAME = '(intercept)';

/** A term's name as people read it: the intercept's in the display language, others as they are. */
export function termLabel(name: string): string {
  return name === INTERCEPT_NAME ? l10n.t('(intercept)') : name;
}

/**
 * Builds a design spec from column names.
 * @throws RangeError for an unknown column, a degree < 1 or a non-integer degree, a
 *   degree > 1 with other than one feature, the target used as a feature, or an empty model.
 * @example designSpec(['y', 'x'], { target: 'y', features: ['x'], degree: 2 }).terms.map(t => t.name) // ['x', 'x^2']
 */
export function designSpec(names: readonly string[], options: DesignOptions): DesignSpec {
  const target = columnIndex({ names }, options.target);
  const degree = options.degree ?? 1;
  const intercept = options.intercept ?? true;
  if (!Number.isInteger(degree) || degree < 1) {
    throw new RangeError(l10n.t('polynomial degree must be a whole number ≥ 1, got {0}', String(degree)));
  }
  if (degree > 1 && options.features.length !== 1) {
    throw new RangeError(l10n.t('a polynomial of degree {0} needs exactly one feature, got {1}', String(degree), String(options.features.length)));
  }
  const terms: Term[] = [];
  for (const f of options.features) {
    const source = columnIndex({ names }, f);
    if (source === target) throw new RangeError(l10n.t('"{0}" is the target; it cannot also be a feature', f));
    for (let k = 1; k <= degree; k++) terms.push({ name: k === 1 ? f : `${f}^${k}`, source, power: k });
  }
  if (terms.length === 0 && !intercept) {
    throw new RangeError(l10n.t('the model has no terms: choose at least one feature or keep the intercept'));
  }
  return { target, targetName: options.target, terms, intercept };
}

/** Term names in report order: intercept first (if any), then the terms. */
export function termNames(spec: DesignSpec): string[] {
  return [...(spec.intercept ? [spec.interceptName ?? INTERCEPT_NAME] : []), ...spec.terms.map((t) => t.name)];
}

/** Number of coefficients, the intercept included. */
export function coefficientCount(spec: DesignSpec): number {
  return spec.terms.length + (spec.intercept ? 1 : 0);
}

/**
 * The dense design of the terms (without the intercept column), column-major, in doubles:
 * for SGD and plotting. The exact solver does not use it (it evaluates powers in extended precision).
 */
export function designColumns(table: Table, spec: DesignSpec): Float64Array[] {
  return spec.terms.map((t) => {
    const src = table.columns[t.source];
    const out = new Float64Array(table.rowCount);
    for (let i = 0; i < out.length; i++) out[i] = t.power === 1 ? src[i] : src[i] ** t.power;
    return out;
  });
}

/** Remembered z-score parameters, so coefficients can be reported in original units. */
export interface Standardization {
  readonly means: Float64Array;
  readonly scales: Float64Array;
}

/**
 * Column means and standard deviations (population, n in the denominator; a constant
 * column gets scale 1 so it is centred but never divided by zero).
 */
export function fitStandardization(columns: readonly Float64Array[]): Standardization {
  const means = new Float64Array(columns.length);
  const scales = new Float64Array(columns.length);
  columns.forEach((c, j) => {
    const n = c.length;
    let m = 0;
    for (let i = 0; i < n; i++) m += (c[i] - m) / (i + 1);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c[i] - m) ** 2;
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    means[j] = n > 0 ? m : 0;
    scales[j] = sd > 0 && Number.isFinite(sd) ? sd : 1;
  });
  return { means, scales };
}

/** (x − mean) / scale per column; new arrays, inputs untouched. */
export function standardize(columns: readonly Float64Array[], s: Standardization): Float64Array[] {
  return columns.map((c, j) => {
    const out = new Float64Array(c.length);
    const m = s.means[j];
    const sc = s.scales[j];
    for (let i = 0; i < c.length; i++) out[i] = (c[i] - m) / sc;
    return out;
  });
}

/**
 * Converts weights fitted on standardized features back to original units:
 * y = b' + Σ w'_j (x_j − m_j)/s_j  ⇒  w_j = w'_j / s_j,  b = b' − Σ w_j m_j.
 */
export function unstandardizeWeights(w: Float64Array, b: number, s: Standardization): { w: Float64Array; b: number } {
  const out = new Float64Array(w.length);
  let bias = b;
  for (let j = 0; j < w.length; j++) {
    out[j] = w[j] / s.scales[j];
    bias -= out[j] * s.means[j];
  }
  return { w: out, b: bias };
}
