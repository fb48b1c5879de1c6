/**
 * Node adapter: streams a CSV file from disk into the core's reader in 1 MiB chunks; the CSV
 * entry of the table formats (./table-file.ts).
 */
import { basename } from 'node:path';
import { CsvError, createCsvReader, inspectCsv, type CsvReadOptions, type CsvSummary } from '../core/csv';
import type { DataColumn } from '../core/data';
import { DATA_FORMATS } from '../core/data-formats';
import { describeCsv } from './csv-describe';
import { blockCollector, type RowBlock, type Table } from '../core/table';
import { readHead, streamFile, type MakeError } from './file-stream';
import type { TableFormat } from './table-file';

/** Bytes of the head read to inspect the columns. */
const HEAD_BYTES = 1 << 20;
const CSV_FILE = 'a CSV file';
const csvError: MakeError = (code, file, message, details) => new CsvError(code, file, message, details);

/**
 * Streams a CSV file through {@link createCsvReader}: bounded memory whatever the size.
 * The default `fileName` (used in messages) is the path's basename.
 * @returns the reader's summary once the whole file has been read.
 * @throws CsvError for bad data, and for the file system: 'file-not-found', 'read-failed',
 *   'file-changed' (deleted, truncated or rewritten while it was read).
 * @example const summary = await readCsvFile('data.csv', {}, (block) => fit.add(block));
 */
export async function readCsvFile(
  path: string,
  options: CsvReadOptions,
  onBlock: (block: RowBlock) => void,
): Promise<CsvSummary> {
  const file = options.fileName ?? basename(path);
  const reader = createCsvReader({ ...options, fileName: file }, onBlock);
  await streamFile(path, file, CSV_FILE, (chunk) => reader.push(chunk), csvError);
  return reader.end();
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

/** The columns and their types, from the first MiB of the file. */
async function inspectCsvFile(path: string, options: CsvReadOptions): Promise<readonly DataColumn[]> {
  const file = options.fileName ?? basename(path);
  const head = await readHead(path, file, CSV_FILE, HEAD_BYTES, csvError);
  return inspectCsv(head, { ...options, fileName: file }).schema.columns;
}

/** CSV (and tab- or semicolon-separated text) in the table formats. */
export const csvFormat: TableFormat = {
  name: 'CSV',
  extensions: DATA_FORMATS[0].extensions,
  read: readCsvFile,
  inspect: inspectCsvFile,
  describe: describeCsv,
};
