/**
 * A whole CSV file read into memory on every core (the playground's table): its ranges read by
 * worker threads with the `collect` kernel (./parallel-passes.ts) and joined in file order — rows
 * renumbered as the file's, each text column's codes made the file's (first seen first), exactly
 * what the ordered read gives. A problem in the data throws NeedsOrderedRead: read in order.
 */
import { stat } from 'node:fs/promises';
import type { CsvReadOptions, CsvSummary } from '../core/csv';
import { DEFAULT_MAX_LEVELS } from '../core/csv/head';
import { concatColumns, makeTable, type Table } from '../core/table';
import { defaultWorkerScript, planFile, summaryOf } from './parallel-fit';
import { NeedsOrderedRead, RangePool } from './parallel-passes';

export interface ParallelReadOptions {
  readonly threads: number;
  readonly workerScript?: string;
  readonly rangeBytes?: number;
  /** Called as ranges finish, with the rows read so far. */
  readonly onProgress?: (rows: number) => void;
  /** Polled between ranges: true stops the read (it then throws NeedsOrderedRead('cancelled')). */
  readonly cancelled?: () => boolean;
}

/**
 * The kept columns of the file as a table, the rows' numbers in the file, and the ordered
 * read's summary.
 * @throws NeedsOrderedRead for a problem in the data (the ordered read names it) or when cancelled.
 */
export async function parallelReadCsv(path: string, read: CsvReadOptions, options: ParallelReadOptions): Promise<{ table: Table; rowNumbers?: Float64Array; summary: CsvSummary; threads: number; ranges: number }> {
  const pool = new RangePool(options.threads, options.workerScript ?? defaultWorkerScript());
  try {
    const plan = await planFile(path, read, (await stat(path)).size);
    const kept = plan.kept.map((j) => plan.schema.columns[j].name);
    const text = new Set(read.text ?? []);
    const maxLevels = read.maxLevels ?? DEFAULT_MAX_LEVELS;
    const levels = new Map(kept.filter((n) => text.has(n)).map((n) => [n, new Map<string, number>()]));
    const parts: Float64Array[][] = [];
    const numbers: Float64Array[] = [];
    let rows = 0;
    const totals = await pool.pass({ path, plan, read, kernel: { kind: 'collect' }, ...(options.rangeBytes ? { rangeBytes: options.rangeBytes } : {}) }, (part, rowBase) => {
      if (options.cancelled?.()) throw new NeedsOrderedRead('cancelled');
      const r = part.rows!;
      const columns = r.columns.map((c, o) => {
        const global = levels.get(kept[o]);
        if (!global) return c;
        // the range's codes → the file's: its levels in the order it first saw them
        const local = r.levels[kept[o]] ?? [];
        const map = local.map((value) => {
          let code = global.get(value);
          if (code === undefined) {
            if (global.size >= maxLevels) throw new NeedsOrderedRead(`${kept[o]} has more than ${maxLevels} levels`);
            global.set(value, (code = global.size));
          }
          return code;
        });
        return c.map((x) => (Number.isNaN(x) ? x : map[x]));
      });
      parts.push(columns);
      if (r.rowNumbers) numbers.push(r.rowNumbers.map((x) => x + rowBase));
      rows += r.count;
      options.onProgress?.(rows);
    });
    const join = (chunks: readonly Float64Array[]) => concatColumns(chunks, rows);
    const table = makeTable(kept, kept.map((_, o) => join(parts.map((p) => p[o]))));
    const levelLists = Object.fromEntries([...levels].map(([n, m]) => [n, [...m.keys()]]));
    return { table, ...(numbers.length === parts.length && read.rowNumbers ? { rowNumbers: join(numbers) } : {}), summary: summaryOf(plan, read, totals, levelLists), threads: pool.threads, ranges: totals.ranges };
  } finally {
    await pool.close();
  }
}
