/**
 * The closed-form fit of a design and everything the panel draws from it: the summary, a
 * uniform plot sample with predictions and residuals, the fitted curve, the loss landscape and
 * the likelihood profiles.
 */
import { describeBound, inBound } from '../core/bounds';
import { DESIGN_BOUNDS } from '../core/choices';
import { INTERCEPT_NAME, designColumns, designSpec, termNames, type DesignSpec } from '../core/design-matrix';
import { finiteOrNull, summarizeFit } from '../core/fit-summary';
import { fitLeastSquaresStream, type LeastSquaresResult } from '../core/least-squares';
import { likelihoodMseProfiles } from '../core/normal';
import { uniformSampleIndices } from '../core/plot-sample';
import { createRng } from '../core/random';
import { tableBlocks, type RowBlock, type Table } from '../core/table';
import type { DesignChoice, FitPayload, LikelihoodProfile } from '../protocol';
import { lossLandscape } from './loss-landscape';

/** A closed-form fit and what training needs from it. */
export interface PreparedFit {
  readonly design: DesignChoice;
  readonly spec: DesignSpec;
  readonly result: LeastSquaresResult;
  /** The design's term columns (powers applied), all rows. */
  readonly columns: readonly Float64Array[];
  readonly y: Float64Array;
  readonly payload: FitPayload;
}

export interface FitOptions {
  readonly maxPlotPoints: number;
  /** Seed of the plot sample. */
  readonly seed: number;
  /** Awaited between blocks of rows: throw from it to cancel, and it lets messages in. */
  readonly checkpoint?: () => Promise<void>;
}

/**
 * Fits `design` to `table` by certified least squares and builds the fit payload.
 * @throws RangeError for a design the columns cannot make, or data the fit cannot use
 *   (more coefficients than rows, …) — messages are in the user's terms.
 */
export async function computeFit(table: Table, design: DesignChoice, options: FitOptions): Promise<PreparedFit> {
  if (!inBound(design.validationFraction, DESIGN_BOUNDS.validationFraction)) {
    throw new RangeError(`the validation fraction must be ${describeBound(DESIGN_BOUNDS.validationFraction)}, got ${design.validationFraction}`);
  }
  const spec = designSpec(table.names, {
    target: design.target,
    features: design.features,
    degree: design.degree,
    intercept: design.intercept,
  });
  if (table.rowCount === 0) throw new RangeError('there are no data rows to fit');
  const checkpoint = options.checkpoint;
  const source = async function* (): AsyncGenerator<RowBlock> {
    for (const block of tableBlocks(table, 32768)) {
      if (checkpoint) await checkpoint();
      yield block;
    }
  };
  const result = await fitLeastSquaresStream(source, spec);
  if (checkpoint) await checkpoint();
  const columns = designColumns(table, spec);
  const y = table.columns[spec.target];
  return { design, spec, result, columns, y, payload: fitPayload(table, design, spec, result, columns, y, options) };
}

function fitPayload(
  table: Table,
  design: DesignChoice,
  spec: DesignSpec,
  result: LeastSquaresResult,
  columns: readonly Float64Array[],
  y: Float64Array,
  options: FitOptions,
): FitPayload {
  const coef = Array.from(result.coefficients, (c) => (Number.isFinite(c) ? c : 0));
  const names = termNames(spec);
  const predict = (i: number) => result.predict((source) => table.columns[source][i]);
  // plot sample: uniform, seeded; statistics above used every row
  const idx = uniformSampleIndices(table.rowCount, Math.max(0, Math.floor(options.maxPlotPoints)), createRng(options.seed >>> 0));
  const featureCols = design.features.map((f) => table.columns[table.names.indexOf(f)]);
  const ys: number[] = new Array(idx.length);
  const yhat: number[] = new Array(idx.length);
  const res: number[] = new Array(idx.length);
  idx.forEach((i, k) => {
    ys[k] = y[i];
    yhat[k] = predict(i);
    res[k] = y[i] - yhat[k];
  });
  const sample = {
    shown: idx.length,
    total: table.rowCount,
    features: featureCols.map((c) => Array.from(idx, (i) => c[i])),
    y: ys,
    yhat,
    residuals: res,
  };
  return {
    summary: summarizeFit(result, design),
    coefficients: coef,
    termNames: names,
    sample,
    curve: design.features.length === 1 ? fitCurve(featureCols[0], result) : null,
    landscape: lossLandscape(spec, result, columns),
    profiles: profiles(spec, columns, y, coef, names, result),
    sigma: finiteOrNull(result.residualStdDev),
  };
}

const CURVE_POINTS = 101;

/** ŷ over the single feature's range (polynomial terms evaluated from the raw x). */
function fitCurve(x: Float64Array, result: LeastSquaresResult) {
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
  return { x: xs, yhat: ys };
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
      name: spec.intercept && k === 0 ? INTERCEPT_NAME : p.name,
      values: Array.from(p.values),
      mse: Array.from(p.mse),
      nll: Array.from(p.nll),
      argminMse: p.argminMse,
      argminNll: p.argminNll,
    }))
    .filter((p, k) => !result.terms[k]?.dropped && [...p.values, ...p.mse, ...p.nll].every(Number.isFinite));
}
