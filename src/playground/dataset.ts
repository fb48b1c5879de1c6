/**
 * A dataset as the playground holds it: the table of numeric columns and what the reader said
 * about the rest, the Data section's view of it, and the design shown first.
 */
import { inBound } from '../core/bounds';
import { DESIGN_BOUNDS } from '../core/choices';
import type { DataReadOptions, DataSummary } from '../core/data';
import { designSpec } from '../core/design-matrix';
import { formatCount } from '../core/number-format';
import type { Table } from '../core/table';
import type { ColumnInfo, DatasetInfo, DesignChoice } from '../protocol';

/** A dataset in memory: every numeric column, plus what the CSV reader said about the rest. */
export interface LoadedData {
  readonly label: string;
  readonly builtin: boolean;
  readonly table: Table;
  readonly columns: readonly ColumnInfo[];
  readonly rowsRead: number;
  readonly rowsDropped: number;
  readonly dropped: DatasetInfo['dropped'];
  readonly warnings: readonly string[];
  /** Each table row's row number in its file (to name a row a model leaves out). */
  readonly rowNumbers?: Float64Array;
}

/** The Data section's columns from a reader's summary: numeric ones, and the others with why. */
export function columnsOf(summary: DataSummary): ColumnInfo[] {
  return summary.columns.map((c) =>
    c.numeric
      ? { name: c.name, numeric: true }
      : {
          name: c.name,
          numeric: false,
          reason: c.firstNonNumeric
            ? `"${c.firstNonNumeric.value.slice(0, 40)}" at row ${formatCount(c.firstNonNumeric.row)} is not a number`
            : 'it has no numeric values',
        },
  );
}

/**
 * How the playground reads a file: rows with a gap are kept (NaN in the cell) with their row
 * numbers, so each model leaves out only the rows missing one of its own columns, as the CLI does.
 */
export const PLAYGROUND_READ = { missing: 'keep', rowNumbers: true } as const satisfies DataReadOptions;

/** A dataset from a file read of its numeric columns (rows with gaps kept, when the reader kept them). */
export function loadedFromFile(label: string, table: Table, summary: DataSummary, rowNumbers?: Float64Array): LoadedData {
  return {
    rowNumbers,
    label,
    builtin: false,
    table,
    columns: columnsOf(summary),
    rowsRead: summary.rowsRead,
    rowsDropped: summary.rowsDropped,
    dropped: summary.dropped.slice(0, 10).map((d) => ({ row: d.row, column: d.column, value: d.value.slice(0, 60), reason: d.reason })),
    warnings: summary.rowsWithMissing
      ? [...summary.warnings, `${formatCount(summary.rowsWithMissing)} row${summary.rowsWithMissing === 1 ? ' has' : 's have'} a missing or unreadable value: a model leaves out only the rows missing one of its own columns`]
      : [...summary.warnings],
  };
}

/** A dataset from an in-memory table (the built-in d2l synthetic data). */
export function loadedFromTable(label: string, table: Table): LoadedData {
  return {
    label,
    builtin: true,
    table,
    columns: table.names.map((name) => ({ name, numeric: true })),
    rowsRead: table.rowCount,
    rowsDropped: 0,
    dropped: [],
    warnings: [],
  };
}

const TARGET_NAMES = ['y', 'target', 'price', 'label', 'employed'];
/** More features than this by default would make the first screen unreadable. */
const DEFAULT_MAX_FEATURES = 8;

/**
 * The design shown first: `previous` when it still fits the columns, else the target is a
 * column called y/target/price/… or the last numeric column, and the features are the other
 * numeric columns (at most 8).
 */
export function defaultDesign(names: readonly string[], previous?: DesignChoice | null): DesignChoice {
  if (previous && isDesignValid(names, previous)) return previous;
  const lower = names.map((n) => n.toLowerCase());
  const named = TARGET_NAMES.map((t) => lower.indexOf(t)).find((i) => i >= 0);
  const target = names[named ?? names.length - 1] ?? '';
  return {
    target,
    features: names.filter((n) => n !== target).slice(0, DEFAULT_MAX_FEATURES),
    degree: 1,
    intercept: true,
    standardize: false,
    validationFraction: 0,
  };
}

/** Whether a design can be built on these columns (names exist, degree rules hold). */
export function isDesignValid(names: readonly string[], design: DesignChoice): boolean {
  try {
    designSpec(names, { target: design.target, features: design.features, degree: design.degree, intercept: design.intercept });
    return inBound(design.validationFraction, DESIGN_BOUNDS.validationFraction);
  } catch {
    return false;
  }
}

export function datasetInfo(data: LoadedData, design: DesignChoice): DatasetInfo {
  return {
    label: data.label,
    builtin: data.builtin,
    columns: data.columns,
    rowsRead: data.rowsRead,
    rowsUsed: data.table.rowCount,
    rowsDropped: data.rowsDropped,
    dropped: data.dropped,
    warnings: data.warnings,
    design,
  };
}

