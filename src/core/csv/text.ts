// Small text helpers of the CSV reader: bytes, names and values as messages show them, row numbers.
import * as l10n from '@vscode/l10n';
import { formatCount } from '../number-format';
import { type CsvDelimiter } from './types';


export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
export const SPACE = 0x20;
export const TAB = 0x09;

export const DEFAULT_BLOCK_ROWS = 65536;
export const DEFAULT_INFER_RECORDS = 1000;
export const MAX_DROPPED_REASONS = 20;
/** Enough of the head to pick a delimiter. */
export const DETECT_BYTES = 64 * 1024;
export const DETECT_RECORDS = 30;
/** Past this the head is inferred from the records it has, however few. */
export const HEAD_CAP_BYTES = 16 * 1024 * 1024;
export const SAMPLE_ROWS = 20;
const MAX_VALUE_CHARS = 60;

/** A row number as messages show it: grouped by thousands (the core's one count formatter). */
export const formatRow = formatCount;

/** A value for a message: quoted, escaped, and cut to 60 characters with `…`. */
export function showValue(value: string): string {
  const chars = Array.from(value);
  const cut = chars.length > MAX_VALUE_CHARS ? `${chars.slice(0, MAX_VALUE_CHARS - 1).join('')}…` : value;
  return JSON.stringify(cut);
}

export const showName = (name: string): string => showValue(name);

export function trimSpaces(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && (text.charCodeAt(a) === SPACE || text.charCodeAt(a) === TAB)) a++;
  while (b > a && (text.charCodeAt(b - 1) === SPACE || text.charCodeAt(b - 1) === TAB)) b--;
  return text.slice(a, b);
}

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
const INFINITE_TOKENS = new Set(['inf', '-inf', '+inf', 'infinity', '-infinity', '+infinity']);

/**
 * Why a (trimmed) cell counts as missing, or undefined when it does not.
 * @example missingReason('N/A') // 'missing'
 */
export function missingReason(trimmed: string): string | undefined {
  if (trimmed === '') return 'empty';
  if (trimmed.length > 9) return undefined;
  const lower = trimmed.toLowerCase();
  if (MISSING_TOKENS.has(lower)) return 'missing';
  if (INFINITE_TOKENS.has(lower)) return 'not finite';
  return undefined;
}

/** What is wrong with a value that is not a number, and what to try, when we can tell. */
interface NotANumber {
  /** Which look-alike it is ('text': none, simply not a number). */
  kind: 'decimal-comma' | 'thousands' | 'hex' | 'underscore' | 'date' | 'currency' | 'unit' | 'text';
  /** Follows the quoted value in the message: `"1,5" <what>`. */
  what: string;
  hint: string;
  /** Worth a warning even when the column is simply left out. */
  lookalike: boolean;
}

const decimalCommaHint = (): string =>
  l10n.t("save the CSV with '.' as the decimal separator (e.g. export it with an English locale), or replace ',' by '.' in this column");
const thousandsHint = (): string => l10n.t('remove the thousands separators (format the column as a plain number before exporting)');

/**
 * Explains a value that is not a number, recognising the usual look-alikes
 * (decimal commas, thousands separators, units, hex, dates).
 * @example describeNotANumber('1,5', ';').what // 'looks like a number with a decimal comma'
 */
export function describeNotANumber(value: string, delimiter: CsvDelimiter): NotANumber {
  const t = trimSpaces(value);
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(t)) {
    return { kind: 'decimal-comma', what: l10n.t('looks like a number with a decimal comma'), hint: decimalCommaHint(), lookalike: true };
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t) && (delimiter !== ';' || t.includes('.'))) {
    const either = delimiter === '\t' && !t.includes('.');
    return {
      kind: 'thousands',
      what: either ? l10n.t('looks like a number with a thousands separator or a decimal comma') : l10n.t('looks like a number with thousands separators'),
      hint: either
        ? l10n.t(
            "remove the thousands separators (format the column as a plain number before exporting); or, if ',' is a decimal comma, save the CSV with '.' as the decimal separator (e.g. export it with an English locale), or replace ',' by '.' in this column",
          )
        : thousandsHint(),
      lookalike: true,
    };
  }
  if (/^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$/.test(t)) {
    return { kind: 'decimal-comma', what: l10n.t('looks like a number with a decimal comma'), hint: decimalCommaHint(), lookalike: true };
  }
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) {
    return { kind: 'hex', what: l10n.t('is a hexadecimal number, which is not read'), hint: l10n.t('write the value in decimal'), lookalike: true };
  }
  if (/^[+-]?[\d.]*\d_\d[\d_.]*([eE][+-]?\d+)?$/.test(t)) {
    return { kind: 'underscore', what: l10n.t("is not a number ('_' is not a digit separator in CSV)"), hint: l10n.t("remove the '_' separators"), lookalike: true };
  }
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T].*)?$/.test(t)) {
    return {
      kind: 'date',
      what: l10n.t('looks like a date, not a number'),
      hint: l10n.t('convert dates to numbers first (e.g. a year or days since a start)'),
      lookalike: false,
    };
  }
  if (/^[$€£¥]\s?[+-]?(\d|\.\d)/.test(t)) {
    return {
      kind: 'currency',
      what: l10n.t('is not a number (it has a currency sign)'),
      hint: l10n.t('remove the currency sign; put the unit in the column name'),
      lookalike: true,
    };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*[^\d\s.,;+-]\S*$/.test(t)) {
    return {
      kind: 'unit',
      what: l10n.t('is not a number (it has text after the digits)'),
      hint: l10n.t('store the plain number and put the unit in the column name'),
      lookalike: true,
    };
  }
  return { kind: 'text', what: l10n.t('is not a number'), hint: l10n.t('fix or remove the value, or leave this column out'), lookalike: false };
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** Decodes bytes as UTF-8; invalid sequences become U+FFFD and are reported via `onInvalid`. */
export function decodeText(b: Uint8Array, start: number, end: number, onInvalid?: () => void): string {
  if (end - start <= 32) {
    let ascii = '';
    let i = start;
    for (; i < end; i++) {
      const c = b[i];
      if (c > 0x7f) break;
      ascii += String.fromCharCode(c);
    }
    if (i === end) return ascii;
  }
  const bytes = b.subarray(start, end);
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    onInvalid?.();
    return utf8Lenient.decode(bytes);
  }
}
