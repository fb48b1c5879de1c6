/**
 * A dataset as the playground holds it: the table of numeric columns and what the reader said
 * about the rest, the Data section's view of it, and the design shown first.
 */
import * as l10n from '@vscode/l10n';
import { inBound } from '../core/bounds';
import { DESIGN_BOUNDS } from '../core/choices';
import { DataError, type DataColumn, type DataReadOptions, type DataSummary, type HeaderChoice } from '../core/data';
import type { ColumnKind } from '../core/formula/factors';
import { designSpec } from '../core/design-matrix';
import { planFormula } from '../core/formula/design';
import { showName } from '../core/csv/text';
import { formatCount } from '../core/number-format';
import { rareLevels, rareLevelsText } from '../core/rare-levels';
import type { Table } from '../core/table';
import type { ColumnInfo, DatasetInfo, DesignChoice } from '../protocol';
import { designFormula, usesFormula } from './model-formula';

/** A dataset in memory: every numeric column and every text category (as level codes), plus what the reader said about the rest. */
export interface LoadedData {
  readonly label: string;
  readonly builtin: boolean;
  /** Numeric columns, then text categories as level codes (see `kinds`, `levels`). */
  readonly table: Table;
  /** Each table column's kind: numbers, or a text category's codes. */
  readonly kinds: readonly ColumnKind[];
  /** Each text column's values by code. */
  readonly levels: Readonly<Record<string, readonly string[]>>;
  readonly columns: readonly ColumnInfo[];
  readonly rowsRead: number;
  readonly rowsDropped: number;
  readonly dropped: DatasetInfo['dropped'];
  readonly warnings: readonly string[];
  /** Each table row's row number in its file (to name a row a model leaves out). */
  readonly rowNumbers?: Float64Array;
  /** A text file's first line: the choice, and whether it was read as a header. */
  readonly header?: DatasetInfo['header'];
}

/** The Data section's columns from a reader's summary: numeric ones, and the others with why. */
export function columnsOf(summary: DataSummary, table?: Table): ColumnInfo[] {
  return summary.columns.map((c) => {
    const role = { ...(c.id ? { id: c.id } : {}), ...(c.integerLevels ? { integerLevels: c.integerLevels } : {}) };
    if (c.numeric) return { name: c.name, numeric: true, ...role };
    const levels = summary.levels[c.name];
    if (levels) {
      const k = table ? table.names.indexOf(c.name) : -1;
      const rare = k >= 0 ? rareLevels(table!.columns[k], levels) : undefined;
      return {
        name: c.name,
        numeric: false,
        levels: levels.length,
        reason: l10n.t('text: a category of {0} levels', formatCount(levels.length)),
        ...(rare?.count ? { rare: { levels: rare.listed.map((r) => ({ ...r, level: r.level.slice(0, 60) })), count: rare.count, text: rareLevelsText(rare) } } : {}),
        ...role,
      };
    }
    return {
      name: c.name,
      numeric: false,
      reason: c.id
        ? l10n.t('text with {0}', c.id)
        : c.why?.lookalike
          ? c.why.hint
            ? l10n.t('{0}: {1}', c.why.clause.slice(0, 120), c.why.hint)
            : c.why.clause.slice(0, 120)
          : c.firstNonNumeric
          ? l10n.t('"{0}" at row {1} is not a number', c.firstNonNumeric.value.slice(0, 40), formatCount(c.firstNonNumeric.row))
          : l10n.t('it has no numeric values'),
    };
  });
}

/** The columns the playground reads from a file's head: every numeric column, and text categories (not ids) as codes. */
export function playgroundColumns(columns: readonly DataColumn[]): { columns: string[]; text: string[] } {
  const text = columns.filter((c) => !c.numeric && c.category && !c.id).map((c) => c.name);
  return { columns: columns.filter((c) => c.numeric || text.includes(c.name)).map((c) => c.name), text };
}

/**
 * Reads a file's playground columns; a text column the head took for a category but that has
 * more than the reader's level limit by the end (a street address, a free-text note) is no
 * category: the file is read again without it, and a note says so, instead of failing the load.
 * @param read one read of the file with these columns and text categories
 * @returns what `read` returned, the columns and categories it read, and a note per column left out
 */
/**
 * A reader's message without the file it starts with ("data.csv: column …" → "column …"): the
 * error names its file, so the prefix is cut by that name, not at the first colon (a file name
 * may hold one; a translation may write a full-width colon).
 */
function withoutFile(e: DataError): string {
  return e.message.startsWith(e.file) ? e.message.slice(e.file.length).replace(/^\s*[:：]\s*/, '') : e.message;
}

