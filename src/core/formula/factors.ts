/**
 * What each factor of a formula means for the data: a numeric expression of numeric columns
 * (evaluated column-wise over a block), or a categorical column (a text column, or `C(column)`
 * of any column, with its treatment reference). Unknown columns and functions, text in
 * arithmetic and a categorical target are refused here, with the factor's position.
 */
import * as l10n from '@vscode/l10n';
import type { Expr } from './parse';
import type { Factor } from './terms';
import { FormulaError } from './tokens';

/** How a data column can be read. */
export type ColumnKind = 'numeric' | 'text';

/** A file's columns as a formula sees them: a column read as a category is text, the others numbers. */
export function formulaColumns(columns: readonly { readonly name: string; readonly category?: boolean }[]): { name: string; kind: ColumnKind }[] {
  return columns.map((c) => ({ name: c.name, kind: c.category ? 'text' : 'numeric' }));
}

/** A numeric expression, evaluated column-wise. */
export type NumericNode =
  | { readonly op: 'column'; readonly column: string }
  | { readonly op: 'const'; readonly value: number }
  | { readonly op: 'neg'; readonly a: NumericNode }
  | { readonly op: 'add' | 'sub' | 'mul' | 'div' | 'pow'; readonly a: NumericNode; readonly b: NumericNode }
  | { readonly op: 'fn'; readonly fn: MathFunction; readonly a: NumericNode }
  /** A stateful transform: its statistics come from a first pass over the rows used. */
  | { readonly op: 'center' | 'standardize'; readonly a: NumericNode; readonly stat: number };

export type MathFunction = 'log' | 'log10' | 'log2' | 'log1p' | 'exp' | 'sqrt' | 'abs' | CalendarPart;
/** The calendar parts of a date column (read as decimal years): usable as numbers or in C(). */
export type CalendarPart = 'year' | 'month';
const CALENDAR: readonly CalendarPart[] = ['year', 'month'];
const MATH: Readonly<Record<string, MathFunction>> = {
  ...Object.fromEntries(
    (['log', 'log10', 'log2', 'log1p', 'exp', 'sqrt', 'abs'] as const).flatMap((f) => [
      [f, f],
      [`np.${f}`, f],
      [`numpy.${f}`, f],
    ]),
  ),
  year: 'year',
  month: 'month',
};

export type FactorModel =
  | { readonly kind: 'numeric'; readonly name: string; readonly node: NumericNode }
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly column: string;
      /** The data column holds text (else numbers, whose values are the levels). */
      readonly text: boolean;
      /** Treatment's reference level as written (a string or a number), if given. */
      readonly reference: string | number | undefined;
      /** `C(month(d))`: the levels are this calendar part of a date column's values. */
      readonly part?: CalendarPart;
    };

export interface FactorContext {
  readonly formula: string;
  /** The kind of a column of the data, or undefined when there is no such column. */
  kindOf(column: string): ColumnKind | undefined;
  /** Every column, for "no column named …" messages. */
  readonly columns: readonly string[];
}

/** Counts stateful transforms so each gets its own statistics slot. */
export interface StatCounter {
  next: number;
}

const KNOWN = 'I(), C(), Q(), np.log(), np.log10(), np.log2(), np.log1p(), np.exp(), np.sqrt(), np.abs(), center(), standardize(), year(), month()';

