/**
 * A formula against a dataset: which columns to read (and which as text), a first pass that
 * learns what the data decide (each category's levels, the means and spreads of center() and
 * standardize()), then the design: named columns computed block by block, ready for the
 * certified solver (target first, then one column per design column, power 1).
 */
import * as l10n from '@vscode/l10n';
import type { DesignSpec } from '../design-matrix';
import { yearAndMonth } from '../dates';
import { twoSum } from '../double-double';
import { formatCount } from '../number-format';
import { MISSING_CODE, MISSING_LEVEL } from '../impute';
import { rareOfCounts, type RareLevels } from '../rare-levels';
import type { RowBlock } from '../table';
import { designColumnsOf, type CategoricalLevels, type DesignColumn } from './coding';
import { columnsOf, factorModel, type ColumnKind, type FactorModel, type NumericNode } from './factors';
import { parseFormula } from './parse';
import { pythonNumber } from './names';
import { modelTerms, type ModelTerms } from './terms';
import { FormulaError } from './tokens';

/** Most levels a category may have (beyond, it is an id or free text). */
export const MAX_FORMULA_LEVELS = 2000;

export interface FormulaPlan {
  readonly formula: string;
  readonly terms: ModelTerms;
  readonly target: FactorModel & { readonly kind: 'numeric' };
  readonly factors: ReadonlyMap<string, FactorModel>;
  /** The data columns to read, in this order (the blocks' columns). */
  readonly columns: readonly string[];
  /**
   * Those of them read as text (their block columns hold level codes): text columns, and numeric
   * columns used only as categories (their levels keep the numbers as written, so `2` and `2.0`
   * are named as pandas would read them: `[T.2]`, `[T.2.0]`).
   */
  readonly textColumns: readonly string[];
  /** Whether the data must be seen once before the design is known (categories, center(), standardize()). */
  readonly needsFirstPass: boolean;
  readonly statCount: number;
}

/**
 * @param columns the dataset's columns and how each can be read
 * @throws FormulaError for a formula that does not parse or does not fit the columns.
 */
export function planFormula(
  formula: string,
  columns: readonly { readonly name: string; readonly kind: ColumnKind }[],
  /** A numeric column used only as a category is read as text, its levels named as written (files); false: from its numbers (tables in memory). */
  options: { readonly numbersAsText?: boolean } = {},
): FormulaPlan {
  const parsed = parseFormula(formula);
  const terms = modelTerms(parsed);
  const kinds = new Map(columns.map((c) => [c.name, c.kind]));
  const ctx = { formula, kindOf: (n: string) => kinds.get(n), columns: columns.map((c) => c.name) };
  const stats = { next: 0 };
  if (terms.lhs.length !== 1 || terms.lhs[0].factors.length !== 1) {
    throw new FormulaError(l10n.t('the left of "~" is the one target column (or a function of it), e.g. "y ~ x" or "np.log(y) ~ x"'), 0, formula);
  }
  const targetFactor = terms.lhs[0].factors[0];
  const target = factorModel(targetFactor, ctx, stats);
  if (target.kind !== 'numeric') throw new FormulaError(l10n.t('the target {0} must be numeric: regression predicts a number', JSON.stringify(target.name)), targetFactor.at, formula);
  const factors = new Map<string, FactorModel>();
  for (const t of terms.rhs) for (const f of t.factors) if (!factors.has(f.name)) factors.set(f.name, factorModel(f, ctx, stats));
  const read = new Set<string>(columnsOf(target.node));
  for (const m of factors.values()) if (m.kind === 'numeric') columnsOf(m.node, read);
  const usedAsNumbers = new Set(read);
  // C(month(d)) reads d's numbers (decimal years)
  for (const m of factors.values()) if (m.kind === 'categorical' && m.part) usedAsNumbers.add(m.column);
  const text = new Set<string>();
  for (const m of factors.values()) {
    if (m.kind !== 'categorical') continue;
    read.add(m.column);
    if (m.text || (options.numbersAsText !== false && !usedAsNumbers.has(m.column))) text.add(m.column);
  }
  const ordered = columns.map((c) => c.name).filter((n) => read.has(n));
  return {
    formula,
    terms,
    target,
    factors,
    columns: ordered,
    textColumns: ordered.filter((n) => text.has(n)),
    needsFirstPass: stats.next > 0 || [...factors.values()].some((m) => m.kind === 'categorical'),
    statCount: stats.next,
  };
}

