/**
 * Rows into blocks, for the readers that produce rows one at a time (Parquet, JSON Lines): the
 * kept columns' values go into the current block; a row with a missing value is dropped and
 * counted, kept (with NaN) and counted, or an error — the `missing` policy, in one place.
 */
import * as l10n from '@vscode/l10n';
import { formatRow, MAX_DROPPED_REASONS, showName } from './csv/text';
import { DataError, type DataColumn, type DataReadOptions, type DataSummary, type DroppedRow } from './data';
import type { RowBlock } from './table';

const DEFAULT_BLOCK_ROWS = 65_536;

/** The first kept column a row is missing, as read. */
export interface Missing {
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

export class RowBlocks {
  /** The current block's columns: write row values at index `used`. */
  cols: Float64Array[] = [];
  used = 0;
  private rows: Float64Array | undefined;
  private rowsRead = 0;
  private rowsUsed = 0;
  private rowsDropped = 0;
  private rowsWithMissing = 0;
  private readonly dropped: DroppedRow[] = [];
  private readonly blockRows: number;
  private readonly missing: NonNullable<DataReadOptions['missing']>;

  /**
   * @param unit how the format counts rows in messages: "row" (Parquet) or "line" (JSON Lines)
   */
  constructor(
    private readonly width: number,
    private readonly file: string,
    private readonly options: Pick<DataReadOptions, 'blockRows' | 'rowNumbers' | 'missing'>,
    private readonly unit: 'row' | 'line',
    private readonly onBlock: (block: RowBlock) => void,
  ) {
    this.blockRows = options.blockRows ?? DEFAULT_BLOCK_ROWS;
    this.missing = options.missing ?? 'drop';
    this.newBlock();
  }

  private newBlock(): void {
    this.cols = Array.from({ length: this.width }, () => new Float64Array(this.blockRows));
    this.rows = this.options.rowNumbers ? new Float64Array(this.blockRows) : undefined;
    this.used = 0;
  }

  /**
   * Ends the row whose values were written at `used`: kept, or dropped for its missing value.
   * @throws DataError 'missing-value' when missing values are errors.
   */
  endRow(row: number, miss: Missing | undefined): void {
    this.rowsRead++;
    if (miss) {
      if (this.missing === 'error') {
        const { file } = this;
        const [at, column] = [formatRow(row), showName(miss.column)];
        const message =
          this.unit === 'line'
            ? miss.value
              ? l10n.t('{0}: line {1}, column {2} is missing ({3})', file, at, column, miss.value)
              : l10n.t('{0}: line {1}, column {2} is missing', file, at, column)
            : miss.value
              ? l10n.t('{0}: row {1}, column {2} is missing ({3})', file, at, column, miss.value)
              : l10n.t('{0}: row {1}, column {2} is missing', file, at, column);
        throw new DataError('missing-value', file, message, {
          row,
          column: miss.column,
          value: miss.value,
          hint: l10n.t('fill in the value, or let rows with missing values be dropped (missing: "drop")'),
        });
      }
      if (this.dropped.length < MAX_DROPPED_REASONS) this.dropped.push({ row, ...miss, reason: this.missing === 'keep' ? 'missing (kept)' : miss.reason });
      if (this.missing === 'drop') {
        this.rowsDropped++;
        return;
      }
      this.rowsWithMissing++;
    }
    if (this.rows) this.rows[this.used] = row;
    if (++this.used === this.blockRows) this.flush();
  }

  /** Hands the rows so far to `onBlock`. */
  flush(): void {
    const n = this.used;
    if (n === 0) return;
    this.onBlock({ columns: this.cols.map((c) => c.subarray(0, n)), rowCount: n, firstRow: this.rowsUsed, ...(this.rows ? { rows: this.rows.subarray(0, n) } : {}) });
    this.rowsUsed += n;
    this.newBlock();
  }

  get read(): number {
    return this.rowsRead;
  }

  /** The reader's summary, the last rows flushed. */
  summary(s: { format: string; columns: readonly DataColumn[]; kept: readonly string[]; warnings: readonly string[]; levels: Readonly<Record<string, readonly string[]>> }): DataSummary {
    this.flush();
    return {
      ...s,
      rowsRead: this.rowsRead,
      rowsUsed: this.rowsUsed,
      rowsDropped: this.rowsDropped,
      dropped: this.dropped,
      ...(this.missing === 'keep' ? { rowsWithMissing: this.rowsWithMissing } : {}),
    };
  }
}
