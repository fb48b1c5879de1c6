/**
 * The playground's computations, pure (no `node:*`, no `vscode`): the worker
 * (`playground-worker.ts`) owns the data and calls these; unit tests call them directly.
 *
 * - {@link datasetInfo}/{@link defaultDesign}: what the Data section shows.
 * - {@link computeFit}: the closed-form fit of a design plus everything drawn from it
 *   (summary, plot sample, fitted curve, loss landscape, likelihood profiles).
 * - {@link TrainingSession}: one minibatch-SGD run over the design (same seed ⇒ same run),
 *   reporting θ in original units, and {@link StepDecimator} to bound what is sent.
 */
import type { CsvSummary } from '../core/csv';
import {
  INTERCEPT_NAME,
  designColumns,
  designSpec,
  fitStandardization,
  standardize,
  termNames,
  type DesignSpec,
  type Standardization,
} from '../core/design-matrix';
import { fitLeastSquaresStream, type LeastSquaresResult } from '../core/least-squares';
import { meanLoss, packRows, type Examples } from '../core/linear-model';
import { likelihoodMseProfiles } from '../core/normal';
import { uniformSampleIndices } from '../core/plot-sample';
import { createRng } from '../core/random';
import { SgdTrainer, scheduleFor } from '../core/sgd';
import { finiteOrNull, summarizeFit } from '../core/fit-summary';
import { splitRows } from '../core/split';
import { tableBlocks, type RowBlock, type Table } from '../core/table';
import type {
  ColumnInfo,
  DatasetInfo,
  DesignChoice,
  FitPayload,
  LikelihoodProfile,
  LossLandscape,
  SgdParams,
  TrainingEpoch,
  TrainingStep,
} from '../protocol';

/** A dataset in memory: every numeric column, plus what the CSV reader said about the rest. */
export interface LoadedData {
  readonly label: string;
  readonly builtin: boolean;
  readonly table: Table;
  readonly columns: readonly ColumnInfo[];
  readonly rowsRead: number;
  readonly rowsDropped: number;
  readonly dropped: DatasetInfo['dropped'];
  readonly warnings: readonly string[];
}

/** The Data section's columns from a CSV summary: numeric ones, and the others with why. */
export function columnsFromCsv(summary: CsvSummary): ColumnInfo[] {
  return summary.schema.columns.map((c) =>
    c.numeric
      ? { name: c.name, numeric: true }
      : {
          name: c.name,
          numeric: false,
          reason: c.firstNonNumeric
            ? `"${c.firstNonNumeric.value.slice(0, 40)}" at row ${c.firstNonNumeric.row.toLocaleString('en-US')} is not a number`
            : 'it has no numeric values',
        },
  );
}

/** A dataset from a CSV read of its numeric columns. */
export function loadedFromCsv(label: string, table: Table, summary: CsvSummary): LoadedData {
  return {
    label,
    builtin: false,
    table,
    columns: columnsFromCsv(summary),
    rowsRead: summary.rowsRead,
    rowsDropped: summary.rowsDropped,
    dropped: summary.dropped.slice(0, 10).map((d) => ({ row: d.row, column: d.column, value: d.value.slice(0, 60), reason: d.reason })),
    warnings: [...summary.warnings],
  };
}

/** A dataset from an in-memory table (the built-in d2l synthetic data). */
export function loadedFromTable(label: string, table: Table): LoadedData {
  return {
    label,
    builtin: true,
    table,
    columns: table.names.map((name) => ({ name, numeric: true })),
    rowsRead: table.rowCount,
    rowsDropped: 0,
    dropped: [],
    warnings: [],
  };
}

const TARGET_NAMES = ['y', 'target', 'price', 'label', 'employed'];
/** More features than this by default would make the first screen unreadable. */
const DEFAULT_MAX_FEATURES = 8;

/**
 * The design shown first: `previous` when it still fits the columns, else the target is a
 * column called y/target/price/… or the last numeric column, and the features are the other
 * numeric columns (at most 8).
 */