/** Evaluates a numeric expression over a block's rows (`col` gives a data column by name). */
function evaluate(node: NumericNode, col: (name: string) => Float64Array, n: number, stats: readonly Stat[] | undefined): Float64Array {
  const out = new Float64Array(n);
  switch (node.op) {
    case 'column': {
      out.set(col(node.column).subarray(0, n));
      return out;
    }
    case 'const':
      return out.fill(node.value);
    case 'neg': {
      const a = evaluate(node.a, col, n, stats);
      for (let i = 0; i < n; i++) out[i] = -a[i];
      return out;
    }
    case 'fn': {
      const a = evaluate(node.a, col, n, stats);
      const f = FUNCTIONS[node.fn];
      for (let i = 0; i < n; i++) out[i] = f(a[i]);
      return out;
    }
    case 'center':
    case 'standardize': {
      const a = evaluate(node.a, col, n, stats);
      if (!stats) throw new Error(`${node.op}() needs the first pass's statistics`);
      const s = stats[node.stat];
      const scale = node.op === 'standardize' ? Math.sqrt(s.m2 / s.n) : 1;
      for (let i = 0; i < n; i++) out[i] = node.op === 'center' ? a[i] - s.mean : (a[i] - s.mean) / scale;
      return out;
    }
    default: {
      const a = evaluate(node.a, col, n, stats);
      const b = evaluate(node.b, col, n, stats);
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        out[i] = node.op === 'add' ? x + y : node.op === 'sub' ? x - y : node.op === 'mul' ? x * y : node.op === 'div' ? x / y : x ** y;
      }
      return out;
    }
  }
}

const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  year: (x) => yearAndMonth(x).year,
  month: (x) => yearAndMonth(x).month,
};

type CategoricalModel = Extract<FactorModel, { kind: 'categorical' }>;

/** The value a category's level is named for: the cell, or its calendar part for C(month(d)). */
function levelValue(m: CategoricalModel, x: number): number {
  return m.part ? FUNCTIONS[m.part](x) : x;
}

/** A stateful transform's statistics: center's mean is a compensated sum / n; standardize's spread is Welford's M2. */
interface Stat {
  n: number;
  sumHi: number;
  sumLo: number;
  mean: number;
  wMean: number;
  m2: number;
}

/**
 * The first pass: feed every block of the rows used (the plan's columns, text ones as codes),
 * then `finish` with the text columns' levels (codes → values) for the design.
 */
export class FormulaFirstPass {
  private readonly stats: Stat[];
  /** Per category: rows per code (text) or per value (numbers), to learn the levels and find the rare ones. */
  private readonly seenText = new Map<string, Map<number, number>>();
  private readonly seenNumbers = new Map<string, Map<number, number>>();
  private rows = 0;
  private readonly T = new Float64Array(2);

  constructor(private readonly plan: FormulaPlan) {
    this.stats = Array.from({ length: plan.statCount }, () => ({ n: 0, sumHi: 0, sumLo: 0, mean: 0, wMean: 0, m2: 0 }));
    for (const [name, m] of plan.factors) {
      if (m.kind !== 'categorical') continue;
      if (plan.textColumns.includes(m.column)) this.seenText.set(m.column, new Map());
      else this.seenNumbers.set(name, new Map());
    }
  }

  observe(block: RowBlock): void {
    const n = block.rowCount;
    this.rows += n;
    const col = columnGetter(this.plan, block);
    for (const [name, seen] of this.seenText) {
      const c = col(name);
      for (let i = 0; i < n; i++) seen.set(c[i], (seen.get(c[i]) ?? 0) + 1);
      if (seen.size > MAX_FORMULA_LEVELS) throw tooManyLevels(this.plan, name, seen.size);
    }
    for (const [name, seen] of this.seenNumbers) {
      const m = this.plan.factors.get(name) as CategoricalModel;
      const c = col(m.column);
      for (let i = 0; i < n; i++) {
        const v = levelValue(m, c[i]);
        seen.set(v, (seen.get(v) ?? 0) + 1);
      }
      if (seen.size > MAX_FORMULA_LEVELS) throw tooManyLevels(this.plan, m.column, seen.size);
    }
    if (this.stats.length === 0) return;
    const visit = (node: NumericNode) => {
      switch (node.op) {
        case 'center':
        case 'standardize': {
          const a = evaluate(node.a, col, n, undefined);
          const s = this.stats[node.stat];
          for (let i = 0; i < n; i++) {
            const x = a[i];
            twoSum(s.sumHi, x, this.T, 0);
            s.sumHi = this.T[0];
            s.sumLo += this.T[1];
            s.n++;
            const delta = x - s.wMean;
            s.wMean += delta / s.n;
            s.m2 += delta * (x - s.wMean);
          }
          return;
        }
        case 'column':
        case 'const':
          return;
        case 'neg':
        case 'fn':
          return visit(node.a);
        default:
          visit(node.a);
          visit(node.b);
      }
    };
    visit(this.plan.target.node);
    for (const m of this.plan.factors.values()) if (m.kind === 'numeric') visit(m.node);
  }

