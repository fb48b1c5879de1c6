/**
 * Node adapter: JSON Lines (`.jsonl`, `.ndjson`) streamed from disk into the core's reader
 * (core/jsonl.ts); the JSON Lines entry of the table formats (./table-file.ts).
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeShape, rowCountText, type DataColumn, type DataReadOptions, type DataSummary } from '../core/data';
import { DATA_FORMATS } from '../core/data-formats';
import { createJsonlReader, inspectJsonl } from '../core/jsonl';
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

/** "1,000 rows × 3 columns (2 numeric)" from the head: exact when the head is the whole file, else estimated. */
async function describeJsonlFile(path: string): Promise<string> {
  const file = basename(path);
  const [head, size] = await Promise.all([readHead(path, file, JSONL_FILE, HEAD_BYTES), stat(path).then((s) => s.size)]);
  let lines = 0;
  for (let i = head.indexOf(0x0a); i >= 0; i = head.indexOf(0x0a, i + 1)) lines++;
  const whole = head.length === size;
  if (whole && size > 0 && head[size - 1] !== 0x0a) lines++;
  const columns = inspectJsonl(head, { fileName: file });
  return describeShape(rowCountText(whole ? lines : (size / Math.max(1, head.length)) * lines, !whole), columns);
}

/** JSON Lines in the table formats. */
export const jsonlFormat: TableFormat = {
  name: 'JSON Lines',
  extensions: DATA_FORMATS[2].extensions,
  read: readJsonlFile,
  inspect: inspectJsonlFile,
  describe: describeJsonlFile,
};
