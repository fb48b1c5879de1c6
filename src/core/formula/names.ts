/**
 * A factor's name as patsy writes it: its code with the spacing of Python's tokens normalized
 * (`I(x**2)` → `I(x ** 2)`, `C(g,Treatment('b'))` → `C(g, Treatment('b'))`), so our coefficient
 * names are statsmodels' to the character. Level names follow patsy too: `[T.b]` for a treatment
 * contrast, `[b]` for a full-rank coding, numbers as Python prints them.
 */
import type { Token } from './tokens';

const SPACE_BOTH = new Set(['+', '-', '*', '/', '%', '&', '^', '|', '<', '>', '==', '<>', '!=', '<=', '>=', '<<', '>>', '**', '//']);
const SPACE_BEFORE = new Set([...SPACE_BOTH, '!', '~']);
const SPACE_AFTER = new Set([...SPACE_BOTH, ',', ':']);

/** patsy's `pretty_untokenize` over our tokens (a faithful port of its spacing rules). */
export function prettyCode(tokens: readonly Token[]): string {
  const text: string[] = [];
  let prevWasSpaceDelim = false;
  let prevWantsSpace = false;
  let prevWasOpenParenOrComma = false;
  let prevWasObjectLike = false;
  const brackets: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'end') continue;
    if (t.kind === 'name' || t.kind === 'number' || t.kind === 'string' || t.kind === 'backtick') {
      if (prevWantsSpace || prevWasSpaceDelim) text.push(' ');
      text.push(t.text);
      prevWantsSpace = false;
      prevWasSpaceDelim = true;
    } else {
      const token = t.text;
      if (token === '(' || token === '[' || token === '{') brackets.push(token);
      else if (brackets.length > 0 && (token === ')' || token === ']' || token === '}')) brackets.pop();
      let before = SPACE_BEFORE.has(token);
      let after = SPACE_AFTER.has(token);
      if (token === ':' && brackets[brackets.length - 1] === '[') after = false;
      if ((token === '*' || token === '**') && prevWasOpenParenOrComma) before = after = false;
      if (token === '=' && brackets.length === 0) before = after = true;
      if ((token === '+' || token === '-') && !prevWasObjectLike) before = after = false;
      if (prevWantsSpace || before) text.push(' ');
      text.push(token);
      prevWantsSpace = after;
      prevWasSpaceDelim = false;
    }
    prevWasObjectLike = t.kind === 'name' || t.kind === 'number' || t.kind === 'string' || t.kind === 'backtick' || t.text === ')';
    prevWasOpenParenOrComma = t.text === '(' || t.text === ',';
  }
  return text.join('');
}

/**
 * A number as Python's `repr` prints it: integers of an integer column plainly (`3`), floats
 * always with a point or an exponent (`3.0`, `2.5`, `1e+20`, `1e-05`).
 */
export function pythonNumber(x: number, integerColumn: boolean): string {
  if (integerColumn && Number.isInteger(x)) return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    // Python switches to exponent notation at 1e16 and below 1e-4: 1e+16, 1e-05, 1.5e-07
    const [m, e] = x.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * A column name as a formula factor: as is when it is a plain name, else patsy's `Q('…')`.
 * @example formulaName('Sale Price') // "Q('Sale Price')"
 */
export function formulaName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `Q('${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`;
}