  /**
   * @param textLevels each text column's values, indexed by the codes in the blocks
   * @throws FormulaError for a reference level the data do not have, or a category with one level only.
   */
  finish(textLevels: Readonly<Record<string, readonly string[]>>, indicators: readonly string[] = []): FormulaDesign {
    const plan = this.plan;
    for (const s of this.stats) s.mean = s.n > 0 ? (s.sumHi + s.sumLo) / s.n : NaN;
    const levels = new Map<string, CategoricalLevels>();
    const codeToLevel = new Map<string, Map<number, number>>();
    const levelValues = new Map<string, readonly (string | number)[]>();
    const rare = new Map<string, RareLevels>();
    for (const [name, m] of plan.factors) {
      if (m.kind !== 'categorical') continue;
      let sorted: { key: number; display: string; value: string | number }[];
      if (m.text) {
        const values = textLevels[m.column] ?? [];
        const used = [...this.seenText.get(m.column)!.keys()].filter((code) => code !== MISSING_CODE).map((code) => ({ code, value: values[code] }));
        const bool = used.length > 0 && used.every((u) => /^(true|false)$/i.test(u.value));
        sorted = used
          .map((u) => ({ key: u.code, value: bool ? (/^true$/i.test(u.value) ? 'True' : 'False') : u.value }))
          .map((u) => ({ ...u, display: u.value }))
          .sort((a, b) => compareCodePoints(a.value, b.value));
      } else if (this.seenText.has(m.column)) {
        // a numeric column read as text: sorted by value, named as pandas types it (int when every value is written as one)
        const values = textLevels[m.column] ?? [];
        const used = [...this.seenText.get(m.column)!.keys()].filter((code) => code !== MISSING_CODE).map((code) => ({ code, text: values[code], value: Number(values[code]) }));
        const integer = used.every((u) => /^[+-]?\d+$/.test(u.text));
        sorted = used.sort((a, b) => a.value - b.value).map((u) => ({ key: u.code, value: u.value, display: pythonNumber(u.value, integer) }));
      } else {
        const values = [...this.seenNumbers.get(name)!.keys()];
        const integer = values.every((v) => Number.isInteger(v));
        sorted = values.sort((a, b) => a - b).map((v) => ({ key: v, value: v, display: pythonNumber(v, integer) }));
      }
      // filled gaps are a level of their own, last (as pandas' dummy_na column): never the reference by default
      if (this.seenText.get(m.column)?.has(MISSING_CODE)) sorted.push({ key: MISSING_CODE, value: MISSING_LEVEL, display: MISSING_LEVEL });
      // levels that are the same after bool normalization collapse onto one index
      const displays: string[] = [];
      const map = new Map<number, number>();
      for (const s of sorted) {
        let i = displays.indexOf(s.display);
        if (i < 0) i = displays.push(s.display) - 1;
        map.set(s.key, i);
      }
      let reference = 0;
      if (m.reference !== undefined) {
        reference = displays.findIndex((d, i) => d === String(m.reference) || (typeof m.reference === 'number' && sorted.find((s) => map.get(s.key) === i)?.value === m.reference));
        if (reference < 0) {
          const known = `${displays.slice(0, 10).map((d) => JSON.stringify(d)).join(', ')}${displays.length > 10 ? ', …' : ''}`;
          throw new FormulaError(l10n.t('the reference level {0} of {1} is not in the data (its levels are {2})', JSON.stringify(m.reference), m.name, known), 0, plan.formula);
        }
      }
      if (displays.length < 2) {
        throw new FormulaError(
          displays.length === 0
            ? l10n.t('{0} has no values in the rows used: a category needs two levels to be compared', m.name)
            : l10n.t('{0} has one level only ({1}) in the rows used: a category needs two levels to be compared', m.name, JSON.stringify(displays[0])),
          0,
          plan.formula,
        );
      }
      levels.set(name, { names: displays, reference });
      codeToLevel.set(name, map);
      levelValues.set(name, displays.map((_, i) => sorted.find((x) => map.get(x.key) === i)!.value));
      const counts = this.seenText.get(m.column) ?? this.seenNumbers.get(name)!;
      const rows = new Float64Array(displays.length);
      for (const [key, count] of counts) {
        const i = map.get(key);
        if (i !== undefined) rows[i] += count;
      }
      const r = rareOfCounts(rows, displays);
      if (r.count > 0) rare.set(name, r);
    }
    return new FormulaDesign(plan, designColumnsOf(plan.terms.rhs, plan.factors, levels), levels, codeToLevel, this.stats, this.rows, indicators, rare, levelValues);
  }
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function tooManyLevels(plan: FormulaPlan, column: string, count: number): FormulaError {
  return new FormulaError(
    l10n.t(
      'column {0} has more than {1} distinct values ({2} so far): as a category it would add a column per value; it looks like an id or free text',
      JSON.stringify(column),
      String(MAX_FORMULA_LEVELS),
      String(count),
    ),
    0,
    plan.formula,
  );
}

function columnGetter(plan: FormulaPlan, block: RowBlock): (name: string) => Float64Array {
  return (name) => {
    const j = plan.columns.indexOf(name);
    if (j < 0) throw new Error(`column ${name} is not read by the formula`);
    return block.columns[j];
  };
}

/** The design of a formula on a dataset: its column names and each block's design. */
export class FormulaDesign {
  /** The design's columns, the intercept excluded (it is the solver's `intercept`). */
  readonly columns: readonly DesignColumn[];
  readonly intercept: boolean;
  /** For the solver: the derived block is [target, raw columns of power terms…, computed columns…]. */
  readonly spec: DesignSpec;