export function defaultDesign(names: readonly string[], previous?: DesignChoice | null): DesignChoice {
  if (previous && isDesignValid(names, previous)) return previous;
  const lower = names.map((n) => n.toLowerCase());
  const named = TARGET_NAMES.map((t) => lower.indexOf(t)).find((i) => i >= 0);
  const target = names[named ?? names.length - 1] ?? '';
  return {
    target,
    features: names.filter((n) => n !== target).slice(0, DEFAULT_MAX_FEATURES),
    degree: 1,
    intercept: true,
    standardize: false,
    validationFraction: 0,
  };
}

/** Whether a design can be built on these columns (names exist, degree rules hold). */
export function isDesignValid(names: readonly string[], design: DesignChoice): boolean {
  try {
    designSpec(names, { target: design.target, features: design.features, degree: design.degree, intercept: design.intercept });
    return design.validationFraction >= 0 && design.validationFraction < 1;
  } catch {
    return false;
  }
}

export function datasetInfo(data: LoadedData, design: DesignChoice): DatasetInfo {
  return {
    label: data.label,
    builtin: data.builtin,
    columns: data.columns,
    rowsRead: data.rowsRead,
    rowsUsed: data.table.rowCount,
    rowsDropped: data.rowsDropped,
    dropped: data.dropped,
    warnings: data.warnings,
    design,
  };
}

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
  if (!(design.validationFraction >= 0 && design.validationFraction < 1)) {
    throw new RangeError(`the validation fraction must be at least 0 and below 1, got ${design.validationFraction}`);
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
  const b = spec.intercept ? coef[0] : 0;
  const w = coef.slice(spec.intercept ? 1 : 0);
  const predict = (i: number) => {
    let s = b;
    for (let j = 0; j < w.length; j++) s += w[j] * columns[j][i];
    return s;
  };
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
    curve: design.features.length === 1 ? fitCurve(featureCols[0], spec, coef) : null,
    landscape: lossLandscape(spec, result, columns),
    profiles: profiles(spec, columns, y, coef, names, result),
    sigma: finiteOrNull(result.residualStdDev),
  };
}

const CURVE_POINTS = 101;

/** ŷ over the single feature's range (polynomial terms evaluated from the raw x). */
function fitCurve(x: Float64Array, spec: DesignSpec, coef: readonly number[]) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (!(lo <= hi)) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  const off = spec.intercept ? 1 : 0;
  for (let k = 0; k < CURVE_POINTS; k++) {
    const v = lo === hi ? lo : lo + ((hi - lo) * k) / (CURVE_POINTS - 1);
    let s = spec.intercept ? coef[0] : 0;
    spec.terms.forEach((t, j) => (s += coef[off + j] * v ** t.power));
    xs.push(v);
    ys.push(s);
  }
  return { x: xs, yhat: ys };
}

/** Grid points per axis of the loss landscape. */
export const LANDSCAPE_POINTS = 41;

/**
 * Which two coefficients the landscape shows: (w, b) for one term with an intercept,
 * else the first two fitted weights; null when fewer than two coefficients are fitted.
 */
export function landscapeAxes(spec: DesignSpec, result: Pick<LeastSquaresResult, 'terms'>): [number, number] | null {
  const off = spec.intercept ? 1 : 0;
  const live = spec.terms.map((_, j) => j + off).filter((k) => !result.terms[k].dropped);
  if (live.length >= 2) return [live[0], live[1]];
  if (live.length === 1 && spec.intercept && !result.terms[0].dropped) return [live[0], 0];
  return null;
}

/**
 * Whether (a, b) can be the landscape's axes: two distinct coefficient indices of fitted
 * (not dropped) terms. The message validation checks the shape; this checks the fit.
 */
export function validLandscapeAxes(result: Pick<LeastSquaresResult, 'terms'>, a: number, b: number): boolean {
  const ok = (k: number) => Number.isInteger(k) && k >= 0 && k < result.terms.length && !result.terms[k].dropped;
  return a !== b && ok(a) && ok(b);
}

