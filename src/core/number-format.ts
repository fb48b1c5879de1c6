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
 * A measured value in `significant` digits: fixed when readable, exponent otherwise.
 * @example formatNumber(4.20001234) // '4.20001'
 * @example formatNumber(1.5e-7) // '1.5000e-7'
 */
export function formatNumber(x: number, significant = 6): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e7) {
    const s = x.toPrecision(significant);
    return localDigits(s.includes('e') ? x.toExponential(significant - 1) : s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  }
  return localDigits(x.toExponential(significant - 2).replace('e+', 'e'));
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
  return localDigits(x.toLocaleString('en-US', { maximumFractionDigits: 6 }));
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