  /** Data columns the solver reads raw (powers of them are evaluated exactly, in double-double). */
  private readonly raw: readonly string[];
  /** Per design column: its data column and power when it is one, else undefined (computed here). */
  private readonly powerOf: readonly ({ readonly column: string; readonly power: number } | undefined)[];

  constructor(
    readonly plan: FormulaPlan,
    all: readonly DesignColumn[],
    readonly levels: ReadonlyMap<string, CategoricalLevels>,
    private readonly codeToLevel: ReadonlyMap<string, ReadonlyMap<number, number>>,
    private readonly stats: readonly Stat[],
    /** Rows seen by the first pass. */
    readonly rows: number,
    /** Missing-value indicators (0/1) the blocks carry after the plan's columns: one design column each. */
    readonly indicators: readonly string[] = [],
    /** Each category (by its factor name, e.g. `C(g)`) with levels seen in fewer than RARE_LEVEL_ROWS rows. */
    readonly rare: ReadonlyMap<string, RareLevels> = new Map(),
    /** Per category: each level's value (the text, or the number it was read as). */
    readonly levelValues: ReadonlyMap<string, readonly (string | number)[]> = new Map(),
  ) {
    this.intercept = all.length > 0 && all[0].parts.length === 0;
    this.columns = this.intercept ? all.slice(1) : all;
    // `x`, `I(x ** 3)`: the solver evaluates powers of a raw column exactly (the NIST bars hold
    // through a formula); every other column is computed here, in double, as statsmodels does.
    this.powerOf = this.columns.map((c) => {
      const part = c.parts.length === 1 ? c.parts[0] : undefined;
      if (!part || part.kind !== 'numeric') return undefined;
      const node = (plan.factors.get(part.factor) as { node: NumericNode }).node;
      if (node.op === 'column') return { column: node.column, power: 1 };
      if (node.op === 'pow' && node.a.op === 'column' && node.b.op === 'const' && Number.isInteger(node.b.value) && node.b.value >= 1 && node.b.value <= 50) {
        return { column: node.a.column, power: node.b.value };
      }
      return undefined;
    });
    this.raw = [...new Set(this.powerOf.flatMap((p) => (p ? [p.column] : [])))];
    let next = 1 + this.raw.length;
    const source = this.powerOf.map((p) => (p ? 1 + this.raw.indexOf(p.column) : next++));
    this.spec = {
      target: 0,
      targetName: plan.target.name,
      terms: [
        ...this.columns.map((c, j) => ({ name: c.name, source: source[j], power: this.powerOf[j]?.power ?? 1 })),
        ...indicators.map((name) => ({ name, source: next++, power: 1 })),
      ],
      intercept: this.intercept,
      interceptName: 'Intercept',
      // without an intercept, a term of categories alone is coded in full: its columns sum to 1
      constantSpanned: !this.intercept && plan.terms.rhs.some((t) => t.factors.length > 0 && t.factors.every((f) => plan.factors.get(f.name)!.kind === 'categorical')),
    };
  }