/**
 * MSE over a grid of two coefficients (the others at the optimum). Exact and O(1) per point:
 * at the least-squares optimum θ* the gradient vanishes, so
 * MSE(θ* + δ) = RSS/n + δᵀ G δ / n with G the 2×2 block of X̃ᵀX̃ (X̃ = [1 X]) for the two axes.
 * `chosen` picks the two coefficients (see `validLandscapeAxes`); the default is `landscapeAxes`.
 * @throws RangeError for chosen axes the fit does not have
 */
export function lossLandscape(
  spec: DesignSpec,
  result: LeastSquaresResult,
  columns: readonly Float64Array[],
  points = LANDSCAPE_POINTS,
  chosen?: readonly [number, number],
): LossLandscape | null {
  if (chosen && !validLandscapeAxes(result, chosen[0], chosen[1])) {
    throw new RangeError(`the loss landscape needs two different fitted parameters, got indices ${chosen[0]} and ${chosen[1]} of ${result.terms.length}`);
  }
  const axes = chosen ? ([chosen[0], chosen[1]] as [number, number]) : landscapeAxes(spec, result);
  if (!axes) return null;
  const off = spec.intercept ? 1 : 0;
  const n = result.n;
  const col = (k: number): Float64Array | null => (spec.intercept && k === 0 ? null : columns[k - off]);
  const [ia, ib] = axes;
  const ca = col(ia);
  const cb = col(ib);
  let gaa = 0;
  let gab = 0;
  let gbb = 0;
  for (let i = 0; i < n; i++) {
    const xa = ca ? ca[i] : 1;
    const xb = cb ? cb[i] : 1;
    gaa += xa * xa;
    gab += xa * xb;
    gbb += xb * xb;
  }
  const name = (k: number) => (spec.intercept && k === 0 ? 'b' : `w (${spec.terms[k - off].name})`);
  const axis = (k: number) => {
    const c = result.coefficients[k];
    const se = result.terms[k].stdError;
    // ±3 SE, widened to cover the SGD start (θ ≈ 0) so the trajectory stays on the chart
    let half = Math.max(Number.isFinite(se) ? 3 * se : 0, 1.15 * Math.abs(c));
    if (!(half > 0)) half = 1;
    return Array.from({ length: points }, (_, j) => c - half + (2 * half * j) / (points - 1));
  };
  const a = axis(ia);
  const b = axis(ib);
  const ca0 = result.coefficients[ia];
  const cb0 = result.coefficients[ib];
  const base = result.rss / n;
  const loss = b.map((vb) => {
    const db = vb - cb0;
    return a.map((va) => {
      const da = va - ca0;
      return Math.max(0, base + (gaa * da * da + 2 * gab * da * db + gbb * db * db) / n);
    });
  });
  return { aName: name(ia), bName: name(ib), aIndex: ia, bIndex: ib, a, b, loss, optimum: [ca0, cb0] };
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

// ---- training ------------------------------------------------------------------------

/** What one call to {@link TrainingSession.advance} produced. */
export interface Advance {
  readonly steps: number;
  readonly epochs: TrainingEpoch[];
}

/**
 * One SGD run over a prepared fit: seeded split, optional z-scoring of the training
 * features, an {@link SgdTrainer}; θ is reported in original units, intercept first, in
 * the order of `FitPayload.coefficients`. The same params give the same run.
 * @throws RangeError for invalid hyper-parameters (from the trainer) or no training rows.
 */
export class TrainingSession {
  readonly trainer: SgdTrainer;
  readonly params: SgdParams;
  /** The closed-form optimum's mean loss on the training rows under the run's loss. */
  readonly optimumLoss: number;
  private readonly scaling: Standardization | undefined;
  private readonly intercept: boolean;
  private readonly optimum: readonly number[];

  constructor(fit: PreparedFit, params: SgdParams) {
    this.params = params;
    const { design, spec } = fit;
    this.intercept = spec.intercept;
    this.optimum = fit.payload.coefficients;
    const n = fit.y.length;
    const { train, validation } = splitRows(n, design.validationFraction, createRng(params.seed >>> 0));
    if (train.length === 0) throw new RangeError('no training rows: lower the validation fraction');
    const take = (c: Float64Array, idx: Uint32Array) => Float64Array.from(idx, (i) => c[i]);
    let trainCols: Float64Array[] = fit.columns.map((c) => take(c, train));
    let valCols: Float64Array[] = fit.columns.map((c) => take(c, validation));
    if (design.standardize && trainCols.length > 0) {
      const s = fitStandardization(trainCols);
      // without an intercept, centring would need one: scale only
      this.scaling = spec.intercept ? s : { means: new Float64Array(s.means.length), scales: s.scales };
      trainCols = standardize(trainCols, this.scaling);
      valCols = standardize(valCols, this.scaling);
    }
    const trainEx: Examples = packRows(trainCols, take(fit.y, train));
    const valEx = validation.length > 0 ? packRows(valCols, take(fit.y, validation)) : undefined;
    this.trainer = new SgdTrainer(
      trainEx,
      {
        learningRate: params.learningRate,
        batchSize: params.batchSize,
        epochs: params.epochs,
        seed: params.seed >>> 0,
        schedule: scheduleFor(params.schedule),
        loss: params.loss,
        huberDelta: params.huberDelta,
        weightDecay: params.weightDecay,
        intercept: spec.intercept,
      },
      valEx,
    );
    const opt = this.toTrainingSpace(this.optimum);
    this.optimumLoss = meanLoss(trainEx, opt.w, opt.b, params.loss, params.huberDelta);
  }

  get done(): boolean {
    return this.trainer.done;
  }

  get totalSteps(): number {
    return this.trainer.totalSteps;
  }

  /** Current θ in original units, intercept first. */
  theta(): number[] {
    const t = this.trainer;
    const d = t.w.length;
    const out = new Array<number>(d + (this.intercept ? 1 : 0));
    let b = t.b;
    const off = this.intercept ? 1 : 0;
    for (let j = 0; j < d; j++) {
      const wj = this.scaling ? t.w[j] / this.scaling.scales[j] : t.w[j];
      if (this.scaling) b -= wj * this.scaling.means[j];
      out[off + j] = wj;
    }
    if (this.intercept) out[0] = b;
    return out;
  }

  /** ‖θ − θ*‖ in original units. */
  distance(theta: readonly number[] = this.theta()): number {
    let s = 0;
    for (let k = 0; k < theta.length; k++) s += (theta[k] - this.optimum[k]) ** 2;
    return Math.sqrt(s);
  }

  /** Sets η for the next steps (takes effect without a reset). */
  setLearningRate(eta: number): void {
    if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`learning rate must be a positive number, got ${eta}`);
    this.trainer.learningRate = eta;
  }

  /**
   * Runs up to `maxSteps` minibatch steps (stopping early when `keepGoing` says so or the
   * run ends); recorded steps go to `sink`.
   */
  advance(maxSteps: number, sink: StepDecimator, keepGoing: () => boolean = () => true): Advance {
    const epochs: TrainingEpoch[] = [];
    let steps = 0;
    while (steps < maxSteps && !this.trainer.done) {
      if ((steps & 63) === 63 && !keepGoing()) break;
      const r = this.trainer.next();
      if (!r) break;
      steps++;
      const last = this.trainer.done || steps === maxSteps;
      if (sink.wants(r.step.globalStep) || last || r.epoch) {
        const theta = this.theta();
        sink.add({
          globalStep: r.step.globalStep,
          epoch: r.step.epoch,
          step: r.step.step,
          learningRate: r.step.learningRate,
          batchLoss: r.step.batchLoss,
          theta,
          distance: this.distance(theta),
        });
      }
      if (r.epoch && !this.trainer.diverged) {
        epochs.push({
          epoch: r.epoch.epoch,
          trainLoss: r.epoch.trainLoss,
          validationLoss: finiteOrNull(r.epoch.validationLoss),
          distance: this.distance(),
        });
      }
    }
    return { steps, epochs };
  }

  private toTrainingSpace(theta: readonly number[]): { w: Float64Array; b: number } {
    const off = this.intercept ? 1 : 0;
    const d = theta.length - off;
    const w = new Float64Array(d);
    let b = this.intercept ? theta[0] : 0;
    for (let j = 0; j < d; j++) {
      const wj = theta[off + j];
      w[j] = this.scaling ? wj * this.scaling.scales[j] : wj;
      if (this.scaling) b += wj * this.scaling.means[j];
    }
    return { w, b };
  }
}

