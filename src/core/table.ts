import * as l10n from '@vscode/l10n';

/**
 * A columnar numeric table: one Float64Array per column, all of the same length.
 * Tables are treated as immutable: functions that derive data return new arrays.
 */
export interface Table {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly rowCount: number;
}

/**
 * A block of rows from a streaming source (a CSV chunk, a worker's byte range, a
 * slice of an in-memory table). `columns[j]` has at least `rowCount` valid entries;
 * entries past `rowCount` are garbage and must be ignored.
 * `firstRow` is the 0-based index of the block's first data row in the whole source.
 */
export interface RowBlock {
  readonly columns: readonly Float64Array[];
  readonly rowCount: number;
  readonly firstRow: number;
  /** Each row's row number in its file, when the reader was asked for them. */
  readonly rows?: Float64Array;
}

/** Builds a table, checking that every column has the same length and names are given. */
export function makeTable(names: readonly string[], columns: readonly Float64Array[]): Table {
  if (names.length !== columns.length) {
    throw new RangeError(`makeTable: ${names.length} names for ${columns.length} columns`);
  }
  const rowCount = columns.length === 0 ? 0 : columns[0].length;
  columns.forEach((c, j) => {
    if (c.length !== rowCount) {
      throw new RangeError(`makeTable: column "${names[j]}" has ${c.length} rows, expected ${rowCount}`);
    }
  });
  return { names: [...names], columns, rowCount };
}

/** Index of a column by name, or a clear error listing the available names. */
export function columnIndex(table: Pick<Table, 'names'>, name: string): number {
  const j = table.names.indexOf(name);
  if (j < 0) {
    throw new RangeError(l10n.t('no column named "{0}"; the columns are {1}', name, table.names.map((n) => `"${n}"`).join(', ')));
  }
  return j;
}

/** Splits an in-memory table into row blocks (views, no copies) for the streaming algorithms. */
export function* tableBlocks(table: Table, blockRows = 65536): Generator<RowBlock> {
  for (let start = 0; start < table.rowCount; start += blockRows) {
    const end = Math.min(table.rowCount, start + blockRows);
    yield { columns: table.columns.map((c) => c.subarray(start, end)), rowCount: end - start, firstRow: start };
  }
}

/** A block in consecutive slices of at most `maxRows` rows (views, not copies). */
export function* subBlocks(block: RowBlock, maxRows: number): Generator<RowBlock> {
  if (block.rowCount <= maxRows) {
    yield block;
    return;
  }
  for (let start = 0; start < block.rowCount; start += maxRows) {
    const end = Math.min(block.rowCount, start + maxRows);
    yield {
      columns: block.columns.map((c) => c.subarray(start, end)),
      rowCount: end - start,
      firstRow: block.firstRow + start,
      ...(block.rows ? { rows: block.rows.subarray(start, end) } : {}),
    };
  }
}

/**
 * Gathers streamed row blocks (copied, since readers reuse their buffers) and joins them
 * into one table at the end, with the blocks' row numbers when they carried them.
 * @example const c = blockCollector(); reader = createCsvReader(opts, c.add); … c.table(summary.kept)
 */
/** The chunks of one column, one after another, as a column of `rows` values. */
export function concatColumns(chunks: readonly Float64Array[], rows: number): Float64Array {
  const out = new Float64Array(rows);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function blockCollector(): {
  add: (block: RowBlock) => void;
  table: (names: readonly string[]) => Table;
  /** Each collected row's row number in its file, when every block carried them. */
  rowNumbers: () => Float64Array | undefined;
  readonly rows: number;
} {
  const parts: Float64Array[][] = [];
  const numbers: Float64Array[] = [];
  let rows = 0;
  const join = (chunks: readonly Float64Array[]) => concatColumns(chunks, rows);
  return {
    add: (block) => {
      parts.push(block.columns.map((c) => c.slice(0, block.rowCount)));
      if (block.rows) numbers.push(block.rows.slice(0, block.rowCount));
      rows += block.rowCount;
    },
    table: (names) => makeTable(names, names.map((_, o) => join(parts.map((p) => p[o])))),
    rowNumbers: () => (numbers.length === parts.length ? join(numbers) : undefined),
    get rows() {
      return rows;
    },
  };
}
