// Field splitting shared by the head (strings) and the stream (numbers): RFC 4180 records, quoted fields.
import { CR, LF, QUOTE, SPACE, TAB, decodeText, trimSpaces } from './text';
import { type CsvDelimiter } from './types';


/** Where a quoted field ends; filled by {@link scanQuoted}. */
export interface QuotedField {
  /** Index of the closing quote, or -1 when the quote never closes. */
  close: number;
  /** Index just past the field (its delimiter, line end, or end of input). */
  end: number;
  /** No `""` escape and nothing after the closing quote: the content is `[start + 1, close)`. */
  simple: boolean;
}

/**
 * Scans the quoted field opening at `b[p]`. Text after the closing quote, up to the
 * delimiter, is kept literally (as papaparse and Python's csv do) rather than refused.
 * @returns false when the field may continue past `end` (wait for more bytes).
 */
export function scanQuoted(b: Uint8Array, p: number, end: number, final: boolean, d: number, out: QuotedField): boolean {
  let i = p + 1;
  let simple = true;
  for (;;) {
    const q = i < end ? b.indexOf(QUOTE, i) : -1;
    if (q < 0 || q >= end) {
      if (!final) return false;
      out.close = -1;
      out.end = end;
      out.simple = false;
      return true;
    }
    if (q + 1 < end) {
      if (b[q + 1] === QUOTE) {
        simple = false;
        i = q + 2;
        continue;
      }
    } else if (!final) {
      return false; // `"` at the end of the chunk: maybe the first half of `""`
    }
    let k = q + 1;
    while (k < end) {
      const c = b[k];
      if (c === d || c === LF || c === CR) break;
      k++;
    }
    if (k === end && !final) return false;
    out.close = q;
    out.end = k;
    out.simple = simple && k === q + 1;
    return true;
  }
}

/** The text of a quoted field scanned by {@link scanQuoted}: `""` → `"`, trailing text kept. */
export function quotedText(b: Uint8Array, p: number, f: QuotedField, onInvalid?: () => void): string {
  if (f.simple) return decodeText(b, p + 1, f.close, onInvalid);
  const bytes = new Uint8Array(f.end - p);
  let n = 0;
  for (let i = p + 1; i < f.close; i++) {
    bytes[n++] = b[i];
    if (b[i] === QUOTE) i++; // the second quote of `""`
  }
  for (let i = f.close + 1; i < f.end; i++) bytes[n++] = b[i];
  return decodeText(bytes, 0, n, onInvalid);
}

/** One record of the head, as text. */
export interface TextRecord {
  fields: string[];
  /** `quoted[j]`: field j was quoted, so its spaces are part of the value. */
  quoted: boolean[];
  /** Spreadsheet row number. */
  row: number;
  /** Byte offset just past the record's line end. */
  next: number;
}

interface SplitResult {
  records: TextRecord[];
  /** Byte offset of the first record not returned. */
  next: number;
  /** Row number of the first record not returned. */
  nextRow: number;
  /** Row where a quote opens and never closes (only when `final`). */
  unterminatedRow?: number;
  invalidUtf8Row?: number;
}

export function isBlankField(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== SPACE && b[i] !== TAB) return false;
  return true;
}

/**
 * Splits complete records of `b[start, end)` into text fields (blank lines skipped but
 * counted). Stops at `maxRecords`, at an incomplete record (unless `final`), or at an
 * unterminated quote (reported). Never throws.
 */
export function splitRecords(
  b: Uint8Array,
  start: number,
  end: number,
  delimiter: CsvDelimiter,
  final: boolean,
  maxRecords: number,
  firstRow: number,
): SplitResult {
  const d = delimiter.charCodeAt(0);
  const records: TextRecord[] = [];
  const q: QuotedField = { close: 0, end: 0, simple: true };
  let pos = start;
  let row = firstRow;
  let invalidUtf8Row: number | undefined;
  const onInvalid = (): void => {
    invalidUtf8Row ??= row;
  };
  while (pos < end && records.length < maxRecords) {
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let p = pos;
    let complete = true;
    for (;;) {
      if (p < end && b[p] === QUOTE) {
        if (!scanQuoted(b, p, end, final, d, q)) {
          complete = false;
          break;
        }
        if (q.close < 0) return { records, next: pos, nextRow: row, unterminatedRow: row, invalidUtf8Row };
        fields.push(quotedText(b, p, q, onInvalid));
        quoted.push(true);
        p = q.end;
      } else {
        const s = p;
        while (p < end) {
          const c = b[p];
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        if (p === end && !final) {
          complete = false;
          break;
        }
        fields.push(decodeText(b, s, p, onInvalid));
        quoted.push(false);
      }
      if (p < end && b[p] === d) {
        p++;
        continue;
      }
      break;
    }
    if (!complete) break;
    if (p < end) {
      // A CR at the end of a chunk still ends the record; the reader skips an LF after it.
      if (b[p++] === CR && p < end && b[p] === LF) p++;
    }
    const blank = fields.length === 1 && !quoted[0] && trimSpaces(fields[0]) === '';
    if (!blank) records.push({ fields, quoted, row, next: p });
    row++;
    pos = p;
  }
  return { records, next: pos, nextRow: row, invalidUtf8Row };
}

/**
 * Finds record ends across chunks, following the same quoting rules as the parsers,
 * so a record cut by a chunk boundary is scanned once however many chunks it spans.
 */
export class RecordScanner {
  private state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote seen inside quotes

  constructor(private readonly d: number) {}

  reset(): void {
    this.state = 0;
  }

  /** @returns the index of the line end that closes the record, or -1 (state kept). */
  scan(b: Uint8Array, from: number, to: number): number {
    const d = this.d;
    let s = this.state;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (s === 2) {
        if (c === QUOTE) s = 3;
        continue;
      }
      if (s === 3) {
        if (c === QUOTE) {
          s = 2;
          continue;
        }
        s = 1; // text after a closing quote, kept literally
      }
      if (s === 0 && c === QUOTE) {
        s = 2;
        continue;
      }
      if (c === d) s = 0;
      else if (c === LF || c === CR) {
        this.state = 0;
        return i;
      } else s = 1;
    }
    this.state = s;
    return -1;
  }
}
