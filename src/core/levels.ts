/**
 * A text column's levels as the readers build them (CSV, Parquet, JSON Lines): each new value
 * gets the next code; past `maxLevels` the column is an id or free text, not a category.
 */
import * as l10n from '@vscode/l10n';
import { formatRow, showName, showValue } from './csv/text';
import { DataError } from './data';

export interface LevelPlace {
  readonly file: string;
  readonly column: string;
  readonly row: number;
  readonly maxLevels: number;
  /** How the format counts its rows in messages: CSV and Parquet "row", JSON Lines "line". */
  readonly unit?: 'row' | 'line';
  /** The format's error class (CSV's are CsvErrors). */
  readonly make?: (code: 'too-many-levels', file: string, message: string, details: { row: number; column: string; value: string; hint: string }) => DataError;
}

/**
 * The code of `text` among `levels` (a new value is added).
 * @throws DataError 'too-many-levels' for a value past `maxLevels` distinct ones.
 */
export function levelCode(levels: Map<string, number>, text: string, at: LevelPlace): number {
  const code = levels.get(text);
  if (code !== undefined) return code;
  if (levels.size >= at.maxLevels) {
    const make = at.make ?? ((c, f, m, d) => new DataError(c, f, m, d));
    throw make(
      'too-many-levels',
      at.file,
      at.unit === 'line'
        ? l10n.t(
            '{0}: column {1} has more than {2} distinct values (line {3} has a new one, {4}): it looks like an id or free text, not a category',
            at.file,
            showName(at.column),
            formatRow(at.maxLevels),
            formatRow(at.row),
            showValue(text),
          )
        : l10n.t(
            '{0}: column {1} has more than {2} distinct values (row {3} has a new one, {4}): it looks like an id or free text, not a category',
            at.file,
            showName(at.column),
            formatRow(at.maxLevels),
            formatRow(at.row),
            showValue(text),
          ),
      { row: at.row, column: at.column, value: text, hint: l10n.t('leave it out of the model, or group its values into fewer categories') },
    );
  }
  levels.set(text, levels.size);
  return levels.size - 1;
}

/** Each text column's levels by code, for the summary (`maps[k]` undefined: not a text column). */
export function levelLists(names: readonly string[], maps: readonly (Map<string, number> | undefined)[]): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  names.forEach((name, k) => {
    const m = maps[k];
    if (m) out[name] = [...m.keys()];
  });
  return out;
}
