/**
 * Rare levels of a category: a level seen in only a few rows gets a coefficient that rests on
 * those few rows (a wide standard error, a fit that follows their noise), so the Data section and
 * the CLI list them, the way a careful analyst looks at `value_counts()` before one-hot encoding.
 */

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
  const named = rare.listed.map((r) => `${JSON.stringify(r.level.length > 40 ? `${r.level.slice(0, 40)}…` : r.level)} (${r.rows} row${r.rows === 1 ? '' : 's'})`).join(', ');
  return rare.count > rare.listed.length ? `${named} and ${rare.count - rare.listed.length} more` : named;
}

/** A warning for a fitted category with rare levels: which, and why it matters. */
export function rareLevelsNote(factor: string, rare: RareLevels): string {
  const one = rare.count === 1;
  return `${factor} has ${rare.count} rare level${one ? '' : 's'} (fewer than ${RARE_LEVEL_ROWS} rows): ${rareLevelsText(rare)}; ${one ? 'its coefficient rests' : 'their coefficients rest'} on those rows alone (wide standard errors): group rare levels into one, or leave them out`;
}