/**
 * Keeps at most `cap` of the steps between two messages, evenly spread (the stride doubles
 * whenever the buffer fills), always with the latest step; non-finite steps are dropped
 * (NaN never reaches a chart).
 */
export class StepDecimator {
  private buf: TrainingStep[] = [];
  private stride = 1;
  private latest: TrainingStep | undefined;

  constructor(readonly cap = 200) {}

  /** Whether the step with this global index would be kept. */
  wants(globalStep: number): boolean {
    return globalStep % this.stride === 0;
  }

  add(step: TrainingStep): void {
    if (!isFiniteStep(step)) return;
    this.latest = step;
    if (!this.wants(step.globalStep)) return;
    this.buf.push(step);
    if (this.buf.length >= this.cap) {
      this.stride *= 2;
      this.buf = this.buf.filter((s) => s.globalStep % this.stride === 0);
    }
  }

  /** The kept steps (latest included), and a fresh start. */
  take(): TrainingStep[] {
    const out = this.buf;
    if (this.latest && out[out.length - 1] !== this.latest) out.push(this.latest);
    this.buf = [];
    this.latest = undefined;
    this.stride = 1;
    return out;
  }

  get size(): number {
    return this.buf.length + (this.latest && this.buf[this.buf.length - 1] !== this.latest ? 1 : 0);
  }
}

