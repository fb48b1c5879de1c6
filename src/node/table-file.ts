/**
 * Reading a data file, whatever its format: the reader is chosen by the file's extension from
 * {@link TABLE_FORMATS}, and everything downstream sees the format-neutral summary and errors
 * of core/data.ts. Adding a format is one reader module (like ./csv-file.ts) and one line here.
 */
import { extname } from 'node:path';
import { DataError, type DataColumn, type DataReadOptions, type DataSummary } from '../core/data';
import { blockCollector, type RowBlock, type Table } from '../core/table';
import { csvFormat } from './csv-file';
import { jsonlFormat } from './jsonl-file';
import { parquetFormat } from './parquet-file';

/** A file format the playground and the CLI can read. */
export interface TableFormat {
  /** For messages: "CSV". */
  readonly name: string;
  /** Lower-case file extensions with the dot: ['.csv', …]. */
  readonly extensions: readonly string[];
  /**
   * Streams the file's kept columns as blocks (bounded memory). Blocks may reuse their arrays
   * after the callback returns: copy what you keep.
   * @throws DataError for bad data and for file-system problems, in the user's terms.
   */
  read(path: string, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary>;
  /** The columns and their types from the start of the file, without reading it all. */
  inspect(path: string, options: DataReadOptions): Promise<readonly DataColumn[]>;
  /** "1,000 rows × 3 columns (2 numeric)", for a file picker; throws for an unreadable file. */
  describe(path: string): Promise<string>;
}

/** Every format, in the order a file picker offers them. */
export const TABLE_FORMATS: readonly TableFormat[] = [csvFormat, parquetFormat, jsonlFormat];

/**
 * The format of `path` by its extension; files with another extension are read as CSV text
 * (what they most often are), and the CSV reader says so when they are not.
 */
export function formatOf(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  return TABLE_FORMATS.find((f) => f.extensions.includes(ext)) ?? csvFormat;
}

/** Streams a data file through its format's reader (see TableFormat.read). */
export function readTableFile(path: string, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary> {
  return formatOf(path).read(path, options, onBlock);
}

/**
 * The whole file as a table of the kept columns (copied out of the blocks), with each row's
 * row number in the file when `rowNumbers` is asked for.
 * @throws DataError as {@link readTableFile}.
 * @example const { table } = await readTableFileTable('data.csv', { columns: ['x', 'y'] });
 */
export async function readTableFileTable(
  path: string,
  options: DataReadOptions = {},
): Promise<{ table: Table; summary: DataSummary; rowNumbers?: Float64Array }> {
  const rows = blockCollector();
  const summary = await readTableFile(path, options, rows.add);
  return { table: rows.table(summary.kept), summary, rowNumbers: rows.rowNumbers() };
}

/** "1,000 rows × 3 columns (2 numeric)": what a file picker shows beside the name. */
export function describeTableFile(path: string): Promise<string> {
  return formatOf(path).describe(path);
}

/** The columns and their types, from the start of the file. */
export function inspectTableFile(path: string, options: DataReadOptions = {}): Promise<readonly DataColumn[]> {
  return formatOf(path).inspect(path, options);
}

export { DataError };
