/**
 * Node adapter: the closed-form fit of a data file (any format of ./table-file.ts), streamed. Feeds the core's pass driver
 * (`createFitDriver`) from the file with bounded memory: by default one pass (the first rows
 * give a provisional solution, the pass accumulates the double-double sums relative to it,
 * and the solver's own convergence test decides whether more passes are needed); small files
 * are kept in memory after the first read instead of being read again.
 */
import { DiagnosticsPass, type FitDiagnostics } from '../core/fit-diagnostics';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataColumn, DataReadOptions, DataSummary } from '../core/data';
import { designSpec, type DesignSpec } from '../core/design-matrix';
import { createFitDriver, type LeastSquaresResult } from '../core/least-squares';
import { subBlocks, type RowBlock } from '../core/table';
import { FormulaFirstPass, planFormula, type FormulaDesign } from '../core/formula/design';
import { columnsOf, formulaColumns, type ColumnKind } from '../core/formula/factors';
import type { DateFormat } from '../core/dates';
import { ImputePass, type ImputeChoice, type ImputedColumn, type Imputation } from '../core/impute';
import { csvFormat } from '../core/formats/csv';
import { formatOf } from '../core/table-formats';
import { RANGE_BYTES } from './csv-ranges';
import { NeedsOrderedRead, parallelFitCsv } from './parallel-fit';
import { inspectTableFile, readTableFile } from './table-file';
import { classicalCovariance, SandwichPass, withCovariance, type CovType } from '../core/robust-covariance';

export interface FitFileOptions {
  readonly target: string;
  /** Default: every numeric column but the target. */
  readonly features?: readonly string[];
  readonly degree?: number;
  readonly intercept?: boolean;
  /** How to read the file (delimiter, missing values, …). */
  readonly read?: DataReadOptions;
  /** One pass over the file in the common case (default true); false: factor pass, then refinement passes. */
  readonly onePass?: boolean;
  /** Rows kept in memory for the provisional solution of the one-pass mode (default: the core's). */
  readonly headRows?: number;
  /** The residual diagnostics and VIFs (default true): one more pass over the file, from memory when it is cached. */
  readonly diagnostics?: boolean;
  /** The covariance behind the inference (default nonrobust); a robust one takes the diagnostics' pass. */
  readonly cov?: CovType;
  /**
   * Threads for a CSV file larger than one range (default 1): its passes run on this many (the
   * answer is the same bit for bit whatever the number; ./parallel-fit.ts).
   */
  readonly threads?: number;
  /** The parallel fit's worker script (default dist/fit-worker.js beside the bundle; tests build their own). */
  readonly workerScript?: string;
  /** The parallel fit's range size (default RANGE_BYTES, 8 MiB; tests use small ranges to cross many borders). */
  readonly rangeBytes?: number;
}

/** A fit's after-pass: the diagnostics, and the robust covariance when asked, at the final coefficients. */
class AfterPass {
  private readonly diagnostics?: DiagnosticsPass;
  private readonly sandwich?: SandwichPass;

  constructor(
    spec: DesignSpec,
    private readonly fit: LeastSquaresResult,
    wantDiagnostics: boolean,
    private readonly cov: CovType,
  ) {
    if (wantDiagnostics) this.diagnostics = new DiagnosticsPass(spec, fit.predict);
    if (cov !== 'nonrobust') this.sandwich = new SandwichPass(fit);
  }

  get needed(): boolean {
    return this.diagnostics !== undefined || this.sandwich !== undefined;
  }

  add(block: RowBlock): void {
    this.diagnostics?.add(block);
    this.sandwich?.add(block);
  }

  /** The fit with its inference from the chosen covariance, that covariance, and the diagnostics (VIFs from the classical SEs). */
  result(): { fit: LeastSquaresResult; covariance: Float64Array; diagnostics?: FitDiagnostics } {
    const diagnostics = this.diagnostics?.result(this.fit);
    if (!this.sandwich || this.cov === 'nonrobust') return { fit: this.fit, covariance: classicalCovariance(this.fit), ...(diagnostics ? { diagnostics } : {}) };
    const covariance = this.sandwich.covariance(this.cov, this.fit.dfResidual);
    return { fit: withCovariance(this.fit, covariance, this.cov), covariance, ...(diagnostics ? { diagnostics } : {}) };
  }
}

/** Parsed values kept in memory between passes at most (doubles); beyond, passes re-read the file. */
const CACHE_VALUES = 2_000_000;
/** Files larger than this are not cached at all (they would exceed CACHE_VALUES anyway). */
const CACHE_BYTES = 64 << 20;
/** Rows of a formula's design evaluated at once (8,192 × 202 columns × 8 bytes = 13 MB). */
const DESIGN_ROWS = 8192;

/** The features of a model with none named: every numeric column but the target and ids. */
export function defaultFeatures(columns: readonly DataColumn[], target: string): string[] {
  return columns.filter((c) => c.numeric && !c.id && c.name !== target).map((c) => c.name);
}

