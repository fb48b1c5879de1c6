/**
 * Rare levels of a category: a level seen in only a few rows gets a coefficient that rests on
 * those few rows (a wide standard error, a fit that follows their noise), so the Data section and
 * the CLI list them, the way a careful analyst looks at `value_counts()` before one-hot encoding.
 */

import * as l10n from '@vscode/l10n';

/** A level with fewer rows than this is rare: its coefficient rests on under 10 observations. */
export const RARE_LEVEL_ROWS = 10;
/** Most rare levels listed by name (the rest are counted). */
export const RARE_LEVELS_LISTED = 8;

export interface RareLevels {
  /** The rarest first (then in level order), at most RARE_LEVELS_LISTED. */
  readonly listed: readonly { readonly level: string; readonly rows: number }[];
  /** How many levels are rare in all (≥ listed.length). */
  readonly count: number;
}

/**
 * @param codes a category's level codes, one per row (NaN for a missing cell, not counted)
 * @param levels the level names by code
 * @example rareLevels(Float64Array.of(0, 0, 1), ['a', 'b']) // listed [{level 'a', rows 2}, {level 'b', rows 1}], count 2
 */
export function rareLevels(codes: ArrayLike<number>, levels: readonly string[]): RareLevels {
  const rows = new Float64Array(levels.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === c) rows[c]++;
  }
  return rareOfCounts(rows, levels);
}

/** The same from each level's row count. */
export function rareOfCounts(rows: ArrayLike<number>, levels: readonly string[]): RareLevels {
  const rare = levels.flatMap((level, i) => (rows[i] < RARE_LEVEL_ROWS ? [{ level, rows: rows[i] }] : [])).sort((a, b) => a.rows - b.rows);
  return { listed: rare.slice(0, RARE_LEVELS_LISTED), count: rare.length };
}

/** "Blueste (2 rows), NPkVill (9 rows) and 3 more", for a message. */
export function rareLevelsText(rare: RareLevels): string {
  const named = rare.listed
    .map((r) => {
      const level = JSON.stringify(r.level.length > 40 ? `${r.level.slice(0, 40)}…` : r.level);
      return r.rows === 1 ? l10n.t('{0} (1 row)', level) : l10n.t('{0} ({1} rows)', level, String(r.rows));
    })
    .join(', ');
  return rare.count > rare.listed.length ? l10n.t('{0} and {1} more', named, String(rare.count - rare.listed.length)) : named;
}

/** A warning for a fitted category with rare levels: which, and why it matters. */
export function rareLevelsNote(factor: string, rare: RareLevels): string {
  return rare.count === 1
    ? l10n.t(
        '{0} has 1 rare level (fewer than {1} rows): {2}; its coefficient rests on those rows alone (wide standard errors): group rare levels into one, or leave them out',
        factor,
        String(RARE_LEVEL_ROWS),
        rareLevelsText(rare),
      )
    : l10n.t(
        '{0} has {1} rare levels (fewer than {2} rows): {3}; their coefficients rest on those rows alone (wide standard errors): group rare levels into one, or leave them out',
        factor,
        String(rare.count),
        String(RARE_LEVEL_ROWS),
        rareLevelsText(rare),
      );
}
