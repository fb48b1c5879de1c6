/** CSV (and tab- or semicolon-separated text) in the table formats (../table-formats.ts). */
import * as l10n from '@vscode/l10n';
import { countLines, headOf, type ByteSource } from '../byte-source';
import { CsvError, createCsvReader, inspectCsv, type CsvReadOptions, type CsvSummary } from '../csv';
import { describeShape, rowCountText, type DataColumn } from '../data';
import { DATA_FORMATS } from '../data-formats';
import type { RowBlock } from '../table';
import type { MakeError, TableFormat } from '../table-formats';

/** Bytes of the head read to inspect the columns. */
const HEAD_BYTES = 1 << 20;
/** Files this size or smaller get an exact row count in the file picker. */
const EXACT_COUNT_BYTES = 32 * 1024 * 1024;
/** Bytes of the head a file picker reads to estimate a larger file's rows. */
const DESCRIBE_HEAD_BYTES = 64 * 1024;

const csvError: MakeError = (code, file, message, details) => new CsvError(code, file, message, details);

/**
 * Streams a CSV source through {@link createCsvReader}: bounded memory whatever the size.
 * @throws CsvError for bad data and for the file ('file-not-found', 'read-failed', 'file-changed').
 */
export async function readCsv(source: ByteSource, options: CsvReadOptions, onBlock: (block: RowBlock) => void): Promise<CsvSummary> {
  const reader = createCsvReader({ ...options, fileName: options.fileName ?? source.name }, onBlock);
  await source.stream((chunk) => reader.push(chunk));
  return reader.end();
}

async function inspectCsvSource(source: ByteSource, options: CsvReadOptions): Promise<readonly DataColumn[]> {
  return inspectCsv(await headOf(source, HEAD_BYTES), { ...options, fileName: options.fileName ?? source.name }).schema.columns;
}

/**
 * "1,000 rows × 3 columns (2 numeric)" for a file picker: exact up to 32 MiB, estimated from the
 * head (with ~) beyond.
 */
async function describeCsv(source: ByteSource): Promise<string> {
  const size = await source.size();
  const head = await headOf(source, DESCRIBE_HEAD_BYTES);
  const { schema } = inspectCsv(head, { fileName: source.name });
  const rows =
    size <= EXACT_COUNT_BYTES
      ? rowCountText(countLines(await source.slice(0, size), true) - (schema.hasHeader ? 1 : 0))
      : rowCountText((size / Math.max(1, head.length)) * countLines(head, false), true);
  return describeShape(rows, schema.columns);
}

export const csvFormat: TableFormat = {
  name: 'CSV',
  // a getter: read when a message is made, in the display language of that moment
  get noun() {
    return l10n.t('a CSV file');
  },
  extensions: DATA_FORMATS[0].extensions,
  makeError: csvError,
  read: readCsv,
  inspect: inspectCsvSource,
  describe: describeCsv,
};