function isFiniteStep(s: TrainingStep): boolean {
  return Number.isFinite(s.batchLoss) && Number.isFinite(s.distance) && Number.isFinite(s.learningRate) && s.theta.every(Number.isFinite);
}

/**
 * The run so far as the view was sent it (steps and epochs), bounded: when either list
 * reaches `cap`, every other entry is dropped (the latest is always kept). Replayed to a view
 * that reconnects (a hidden panel is torn down), so its curves come back.
 */
export class RunHistory {
  private stepList: TrainingStep[] = [];
  private epochList: TrainingEpoch[] = [];

  constructor(readonly cap = 1000) {}

  clear(): void {
    this.stepList = [];
    this.epochList = [];
  }

  add(steps: readonly TrainingStep[], epochs: readonly TrainingEpoch[]): void {
    this.stepList.push(...steps);
    this.epochList.push(...epochs);
    this.stepList = thin(this.stepList, this.cap);
    this.epochList = thin(this.epochList, this.cap);
  }

  get steps(): readonly TrainingStep[] {
    return this.stepList;
  }

  get epochs(): readonly TrainingEpoch[] {
    return this.epochList;
  }
}

/** Halves `xs` (keeping the first and the last) until it is shorter than `cap`. */
function thin<T>(xs: T[], cap: number): T[] {
  let out = xs;
  while (out.length >= cap && out.length > 2) {
    const last = out[out.length - 1];
    out = out.filter((_, i) => i % 2 === 0);
    if (out[out.length - 1] !== last) out.push(last);
  }
  return out;
}

/** Epochs with a non-finite loss are not sent. */
export function finiteEpochs(epochs: readonly TrainingEpoch[]): TrainingEpoch[] {
  return epochs.filter((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.distance));
}