function copyBlock(block: RowBlock): RowBlock {
  return { ...block, columns: block.columns.map((c) => c.slice(0, block.rowCount)), ...(block.rows ? { rows: block.rows.slice(0, block.rowCount) } : {}) };
}

/**
 * @returns the fit, the reader's summary of the first pass and the design spec used.
 * @throws DataError for bad data or file problems; RangeError for a model the data cannot fit.
 */
export async function fitTableFile(
  path: string,
  options: FitFileOptions,
): Promise<{
  fit: LeastSquaresResult;
  data: DataSummary;
  spec: DesignSpec;
  covariance: Float64Array;
  diagnostics?: FitDiagnostics;
  /** When the passes ran over the file's ranges (./parallel-fit.ts): how many, joined across a quoted field, and the passes. */
  ranges?: { readonly count: number; readonly joined: number; readonly passes: number };
}> {
  const readOptions: DataReadOptions = { fileName: basename(path), ...options.read };
  const onePass = options.onePass ?? true;
  /** The model on the file's columns: the features named, or every numeric column but the target. */
  const designOf = (fileColumns: readonly DataColumn[] | undefined) => {
    const features = options.features ?? defaultFeatures(fileColumns ?? [], options.target);
    const columns = [options.target, ...features];
    const spec = designSpec(columns, { target: options.target, features, degree: options.degree, intercept: options.intercept });
    return { spec, read: { ...readOptions, columns } };
  };

  let size = Infinity;
  try {
    size = (await stat(path)).size;
  } catch {
    // the reader reports file errors in the user's terms
  }
  // a CSV file of more than one range: its passes as map and merge over the ranges, on every
  // thread asked for (a problem in the data falls through to the ordered read, which names it);
  // the columns come from the head's plan (inspecting the file first read the head twice)
  const rangeBytes = options.rangeBytes ?? RANGE_BYTES;
  if (onePass && size > rangeBytes && size !== Infinity && formatOf(path) === csvFormat) {
    try {
      const { fit, data, ranges, spec, read } = await parallelFitCsv(path, readOptions, designOf, {
        headRows: options.headRows,
        threads: Math.max(1, options.threads ?? 1),
        workerScript: options.workerScript,
        rangeBytes,
      });
      const pass = new AfterPass(spec, fit, options.diagnostics !== false, options.cov ?? 'nonrobust');
      if (pass.needed) await readTableFile(path, read, (b) => pass.add(b));
      return { ...pass.result(), data, spec, ranges };
    } catch (e) {
      if (!(e instanceof NeedsOrderedRead)) throw e;
    }
  }
  const { spec, read } = designOf(options.features ? undefined : await inspectTableFile(path, readOptions));
  let cache: RowBlock[] | undefined = size <= CACHE_BYTES ? [] : undefined;
  let cached = 0;
  const fit = createFitDriver(spec, { onePass, headRows: options.headRows });
  const data = await readTableFile(path, read, (block) => {
    if (block.rowCount === 0) return;
    let kept: RowBlock | undefined;
    if (cache) {
      cached += block.rowCount * block.columns.length;
      if (cached > CACHE_VALUES) cache = undefined;
      else cache.push((kept = copyBlock(block)));
    }
    // the reader reuses its arrays: the driver copies what it keeps unless we already did
    fit.add(kept ?? block, kept === undefined);
  });
  if (data.rowsUsed === 0) throw new RangeError(`${readOptions.fileName}: there are no data rows to fit (${data.rowsDropped} dropped)`);
  while (fit.endPass()) {
    if (cache) for (const b of cache) fit.add(b);
    else await readTableFile(path, read, (b) => fit.add(b));
  }
  // the residuals at the final coefficients, in row order, and the terms' sums: one more pass (from memory when cached)
  const pass = new AfterPass(spec, fit.result(), options.diagnostics !== false, options.cov ?? 'nonrobust');
  if (pass.needed) {
    if (cache) for (const b of cache) pass.add(b);
    else await readTableFile(path, read, (b) => pass.add(b));
  }
  return { ...pass.result(), data, spec };
}

/**
 * The closed-form fit of a formula (`y ~ x1 + C(g) + np.log(x2)`) on a data file, streamed:
 * a first pass learns the categories' levels and the stateful transforms' statistics (small
 * files are kept in memory after it, larger ones are read again), then the design's blocks go
 * through the same certified pass driver as any fit. Only the formula's own columns drop a row;
 * with `impute`, only a missing target does, and the other gaps are filled first (an imputer's
 * own passes: one, or four for a median), as scikit-learn's SimpleImputer before the model.
 * @returns the fit (coefficients named as patsy names them), the reader's summary (rows used
 *   and dropped as the model used them), the design, and what was filled in.
 * @throws FormulaError for a formula that does not parse or fit the columns; DataError for the
 *   file; RangeError for a design the data cannot fit (with the term and row).
 */
