/**
 * Node adapter: a data file on disk, whatever its format, through the core's readers
 * (core/table-formats.ts) — the format chosen by the file's extension, the file streamed from
 * disk with bounded memory (./file-source.ts). The CLI and the desktop playground read here.
 */
import { basename } from 'node:path';
import type { ByteSource } from '../core/byte-source';
import { DataError, type DataColumn, type DataReadOptions, type DataSummary } from '../core/data';
import { blockCollector, type RowBlock, type Table } from '../core/table';
import { formatOf, TABLE_FORMATS, type TableFormat } from '../core/table-formats';
import { fileSource } from './file-source';

/** The file at `path` as its format's byte source; `file` names it in messages (its basename by default). */
export function sourceOf(path: string, file = basename(path), format: TableFormat = formatOf(path)): ByteSource {
  return fileSource(path, file, format.noun, format.makeError);
}

/** Streams a data file through its format's reader (see TableFormat.read). */
export function readTableFile(path: string, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary> {
  const format = formatOf(path);
  return format.read(sourceOf(path, options.fileName, format), options, onBlock);
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
  const format = formatOf(path);
  return format.describe(sourceOf(path, undefined, format));
}

/** The columns and their types, from the start of the file. */
export function inspectTableFile(path: string, options: DataReadOptions = {}): Promise<readonly DataColumn[]> {
  const format = formatOf(path);
  return format.inspect(sourceOf(path, options.fileName, format), options);
}

export { DataError, formatOf, TABLE_FORMATS, type TableFormat };
