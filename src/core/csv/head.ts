// The head of a CSV file: encoding, delimiter, header, column types (from the first records).
import * as l10n from '@vscode/l10n';
import { columnRole } from '../column-roles';
import { DATE_FORMAT_LABEL, detectDateFormat } from '../dates';
import { parseNumberText } from '../parse-number';
import { type TextRecord, splitRecords } from './fields';
import { CR, DEFAULT_BLOCK_ROWS, DEFAULT_INFER_RECORDS, DETECT_RECORDS, LF, TAB, describeNotANumber, formatRow, missingReason, showName, showValue, trimSpaces } from './text';
import { type CsvColumnInfo, type CsvDelimiter, CsvError, type CsvReadOptions, type CsvSchema } from './types';


const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Refuses what is not UTF-8 text: UTF-16 (by BOM or by its NUL bytes), binary files.
 * @returns the offset after a UTF-8 BOM (0 or 3).
 * @throws CsvError 'encoding' or 'binary-file'.
 */
export function checkText(b: Uint8Array, end: number, file: string): number {
  if (end >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    throw new CsvError('encoding', file, l10n.t('{0} is saved as UTF-16 text; save it as UTF-8', file), {
      hint: l10n.t('in Excel choose "CSV UTF-8 (Comma delimited)"; in other editors choose the UTF-8 encoding'),
    });
  }
  if (end >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    throw new CsvError('binary-file', file, l10n.t('{0} does not look like a text CSV (it is a ZIP archive, perhaps an Excel workbook)', file), {
      hint: l10n.t('open it in its program and export it as CSV (UTF-8)'),
    });
  }
  let nul = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const c = b[i];
    if (c < 0x20) {
      if (c === 0) {
        nul++;
        nulOdd += i & 1;
      } else if (c !== TAB && c !== LF && c !== CR && c !== 0x0c) control++;
    }
  }
  if (nul > 0) {
    // UTF-16 without a BOM: ASCII text with a NUL in every other byte.
    if (nul >= 4 && nul * 2 >= end * 0.8 && (nulOdd === nul || nulOdd === 0)) {
      throw new CsvError('encoding', file, l10n.t('{0} looks like UTF-16 text; save it as UTF-8', file), {
        hint: l10n.t('in Excel choose "CSV UTF-8 (Comma delimited)"; in other editors choose the UTF-8 encoding'),
      });
    }
    throw new CsvError('binary-file', file, l10n.t('{0} does not look like a text CSV (it contains NUL bytes)', file), {
      hint: l10n.t('choose a CSV file, or export the data as CSV (UTF-8)'),
    });
  }
  if (control > Math.max(8, end / 100)) {
    throw new CsvError('binary-file', file, l10n.t('{0} does not look like a text CSV (it contains binary control bytes)', file), {
      hint: l10n.t('choose a CSV file, or export the data as CSV (UTF-8)'),
    });
  }
  return bomLength(b, end);
}

