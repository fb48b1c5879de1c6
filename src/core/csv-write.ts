import type { CsvDelimiter } from './csv';
import type { Table } from './table';

export interface FormatCsvOptions {
  /** Default ','. */
  delimiter?: CsvDelimiter;
  /** Default '\n'; RFC 4180 prescribes '\r\n', and every reader accepts both. */
  lineEnding?: '\n' | '\r\n';
}

/**
 * A header name as a CSV field: quoted (with `"` doubled) when it holds the delimiter,
 * a quote, a line break, or spaces at either end (the reader trims unquoted names), or
 * when it is empty.
 * @example csvField('a "b"', ',') // '"a ""b"""'
 */
export function csvField(text: string, delimiter: CsvDelimiter = ','): string {
  const needsQuotes =
    text === '' ||
    text.includes(delimiter) ||
    /["\r\n]/.test(text) ||
    /^[ \t]|[ \t]$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as a CSV field: `String(x)`, which reads back to the same double; `-0`
 * keeps its sign; NaN is an empty cell (a missing value). ±Infinity is written as
 * `Infinity`/`-Infinity`, which readers treat as missing.
 */
function numberField(x: number): string {
  if (x !== x) return '';
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

/**
 * Writes a table as CSV text: a header line of the names, then one line per row, each
 * line ended by the line ending. Reading it back with `readCsvTable(text, { header: true })`
 * gives the same table, names and bits included (rows with NaN are dropped on reading).
 * @returns the CSV text.
 * @example formatCsv(makeTable(['x', 'y'], [Float64Array.of(1), Float64Array.of(0.5)])) // 'x,y\n1,0.5\n'
 */
export function formatCsv(table: Table, options: FormatCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.lineEnding ?? '\n';
  const lines: string[] = [table.names.map((n) => csvField(n, delimiter)).join(delimiter)];
  const { columns } = table;
  const row: string[] = new Array<string>(columns.length);
  for (let i = 0; i < table.rowCount; i++) {
    for (let j = 0; j < columns.length; j++) row[j] = numberField(columns[j][i]);
    lines.push(row.join(delimiter));
  }
  return lines.join(eol) + eol;
}
