/**
 * Node adapter: the closed-form fit of a CSV file, streamed. Feeds the core's pass driver
 * (`createFitDriver`) from the file with bounded memory: by default one pass (the first rows
 * give a provisional solution, the pass accumulates the double-double sums relative to it,
 * and the solver's own convergence test decides whether more passes are needed); small files
 * are kept in memory after the first read instead of being read again.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { inspectCsv, type CsvReadOptions, type CsvSummary } from '../core/csv';
import { designSpec, type DesignSpec } from '../core/design-matrix';
import { createFitDriver, type LeastSquaresResult } from '../core/least-squares';
import type { RowBlock } from '../core/table';
import { readCsvFile } from './csv-file';

export interface FitFileOptions {
  readonly target: string;
  /** Default: every numeric column but the target. */
  readonly features?: readonly string[];
  readonly degree?: number;
  readonly intercept?: boolean;
  readonly csv?: CsvReadOptions;
  /** One pass over the file in the common case (default true); false: factor pass, then refinement passes. */
  readonly onePass?: boolean;
  /** Rows kept in memory for the provisional solution of the one-pass mode (default: the core's). */
  readonly headRows?: number;
}

/** Parsed values kept in memory between passes at most (doubles); beyond, passes re-read the file. */
const CACHE_VALUES = 2_000_000;
/** Files larger than this are not cached at all (they would exceed CACHE_VALUES anyway). */
const CACHE_BYTES = 64 << 20;
const HEAD_BYTES = 1 << 20;

function copyBlock(block: RowBlock): RowBlock {
  return { ...block, columns: block.columns.map((c) => c.slice(0, block.rowCount)) };
}

/**
 * @returns the fit, the CSV summary of the first pass and the design spec used.
 * @throws CsvError for bad data or file problems; RangeError for a model the data cannot fit.
 */
export async function fitCsvFile(
  path: string,
  options: FitFileOptions,
): Promise<{ fit: LeastSquaresResult; csv: CsvSummary; spec: DesignSpec }> {
  const csvOptions: CsvReadOptions = { fileName: basename(path), ...options.csv };
  const features = options.features ?? (await numericColumns(path, csvOptions)).filter((n) => n !== options.target);
  const columns = [options.target, ...features];
  const spec = designSpec(columns, {
    target: options.target,
    features,
    degree: options.degree,
    intercept: options.intercept,
  });
  const read = { ...csvOptions, columns };
  const onePass = options.onePass ?? true;

  let size = Infinity;
  try {
    size = (await stat(path)).size;
  } catch {
    // readCsvFile reports file errors in the user's terms
  }
  let cache: RowBlock[] | undefined = size <= CACHE_BYTES ? [] : undefined;
  let cached = 0;
  const fit = createFitDriver(spec, { onePass, headRows: options.headRows });
  const csv = await readCsvFile(path, read, (block) => {
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
  if (csv.rowsUsed === 0) throw new RangeError(`${csvOptions.fileName}: there are no data rows to fit (${csv.rowsDropped} dropped)`);
  while (fit.endPass()) {
    if (cache) for (const b of cache) fit.add(b);
    else await readCsvFile(path, read, (b) => fit.add(b));
  }
  return { fit: fit.result(), csv, spec };
}

/** The numeric columns, from the head of the file. */
async function numericColumns(path: string, options: CsvReadOptions): Promise<string[]> {
  const head = await readHead(path);
  return inspectCsv(head, options).schema.columns.filter((c) => c.numeric).map((c) => c.name);
}

async function readHead(path: string): Promise<Uint8Array> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    // Let the streaming reader produce its well-worded file error.
    await readCsvFile(path, {}, () => undefined);
    throw new Error(`${path} cannot be read`);
  }
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