/** The length of a UTF-8 byte-order mark at the start of `b[0, end)`: 3 or 0. */
export function bomLength(b: Uint8Array, end: number): number {
  return end >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/**
 * Picks the delimiter that splits the first records into the same number (> 1) of
 * fields, counting only delimiters outside quotes. Ranked by: no quote left open, all
 * records agreeing, how many records agree, then how many fields; remaining ties go to
 * comma, semicolon, tab. A single column reads as comma-separated.
 */
export function detectDelimiter(b: Uint8Array, start: number, end: number, final: boolean): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const { records, unterminatedRow } = splitRecords(b, start, end, d, final, DETECT_RECORDS, 1);
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    let modeFields = 1;
    let modeCount = 0;
    for (const [fields, n] of counts) {
      if (n > modeCount || (n === modeCount && fields > modeFields)) {
        modeFields = fields;
        modeCount = n;
      }
    }
    if (modeFields < 2) continue;
    const tier = (unterminatedRow === undefined ? 2 : 0) + (modeCount === records.length ? 1 : 0);
    const score = tier * 1e12 + modeCount * 1e6 + modeFields;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

type CellKind = 'number' | 'missing' | 'text';

function cellKind(text: string): CellKind {
  const c = cellNumber(text);
  return typeof c === 'number' ? 'number' : c;
}

/** A cell's number (finite), or what it is instead: see {@link cellKind}. */
function cellNumber(text: string): number | 'missing' | 'text' {
  const t = trimSpaces(text);
  if (missingReason(t) !== undefined) return 'missing';
  const v = parseNumberText(t);
  if (v !== v) return 'text';
  return v - v === 0 ? v : 'missing'; // overflow to ±Infinity counts as not finite
}

/** `1,5` → 1.5 (also `-,5`, `2,`, `1,5e3`); undefined for anything else. */
export function decimalCommaValue(text: string): number | undefined {
  const t = trimSpaces(text);
  if (!/^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const v = parseNumberText(t.replace(',', '.'));
  return v - v === 0 ? v : undefined;
}

/**
 * Whether the first record is a header. It is when
 * - some column has text in it and numbers (or missing values) below it;
 * - some column has a number in it and only text below (a name that happens to be a number);
 * - its numbers are distinct years (1000–2999, as in a World Bank file: country,1990,2000,2010)
 *   over columns whose values are not all whole numbers;
 * - with no numbers below at all (a single record, or text only), it is text only.
 * In a `;` or tab file, decimal commas (`1,92`) count as numbers, so such files keep their header.
 */
function detectHeader(records: readonly TextRecord[], delimiter: CsvDelimiter): boolean {
  const kind = (f: string): CellKind => {
    const k = cellKind(f);
    return k === 'text' && delimiter !== ',' && decimalCommaValue(f) !== undefined ? 'number' : k;
  };
  const first = records[0];
  let anyNumberBelow = false;
  const yearColumns: number[] = [];
  let otherNumbers = false;
  for (let j = 0; j < first.fields.length; j++) {
    const headKind = kind(first.fields[j]);
    let numbers = 0;
    let text = 0;
    let fractional = false;
    for (let i = 1; i < records.length; i++) {
      const f = records[i].fields[j];
      if (f === undefined) continue;
      const k = kind(f);
      if (k === 'number') {
        numbers++;
        if (!/^[+-]?\d+$/.test(trimSpaces(f))) fractional = true;
      } else if (k === 'text') {
        text++;
        if (headKind === 'text') break;
      }
    }
    if (numbers > 0) anyNumberBelow = true;
    if (headKind === 'text' && numbers > 0 && text === 0) return true;
    if (headKind === 'number' && text > 0 && numbers === 0) return true;
    if (headKind === 'number') {
      const h = trimSpaces(first.fields[j]);
      if (/^[12]\d{3}$/.test(h) && fractional) yearColumns.push(Number(h));
      else otherNumbers = true;
    }
  }
  if (yearColumns.length > 0 && !otherNumbers && new Set(yearColumns).size === yearColumns.length) return true;
  return !anyNumberBelow && first.fields.every((f) => kind(f) === 'text');
}

/** Header names: unquoted names trimmed, empty names numbered, duplicates made unique (warned). */
function columnNames(header: TextRecord | undefined, ncols: number, warnings: string[]): string[] {
  const names: string[] = [];
  for (let j = 0; j < ncols; j++) {
    let name = header ? (header.quoted[j] ? header.fields[j] : trimSpaces(header.fields[j])) : '';
    if (name === '') {
      name = `column${j + 1}`;
      if (header) warnings.push(l10n.t('column {0} has no name in the header; it is called "{1}"', String(j + 1), name));
    }
    names.push(name);
  }
  const seen = new Set<string>();
  for (let j = 0; j < ncols; j++) {
    const name = names[j];
    if (!seen.has(name)) {
      seen.add(name);
      continue;
    }
    let k = 2;
    while (seen.has(`${name}_${k}`) || names.includes(`${name}_${k}`)) k++;
    names[j] = `${name}_${k}`;
    seen.add(names[j]);
    warnings.push(l10n.t('column {0} is also named {1}; it was renamed {2}', String(j + 1), showName(name), showName(names[j])));
  }
  return names;
}

interface HeadInference {
  schema: CsvSchema;
  /** Columns with at least one number in the sample (the default selection). */
  withNumbers: boolean[];
  header: TextRecord | undefined;
  dataRecords: TextRecord[];
  ragged: TextRecord[];
}

/** Header, names and column types from the first records. */
export function inferHead(
  records: readonly TextRecord[],
  delimiter: CsvDelimiter,
  headerOption: boolean | 'auto',
  warnings: string[],
): HeadInference {
  const hasHeader = headerOption === 'auto' ? detectHeader(records, delimiter) : headerOption;
  const header = hasHeader ? records[0] : undefined;
  const ncols = records[0].fields.length;
  const names = columnNames(header, ncols, warnings);
  const dataRecords: TextRecord[] = [];
  const ragged: TextRecord[] = [];
  for (let i = hasHeader ? 1 : 0; i < records.length; i++) {
    (records[i].fields.length === ncols ? dataRecords : ragged).push(records[i]);
  }
  const withNumbers: boolean[] = [];
  const commaDecimals = delimiter !== ',';
  const columns: CsvColumnInfo[] = names.map((name, j) => {
    let numbers = 0;
    let firstComma: { row: number; value: string } | undefined;
    let hasDot: boolean | undefined;
    // the numbers in order, for the column's role (each cell parsed once: the head's inference is
    // on the path of every fit, before any thread starts)
    const values: number[] = [];
    for (const r of dataRecords) {
      const k = cellNumber(r.fields[j]);
      if (typeof k === 'number') {
        numbers++;
        values.push(k);
      } else if (k === 'text') {
        if (commaDecimals && decimalCommaValue(r.fields[j]) !== undefined && !(hasDot ??= dataRecords.some((x) => x.fields[j].includes('.')))) {
          firstComma ??= { row: r.row, value: r.fields[j] };
          numbers++;
          continue;
        }
        // every value a date in one format: a time, read as a decimal year
        const dates = detectDateFormat(dataRecords.map((x) => x.fields[j]).filter((f) => cellKind(f) !== 'missing'));
        if (dates) {
          withNumbers.push(true);
          return { name, numeric: true, date: dates };
        }
        withNumbers.push(false);
        // text as often as numbers in the sample: a category, not numbers with a stray value
        let texts = 0;
        let nums = 0;
        for (const x of dataRecords) {
          const kx = cellKind(x.fields[j]);
          if (kx === 'text') texts++;
          else if (kx === 'number') nums++;
        }
        // …and not numbers written another way (thousands separators, units) or dates (times, not categories)
        const why = describeNotANumber(r.fields[j], delimiter);
        const category = texts >= nums && !why.lookalike && why.kind !== 'date';
        const id = category ? columnRole(name, dataRecords.flatMap((x) => (cellKind(x.fields[j]) === 'missing' ? [] : [trimSpaces(x.fields[j])]))).id : undefined;
        return { name, numeric: false, firstNonNumeric: { row: r.row, value: r.fields[j] }, category, ...(id ? { id } : {}) };
      }
    }
    withNumbers.push(numbers > 0);
    if (firstComma) return { name, numeric: true, decimalComma: firstComma };
    const role = columnRole(name, values);
    return { name, numeric: true, ...role };
  });
  for (const c of columns) {
    if (c.decimalComma) {
      const v = c.decimalComma.value;
      warnings.push(
        l10n.t(
          'column {0} is written with a decimal comma: {1} (row {2}) is read as {3}',
          showName(c.name),
          showValue(v),
          formatRow(c.decimalComma.row),
          String(decimalCommaValue(v)),
        ),
      );
    }
  }
  return { schema: { delimiter, hasHeader, columns }, withNumbers, header, dataRecords, ragged };
}

/**
 * Why a column is not numeric, as a clause (`row 3 has "1,5", which looks like …`), what
 * to try, and whether its values look like mis-formatted numbers.
 */
export function nonNumericClause(c: CsvColumnInfo, delimiter: CsvDelimiter): { clause: string; hint: string; lookalike: boolean } {
  const bad = c.firstNonNumeric;
  if (!bad) return { clause: l10n.t('it has no values'), hint: '', lookalike: false };
  const why = describeNotANumber(bad.value, delimiter);
  const clause =
    why.kind === 'text'
      ? l10n.t('row {0} has {1}', formatRow(bad.row), showValue(bad.value))
      : l10n.t('row {0} has {1}, which {2}', formatRow(bad.row), showValue(bad.value), why.what);
  return { clause, hint: why.hint, lookalike: why.lookalike };
}

/**
 * The kept columns' indices, in order: the requested ones (checked), or every column
 * with numbers. Warns about left-out columns that look like mis-formatted numbers.
 * @throws CsvError 'duplicate-column', 'unknown-column', 'non-numeric-column', 'no-numeric-columns'.
 */
export function chooseColumns(
  head: HeadInference,
  requested: readonly string[] | undefined,
  file: string,
  sampled: number,
  warnings: string[],
  text: readonly string[] = [],
): number[] {
  const out = chooseColumnIndices(head, requested, file, sampled, warnings, text);
  // the unit of a kept date column is said where it is used
  for (const j of out) {
    const c = head.schema.columns[j];
    if (c.date && !text.includes(c.name)) {
      warnings.push(
        c.date.ambiguous
          ? l10n.t(
              'column {0} holds dates ({1}: no day above 12 tells day from month, so month first), read as decimal years (2010-07-02 noon is 2010.5); year({2}) and month({2}) give the calendar parts',
              showName(c.name),
              DATE_FORMAT_LABEL[c.date.format],
              c.name,
            )
          : l10n.t(
              'column {0} holds dates ({1}), read as decimal years (2010-07-02 noon is 2010.5); year({2}) and month({2}) give the calendar parts',
              showName(c.name),
              DATE_FORMAT_LABEL[c.date.format],
              c.name,
            ),
      );
    }
  }
  return out;
}

function chooseColumnIndices(
  head: HeadInference,
  requested: readonly string[] | undefined,
  file: string,
  sampled: number,
  warnings: string[],
  text: readonly string[] = [],
): number[] {
  const { schema } = head;
  const names = schema.columns.map((c) => c.name);
  if (requested) {
    const out: number[] = [];
    for (const name of requested) {
      if (requested.indexOf(name) !== requested.lastIndexOf(name)) {
        throw new CsvError('duplicate-column', file, l10n.t('{0}: column {1} is asked for twice', file, showName(name)), {
          column: name,
          hint: l10n.t('list each column once'),
        });
      }
      let j = names.indexOf(name);
      if (j < 0) {
        // padding is not part of a name: " y " finds a header "y", and "y" a quoted " y "
        const trimmed = names.flatMap((n, k) => (n.trim() === name.trim() ? [k] : []));
        if (trimmed.length === 1) j = trimmed[0];
      }
      if (j < 0) {
        const near = names.find((n) => n.trim().toLowerCase() === name.trim().toLowerCase());
        const hint = near
          ? l10n.t('did you mean {0}?', showName(near))
          : !schema.hasHeader
            ? l10n.t('the first row was not taken as a header (it looks like data); columns are named column1, column2, …')
            : l10n.t('choose one of the listed columns');
        throw new CsvError(
          'unknown-column',
          file,
          l10n.t('{0}: no column named {1}; the columns are {2}', file, showName(name), names.map(showName).join(', ')),
          { column: name, hint },
        );
      }
      const c = schema.columns[j];
      if (!c.numeric && !text.includes(name)) {
        const why = nonNumericClause(c, schema.delimiter);
        throw new CsvError('non-numeric-column', file, l10n.t('{0}: column {1} is not numeric: {2}', file, showName(name), why.clause), {
          column: name,
          row: c.firstNonNumeric?.row,
          value: c.firstNonNumeric?.value,
          hint: why.hint || l10n.t('choose numeric columns; text is never converted to numbers'),
        });
      }
      out.push(j);
    }
    return out;
  }
  const out: number[] = [];
  schema.columns.forEach((c, j) => {
    if (c.numeric && head.withNumbers[j]) out.push(j);
    else if (c.numeric && sampled > 0) {
      warnings.push(l10n.t('column {0} is left out: it has no values in the first {1} rows', showName(c.name), formatRow(sampled)));
    } else if (!c.numeric) {
      const why = nonNumericClause(c, schema.delimiter);
      if (why.lookalike) warnings.push(l10n.t('column {0} is left out: {1}; {2}', showName(c.name), why.clause, why.hint));
    }
  });
  if (out.length === 0 && sampled > 0) {
    const reasons = schema.columns.slice(0, 5).map((c) => l10n.t('{0} ({1})', showName(c.name), nonNumericClause(c, schema.delimiter).clause));
    const lookalike = schema.columns
      .map((c) => nonNumericClause(c, schema.delimiter))
      .find((w) => w.lookalike);
    throw new CsvError(
      'no-numeric-columns',
      file,
      l10n.t('{0}: no numeric columns: {1}', file, `${reasons.join(', ')}${schema.columns.length > 5 ? ', …' : ''}`),
      { hint: lookalike ? lookalike.hint : l10n.t('a column is numeric when every value in the first rows is a number or missing') },
    );
  }
  return out;
}

/** Most distinct values of a text column read as categories, by default. */
export const DEFAULT_MAX_LEVELS = 2000;

export function resolveOptions(options: CsvReadOptions) {
  const blockRows = options.blockRows ?? DEFAULT_BLOCK_ROWS;
  const inferRecords = options.inferRecords ?? DEFAULT_INFER_RECORDS;
  if (!Number.isInteger(blockRows) || blockRows < 1) throw new RangeError(`blockRows must be a whole number ≥ 1, got ${blockRows}`);
  if (!Number.isInteger(inferRecords) || inferRecords < 1) {
    throw new RangeError(`inferRecords must be a whole number ≥ 1, got ${inferRecords}`);
  }
  const delimiter = options.delimiter ?? 'auto';
  if (delimiter !== 'auto' && !DELIMITERS.includes(delimiter)) {
    throw new RangeError(`delimiter must be ',', ';', '\\t' or 'auto', got ${JSON.stringify(delimiter)}`);
  }
  const missing = options.missing ?? 'drop';
  if (missing !== 'drop' && missing !== 'error' && missing !== 'keep') throw new RangeError(`missing must be 'drop', 'error' or 'keep', got ${JSON.stringify(missing)}`);
  const text = options.text ? [...options.text] : [];
  const notKept = text.find((t) => !options.columns?.includes(t));
  if (notKept !== undefined) throw new RangeError(`text column ${JSON.stringify(notKept)} must also be one of the columns kept`);
  const maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
  return {
    file: options.fileName ?? 'data.csv',
    delimiter,
    header: options.header ?? 'auto',
    columns: options.columns ? [...options.columns] : undefined,
    text,
    maxLevels,
    rowNumbers: options.rowNumbers === true,
    missing,
    blockRows,
    inferRecords,
  };
}
