/**
 * Numbers as people read them, in one place: the panel, the hover, the report, the CLI's text
 * and every message use these (never `toLocaleString` or `toFixed` on their own). Numbers
 * written to files or JSON are not formatted: they are written in full (`String(x)`).
 */

/** The display language's decimal and group separators (English until a language is set). */
let separators = { decimal: '.', group: ',' };

/**
 * Numbers read from now on use `locale`'s decimal and group separators ("1.234,5" in German;
 * Chinese writes numbers as English does). Only the formatters below follow it: numbers parsed or
 * written to files never go through them.
 */
export function setNumberLocale(locale: string): void {
  // English, Chinese, Japanese and Korean write 1,234.5: no ICU lookup (its first use costs
  // ~15 ms, paid at activation otherwise)
  if (/^(en|zh|ja|ko)(-|$)/i.test(locale)) {
    separators = { decimal: '.', group: ',' };
    return;
  }
  let parts: Intl.NumberFormatPart[];
  try {
    // an unknown locale would fall back to the runtime's default, not to English
    parts = Intl.NumberFormat.supportedLocalesOf(locale).length ? new Intl.NumberFormat(locale).formatToParts(12345.5) : [];
  } catch {
    parts = [];
  }
  separators = {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/** The display language's decimal and group separators (for a chart library's number locale). */
export function numberSeparators(): { readonly decimal: string; readonly group: string } {
  return separators;
}

/** English digits ("1,234.5") with the display language's separators. */
export function localDigits(text: string): string {
  if (separators.decimal === '.' && separators.group === ',') return text;
  return text.replace(/[.,]/g, (c) => (c === '.' ? separators.decimal : separators.group));
}

/**
 * How many significant digits a number gets, by what it is: one policy for the panel, the hover,
 * the report and the CLI's text, so the same value reads the same everywhere (docs/design-review.md).
 */
export const SIGNIFICANT_DIGITS = {
  /** Coefficients, standard errors, intervals, predictions: what gets compared digit by digit. */
  estimate: 5,
  /** R², F, t, VIF, σ̂, scores, likelihoods: read as a magnitude. */
  statistic: 4,
  /** Losses and distances while training. */
  loss: 4,
  /** Learning rates and other step sizes (λ, δ): as a person types them, at most 3 digits (0.5, 0.03, 50). */
  learningRate: 3,
} as const;
export type NumberRole = keyof typeof SIGNIFICANT_DIGITS;

/** A number as its role reads: `formatAs('learningRate', 0.5)` is "0.5" in a message and on a button alike. */
export function formatAs(role: NumberRole, x: number): string {
  return formatNumber(x, SIGNIFICANT_DIGITS[role]);
}

/**
 * A measured value in `significant` digits, trailing zeros dropped: fixed between 1e-4 and 1e7
 * (a whole number keeps all its digits: 13737, not 1.374e4), otherwise a power of ten written the
 * same way every time ("1.5e-7", "4.2e12": no "+", no padding).
 * @example formatNumber(4.20001234) // '4.20001'
 * @example formatNumber(1.5e-7) // '1.5e-7'
 */
export function formatNumber(x: number, significant = 6): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const fixed = x.toPrecision(significant);
  if (a >= 1e-4 && a < 1e7) {
    // more whole digits than significant ones (13737 in 4): the whole number, not 1.374e4
    if (fixed.includes('e')) return localDigits(String(Math.round(x)));
    return localDigits(fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed);
  }
  const [mantissa, exponent] = x.toExponential(significant - 1).split('e');
  return localDigits(`${mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa}e${exponent.replace('+', '')}`);
}

/** p-values as statsmodels prints them: 3 decimals, `<0.001` rather than a misleading 0.000. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return 'nan';
  return localDigits(p < 0.001 ? '<0.001' : p.toFixed(3));
}

/**
 * A count (rows, draws, iterations) with thousands grouped; rounded to a whole number. Grouped
 * by hand, so the text never depends on the runtime's locale data.
 * @example formatCount(1234567) // '1,234,567'
 */
export function formatCount(n: number): string {
  return localDigits(String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/**
 * A setting's value or a bound as typed: up to 6 decimals, grouped, no exponent below 1e21.
 * @example formatSetting(100000) // '100,000'
 */
export function formatSetting(x: number): string {
  // by hand, not toLocaleString: ICU's first NumberFormat costs ~15 ms, and this runs at activation
  const [whole, fraction] = String(Number(x.toFixed(6))).split('.');
  return localDigits(whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : ''));
}

/**
 * A file size as people read it: bytes below 1 KiB, else KiB/MiB/GiB with 3 significant digits.
 * @example formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${localDigits(String(Number(v.toPrecision(3))))} ${units[u]}`;
}
