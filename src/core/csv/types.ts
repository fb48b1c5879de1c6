// The CSV reader's options, results and errors (see ./index.ts for how it works): the
// format-neutral ones of core/data.ts, with what only a CSV file has.
import type { DateFormat } from '../dates';
import { DataError, type DataColumn, type DataErrorCode, type DataErrorDetails, type DataSummary, type DroppedRow } from '../data';

export type { DroppedRow };

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvReadOptions {
  /** For messages; default 'data.csv'. */
  fileName?: string;
  /** Default 'auto': the one of `,` `;` tab that splits the first records consistently. */
  delimiter?: CsvDelimiter | 'auto';
  /** Default 'auto': a header when the first record has text where later records have numbers. */
  header?: boolean | 'auto';
  /** The columns to keep, in this order; default every numeric column. */
  columns?: readonly string[];
  /**
   * Kept columns read as text (categories): their block column holds each value's level code
   * (0, 1, … in the order first seen; the levels are in the summary's `levels`). A missing
   * value (empty, NA, …) drops the row like a missing number.
   */
  text?: readonly string[];
  /** Most distinct values a text column may have (default 2,000): more is an id or free text, not a category. */
  maxLevels?: number;
  /**
   * A missing value in a kept column: drop the row (default, counted), throw, or keep the row
   * with NaN in the cell (counted in `rowsWithMissing`: the caller decides per model).
   */
  missing?: 'drop' | 'error' | 'keep';
  /** Blocks carry each row's spreadsheet row number (`RowBlock.rows`). */
  rowNumbers?: boolean;
  /** Rows per block handed to `onBlock`; default 65,536. */
  blockRows?: number;
  /** Records sampled to infer the delimiter, the header and the column types; default 1,000. */
  inferRecords?: number;
}

export interface CsvColumnInfo {
  name: string;
  numeric: boolean;
  /**
   * Its numbers are written with a decimal comma (`1,5`), read as 1.5: only in a `;` or tab
   * file, when every value is a number, missing, or a decimal-comma number and at least one
   * has the comma (so `1,234` in a comma file is never read this way). Warned about.
   */
  decimalComma?: { row: number; value: string };
  /** Its values are dates in this format, read as decimal years (warned about). */
  date?: { format: DateFormat; ambiguous: boolean };
  /** Why the column is not numeric: its first value that is neither a number nor missing. */
  firstNonNumeric?: { row: number; value: string };
  /** A non-numeric column with text at least as often as numbers in the sample: a category (else numbers with stray values). */
  category?: boolean;
  /** Why it looks like an id (a different value in every sampled row): not a feature by default. */
  id?: string;
  /** Integers with this few distinct values in the sample: maybe codes (a category), said when used as numbers. */
  integerLevels?: number;
}

export interface CsvSchema {
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  columns: CsvColumnInfo[];
}

export interface CsvSummary extends DataSummary {
  readonly format: 'CSV';
  /** The CSV columns with why each non-numeric one is not (`why`). */
  readonly columns: readonly (CsvColumnInfo & DataColumn)[];
  schema: CsvSchema;
  /** Names of the kept columns, in the order of the block columns. */
  kept: string[];
  /** Data records seen (blank lines and the header excluded). */
  rowsRead: number;
  rowsUsed: number;
  rowsDropped: number;
  /** The first 20 dropped rows and why. */
  dropped: DroppedRow[];
  warnings: string[];
  bytes: number;
}

export interface CsvReader {
  push(chunk: Uint8Array): void;
  end(): CsvSummary;
  /** Known once the head of the input has been seen (after enough pushes, or after `end`). */
  readonly schema: CsvSchema | undefined;
}

export type CsvErrorCode = DataErrorCode;
export type CsvErrorDetails = DataErrorDetails;

/** A problem with the CSV data: a {@link DataError} raised by the CSV reader. */
export class CsvError extends DataError {
  override readonly name: string = 'CsvError';
}
