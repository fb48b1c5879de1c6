/**
 * The data-file formats the playground and the CLI read, over a {@link ByteSource}: the reader is
 * chosen by the file's extension, and everything downstream sees the format-neutral summary and
 * errors of ./data.ts. Adding a format is one module in ./formats/ and one line here. Pure: the
 * same readers run in Node (src/node/table-file.ts gives them a file on disk) and in a browser.
 */
import type { ByteSource } from './byte-source';
import { DataError, type DataColumn, type DataErrorCode, type DataErrorDetails, type DataReadOptions, type DataSummary } from './data';
import { csvFormat } from './formats/csv';
import { jsonlFormat } from './formats/jsonl';
import { parquetFormat } from './formats/parquet';
import type { RowBlock } from './table';

/** Makes a format's error (CSV's are CsvErrors, with the same fields). */
export type MakeError = (code: DataErrorCode, file: string, message: string, details?: DataErrorDetails) => DataError;

/** A file format the playground and the CLI can read. */
export interface TableFormat {
  /** For messages: "CSV". */
  readonly name: string;
  /** "a CSV file": what a file of this format is called in messages. */
  readonly noun: string;
  /** Lower-case file extensions with the dot: ['.csv', …]. */
  readonly extensions: readonly string[];
  /** The format's error for problems with the file itself (the source throws these). */
  readonly makeError: MakeError;
  /**
   * Streams the file's kept columns as blocks (bounded memory when the source streams). Blocks
   * may reuse their arrays after the callback returns: copy what you keep.
   * @throws DataError for bad data and for an unreadable file, in the user's terms.
   */
  read(source: ByteSource, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary>;
  /** The columns and their types from the start of the file, without reading it all. */
  inspect(source: ByteSource, options: DataReadOptions): Promise<readonly DataColumn[]>;
  /** "1,000 rows × 3 columns (2 numeric)", for a file picker; throws for an unreadable file. */
  describe(source: ByteSource): Promise<string>;
}

/** Every format, in the order a file picker offers them. */
export const TABLE_FORMATS: readonly TableFormat[] = [csvFormat, parquetFormat, jsonlFormat];

/** The extension of a file name or path, lower case, with its dot ('' when none). */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * The format of a file by its extension; files with another extension are read as CSV text
 * (what they most often are), and the CSV reader says so when they are not.
 */
export function formatOf(name: string): TableFormat {
  const ext = extensionOf(name);
  return TABLE_FORMATS.find((f) => f.extensions.includes(ext)) ?? csvFormat;
}
