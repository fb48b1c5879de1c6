/**
 * What every data reader reports, whatever the file format: the columns it found (and why
 * a column is not numeric), the rows it read, used and dropped, its warnings, and its errors.
 * Downstream code (the playground, the CLI, the extension) speaks only these; a format's
 * reader (CSV today: core/csv) produces them.
 */
import * as l10n from '@vscode/l10n';
import { formatCount } from './number-format';

export interface DataColumn {
  readonly name: string;
  readonly numeric: boolean;
  /** Why the column is not numeric: its first value that is neither a number nor missing. */
  readonly firstNonNumeric?: { readonly row: number; readonly value: string };
  /**
   * That reason as a clause and what to try, in the format's terms
   * (e.g. `"1,234" at row 2 looks like a number with thousands separators`).
   */
  readonly why?: { readonly clause: string; readonly hint: string; /** A number written another way (worth a warning). */ readonly lookalike?: boolean };
  /** Not numeric and mostly text: a category (else numbers with stray values, an error to show). */
  readonly category?: boolean;
  /** Why it looks like an id (a different value in every sampled row): not a feature by default. */
  readonly id?: string;
  /** Integers with this few distinct values in the sample: maybe codes (a category), said when used as numbers. */
  readonly integerLevels?: number;
}

export interface DroppedRow {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

export interface DataSummary {
  /** The format's name, for messages: "CSV". */
  readonly format: string;
  readonly columns: readonly DataColumn[];
  /** Names of the kept columns, in the order of the block columns. */
  readonly kept: readonly string[];
  /** Data rows seen. */
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsDropped: number;
  /** The first dropped rows and why (with `missing: 'keep'`: the first rows kept with a missing value). */
  readonly dropped: readonly DroppedRow[];
  /** With `missing: 'keep'`: rows kept with a missing value in some kept column. */
  readonly rowsWithMissing?: number;
  readonly warnings: readonly string[];
  /** Text formats: whether the first line was read as a header. */
  readonly hasHeader?: boolean;
  /** For each column read as text: its levels, indexed by the codes in the blocks (first seen first). */
  readonly levels: Readonly<Record<string, readonly string[]>>;
}

/** Whether a text file's first line is a header: detected, or said (`--header`, the panel's toggle). */
export const HEADER_CHOICES = ['auto', 'yes', 'no'] as const;
export type HeaderChoice = (typeof HEADER_CHOICES)[number];

/** The reader's `header` option for a choice. */
export function headerOption(choice: HeaderChoice): boolean | 'auto' {
  return choice === 'auto' ? 'auto' : choice === 'yes';
}

/** What to read: the same for every format (a format may ignore what it has no use for). */
export interface DataReadOptions {
  /** For messages; default: the file's name. */
  fileName?: string;
  /** The columns to keep, in this order; default every numeric column. */
  columns?: readonly string[];
  /** A missing value in a kept column: drop the row (default, counted), throw, or keep it with NaN. */
  missing?: 'drop' | 'error' | 'keep';
  /** Blocks carry each row's row number in the file (`RowBlock.rows`). */
  rowNumbers?: boolean;
  /** Rows per block; default 65,536. */
  blockRows?: number;
  /** Text formats: the field separator (default 'auto'). */
  delimiter?: ',' | ';' | '\t' | 'auto';
  /** Text formats: whether the first line is a header (default 'auto'). */
  header?: boolean | 'auto';
  /** Kept columns read as text (categories): blocks carry level codes, the summary the levels. */
  text?: readonly string[];
  /** Most distinct values a text column may have (default 2,000). */
  maxLevels?: number;
}

export type DataErrorCode =
  | 'empty-file'
  | 'no-data-rows'
  | 'ragged-row'
  | 'unterminated-quote'
  | 'not-a-number'
  | 'missing-value'
  | 'unknown-column'
  | 'non-numeric-column'
  | 'no-numeric-columns'
  | 'duplicate-column'
  | 'binary-file'
  | 'encoding'
  | 'file-not-found'
  | 'read-failed'
  | 'file-changed'
  | 'unsupported-format'
  | 'too-many-levels';

export interface DataErrorDetails {
  row?: number;
  column?: string;
  value?: string;
  hint?: string;
}

/**
 * A problem with a data file, in the user's terms: `message` names the file, row, column and
 * value; `hint` (not part of the message) says what to try.
 * @example new DataError('not-a-number', 'data.csv', 'data.csv: row 3, column "x": "a" is not a number', { row: 3 })
 */
export class DataError extends Error {
  override readonly name: string = 'DataError';
  readonly code: DataErrorCode;
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
  readonly hint?: string;

  constructor(code: DataErrorCode, file: string, message: string, details: DataErrorDetails = {}) {
    super(message);
    this.code = code;
    this.file = file;
    if (details.row !== undefined) this.row = details.row;
    if (details.column !== undefined) this.column = details.column;
    if (details.value !== undefined) this.value = details.value;
    if (details.hint !== undefined) this.hint = details.hint;
  }
}

/** A format's problem as the neutral DataError (the formats without an error class of their own). */
export function newDataError(code: DataErrorCode, file: string, message: string, details?: DataErrorDetails): DataError {
  return new DataError(code, file, message, details);
}

/**
 * What a file picker says of a table: "1,000 rows × 3 columns (2 numeric)".
 * @param rows the row count as shown ("1,000 rows", "~2,000 rows")
 */
export function describeShape(rows: string, columns: readonly Pick<DataColumn, 'numeric'>[]): string {
  const numeric = columns.filter((c) => c.numeric).length;
  const n = columns.length;
  if (n === 1) return numeric < n ? l10n.t('{0} × 1 column (0 numeric)', rows) : l10n.t('{0} × 1 column', rows);
  return numeric < n ? l10n.t('{0} × {1} columns ({2} numeric)', rows, String(n), String(numeric)) : l10n.t('{0} × {1} columns', rows, String(n));
}

/** "1 row", "1,000 rows" (with `~` for an estimate). */
export function rowCountText(n: number, estimate = false): string {
  if (estimate) return l10n.t('~{0} rows', formatCount(n));
  return n === 1 ? l10n.t('1 row') : l10n.t('{0} rows', formatCount(n));
}
