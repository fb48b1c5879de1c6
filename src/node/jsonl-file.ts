/**
 * Node adapter: JSON Lines (`.jsonl`, `.ndjson`) streamed from disk into the core's reader
 * (core/jsonl.ts); the JSON Lines entry of the table formats (./table-file.ts).
 */
import { basename } from 'node:path';
import type { DataColumn, DataReadOptions, DataSummary } from '../core/data';
import { DATA_FORMATS } from '../core/data-formats';
import { createJsonlReader, inspectJsonl } from '../core/jsonl';
import { formatCount } from '../core/number-format';
import type { RowBlock } from '../core/table';
import { readHead, streamFile } from './file-stream';
import type { TableFormat } from './table-file';

const JSONL_FILE = 'a JSON Lines file';
/** Bytes of the head read to inspect the keys. */
const HEAD_BYTES = 1 << 20;

async function readJsonlFile(path: string, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary> {
  const file = options.fileName ?? basename(path);
  const reader = createJsonlReader({ ...options, fileName: file }, onBlock);
  await streamFile(path, file, JSONL_FILE, (chunk) => reader.push(chunk));
  return reader.end();
}

async function inspectJsonlFile(path: string, options: DataReadOptions): Promise<readonly DataColumn[]> {
  const file = options.fileName ?? basename(path);
  return inspectJsonl(await readHead(path, file, JSONL_FILE, HEAD_BYTES), { ...options, fileName: file });
}

/** "1,000 rows × 3 columns (2 numeric)": the rows counted as the reader reads them. */
async function describeJsonlFile(path: string): Promise<string> {
  const columns = await inspectJsonlFile(path, {});
  let lines = 0;
  await streamFile(path, basename(path), JSONL_FILE, (chunk) => {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lines++;
  });
  const numeric = columns.filter((c) => c.numeric).length;
  return `~${formatCount(lines)} rows × ${columns.length} column${columns.length === 1 ? '' : 's'}${numeric < columns.length ? ` (${numeric} numeric)` : ''}`;
}

/** JSON Lines in the table formats. */
export const jsonlFormat: TableFormat = {
  name: 'JSON Lines',
  extensions: DATA_FORMATS[2].extensions,
  read: readJsonlFile,
  inspect: inspectJsonlFile,
  describe: describeJsonlFile,
};
