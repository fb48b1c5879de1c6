/**
 * Dates as numbers a regression can use: a decimal year (2010-07-02T12:00 → 2010.5, the
 * fraction of its year elapsed, in UTC; a written offset is applied), and back to the year
 * and month for categories. A column's format is decided from all its sampled values: ISO
 * (`2010-03-15`, with an optional time and offset; `2010/03/15`), `15.03.2010`, and slashed
 * day/month/year or month/day/year, told apart by a value above 12. Two-digit years are
 * not read (which century?).
 */

export type DateFormat = 'iso' | 'dmy.' | 'dmy/' | 'mdy/';

/** How each format is written, for messages. */
export const DATE_FORMAT_LABEL: Readonly<Record<DateFormat, string>> = {
  iso: 'YYYY-MM-DD',
  'dmy.': 'DD.MM.YYYY',
  'dmy/': 'DD/MM/YYYY',
  'mdy/': 'MM/DD/YYYY',
};

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  /** Offset east of UTC, in minutes. */
  offset: number;
}

function valid(p: Parts): boolean {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.hh > 23 || p.mm > 59 || p.ss >= 61) return false;
  return p.d <= new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
}

function parts(text: string, format: DateFormat): Parts | undefined {
  const t = text.trim();
  let p: Parts | undefined;
  if (format === 'iso') {
    const r = ISO.exec(t);
    if (!r) return undefined;
    let offset = 0;
    if (r[8] && r[8] !== 'Z') {
      const o = r[8].replace(':', '');
      offset = (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(3, 5)));
    }
    p = { y: +r[1], m: +r[2], d: +r[3], hh: +(r[4] ?? 0), mm: +(r[5] ?? 0), ss: +(r[6] ?? 0) + (r[7] ? Number(`0.${r[7]}`) : 0), offset };
  } else {
    const r = (format === 'dmy.' ? DOTTED : SLASHED).exec(t);
    if (!r) return undefined;
    const [a, b] = [+r[1], +r[2]];
    p = { y: +r[3], m: format === 'mdy/' ? a : b, d: format === 'mdy/' ? b : a, hh: +(r[4] ?? 0), mm: +(r[5] ?? 0), ss: +(r[6] ?? 0), offset: 0 };
  }
  return valid(p) ? p : undefined;
}

/**
 * The decimal year of a date written in `format`, or undefined when it is not one.
 * @example decimalYear('2010-07-02T12:00', 'iso') // 2010.5
 */
export function decimalYear(text: string, format: DateFormat): number | undefined {
  const p = parts(text, format);
  if (!p) return undefined;
  return decimalYearOfTime(Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, 0) + p.ss * 1000 - p.offset * 60_000);
}

/**
 * The decimal year of a moment in milliseconds since 1970 UTC (a Parquet date or timestamp).
 * @example decimalYearOfTime(Date.UTC(2010, 6, 2, 12)) // 2010.5
 */
export function decimalYearOfTime(t: number): number {
  const year = new Date(t).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return year + (t - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** The calendar year and month (1–12) of a decimal year (to the second: a date's own precision). */
export function yearAndMonth(x: number): { year: number; month: number } {
  if (!Number.isFinite(x)) return { year: NaN, month: NaN };
  const year = Math.floor(x);
  const start = Date.UTC(year, 0, 1);
  const t = Math.round((start + (x - year) * (Date.UTC(year + 1, 0, 1) - start)) / 1000) * 1000;
  const d = new Date(t);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/**
 * The one format every value (missing ones left out) is written in, or undefined. Slashed
 * dates are day-first when a first number is above 12, month-first when a second one is,
 * and month-first (`ambiguous`) when none decides.
 */
export function detectDateFormat(values: readonly string[]): { format: DateFormat; ambiguous: boolean } | undefined {
  // Written like dates, and at least one a real date: a 30th of February among them is an
  // error in a date column (named when read), not a reason to read the column as text.
  if (values.length === 0) return undefined;
  for (const [format, shape] of [['iso', ISO], ['dmy.', DOTTED]] as const) {
    if (values.every((v) => shape.test(v.trim())) && values.some((v) => parts(v, format))) return { format, ambiguous: false };
  }
  if (!values.every((v) => SLASHED.test(v.trim()))) return undefined;
  const dayFirst = values.some((v) => Number(SLASHED.exec(v.trim())![1]) > 12);
  const monthFirst = values.some((v) => Number(SLASHED.exec(v.trim())![2]) > 12);
  if (dayFirst && monthFirst) return undefined;
  const format = dayFirst ? 'dmy/' : 'mdy/';
  return values.some((v) => parts(v, format)) ? { format, ambiguous: !dayFirst && !monthFirst } : undefined;
}
