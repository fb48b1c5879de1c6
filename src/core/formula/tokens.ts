/**
 * Tokens of a model formula (patsy / R syntax): names (`x1`, `np.log` is a name, a dot and a
 * name), numbers, quoted strings, backtick-quoted names, and operators. Every token keeps its
 * offset so a syntax error can point at the character.
 */
import * as l10n from '@vscode/l10n';

export type TokenKind = 'name' | 'number' | 'string' | 'backtick' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written (for strings and backticks: with their quotes). */
  readonly text: string;
  /** Offset of its first character in the formula. */
  readonly at: number;
}

/** A formula the parser cannot read: what was wrong, and where (offset into the formula). */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  constructor(
    message: string,
    readonly at: number,
    readonly formula: string,
  ) {
    super(message);
  }

  /** The formula with a caret under the offending character, for a terminal. */
  pointer(): string {
    return `${this.formula}\n${' '.repeat(Math.max(0, this.at))}^`;
  }
}

// Longest first: `**` before `*`.
const OPERATORS = ['**', '~', '+', '-', '*', '/', ':', '^', '(', ')', ',', '=', '.'];

/**
 * @throws FormulaError for a character that cannot start a token, or an unclosed quote.
 * @example tokenize('y ~ np.log(x)').map((t) => t.text) // ['y', '~', 'np', '.', 'log', '(', 'x', ')', '']
 */
export function tokenize(formula: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(formula[i])) i++;
      out.push({ kind: 'name', text: formula.slice(start, i), at: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(formula.slice(i))!;
      i += m[0].length;
      out.push({ kind: 'number', text: m[0], at: start });
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n && formula[i] !== c) {
        if (formula[i] === '\\' && c !== '`') i++;
        i++;
      }
      if (i >= n) throw new FormulaError(c === '`' ? l10n.t('this backtick ({0}) is never closed', c) : l10n.t('this quote ({0}) is never closed', c), start, formula);
      i++;
      out.push({ kind: c === '`' ? 'backtick' : 'string', text: formula.slice(start, i), at: start });
      continue;
    }
    const op = OPERATORS.find((o) => formula.startsWith(o, i));
    if (!op) throw new FormulaError(l10n.t('"{0}" cannot appear in a formula', c), start, formula);
    i += op.length;
    out.push({ kind: 'op', text: op, at: start });
  }
  out.push({ kind: 'end', text: '', at: n });
  return out;
}

/** The value of a quoted string token (Python escapes for quotes and backslashes). */
export function stringValue(token: Token): string {
  const body = token.text.slice(1, -1);
  return token.kind === 'backtick' ? body : body.replace(/\\(.)/g, '$1');
}
