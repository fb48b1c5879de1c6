/**
 * Filling missing cells instead of dropping their rows, as scikit-learn's SimpleImputer does:
 * a numeric column's gaps get its mean, median or most frequent value over the rows used; a
 * category's gaps get their own level `(missing)` (pandas' `get_dummies(dummy_na=True)`), or under
 * most-frequent its most frequent level. A missing target is never filled: that row is
 * dropped. With `indicator`, each column filled with a value adds a 0/1 column `missing(x)`
 * (SimpleImputer(add_indicator=True)), for the columns that had a gap; a category whose gaps
 * are their own level needs none (that level's column is the indicator).
 *
 * Streamed: `ImputePass` sees the blocks (once, four times for a median) and `finish`
 * gives the `Imputation` that fills each block the same way.
 */
import * as l10n from '@vscode/l10n';
import { twoSum } from './double-double';
import { formatCount, formatNumber } from './number-format';
import { StreamMedian } from './quantile';
import type { RowBlock } from './table';

export const IMPUTE_STRATEGIES = ['mean', 'median', 'most-frequent'] as const;
export type ImputeStrategy = (typeof IMPUTE_STRATEGIES)[number];

export interface ImputeChoice {
  readonly strategy: ImputeStrategy;
  /** Add a 0/1 column `missing(x)` for each column that had a gap. */
  readonly indicator: boolean;
}

/**
 * The level a category's missing cells get, ordered last (never the reference unless asked),
 * as pandas' dummy_na column. Not "nan": patsy reads a level "nan" as missing and silently
 * drops its rows, so a user re-running the model in statsmodels would get another fit.
 */
export const MISSING_LEVEL = '(missing)';
/** Its code in a block's text column (readers' codes are ≥ 0). */
export const MISSING_CODE = -1;
/** Most distinct numbers tracked for a numeric column's most frequent value. */
export const MAX_DISTINCT_FOR_MODE = 100_000;

/** What was filled in one column, for the summary. */
export interface ImputedColumn {
  readonly column: string;
  /** Cells filled in the rows used. */
  readonly cells: number;
  readonly how: 'mean' | 'median' | 'most frequent' | 'own level';
  /** The value filled in (a level's name for a category). */
  readonly value: number | string;
  /** The 0/1 column added for it, when asked. */
  readonly indicator?: string;
}

/** The name of a column's missing-value indicator. */
export const indicatorName = (column: string): string => `missing(${column})`;

export interface ImputeColumn {
  readonly name: string;
  /** Read as text: the block holds level codes. */
  readonly text: boolean;
  /** A column of the target: a gap drops the row (a target is never filled in). */
  readonly target: boolean;
}

interface ColumnState {
  missing: number;
  n: number;
  sumHi: number;
  sumLo: number;
  median?: StreamMedian;
  counts?: Map<number, number>;
}

export class ImputePass {
  private readonly state: ColumnState[];
  private readonly T = new Float64Array(2);
  private passes = 0;
  private rows = 0;
  private dropped = 0;
  private firstDropped: { row: number; column: string } | undefined;

  constructor(
    private readonly columns: readonly ImputeColumn[],
    private readonly choice: ImputeChoice,
  ) {
    this.state = columns.map((c) => ({
      missing: 0,
      n: 0,
      sumHi: 0,
      sumLo: 0,
      ...(!c.text && choice.strategy === 'median' ? { median: new StreamMedian() } : {}),
      ...(choice.strategy === 'most-frequent' ? { counts: new Map<number, number>() } : {}),
    }));
  }

  /** Feed a block of the columns (in the constructor's order). */
  observe(block: RowBlock): void {
    const n = block.rowCount;
    const targets = this.columns.flatMap((c, j) => (c.target ? [j] : []));
    const first = this.passes === 0;
    for (let i = 0; i < n; i++) {
      const gap = targets.find((j) => Number.isNaN(block.columns[j][i]));
      if (gap !== undefined) {
        if (first) {
          this.dropped++;
          this.firstDropped ??= { row: block.rows ? block.rows[i] : block.firstRow + i + 1, column: this.columns[gap].name };
        }
        continue;
      }
      if (first) this.rows++;
      for (let j = 0; j < this.columns.length; j++) {
        const x = block.columns[j][i];
        const s = this.state[j];
        if (s.median) s.median.observe(x);
        if (!first) continue;
        if (Number.isNaN(x)) {
          s.missing++;
          continue;
        }
        s.n++;
        twoSum(s.sumHi, x, this.T, 0);
        s.sumHi = this.T[0];
        s.sumLo += this.T[1];
        if (s.counts) {
          s.counts.set(x, (s.counts.get(x) ?? 0) + 1);
          if (s.counts.size > MAX_DISTINCT_FOR_MODE && !this.columns[j].text) {
            throw new RangeError(
              l10n.t(
                'column {0} has more than {1} distinct values: its most frequent value is no fair fill; use --impute mean or median',
                JSON.stringify(this.columns[j].name),
                formatCount(MAX_DISTINCT_FOR_MODE),
              ),
            );
          }
        }
      }
    }
  }

  /** @returns whether the blocks must be fed once more (a median's next digits). */
  endPass(): boolean {
    this.passes++;
    let again = false;
    for (const s of this.state) if (s.median && s.median.endPass()) again = true;
    return again;
  }