export async function fitFormulaFile(
  path: string,
  formula: string,
  options: { readonly read?: DataReadOptions; readonly onePass?: boolean; readonly impute?: ImputeChoice; readonly diagnostics?: boolean; readonly cov?: CovType } = {},
): Promise<{
  fit: LeastSquaresResult;
  data: DataSummary;
  design: FormulaDesign;
  covariance: Float64Array;
  /** The file's columns as the formula saw them (and how a date column's dates are written). */
  columns: readonly { name: string; kind: ColumnKind; date?: DateFormat }[];
  diagnostics?: FitDiagnostics;
  imputed?: readonly ImputedColumn[];
  imputation?: Imputation;
}> {
  const readOptions: DataReadOptions = { fileName: basename(path), ...options.read };
  // a column of numbers with a stray value stays numeric, so reading it names the bad cell
  const inspected = await inspectTableFile(path, readOptions);
  const columns = formulaColumns(inspected).map((c, j) => {
    const date = (inspected[j] as { date?: { format: DateFormat } }).date?.format;
    return date ? { ...c, date } : c;
  });
  const plan = planFormula(formula, columns);
  const { impute } = options;
  const read: DataReadOptions = {
    ...readOptions,
    columns: plan.columns,
    text: plan.textColumns,
    // gaps reach the imputer as NaN, with their rows' numbers to name a dropped row
    ...(impute ? { missing: 'keep' as const, rowNumbers: true } : {}),
  };
  let size = Infinity;
  try {
    size = (await stat(path)).size;
  } catch {
    // the reader reports file errors in the user's terms
  }
  let cache: RowBlock[] | undefined = size <= CACHE_BYTES ? [] : undefined;
  let cached = 0;
  let summary: DataSummary | undefined;
  /** Every block of the file to `visit`: the first time from the file (filling the cache), then from the cache or the file again. */
  const scan = async (visit: (block: RowBlock) => void): Promise<DataSummary> => {
    if (summary) {
      if (cache) for (const b of cache) visit(b);
      else await readTableFile(path, read, (b) => b.rowCount > 0 && visit(b));
      return summary;
    }
    summary = await readTableFile(path, read, (block) => {
      if (block.rowCount === 0) return;
      visit(block);
      if (cache) {
        cached += block.rowCount * block.columns.length;
        if (cached > CACHE_VALUES) cache = undefined;
        else cache.push(copyBlock(block));
      }
    });
    return summary;
  };

  let imputation: Imputation | undefined;
  if (impute) {
    const targetColumns = columnsOf(plan.target.node);
    const pass = new ImputePass(
      plan.columns.map((name) => ({ name, text: plan.textColumns.includes(name), target: targetColumns.has(name) })),
      impute,
    );
    do await scan((b) => pass.observe(b));
    while (pass.endPass());
    imputation = pass.finish(summary!.levels);
  }
  const prepare = imputation ? (b: RowBlock) => imputation.apply(b) : (b: RowBlock) => b;
  const first = new FormulaFirstPass(plan);
  let data = await scan((b) => first.observe(prepare(b)));
  if (imputation) {
    // the rows the model used: every row with its target (the reader kept the others' gaps)
    const d = imputation.firstDropped;
    data = {
      ...data,
      rowsUsed: imputation.rowsUsed,
      rowsDropped: data.rowsDropped + imputation.rowsDropped,
      dropped: d ? [{ row: d.row, column: d.column, value: '', reason: 'a target is never filled in' }] : [],
    };
  }
  if (data.rowsUsed === 0) throw new RangeError(`${readOptions.fileName}: there are no data rows to fit (${data.rowsDropped} dropped)`);
  const design = first.finish(data.levels, imputation?.indicators);
  const fit = createFitDriver(design.spec, { onePass: options.onePass ?? true });
  // design blocks are fresh arrays: the driver may keep them without copying. A design is as
  // wide as its dummies (202 columns for a 200-level category): it is evaluated DESIGN_ROWS rows
  // at a time, so a reader's block does not become ~100 MB of design at once (peak RSS on a
  // 20 MB file with a 200-level category: 244 MiB in whole blocks; see BENCHMARKS.md for slices)
  do await scan((b) => {
    for (const s of subBlocks(b, DESIGN_ROWS)) fit.add(design.evaluate(prepare(s)));
  });
  while (fit.endPass());
  const imputed = imputation ? { imputed: imputation.filled, imputation } : {};
  // the residuals at the final coefficients, in row order, and the terms' sums: one more pass
  const pass = new AfterPass(design.spec, fit.result(), options.diagnostics !== false, options.cov ?? 'nonrobust');
  if (pass.needed) {
    await scan((b) => {
      for (const s of subBlocks(b, DESIGN_ROWS)) pass.add(design.evaluate(prepare(s)));
    });
  }
  return { ...pass.result(), data, design, columns, ...imputed };
}