  /** What the first pass learned, as plain data: enough to evaluate the design on new rows (a saved model). */
  state(): DesignState {
    return {
      categories: [...this.levels].map(([factor, l]) => ({ factor, levels: [...l.names], values: [...(this.levelValues.get(factor) ?? [])], reference: l.reference })),
      stats: this.stats.map((s) => ({ n: s.n, mean: s.mean, m2: s.m2 })),
      indicators: [...this.indicators],
    };
  }

  /** Coefficient names in order: Intercept (if any), then the design's columns, then the missing-value indicators. */
  get names(): string[] {
    return [...(this.intercept ? ['Intercept'] : []), ...this.featureNames];
  }

  /** The design's column names without the intercept. */
  get featureNames(): string[] {
    return [...this.columns.map((c) => c.name), ...this.indicators];
  }

  /**
   * The derived block [target, design columns…] of a data block (the plan's columns).
   * @throws RangeError naming the term and the row when a value is not finite (log of 0, …).
   */
  evaluate(block: RowBlock): RowBlock {
    const n = block.rowCount;
    const col = columnGetter(this.plan, block);
    const numeric = new Map<string, Float64Array>();
    const factorValues = (name: string): Float64Array => {
      let v = numeric.get(name);
      if (!v) {
        const m = this.plan.factors.get(name)!;
        if (m.kind !== 'numeric') throw new Error(`${name} is categorical`);
        v = evaluate(m.node, col, n, this.stats);
        numeric.set(name, v);
      }
      return v;
    };
    const levelIndex = new Map<string, Int32Array>();
    const levelOf = (name: string): Int32Array => {
      let v = levelIndex.get(name);
      if (!v) {
        const m = this.plan.factors.get(name)!;
        if (m.kind !== 'categorical') throw new Error(`${name} is numeric`);
        const c = col(m.column);
        const map = this.codeToLevel.get(name)!;
        v = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const l = map.get(levelValue(m, c[i]));
          if (l === undefined) throw new RangeError(l10n.t('{0}: the value at the {1} row used was not seen by the first pass', name, ordinal(block.firstRow + i + 1)));
          v[i] = l;
        }
        levelIndex.set(name, v);
      }
      return v;
    };
    const y = evaluate(this.plan.target.node, col, n, this.stats);
    checkFinite(y, this.plan.target.name, block.firstRow);
    // copies: a reader reuses its blocks, and the solver may keep the first ones
    const out = [y, ...this.raw.map((name) => col(name).slice(0, n))];
    for (const [j, c] of this.columns.entries()) {
      if (this.powerOf[j]) continue;
      const v = new Float64Array(n).fill(1);
      for (const part of c.parts) {
        if (part.kind === 'numeric') {
          const x = factorValues(part.factor);
          for (let i = 0; i < n; i++) v[i] *= x[i];
        } else {
          const l = levelOf(part.factor);
          for (let i = 0; i < n; i++) if (l[i] !== part.level) v[i] = 0;
        }
      }
      checkFinite(v, c.name, block.firstRow);
      out.push(v);
    }
    for (let k = 0; k < this.indicators.length; k++) out.push(block.columns[this.plan.columns.length + k].slice(0, n));
    return { columns: out, rowCount: n, firstRow: block.firstRow };
  }
}

/** "1st", "22nd", "1,003rd" in English; each suffix is a message, so a language says the ordinal its own way. */
function ordinal(k: number): string {
  const s = formatCount(k);
  const last2 = k % 100;
  const suffix = last2 >= 11 && last2 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return suffix === 'st' ? l10n.t('{0}st', s) : suffix === 'nd' ? l10n.t('{0}nd', s) : suffix === 'rd' ? l10n.t('{0}rd', s) : l10n.t('{0}th', s);
}

