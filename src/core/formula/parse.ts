/**
 * The formula grammar (the subset of patsy's and R's that people use), parsed by our own
 * recursive descent — a formula is never evaluated as code. Operators, loosest first:
 * `~`; `+` `-`; `*` `/`; `:`; `**` (with unary `+` `-` at the level of `+`). A factor is a
 * column name, a backtick-quoted name, or a call: `I(x ** 2)`, `np.log(x)`, `C(g)`,
 * `C(g, Treatment(reference='b'))`, `Q('Sale Price')`, `center(x)`, `standardize(x)`.
 * Inside a call, `+ - * / ** ^` are arithmetic (`^` is a power, as in R).
 */
import * as l10n from '@vscode/l10n';
import { FormulaError, stringValue, tokenize, type Token } from './tokens';

/** An expression inside a factor (arithmetic and calls, as in Python). */
export type Expr =
  | { readonly type: 'name'; readonly name: string; readonly at: number }
  | { readonly type: 'backtick'; readonly name: string; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly at: number }
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  | {
      readonly type: 'call';
      readonly fn: string;
      readonly args: readonly Expr[];
      readonly kwargs: readonly { readonly name: string; readonly value: Expr }[];
      readonly at: number;
    }
  | { readonly type: 'arith'; readonly op: '+' | '-' | '*' | '/' | '**'; readonly left: Expr; readonly right: Expr; readonly at: number }
  | { readonly type: 'negate'; readonly arg: Expr; readonly at: number };

/** A node of the formula's own algebra. */
export type FormulaNode =
  | { readonly type: 'binary'; readonly op: '+' | '-' | '*' | '/' | ':' | '**'; readonly left: FormulaNode; readonly right: FormulaNode; readonly at: number }
  | { readonly type: 'unary'; readonly op: '+' | '-'; readonly arg: FormulaNode; readonly at: number }
  | { readonly type: 'zero' | 'one'; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'factor'; readonly expr: Expr; readonly code: readonly Token[]; readonly at: number };

export interface ParsedFormula {
  readonly source: string;
  /** The left-hand side (the target), or null for `~ x`. */
  readonly lhs: FormulaNode | null;
  readonly rhs: FormulaNode;
}

const BINARY: Readonly<Record<string, number>> = { '+': 100, '-': 100, '*': 200, '/': 200, ':': 300, '**': 500 };

/**
 * @throws FormulaError pointing at the first character that does not fit, saying what was expected.
 * @example parseFormula('y ~ x1 + C(g)').rhs.type // 'binary'
 */
export function parseFormula(source: string): ParsedFormula {
  const p = new Parser(source, tokenize(source));
  return p.formula();
}

