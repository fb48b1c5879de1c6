/**
 * The playground's two ways to say a model, kept in sync: the pickers (target, features, which
 * numeric features are categories, one polynomial degree for every numeric feature, intercept)
 * and a formula. Every pickers design is a formula; a formula is a pickers design when each of
 * its terms is a column, `C(column)` or a power `I(x ** k)` of a numeric feature up to the same
 * degree for all — otherwise the formula decides and the pickers show what it uses.
 */
import type { DesignChoice } from '../core/choices';
import { parseFormula, type Expr } from '../core/formula/parse';
import { modelTerms } from '../core/formula/terms';
import type { ColumnKind } from '../core/formula/factors';
import { formulaName } from '../core/formula/names';

/** Whether the design is fitted as a formula (a formula, a category, filled gaps), not as plain columns. */
export function usesFormula(design: DesignChoice, kindOf: (name: string) => ColumnKind | undefined): boolean {
  return (
    (design.formula ?? '').trim() !== '' ||
    (design.categorical ?? []).length > 0 ||
    (design.impute ?? 'none') !== 'none' ||
    // a polynomial in several features: patsy's I(x ** k) for each (the plain design has powers of one)
    (design.degree > 1 && design.features.length > 1) ||
    design.features.some((f) => kindOf(f) === 'text')
  );
}

/** The design's formula: the one written, or the pickers' as a formula. */
export function designFormula(design: DesignChoice, kindOf: (name: string) => ColumnKind | undefined): string {
  const written = (design.formula ?? '').trim();
  if (written !== '') return written;
  const categorical = new Set(design.categorical ?? []);
  const terms = design.features.flatMap((f) => {
    const q = formulaName(f);
    if (kindOf(f) === 'text') return [q];
    if (categorical.has(f)) return [`C(${q})`];
    return [q, ...Array.from({ length: Math.max(1, design.degree) - 1 }, (_, k) => `I(${q} ** ${k + 2})`)];
  });
  return `${formulaName(design.target)} ~ ${terms.join(' + ') || '1'}${design.intercept ? '' : ' - 1'}`;
}

/** The column a factor names (`x`, `` `a b` ``, `Q('a b')`), if it is one. */
function columnOf(e: Expr): string | undefined {
  if (e.type === 'name' || e.type === 'backtick') return e.name;
  if (e.type === 'call' && e.fn === 'Q' && e.args.length === 1 && e.args[0].type === 'string') return e.args[0].value;
  return undefined;
}

/**
 * The pickers for a formula, when they can say it (else undefined: the formula decides).
 * @example pickersOfFormula('y ~ x + C(g) - 1', kindOf) // { target: 'y', features: ['x', 'g'], categorical: ['g'], degree: 1, intercept: false }
 */
export function pickersOfFormula(
  formula: string,
  kindOf: (name: string) => ColumnKind | undefined,
): Pick<DesignChoice, 'target' | 'features' | 'categorical' | 'degree' | 'intercept'> | undefined {
  let terms;
  try {
    terms = modelTerms(parseFormula(formula));
  } catch {
    return undefined;
  }
  const lhs = terms.lhs.length === 1 && terms.lhs[0].factors.length === 1 ? columnOf(terms.lhs[0].factors[0].expr) : undefined;
  if (lhs === undefined || kindOf(lhs) !== 'numeric') return undefined;
  const features: string[] = [];
  const categorical: string[] = [];
  const powers = new Map<string, number[]>();
  for (const t of terms.rhs) {
    if (t.factors.length === 0) continue;
    if (t.factors.length > 1) return undefined; // an interaction
    const e = t.factors[0].expr;
    const column = columnOf(e);
    if (column !== undefined) {
      if (!kindOf(column) || features.includes(column)) return undefined;
      features.push(column);
      if (kindOf(column) === 'numeric') powers.set(column, [1]);
      continue;
    }
    if (e.type === 'call' && e.fn === 'C' && e.args.length === 1 && e.kwargs.length === 0) {
      const c = columnOf(e.args[0]);
      if (c === undefined || kindOf(c) !== 'numeric' || features.includes(c)) return undefined;
      features.push(c);
      categorical.push(c);
      continue;
    }
    // I(x ** k): a power of a numeric feature written before it
    if (e.type === 'call' && e.fn === 'I' && e.args.length === 1) {
      const a = e.args[0];
      if (a.type === 'arith' && a.op === '**' && a.right.type === 'number') {
        const c = columnOf(a.left);
        const list = c === undefined ? undefined : powers.get(c);
        if (list && a.right.value === list.length + 1) {
          list.push(a.right.value);
          continue;
        }
      }
    }
    return undefined;
  }
  const degrees = new Set([...powers.values()].map((p) => p.length));
  if (degrees.size > 1) return undefined;
  return { target: lhs, features, categorical, degree: degrees.size ? [...degrees][0] : 1, intercept: terms.intercept };
}

/** Whether Copy Model as Code can write this model: numeric columns and powers only (no formula, category or fill). */
export function writesAsCode(design: DesignChoice, termNames: readonly string[]): boolean {
  const plain = (design.formula ?? '').trim() === '' && (design.categorical ?? []).length === 0 && (design.impute ?? 'none') === 'none';
  const expected = (design.intercept ? 1 : 0) + (design.features.length === 1 ? design.degree : design.features.length);
  return plain && termNames.length === expected;
}
