/**
 * The closed-form fit of a large CSV file on every core (issue 17): the head's plan and the first
 * rows' provisional solution here, then each pass over the file as map and merge over its ranges
 * (./parallel-passes.ts). Same certified algorithm as the one-pass fit of ./fit-file.ts — the
 * Gram matrix and Zᵀr accumulated in double-double relative to the head's solution, further
 * passes when the solver asks — with the sums added in range order, so the answer does not
 * depend on the number of threads.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvError, type CsvReadOptions, type CsvSummary } from '../core/csv';
import type { DataColumn } from '../core/data';
import { planCsv, StreamingCsvReader, type ChooseColumns, type CsvPlan } from '../core/csv/stream';
import type { DesignSpec } from '../core/design-matrix';
import { applyRefinement, createRefineState, finishFit, HEAD_ROWS, onePassTemplate, solveGramPass, type FitOptions, type LeastSquaresResult } from '../core/least-squares';
import type { RowBlock } from '../core/table';
import { open } from './csv-ranges';
import { NeedsOrderedRead, RangePool, type PassTotals } from './parallel-passes';

export { NeedsOrderedRead } from './parallel-passes';

/** Head bytes read per step while planning (the reader's head is at most 16 MiB). */
const PLAN_STEP = 1 << 20;
/** Rows per block of the head reader: the provisional solution's rows arrive without waiting for a full block. */
const HEAD_BLOCK_ROWS = 4096;

/** The worker script next to this bundle (dist/fit-worker.js). */
export function defaultWorkerScript(): string {
  return join(__dirname, 'fit-worker.js');
}

/** What a fit reads from a file: the model, and the read options that keep its columns. */
export interface FileDesign {
  readonly spec: DesignSpec;
  readonly read: CsvReadOptions;
}

/**
 * The plan of the file's head (read in 1 MiB steps until the reader's head decisions are made).
 * With `choose`, the columns kept are chosen from the columns the head inferred (see planCsv).
 */
export async function planFile(path: string, read: CsvReadOptions, size: number, choose?: ChooseColumns): Promise<CsvPlan> {
  const fh = await open(path, 'r');
  try {
    for (let len = Math.min(size, PLAN_STEP); ; len = Math.min(size, len * 2)) {
      const head = new Uint8Array(len);
      await fh.read(head, 0, len, 0);
      const plan = planCsv(head, len >= size, read, choose);
      if (plan) return plan;
      if (len >= size) throw new NeedsOrderedRead('the head gave no plan');
    }
  } finally {
    await fh.close();
  }
}

/** The first `rows` data rows (copies), read from the plan's data start. */
async function headRows(path: string, plan: CsvPlan, read: CsvReadOptions, rows: number): Promise<RowBlock[]> {
  const blocks: RowBlock[] = [];
  let have = 0;
  const reader = new StreamingCsvReader({ ...read, blockRows: HEAD_BLOCK_ROWS }, (b) => {
    if (have >= rows) return;
    blocks.push({ ...b, columns: b.columns.map((c) => c.slice(0, b.rowCount)) });
    have += b.rowCount;
  }, { plan, firstRow: plan.firstRow });
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(PLAN_STEP);
    for (let pos = plan.dataStart; have < rows; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) {
        reader.end();
        break;
      }
      reader.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return blocks;
}

/** The summary the ordered read would give, from the plan and the ranges' counts (and the text columns' levels). */
export function summaryOf(plan: CsvPlan, read: CsvReadOptions, totals: PassTotals, levels: Readonly<Record<string, readonly string[]>> = {}): CsvSummary {
  // a reader of the plan that read nothing has the plan's columns, kept names and schema (blocks
  // of one row: the default block would allocate 65,536 rows per column, at the fit's peak memory)
  const base = new StreamingCsvReader({ ...read, blockRows: 1 }, () => {}, { plan, firstRow: plan.firstRow }).end();
  const rowsUsed = totals.rowsRead - totals.rowsDropped;
  if (totals.rowsRead === 0 || rowsUsed === 0) throw new NeedsOrderedRead('no rows to fit');
  return {
    ...base,
    rowsRead: totals.rowsRead,
    rowsUsed,
    rowsDropped: totals.rowsDropped,
    dropped: [...totals.dropped],
    ...(read.missing === 'keep' ? { rowsWithMissing: totals.rowsWithMissing } : {}),
    warnings: [...plan.warnings],
    levels,
    bytes: totals.bytes,
  };
}

/**
 * Fits the model `design` chooses from the file's columns to the CSV file at `path` on
 * `threads` threads.
 * @throws NeedsOrderedRead when the data has a problem the ordered read must name (with its row);
 *   RangeError for a model the data cannot fit.
 */
export async function parallelFitCsv(
  path: string,
  read: CsvReadOptions,
  design: (columns: readonly DataColumn[]) => FileDesign,
  options: FitOptions & { readonly threads: number; readonly workerScript?: string; readonly rangeBytes?: number },
): Promise<{ fit: LeastSquaresResult; data: CsvSummary; spec: DesignSpec; read: CsvReadOptions; ranges: { readonly count: number; readonly joined: number; readonly passes: number } }> {
  // the workers load while this thread reads the head
  const pool = new RangePool(options.threads, options.workerScript ?? defaultWorkerScript());
  try {
    return await fitWith(pool, path, read, design, options);
  } finally {
    await pool.close();
  }
}

async function fitWith(
  pool: RangePool,
  path: string,
  fileRead: CsvReadOptions,
  design: (columns: readonly DataColumn[]) => FileDesign,
  options: FitOptions & { readonly rangeBytes?: number },
) {
  const size = (await stat(path)).size;
  // one reading of the head: the model is chosen from the columns it inferred
  let chosen: FileDesign | undefined;
  let plan;
  try {
    plan = await planFile(path, fileRead, size, (columns) => (chosen = design(columns)).read.columns ?? []);
  } catch (e) {
    // a column that is not there, not numeric, …: the ordered read says it in the model's terms
    if (e instanceof CsvError) throw new NeedsOrderedRead(e.message);
    throw e;
  }
  const { spec, read } = chosen!;
  const want = Math.max(options.headRows ?? HEAD_ROWS, spec.terms.length + 2);
  const setup = { path, plan, read, ...(options.rangeBytes ? { rangeBytes: options.rangeBytes } : {}) };
  // the workers start reading now; this thread computes the head's solution, then joins them
  const template = (async () => onePassTemplate(spec, await headRows(path, plan, read, want), options))();
  const firstPass = pool.refine(setup, template);
  firstPass.catch(() => {}); // awaited below, after the head's own error if it has one
  try {
    await template;
  } catch (e) {
    // non-finite values or too few rows in the head: the ordered read says where
    throw new NeedsOrderedRead(e instanceof Error ? e.message : String(e));
  }
  const first = await firstPass;
  let solver = solveGramPass(first.state, options);
  let passes = 1;
  while (!solver.done) {
    passes++;
    const next = await pool.refine(setup, createRefineState(solver));
    if (next.totals.rowsRead !== first.totals.rowsRead) throw new NeedsOrderedRead('the file changed between passes');
    solver = applyRefinement(solver, next.state);
  }
  return { fit: finishFit(solver), data: summaryOf(plan, read, first.totals), spec, read, ranges: { count: first.totals.ranges, joined: first.totals.joined, passes } };
}
