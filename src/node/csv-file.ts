/**
 * Node adapter: a CSV file on disk streamed into the core's CSV reader in 1 MiB chunks (the bench
 * and the tests read CSV directly; everything else goes through ./table-file.ts).
 */
import { basename } from 'node:path';
import type { CsvReadOptions, CsvSummary } from '../core/csv';
import { csvFormat, readCsv } from '../core/formats/csv';
import { blockCollector, type RowBlock, type Table } from '../core/table';
import { sourceOf } from './table-file';

/**
 * Streams a CSV file through the core's reader: bounded memory whatever the size.
 * The default `fileName` (used in messages) is the path's basename.
 * @throws CsvError for bad data, and for the file system: 'file-not-found', 'read-failed',
 *   'file-changed' (deleted, truncated or rewritten while it was read).
 * @example const summary = await readCsvFile('data.csv', {}, (block) => fit.add(block));
 */
export function readCsvFile(path: string, options: CsvReadOptions, onBlock: (block: RowBlock) => void): Promise<CsvSummary> {
  return readCsv(sourceOf(path, options.fileName ?? basename(path), csvFormat), options, onBlock);
}

/**
 * The whole file as a table of the kept columns (copied out of the blocks).
 * @throws CsvError as {@link readCsvFile}.
 * @example const { table } = await readCsvFileTable('data.csv', { columns: ['x', 'y'] });
 */
export async function readCsvFileTable(path: string, options: CsvReadOptions = {}): Promise<{ table: Table; summary: CsvSummary }> {
  const rows = blockCollector();
  const summary = await readCsvFile(path, options, rows.add);
  return { table: rows.table(summary.kept), summary };
}