function checkFinite(v: Float64Array, name: string, firstRow: number): void {
  for (let i = 0; i < v.length; i++) {
    if (v[i] - v[i] !== 0) {
      const row = ordinal(firstRow + i + 1);
      throw new RangeError(
        Number.isNaN(v[i])
          ? l10n.t("{0} is not a number at the {1} row used: check the function's domain (log and sqrt need positive values) or the data", name, row)
          : v[i] > 0
            ? l10n.t("{0} is infinite at the {1} row used: check the function's domain (log and sqrt need positive values) or the data", name, row)
            : l10n.t("{0} is -infinite at the {1} row used: check the function's domain (log and sqrt need positive values) or the data", name, row),
      );
    }
  }
}

export type { ColumnKind };

/** A design's learned state (see FormulaDesign.state): levels, transform statistics, indicators. */
export interface DesignState {
  readonly categories: readonly {
    /** The factor's name in the formula, e.g. `C(g)`. */
    readonly factor: string;
    /** Level names as in the coefficient names. */
    readonly levels: readonly string[];
    /** Each level's value: the text, or the number it was read as (for numbers and dates). */
    readonly values: readonly (string | number)[];
    readonly reference: number;
  }[];
  /** center()/standardize() statistics, by their index in the plan. */
  readonly stats: readonly { readonly n: number; readonly mean: number; readonly m2: number }[];
  readonly indicators: readonly string[];
}

/**
 * A design restored from its state, for new rows: `codes` gives, per column the plan reads as
 * text, the values its blocks' codes stand for (code i = values[i]); other columns are read as
 * numbers. Throws FormulaError when the state does not fit the plan (a hand-edited model).
 */
export function restoreDesign(plan: FormulaPlan, state: DesignState): { design: FormulaDesign; codes: ReadonlyMap<string, readonly (string | number)[]> } {
  const byFactor = new Map(state.categories.map((c) => [c.factor, c]));
  const levels = new Map<string, CategoricalLevels>();
  const levelValues = new Map<string, readonly (string | number)[]>();
  const codes = new Map<string, (string | number)[]>();
  const codeToLevel = new Map<string, Map<number, number>>();
  const bad = (what: string) => new FormulaError(what, 0, plan.formula);
  for (const [name, m] of plan.factors) {
    if (m.kind !== 'categorical') continue;
    const c = byFactor.get(name);
    if (!c) throw bad(l10n.t('the model has no levels for {0}', name));
    if (c.levels.length < 2 || c.levels.length !== c.values.length || new Set(c.levels).size !== c.levels.length) {
      throw bad(l10n.t('the levels of {0} are not a list of two or more distinct names, one value each', name));
    }
    if (!Number.isInteger(c.reference) || c.reference < 0 || c.reference >= c.levels.length) {
      throw bad(l10n.t('the reference level of {0} is not one of its {1} levels', name, String(c.levels.length)));
    }
    levels.set(name, { names: c.levels, reference: c.reference });
    levelValues.set(name, c.values);
    const map = new Map<number, number>();
    if (plan.textColumns.includes(m.column)) {
      const list = codes.get(m.column) ?? [];
      codes.set(m.column, list);
      c.values.forEach((v, i) => {
        let code = list.indexOf(v);
        if (code < 0) code = list.push(v) - 1;
        map.set(code, i);
      });
    } else {
      c.values.forEach((v, i) => {
        if (typeof v !== 'number') throw bad(l10n.t('a level of {0} is {1}, but {2} holds numbers', name, JSON.stringify(v), m.column));
        map.set(v, i);
      });
    }
    codeToLevel.set(name, map);
  }
  if (state.stats.length !== plan.statCount) {
    throw bad(l10n.t('the formula has {0} center()/standardize() statistics, the model {1}', String(plan.statCount), String(state.stats.length)));
  }
  const stats: Stat[] = state.stats.map((s) => ({ n: s.n, sumHi: s.mean * s.n, sumLo: 0, mean: s.mean, wMean: s.mean, m2: s.m2 }));
  const design = new FormulaDesign(plan, designColumnsOf(plan.terms.rhs, plan.factors, levels), levels, codeToLevel, stats, 0, state.indicators, new Map(), levelValues);
  return { design, codes };
}
