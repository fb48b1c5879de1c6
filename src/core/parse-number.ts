/**
 * Decimal numbers straight from UTF-8 bytes, without making a string per field.
 *
 * The accepted grammar is the decimal subset of JavaScript's `Number(text)`:
 * `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, with spaces and tabs
 * around it ignored. Anything else (hex, `1_000`, `12kg`, `1,234`, dates, `Infinity`,
 * the empty field) is "not a number" and gives NaN; the caller decides whether that is
 * a missing value or an error. Every accepted text gives exactly `Number(text)`.
 */

import { twoProd } from './double-double';

const SPACE = 0x20;
const TAB = 0x09;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** 10^0 … 10^22: every one is exactly representable as a double (5^22 < 2^53). */
const POW10 = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** Largest count of significant decimal digits whose integer is always < 2^53. */
const FAST_DIGITS = 15;

const asciiDecoder = new TextDecoder('utf-8');

/** Most significant digits {@link longDecimal} takes: D < 10^19 < 2^64 is exact in a double-double. */
const LONG_DIGITS = 19;
const dd = new Float64Array(2);
const bits = new Float64Array(1);
const bitsHigh = new Uint32Array(bits.buffer);
/** Which 32-bit half of a double holds the sign and exponent (the high word). */
const HIGH = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** Where {@link scanNumber} stopped. */
export interface NumberCursor {
  pos: number;
}

const cursor: NumberCursor = { pos: 0 };

/**
 * Parses the decimal number in `bytes[start, end)`, spaces and tabs around it ignored.
 *
 * @returns the value (±0, finite, or ±Infinity when the exponent overflows),
 *   or NaN when the bytes are not a decimal number. Never throws.
 * @example parseNumber(new TextEncoder().encode(' -1.5e3 '), 0, 8) // -1500
 */
export function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  if (start === end) return NaN;
  const value = scanNumber(bytes, start, end, cursor);
  return cursor.pos === end ? value : NaN;
}

/**
 * Parses the longest prefix of `bytes[start, limit)` that the decimal grammar can
 * continue, and stores where it stopped in `at.pos`: the CSV reader parses a field and
 * finds its end in one pass, then checks that the stop is a delimiter or a line end.
 *
 * Up to 15 significant digits with a decimal exponent of at most ±22 take Clinger's
 * fast path: the digits form an exact integer below 2^53 and one multiplication or
 * division by an exact power of ten rounds correctly. Other numbers are validated
 * here and then converted by `Number()`, so the result is always `Number(text)`.
 *
 * @returns the value of `bytes[start, at.pos)`, or NaN when that prefix is not a whole
 *   number (no digit, or an exponent without digits). No whitespace is skipped.
 * @example scanNumber(new TextEncoder().encode('2.5e+10,7'), 0, 9, at) // 25000000000, at.pos === 7
 */
export function scanNumber(bytes: Uint8Array, start: number, limit: number, at: NumberCursor): number {
  // The common case in a data file, kept small so that it can be inlined into the CSV
  // reader's loop: optional '-', digits, optional fraction, no exponent, ≤ 15 digits.
  let p = start;
  const negative = p < limit && bytes[p] === MINUS;
  if (negative) p++;
  const intStart = p;
  let mantissa = 0;
  while (p < limit) {
    const d = (bytes[p] - ZERO) >>> 0;
    if (d > 9) break;
    mantissa = mantissa * 10 + d;
    p++;
  }
  let fraction = 0;
  let dot = 0;
  if (p < limit && bytes[p] === DOT) {
    dot = 1;
    const fracStart = ++p;
    while (p < limit) {
      const d = (bytes[p] - ZERO) >>> 0;
      if (d > 9) break;
      mantissa = mantissa * 10 + d;
      p++;
    }
    fraction = p - fracStart;
  }
  const digits = p - intStart - dot;
  if (digits === 0 || digits > FAST_DIGITS || fraction > 22 || (p < limit && (bytes[p] | 0x20) === LOWER_E)) {
    // 16–19 digits without an exponent (a double's shortest text): straight to longDecimal.
    if (digits > FAST_DIGITS && digits <= LONG_DIGITS && fraction <= 22 && !(p < limit && (bytes[p] | 0x20) === LOWER_E)) {
      const value = longDecimal(bytes, intStart, p, -fraction);
      if (value === value) {
        at.pos = p;
        return negative ? -value : value;
      }
    }
    return scanNumberFull(bytes, start, limit, at);
  }
  at.pos = p;
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  // Rounding to nearest-even is symmetric, so negating after rounding is exact.
  return negative ? -value : value;
}

