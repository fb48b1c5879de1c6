/**
 * From the formula's algebra to terms, as patsy reads it: `+` concatenates (a term appears once),
 * `-` removes, `a:b` is the interaction, `a * b` is `a + b + a:b`, `a / b` is `a + a:b`,
 * `(a + b) ** 2` is every interaction up to order 2; `0`, `-1` and `+ 0` remove the intercept,
 * `1` puts it back. Only the right-hand side gets the implicit intercept, and it always comes
 * first. A term is a list of distinct factors (its order is the order written); two terms with
 * the same factors are the same term.
 */
import * as l10n from '@vscode/l10n';
import type { Expr, FormulaNode, ParsedFormula } from './parse';
import { prettyCode } from './names';
import { FormulaError, type Token } from './tokens';

/** A factor: its name (normalized code, its identity) and its expression. */
export interface Factor {
  readonly name: string;
  readonly expr: Expr;
  readonly at: number;
}

/** An interaction of factors; no factors is the intercept. */
export interface Term {
  readonly factors: readonly Factor[];
}

export interface ModelTerms {
  readonly lhs: readonly Term[];
  /** Intercept first when there is one. */
  readonly rhs: readonly Term[];
  readonly intercept: boolean;
}

interface Intermediate {
  readonly intercept: boolean;
  readonly interceptRemoved: boolean;
  readonly terms: readonly Term[];
}

const key = (t: Term) =>
  t.factors
    .map((f) => f.name)
    .sort()
    .join('\u0000');

function unique(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function term(factors: readonly Factor[]): Term {
  const seen = new Set<string>();
  return { factors: factors.filter((f) => (seen.has(f.name) ? false : (seen.add(f.name), true))) };
}

/**
 * @throws FormulaError for what patsy refuses: an interaction with the intercept, `**` by
 * anything but a positive whole number, unary minus on a term, a number where a term belongs.
 */
export function modelTerms(parsed: ParsedFormula): ModelTerms {
  const fail = (message: string, at: number): never => {
    throw new FormulaError(message, at, parsed.source);
  };
  const expr = (i: boolean, removed: boolean, terms: readonly Term[]): Intermediate => ({ intercept: i, interceptRemoved: removed, terms: unique(terms) });
  const interactable = (e: Intermediate, at: number) => {
    if (e.intercept) fail(l10n.t('the intercept (1) cannot be part of an interaction'), at);
  };
  const interaction = (l: Intermediate, r: Intermediate, at: number): Intermediate => {
    interactable(l, at);
    interactable(r, at);
    const out: Term[] = [];
    for (const a of l.terms) for (const b of r.terms) out.push(term([...a.factors, ...b.factors]));
    return expr(false, false, out);
  };
  const evaluate = (n: FormulaNode): Intermediate => {
    switch (n.type) {
      case 'zero':
        return expr(false, true, []);
      case 'one':
        return expr(true, false, []);
      case 'number':
        return fail(l10n.t('a number ({0}) cannot be a term: only 0 and 1 (the intercept) can', String(n.value)), n.at);
      case 'factor':
        return expr(false, false, [term([{ name: prettyCode(n.code as readonly Token[]), expr: n.expr, at: n.at }])]);
      case 'unary':
        if (n.op === '+') return evaluate(n.arg);
        if (n.arg.type === 'zero') return expr(true, false, []);
        if (n.arg.type === 'one') return expr(false, true, []);
        return fail(l10n.t('a minus sign can only remove 1 or 0 here: to remove a term, write "a + b - b"'), n.at);
      case 'binary': {
        if (n.op === '+') {
          const l = evaluate(n.left);
          if (n.right.type === 'zero') return expr(false, true, l.terms);
          const r = evaluate(n.right);
          if (r.intercept) return expr(true, false, [...l.terms, ...r.terms]);
          return expr(l.intercept, l.interceptRemoved, [...l.terms, ...r.terms]);
        }
        if (n.op === '-') {
          const l = evaluate(n.left);
          if (n.right.type === 'zero') return expr(true, false, l.terms);
          if (n.right.type === 'one') return expr(false, true, l.terms);
          const r = evaluate(n.right);
          const drop = new Set(r.terms.map(key));
          const terms = l.terms.filter((t) => !drop.has(key(t)));
          if (r.intercept) return expr(false, true, terms);
          return expr(l.intercept, l.interceptRemoved, terms);
        }
        if (n.op === '*') {
          const l = evaluate(n.left);
          const r = evaluate(n.right);
          return expr(false, false, [...l.terms, ...r.terms, ...interaction(l, r, n.at).terms]);
        }
        if (n.op === '/') {
          const l = evaluate(n.left);
          const r = evaluate(n.right);
          interactable(l, n.at);
          const combined = expr(false, false, [term(l.terms.flatMap((t) => t.factors))]);
          return expr(false, false, [...l.terms, ...interaction(combined, r, n.at).terms]);
        }
        if (n.op === ':') return interaction(evaluate(n.left), evaluate(n.right), n.at);
        // '**'
        const base = evaluate(n.left);
        interactable(base, n.at);
        const power = n.right.type === 'one' ? 1 : n.right.type === 'number' ? n.right.value : NaN;
        if (!(Number.isInteger(power) && power >= 1)) fail(l10n.t('"**" needs a positive whole number, e.g. (a + b) ** 2'), n.right.at);
        let all = [...base.terms];
        let big = base;
        for (let k = 1; k < power; k++) {
          big = interaction(base, big, n.at);
          all = [...all, ...big.terms];
        }
        return expr(false, false, all);
      }
    }
  };
  const lhs = parsed.lhs ? evaluate(parsed.lhs) : expr(false, true, []);
  const rhs = evaluate(parsed.rhs);
  const intercept = !rhs.interceptRemoved;
  return {
    lhs: [...(lhs.intercept ? [{ factors: [] }] : []), ...lhs.terms],
    rhs: [...(intercept ? [{ factors: [] }] : []), ...rhs.terms.filter((t) => t.factors.length > 0)],
    intercept,
  };
}