export async function readDroppingRunawayCategories<T>(
  start: { readonly columns: readonly string[]; readonly text: readonly string[] },
  read: (columns: readonly string[], text: readonly string[]) => Promise<T>,
): Promise<{ result: T; columns: string[]; text: string[]; notes: string[] }> {
  let columns = [...start.columns];
  let text = [...start.text];
  const notes: string[] = [];
  for (;;) {
    try {
      return { result: await read(columns, text), columns, text, notes };
    } catch (e) {
      const column = e instanceof DataError && e.code === 'too-many-levels' ? e.column : undefined;
      if (column === undefined || !text.includes(column)) throw e;
      text = text.filter((n) => n !== column);
      columns = columns.filter((n) => n !== column);
      notes.push(l10n.t('column {0} is not offered as a category: {1}', showName(column), withoutFile(e as DataError)));
    }
  }
}

/**
 * How the playground reads a file: rows with a gap are kept (NaN in the cell) with their row
 * numbers, so each model leaves out only the rows missing one of its own columns, as the CLI does.
 */
export const PLAYGROUND_READ = { missing: 'keep', rowNumbers: true } as const satisfies DataReadOptions;

/** A dataset from a file read of its numeric columns (rows with gaps kept, when the reader kept them). */
export function loadedFromFile(label: string, table: Table, summary: DataSummary, rowNumbers?: Float64Array, header: HeaderChoice = 'auto'): LoadedData {
  return {
    ...(summary.hasHeader !== undefined ? { header: { choice: header, firstLineIsHeader: summary.hasHeader } } : {}),
    rowNumbers,
    label,
    builtin: false,
    table,
    kinds: table.names.map((n) => (summary.levels[n] ? 'text' : 'numeric')),
    levels: summary.levels,
    columns: columnsOf(summary, table),
    rowsRead: summary.rowsRead,
    rowsDropped: summary.rowsDropped,
    dropped: summary.dropped.slice(0, 10).map((d) => ({ row: d.row, column: d.column, value: d.value.slice(0, 60), reason: d.reason })),
    warnings: [
      ...new Set([
        ...summary.warnings,
        // numbers written another way are worth a warning though the column is simply not offered
        ...summary.columns
          .filter((c) => !c.numeric && !summary.levels[c.name] && c.why?.lookalike)
          .map((c) => l10n.t('column {0} is left out: {1}; {2}', showName(c.name), String(c.why?.clause), String(c.why?.hint))),
      ]),
      ...(summary.rowsWithMissing
        ? [
            summary.rowsWithMissing === 1
              ? l10n.t('1 row has a missing or unreadable value: a model leaves out only the rows missing one of its own columns')
              : l10n.t('{0} rows have a missing or unreadable value: a model leaves out only the rows missing one of its own columns', formatCount(summary.rowsWithMissing)),
          ]
        : []),
    ],
  };
}

/** A dataset from an in-memory table (the built-in d2l synthetic data). */
export function loadedFromTable(label: string, table: Table): LoadedData {
  return {
    label,
    builtin: true,
    table,
    kinds: table.names.map(() => 'numeric'),
    levels: {},
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
export function defaultDesign(
  names: readonly string[],
  previous?: DesignChoice | null,
  /** `valid`: whether `previous` still fits (default: its columns are among `names`); `exclude`: never a default feature (ids). */
  options: { readonly valid?: (design: DesignChoice) => boolean; readonly exclude?: readonly string[] } = {},
): DesignChoice {
  if (previous && (options.valid ?? ((d) => isDesignValid(names, d)))(previous)) return previous;
  const lower = names.map((n) => n.toLowerCase());
  const named = TARGET_NAMES.map((t) => lower.indexOf(t)).find((i) => i >= 0);
  const target = names[named ?? names.length - 1] ?? '';
  const exclude = new Set(options.exclude ?? []);
  return {
    target,
    features: names.filter((n) => n !== target && !exclude.has(n)).slice(0, DEFAULT_MAX_FEATURES),
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

/** Whether a design can be fitted on this dataset's columns: as plain numeric columns, or as a formula that plans. */
export function isDesignValidFor(data: Pick<LoadedData, 'table' | 'kinds'>, design: DesignChoice): boolean {
  const kindOf = kindLookup(data);
  if (!usesFormula(design, kindOf)) return isDesignValid(numericNames(data), design);
  try {
    planFormula(designFormula(design, kindOf), columnKinds(data), { numbersAsText: false });
    return inBound(design.validationFraction, DESIGN_BOUNDS.validationFraction);
  } catch {
    return false;
  }
}

/** The numeric columns' names. */
export function numericNames(data: Pick<LoadedData, 'table' | 'kinds'>): string[] {
  return data.table.names.filter((_, j) => data.kinds[j] === 'numeric');
}

/** Each column with its kind, as a formula sees them. */
export function columnKinds(data: Pick<LoadedData, 'table' | 'kinds'>): { name: string; kind: ColumnKind }[] {
  return data.table.names.map((name, j) => ({ name, kind: data.kinds[j] }));
}

/** A column's kind by name (undefined: no such column). */
export function kindLookup(data: Pick<LoadedData, 'table' | 'kinds'>): (name: string) => ColumnKind | undefined {
  const kinds = new Map(columnKinds(data).map((c) => [c.name, c.kind]));
  return (name) => kinds.get(name);
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
    header: data.header ?? null,
  };
}