/** {@link scanNumber} for every case: signs, exponents, long mantissas. */
function scanNumberFull(bytes: Uint8Array, start: number, limit: number, at: NumberCursor): number {
  let p = start;
  let c = p < limit ? bytes[p] : 0;
  const negative = c === MINUS;
  if (negative || c === PLUS) p++;

  // The digits as an integer: exact while below 2^53, which holds whenever at most
  // FAST_DIGITS of them are significant, the only case where it is used.
  let mantissa = 0;
  const intStart = p;
  while (p < limit) {
    const d = (bytes[p] - ZERO) >>> 0;
    if (d > 9) break;
    mantissa = mantissa * 10 + d;
    p++;
  }
  let digits = p - intStart;
  let exponent = 0;
  if (p < limit && bytes[p] === DOT) {
    p++;
    const fracStart = p;
    while (p < limit) {
      const d = (bytes[p] - ZERO) >>> 0;
      if (d > 9) break;
      mantissa = mantissa * 10 + d;
      p++;
    }
    exponent = fracStart - p;
    digits -= exponent;
  }
  if (digits === 0) {
    at.pos = p;
    return NaN;
  }
  const mantissaEnd = p;

  if (p < limit && (bytes[p] === LOWER_E || bytes[p] === UPPER_E)) {
    p++;
    let expNegative = false;
    if (p < limit && (bytes[p] === MINUS || bytes[p] === PLUS)) {
      expNegative = bytes[p] === MINUS;
      p++;
    }
    const expStart = p;
    let e = 0;
    while (p < limit) {
      const d = bytes[p] - ZERO;
      if (d < 0 || d > 9) break;
      // Clamped: beyond this every result is 0 or Infinity and Number() decides which.
      if (e < 1e8) e = e * 10 + d;
      p++;
    }
    at.pos = p;
    if (p === expStart) return NaN;
    exponent += expNegative ? -e : e;
  } else {
    at.pos = p;
  }

  let significant = digits;
  if (digits > FAST_DIGITS) {
    // Leading zeros (`0.000…`) do not count; anything else long goes to Number().
    for (let i = intStart; i < mantissaEnd && (bytes[i] === ZERO || bytes[i] === DOT); i++) {
      if (bytes[i] === ZERO) significant--;
    }
  }
  if (significant <= FAST_DIGITS) {
    let value: number;
    if (mantissa === 0) value = 0;
    else if (exponent === 0) value = mantissa;
    else if (exponent > 0 && exponent <= 22) value = mantissa * POW10[exponent];
    else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent];
    else if (exponent > 22 && significant + exponent - 22 <= FAST_DIGITS) {
      // Still exact: move the excess of the exponent into the integer (Clinger's extension).
      value = mantissa * POW10[exponent - 22] * POW10[22];
    } else return slowParse(bytes, start, p);
    // Rounding to nearest-even is symmetric, so negating after rounding is exact.
    return negative ? -value : value;
  }
  if (significant <= LONG_DIGITS && exponent >= -22 && exponent <= 22) {
    const value = longDecimal(bytes, intStart, mantissaEnd, exponent);
    if (value === value) return negative ? -value : value;
  }
  return slowParse(bytes, start, p);
}

/**
 * D · 10^exponent, correctly rounded, for 16–19 significant digits D and |exponent| ≤ 22 — the
 * shortest round-trip form of a double (JavaScript's String(x), Python's repr) has 17 digits,
 * so files written by programs are full of them, and Number() on a string made per field ran
 * at ~60 MB/s on such a file. Here D is exact as a double-double (hi · 10^8 + lo), one
 * multiplication or division by the exact 10^|exponent| lands within ~2^-104 · x of x, and
 * rounding that to a double is certain unless x is within 2^-90 · x of a midpoint between two
 * doubles: then NaN, and the caller asks Number(). Tested bit for bit against Number().
 */
function longDecimal(bytes: Uint8Array, from: number, to: number, exponent: number): number {
  // lo: the last 8 digits; hi: the ones before (leading zeros add nothing). With at most 19
  // significant digits, hi < 10^11 and lo < 10^8 are exact.
  let lo = 0;
  let unit = 1;
  let i = to - 1;
  for (; i >= from && unit < 1e8; i--) {
    const d = bytes[i] - ZERO;
    if (d < 0 || d > 9) continue; // the dot
    lo += d * unit;
    unit *= 10;
  }
  let hi = 0;
  for (let j = from; j <= i; j++) {
    const d = bytes[j] - ZERO;
    if (d >= 0 && d <= 9) hi = hi * 10 + d;
  }
  // D = hi · 10^8 + lo exactly: the product is exact as p + e, and the integers e and the
  // rounding error of p + lo are each below 2^12, so their sum is exact too.
  twoProd(hi, 1e8, dd, 0);
  const ph = dd[0];
  const pl = dd[1];
  const sh = ph + lo;
  const sl = pl + (lo - (sh - ph));
  const scale = POW10[exponent < 0 ? -exponent : exponent];
  let q1: number;
  let q2: number;
  if (exponent < 0) {
    q1 = sh / scale;
    twoProd(q1, scale, dd, 0);
    q2 = (sh - dd[0] - dd[1] + sl) / scale;
  } else {
    twoProd(sh, scale, dd, 0);
    q1 = dd[0];
    q2 = dd[1] + sl * scale;
  }
  const r = q1 + q2;
  const tail = q2 - (r - q1);
  // Half an ulp of r (r is a normal number here: 10^-22 < x < 10^42).
  bits[0] = r;
  const high = bitsHigh[HIGH];
  let half = 2 ** (((high >>> 20) & 0x7ff) - 1023 - 53);
  // Below a power of two the doubles are twice as dense: the midpoint there is a quarter ulp away.
  if ((high & 0xfffff) === 0 && bitsHigh[1 - HIGH] === 0 && (tail < 0) === (r > 0)) half /= 2;
  const margin = Math.abs(r) * 2 ** -90;
  const distance = Math.abs(tail) - half;
  return distance > margin || distance < -margin ? r : NaN;
}

/** `Number()` on already-validated ASCII text: exact for every length of digits. */
function slowParse(bytes: Uint8Array, start: number, end: number): number {
  if (end - start <= 64) {
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
    return Number(text);
  }
  return Number(asciiDecoder.decode(bytes.subarray(start, end)));
}

/**
 * The same as {@link parseNumber}, for a string (header detection, tests, pickers).
 * @returns the value, or NaN when the text is not a decimal number.
 * @example parseNumberText('.5') // 0.5
 * @example parseNumberText('1,234') // NaN
 */
export function parseNumberText(text: string): number {
  const n = text.length;
  const bytes = n <= scratch.length ? scratch : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // A non-ASCII character can never be part of a decimal number.
    if (c > 0x7f) return NaN;
    bytes[i] = c;
  }
  return parseNumber(bytes, 0, n);
}

const scratch = new Uint8Array(256);