class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.i];
  }

  private fail(message: string, at = this.peek().at): never {
    throw new FormulaError(message, at, this.source);
  }

  /** What was found instead: "the end of the formula" or the token in quotes. */
  private describe(t: Token): string {
    return t.kind === 'end' ? l10n.t('the end of the formula') : l10n.t('"{0}"', t.text);
  }

  /** @param message the error, given what was found instead */
  private expect(text: string, message: (found: string) => string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) this.fail(message(this.describe(t)));
    this.i++;
    return t;
  }

  formula(): ParsedFormula {
    let lhs: FormulaNode | null = null;
    const first = this.peek();
    if (first.kind === 'end') this.fail(l10n.t('the formula is empty: write it like "y ~ x1 + x2"'));
    if (!(first.kind === 'op' && first.text === '~')) lhs = this.binary(0);
    const tilde = this.peek();
    if (!(tilde.kind === 'op' && tilde.text === '~')) {
      this.fail(
        tilde.kind === 'end'
          ? l10n.t('expected "~" between the target and the features, e.g. "y ~ x1 + x2"')
          : l10n.t('expected an operator (+ - * / : **) or "~", found {0}', this.describe(tilde)),
      );
    }
    this.i++;
    if (this.peek().kind === 'end') this.fail(l10n.t('expected the features after "~", e.g. "y ~ x1 + x2" (or "y ~ 1" for the mean)'));
    const rhs = this.binary(0);
    const rest = this.peek();
    if (rest.kind !== 'end') {
      this.fail(
        rest.text === '~'
          ? l10n.t('a formula has one "~"')
          : rest.text === ')'
            ? l10n.t('this ")" has no "(" to close')
            : l10n.t('expected an operator (+ - * / : **), found {0}', this.describe(rest)),
      );
    }
    return { source: this.source, lhs, rhs };
  }

  /** Binary operators of at least `min` precedence, left-associative. */
  private binary(min: number): FormulaNode {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === 'op' ? BINARY[t.text] : undefined;
      if (prec === undefined || prec < min) return left;
      this.i++;
      if (this.peek().kind === 'end') this.fail(l10n.t('expected a term after "{0}"', t.text));
      const right = this.binary(prec + 1);
      left = { type: 'binary', op: t.text as '+', left, right, at: t.at };
    }
  }

  private unary(): FormulaNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '+' || t.text === '-')) {
      this.i++;
      return { type: 'unary', op: t.text, arg: this.binary(101), at: t.at };
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '(') {
      this.i++;
      const inner = this.binary(0);
      this.expect(')', (found) => l10n.t('expected an operator or ")", found {0}', found));
      return inner;
    }
    if (t.kind === 'number') {
      this.i++;
      const value = Number(t.text);
      if (value === 0) return { type: 'zero', at: t.at };
      if (value === 1) return { type: 'one', at: t.at };
      return { type: 'number', value, at: t.at };
    }
    if (t.kind === 'name' || t.kind === 'backtick') {
      const from = this.i;
      const expr = this.atom();
      return { type: 'factor', expr, code: this.tokens.slice(from, this.i), at: t.at };
    }
    if (t.kind === 'string') this.fail(l10n.t('a quoted name is written Q({0}) or `{1}`', t.text, stringValue(t)));
    if (t.kind === 'end') this.fail(l10n.t('expected a term (a column name, 0, 1 or a function like np.log(x)) at the end of the formula'));
    this.fail(l10n.t('expected a term (a column name, 0, 1 or a function like np.log(x)), found {0}', this.describe(t)));
  }

  /** A name (dotted), a backtick name, or a call; inside calls also numbers, strings and parentheses. */
  private atom(inCall = false): Expr {
    const t = this.peek();
    if (t.kind === 'backtick') {
      this.i++;
      const name = stringValue(t);
      if (name === '') this.fail(l10n.t('a backtick name cannot be empty'), t.at);
      return { type: 'backtick', name, at: t.at };
    }
    if (t.kind === 'name') {
      this.i++;
      let name = t.text;
      while (this.peek().kind === 'op' && this.peek().text === '.') {
        this.i++;
        const part = this.peek();
        if (part.kind !== 'name') this.fail(l10n.t('expected a name after "."'));
        this.i++;
        name += `.${part.text}`;
      }
      if (this.peek().kind === 'op' && this.peek().text === '(') return this.call(name, t.at);
      return { type: 'name', name, at: t.at };
    }
    if (inCall && t.kind === 'number') {
      this.i++;
      return { type: 'number', value: Number(t.text), text: t.text, at: t.at };
    }
    if (inCall && t.kind === 'string') {
      this.i++;
      return { type: 'string', value: stringValue(t), at: t.at };
    }
    if (inCall && t.kind === 'op' && t.text === '(') {
      this.i++;
      const inner = this.arith(0);
      this.expect(')', (found) => l10n.t('expected an operator or ")", found {0}', found));
      return inner;
    }
    this.fail(l10n.t('expected a name, a number or "(", found {0}', this.describe(t)));
  }

  private call(fn: string, at: number): Expr {
    this.i++; // (
    const args: Expr[] = [];
    const kwargs: { name: string; value: Expr }[] = [];
    if (!(this.peek().kind === 'op' && this.peek().text === ')')) {
      for (;;) {
        const t = this.peek();
        const next = this.tokens[this.i + 1];
        if (t.kind === 'name' && next?.kind === 'op' && next.text === '=') {
          this.i += 2;
          kwargs.push({ name: t.text, value: this.arith(0) });
        } else {
          if (kwargs.length > 0) this.fail(l10n.t('a positional argument cannot follow a keyword argument'));
          args.push(this.arith(0));
        }
        const sep = this.peek();
        if (sep.kind === 'op' && sep.text === ',') {
          this.i++;
          continue;
        }
        break;
      }
    }
    this.expect(')', (found) => l10n.t('expected "," or ")" to close {0}(, found {1}', fn, found));
    return { type: 'call', fn, args, kwargs, at };
  }

  /** Arithmetic inside a call: + - (1), * / (2), unary - (3), ** and ^ (4, right-associative). */
  private arith(min: number): Expr {
    let left = this.arithUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') return left;
      const prec = t.text === '+' || t.text === '-' ? 1 : t.text === '*' || t.text === '/' ? 2 : t.text === '**' || t.text === '^' ? 4 : 0;
      if (prec === 0 || prec < min) return left;
      this.i++;
      const right = prec === 4 ? this.arith(prec) : this.arith(prec + 1);
      left = { type: 'arith', op: t.text === '^' ? '**' : (t.text as '+'), left, right, at: t.at };
    }
  }

  private arithUnary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.i++;
      const arg = this.arith(3);
      return t.text === '-' ? { type: 'negate', arg, at: t.at } : arg;
    }
    return this.atom(true);
  }
}