  /**
   * @param levels each text column's values by code (the reader's `levels`)
   * @throws RangeError for a filled column with no value at all in the rows used.
   */
  finish(levels: Readonly<Record<string, readonly string[]>>): Imputation {
    const filled: ImputedColumn[] = [];
    const fill: (number | undefined)[] = [];
    for (const [j, c] of this.columns.entries()) {
      const s = this.state[j];
      if (c.target || s.missing === 0) {
        fill.push(undefined);
        continue;
      }
      if (s.n === 0) {
        throw new RangeError(
          l10n.t(
            'column {0} has no value in the {1} rows used: there is nothing to fill its gaps from; leave it out of the model',
            JSON.stringify(c.name),
            formatCount(this.rows),
          ),
        );
      }
      if (c.text && this.choice.strategy !== 'most-frequent') {
        // no indicator: the level is one (a second would be the same column)
        fill.push(MISSING_CODE);
        filled.push({ column: c.name, cells: s.missing, how: 'own level', value: MISSING_LEVEL });
        continue;
      }
      const indicator = this.choice.indicator ? { indicator: indicatorName(c.name) } : {};
      let value: number;
      if (this.choice.strategy === 'mean') value = (s.sumHi + s.sumLo) / s.n;
      else if (this.choice.strategy === 'median') value = s.median!.value;
      else value = mode(s.counts!, c.text ? (code) => levels[c.name]?.[code] ?? '' : undefined);
      fill.push(value);
      filled.push({
        column: c.name,
        cells: s.missing,
        how: this.choice.strategy === 'most-frequent' ? 'most frequent' : this.choice.strategy,
        value: c.text ? (levels[c.name]?.[value] ?? '') : value,
        ...indicator,
      });
    }
    return new Imputation(this.columns, fill, filled, this.rows, this.dropped, this.firstDropped);
  }
}

/** The most frequent key; a tie goes to the smallest value (number, or text by code point), as scikit-learn's. */
function mode(counts: ReadonlyMap<number, number>, text: ((code: number) => string) | undefined): number {
  let best = NaN;
  let bestCount = -1;
  for (const [k, c] of counts) {
    const smaller = text ? text(k) < text(best) : k < best;
    if (c > bestCount || (c === bestCount && smaller)) {
      best = k;
      bestCount = c;
    }
  }
  return best;
}

/** How each block is filled: rows missing the target dropped, gaps filled, indicators appended. */
export class Imputation {
  /** Names of the 0/1 columns appended to each block, in order. */
  readonly indicators: readonly string[];

  constructor(
    private readonly columns: readonly ImputeColumn[],
    private readonly fill: readonly (number | undefined)[],
    /** What was filled, per column with a gap. */
    readonly filled: readonly ImputedColumn[],
    /** Rows kept (the target present). */
    readonly rowsUsed: number,
    /** Rows dropped: a target value is missing. */
    readonly rowsDropped: number,
    readonly firstDropped: { readonly row: number; readonly column: string } | undefined,
  ) {
    this.indicators = filled.flatMap((f) => (f.indicator ? [f.indicator] : []));
  }

  /** A new block: the rows with their target, gaps filled, then the indicator columns. */
  apply(block: RowBlock): RowBlock {
    const n = block.rowCount;
    const targets = this.columns.flatMap((c, j) => (c.target ? [j] : []));
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (!targets.some((j) => Number.isNaN(block.columns[j][i]))) keep.push(i);
    const m = keep.length;
    const columns = block.columns.map((c, j) => {
      const out = new Float64Array(m);
      const f = this.fill[j];
      for (let k = 0; k < m; k++) {
        const x = c[keep[k]];
        out[k] = f !== undefined && Number.isNaN(x) ? f : x;
      }
      return out;
    });
    for (const [j, c] of block.columns.entries()) {
      const f = this.filled.find((x) => x.column === this.columns[j].name);
      if (!f?.indicator) continue;
      const out = new Float64Array(m);
      for (let k = 0; k < m; k++) out[k] = Number.isNaN(c[keep[k]]) ? 1 : 0;
      columns.push(out);
    }
    const rows = block.rows ? Float64Array.from(keep, (i) => block.rows![i]) : undefined;
    return { columns, rowCount: m, firstRow: block.firstRow, ...(rows ? { rows } : {}) };
  }
}

/**
 * One line on what was filled, for summaries and reports.
 * @example describeImputed({ column: 'age', cells: 3, how: 'mean', value: 41.5 }) // 'age: 3 missing cells filled with its mean, 41.5'
 */
export function describeImputed(f: ImputedColumn): string {
  const one = f.cells === 1;
  const n = formatCount(f.cells);
  const value = typeof f.value === 'number' ? formatNumber(f.value, 10) : JSON.stringify(f.value);
  let line: string;
  if (f.how === 'own level') {
    line = one ? l10n.t('{0}: 1 missing cell is its own level, {1}', f.column, value) : l10n.t('{0}: {1} missing cells are their own level, {2}', f.column, n, value);
  } else if (f.how === 'mean') {
    line = one ? l10n.t('{0}: 1 missing cell filled with its mean, {1}', f.column, value) : l10n.t('{0}: {1} missing cells filled with its mean, {2}', f.column, n, value);
  } else if (f.how === 'median') {
    line = one ? l10n.t('{0}: 1 missing cell filled with its median, {1}', f.column, value) : l10n.t('{0}: {1} missing cells filled with its median, {2}', f.column, n, value);
  } else {
    line = one
      ? l10n.t('{0}: 1 missing cell filled with its most frequent value, {1}', f.column, value)
      : l10n.t('{0}: {1} missing cells filled with its most frequent value, {2}', f.column, n, value);
  }
  return f.indicator ? l10n.t('{0}; {1} is 1 in those rows', line, f.indicator) : line;
}
