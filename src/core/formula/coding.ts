/**
 * The design's columns, laid out and named as patsy lays them out (so a table can be put beside
 * statsmodels' line by line): terms are grouped by their set of numeric factors (the group with
 * none first, then in order of first appearance) and ordered by degree within a group; each
 * categorical factor of a term is coded with treatment contrasts (reference dropped, `[T.b]`) or
 * in full (`[b]`) by patsy's rule for avoiding redundancy with the terms before it; a term's
 * columns are the products of its factors' columns, the left-most factor varying fastest.
 */
import type { FactorModel } from './factors';
import type { Term } from './terms';

/** One categorical factor's levels, sorted as patsy sorts them, with their display names. */
export interface CategoricalLevels {
  /** Display names (Python's str/repr of each level). */
  readonly names: readonly string[];
  /** The reference level's index (Treatment's `reference`, default the first). */
  readonly reference: number;
}

/** One factor's contribution to a design column. */
export type ColumnPart =
  | { readonly kind: 'numeric'; readonly factor: string }
  /** Indicator of `level` (an index into the factor's sorted levels). */
  | { readonly kind: 'level'; readonly factor: string; readonly level: number };

export interface DesignColumn {
  readonly name: string;
  /** Multiplied together; none for the intercept. */
  readonly parts: readonly ColumnPart[];
}

const efKey = (factor: string, full: boolean) => `${full ? '+' : '-'}${factor}`;

/** All subsets of `items` (by index), shortest first, then in lexicographic order of indices. */
function subsetsSorted<T>(items: readonly T[]): T[][] {
  const out: number[][] = [[]];
  for (let i = 0; i < items.length; i++) for (const s of [...out]) out.push([...s, i]);
  out.sort((a, b) => a.length - b.length || cmpIdx(a, b));
  return out.map((s) => s.map((i) => items[i]));
}
function cmpIdx(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

type Subterm = Map<string, boolean>; // factor → coded in full (includes its "intercept")
const subtermKey = (s: Subterm) => [...s].map(([f, full]) => efKey(f, full)).sort().join('\u0000');

/** patsy's redundancy.pick_contrasts_for_term: how each categorical factor is coded, per subterm. */
function pickContrasts(categorical: readonly string[], used: Set<string>): Subterm[] {
  const subterms: Subterm[] = [];
  for (const subset of subsetsSorted(categorical)) {
    const s: Subterm = new Map(subset.map((f) => [f, false]));
    if (!used.has(subtermKey(s))) subterms.push(s);
  }
  for (const s of subterms) used.add(subtermKey(s));
  // simplify: a subterm one factor larger absorbs a smaller one, coding that factor in full
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < subterms.length; i++) {
      for (let j = i + 1; j < subterms.length; j++) {
        const short = subterms[i];
        const long = subterms[j];
        if (long.size - short.size !== 1) continue;
        if (![...short].every(([f, full]) => long.get(f) === full)) continue;
        const extra = [...long.keys()].find((f) => !short.has(f))!;
        const merged: Subterm = new Map(short);
        merged.set(extra, true);
        subterms[j] = merged;
        subterms.splice(i, 1);
        changed = true;
        break outer;
      }
    }
  }
  return subterms;
}

/**
 * The design's columns for the right-hand side's terms (intercept first when there is one).
 * @param factors every factor of the terms, by name
 * @param levels every categorical factor's levels, by name
 */
export function designColumnsOf(
  terms: readonly Term[],
  factors: ReadonlyMap<string, FactorModel>,
  levels: ReadonlyMap<string, CategoricalLevels>,
): DesignColumn[] {
  const isNumeric = (f: string) => factors.get(f)!.kind === 'numeric';
  // buckets by the set of numeric factors; the empty set first
  const buckets = new Map<string, Term[]>();
  for (const t of terms) {
    const k = t.factors
      .filter((f) => isNumeric(f.name))
      .map((f) => f.name)
      .sort()
      .join('\u0000');
    if (!buckets.has(k)) buckets.set(k, []);
    buckets.get(k)!.push(t);
  }
  const order = [...buckets.keys()];
  if (buckets.has('')) order.splice(order.indexOf(''), 1), order.unshift('');
  const columns: DesignColumn[] = [];
  for (const k of order) {
    const bucket = [...buckets.get(k)!].sort((a, b) => a.factors.length - b.factors.length); // stable
    const used = new Set<string>();
    for (const term of bucket) {
      const categorical = term.factors.filter((f) => !isNumeric(f.name)).map((f) => f.name);
      for (const coding of pickContrasts(categorical, used)) {
        const parts = term.factors.filter((f) => isNumeric(f.name) || coding.has(f.name));
        const choices: ColumnPart[][] = parts.map((f) => {
          if (isNumeric(f.name)) return [{ kind: 'numeric', factor: f.name }];
          const lv = levels.get(f.name)!;
          const idx = lv.names.map((_, i) => i).filter((i) => coding.get(f.name) || i !== lv.reference);
          return idx.map((level) => ({ kind: 'level', factor: f.name, level }));
        });
        // every combination, the left-most factor varying fastest
        const ordered = leftFastest(choices);
        for (const combo of ordered) {
          columns.push({
            name: combo.length === 0 ? 'Intercept' : combo.map((part) => partName(part, factors, levels, coding)).join(':'),
            parts: combo,
          });
        }
      }
    }
  }
  return columns;
}

function leftFastest(choices: readonly ColumnPart[][]): ColumnPart[][] {
  const out: ColumnPart[][] = [];
  const idx = choices.map(() => 0);
  if (choices.some((c) => c.length === 0)) return [];
  for (;;) {
    out.push(idx.map((i, p) => choices[p][i]));
    let p = 0;
    while (p < choices.length) {
      idx[p]++;
      if (idx[p] < choices[p].length) break;
      idx[p] = 0;
      p++;
    }
    if (p === choices.length) return out;
  }
}

function partName(part: ColumnPart, factors: ReadonlyMap<string, FactorModel>, levels: ReadonlyMap<string, CategoricalLevels>, coding: ReadonlyMap<string, boolean>): string {
  if (part.kind === 'numeric') return part.factor;
  const lv = levels.get(part.factor)!;
  const full = coding.get(part.factor) === true;
  return `${factors.get(part.factor)!.name}[${full ? '' : 'T.'}${lv.names[part.level]}]`;
}