/** @throws FormulaError naming the problem and its position. */
export function factorModel(factor: Factor, ctx: FactorContext, stats: StatCounter): FactorModel {
  const fail = (message: string, at: number): never => {
    throw new FormulaError(message, at, ctx.formula);
  };
  const columnOf = (e: Expr): string | undefined => {
    if (e.type === 'name' || e.type === 'backtick') return e.name;
    if (e.type === 'call' && e.fn === 'Q') {
      const arg = e.args[0];
      if (e.args.length !== 1 || e.kwargs.length > 0 || arg.type !== 'string') fail(l10n.t("Q() takes one quoted column name, e.g. Q('Sale Price')"), e.at);
      return (arg as { value: string }).value;
    }
    return undefined;
  };
  const checkColumn = (name: string, at: number): ColumnKind => {
    const kind = ctx.kindOf(name);
    if (kind !== undefined) return kind;
    const near = ctx.columns.find((c) => c.trim().toLowerCase() === name.trim().toLowerCase()) ?? closest(name, ctx.columns);
    const all = ctx.columns.map((c) => JSON.stringify(c)).join(', ');
    return fail(
      near
        ? l10n.t('no column named {0}; did you mean {1}? (the columns are {2})', JSON.stringify(name), JSON.stringify(near), all)
        : l10n.t('no column named {0} (the columns are {1})', JSON.stringify(name), all),
      at,
    );
  };
  const numeric = (e: Expr, insideStateful: boolean): NumericNode => {
    const column = columnOf(e);
    if (column !== undefined) {
      if (checkColumn(column, e.at) === 'text') fail(l10n.t('column {0} holds text, and arithmetic needs numbers: write C({1}) to use it as a category', JSON.stringify(column), column), e.at);
      return { op: 'column', column };
    }
    switch (e.type) {
      case 'number':
        return { op: 'const', value: e.value };
      case 'string':
        return fail(l10n.t('a quoted string cannot be a number here'), e.at);
      case 'negate':
        return { op: 'neg', a: numeric(e.arg, insideStateful) };
      case 'arith': {
        const ops = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow' } as const;
        return { op: ops[e.op], a: numeric(e.left, insideStateful), b: numeric(e.right, insideStateful) };
      }
      case 'call': {
        const one = () => {
          if (e.args.length !== 1 || e.kwargs.length > 0) fail(l10n.t('{0}() takes one argument', e.fn), e.at);
          return e.args[0];
        };
        if (e.fn === 'I') return numeric(one(), insideStateful);
        const fn = MATH[e.fn];
        if (fn) return { op: 'fn', fn, a: numeric(one(), insideStateful) };
        if (e.fn === 'center' || e.fn === 'standardize' || e.fn === 'scale') {
          if (insideStateful) fail(l10n.t('{0}() cannot be nested in center() or standardize()', e.fn), e.at);
          return { op: e.fn === 'center' ? 'center' : 'standardize', a: numeric(one(), true), stat: stats.next++ };
        }
        if (e.fn === 'C') return fail(l10n.t('C() makes a category: it cannot be part of arithmetic'), e.at);
        return fail(l10n.t('unknown function {0}(): a formula can use {1}', e.fn, KNOWN), e.at);
      }
      default:
        return fail(l10n.t('expected a number, a column or a function here'), e.at);
    }
  };
  const e = factor.expr;
  const column = columnOf(e);
  if (column !== undefined) {
    const kind = checkColumn(column, e.at);
    return kind === 'text'
      ? { kind: 'categorical', name: factor.name, column, text: true, reference: undefined }
      : { kind: 'numeric', name: factor.name, node: { op: 'column', column } };
  }
  if (e.type === 'call' && e.fn === 'C') {
    const [data, contrast] = e.args;
    // C(month(d)): a calendar part of a date column as a category
    const calendar = data?.type === 'call' && (CALENDAR as readonly string[]).includes(data.fn) && data.args.length === 1 && data.kwargs.length === 0 ? data : undefined;
    const part = calendar?.fn as CalendarPart | undefined;
    const inner = calendar ? calendar.args[0] : data;
    const col = inner === undefined ? undefined : columnOf(inner);
    if (col === undefined || e.args.length > 2) fail(l10n.t("C() takes a column, and optionally Treatment(reference=…), e.g. C(g, Treatment(reference='b'))"), e.at);
    const kind = checkColumn(col!, inner!.at);
    if (part && kind === 'text') fail(l10n.t('{0}() needs a date column; {1} holds text', part, JSON.stringify(col)), inner!.at);
    let reference: string | number | undefined;
    if (contrast !== undefined) {
      if (contrast.type === 'name' && contrast.name === 'Treatment') reference = undefined;
      else if (contrast.type === 'call' && contrast.fn === 'Treatment') {
        const ref = contrast.kwargs.find((k) => k.name === 'reference')?.value ?? contrast.args[0];
        if (contrast.args.length + contrast.kwargs.length > 1 || (contrast.kwargs.length === 1 && contrast.kwargs[0].name !== 'reference')) {
          fail(l10n.t("Treatment() takes the reference level: Treatment(reference='b')"), contrast.at);
        }
        if (ref !== undefined) {
          if (ref.type === 'string' || ref.type === 'number') reference = ref.value;
          else if (ref.type === 'negate' && ref.arg.type === 'number') reference = -ref.arg.value;
          else fail(l10n.t('the reference level is a quoted value or a number'), ref.at);
        }
      } else fail(l10n.t('Gauss Lab codes categories with treatment contrasts: Treatment or Treatment(reference=…)'), contrast.at);
    }
    return { kind: 'categorical', name: factor.name, column: col!, text: kind === 'text', reference, ...(part ? { part } : {}) };
  }
  return { kind: 'numeric', name: factor.name, node: numeric(e, false) };
}

/** The data columns a numeric expression reads. */
export function columnsOf(node: NumericNode, out = new Set<string>()): Set<string> {
  switch (node.op) {
    case 'column':
      out.add(node.column);
      break;
    case 'const':
      break;
    case 'neg':
    case 'fn':
    case 'center':
    case 'standardize':
      columnsOf(node.a, out);
      break;
    default:
      columnsOf(node.a, out);
      columnsOf(node.b, out);
  }
  return out;
}

/** The column within two edits of `name` (a typo), if exactly one is that close. */
function closest(name: string, columns: readonly string[]): string | undefined {
  const near = columns.filter((c) => editDistance(c.toLowerCase(), name.toLowerCase()) <= Math.min(2, Math.floor(name.length / 3)));
  return near.length === 1 ? near[0] : undefined;
}

/** Optimal string alignment distance (a transposition counts as one edit). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
