/**
 * What a column is for, from a sample of its values, for the choices a user expects made
 * without asking (and shown, and reversible): an id (a different value in every row: row
 * numbers, names) is no measurement and is not a feature by default; a column of a few
 * distinct integers may be codes (a building class 20, 30, 60…) rather than amounts.
 */

import * as l10n from '@vscode/l10n';

/** Sampled rows below which no role is guessed (too few to tell). */
const MIN_ROWS = 20;
/** Most distinct integers for a column to be offered as codes. */
export const MAX_CODE_LEVELS = 20;

export interface ColumnRole {
  /** Why the column looks like an id, as a clause ("every value is different: 1, 2, 3, …"). */
  readonly id?: string;
  /** Integers with this few distinct values (≤ MAX_CODE_LEVELS): maybe codes, a category. */
  readonly integerLevels?: number;
}

const ID_NAME = /^(id|.*[_\s.-]id|.*[a-z]Id|.*ID|index|key|uuid)$/;

/**
 * @param name the column's name
 * @param values its sampled values: numbers (a numeric column) or text (missing ones left out)
 * @example columnRole('Id', [1, 2, 3, …]).id // 'every value is different and they count up by one (1, 2, 3, …)'
 */
export function columnRole(name: string, values: readonly number[] | readonly string[]): ColumnRole {
  if (values.length < MIN_ROWS) return {};
  const distinct = new Set<number | string>(values);
  const sample = (values as readonly (number | string)[]).slice(0, 3).map((v) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 20)) : String(v))).join(', ');
  if (typeof values[0] === 'string') {
    return distinct.size === values.length ? { id: l10n.t('every value is different ({0}, …): names or ids, not a category', sample) } : {};
  }
  const nums = values as readonly number[];
  if (!nums.every(Number.isInteger)) return {};
  if (distinct.size === nums.length) {
    const counting = nums.every((v, i) => i === 0 || v === nums[i - 1] + 1);
    if (counting) return { id: l10n.t('every value is different and they count up by one ({0}, …): row numbers or ids, not a measurement', sample) };
    if (ID_NAME.test(name.trim())) return { id: l10n.t('every value is different ({0}, …) and the name says id: not a measurement', sample) };
    return {};
  }
  return distinct.size <= MAX_CODE_LEVELS && distinct.size > 2 ? { integerLevels: distinct.size } : {};
}
