/**
 * Node adapter: streams a CSV file from disk into the core's reader in 1 MiB chunks; the CSV
 * entry of the table formats (./table-file.ts).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, createCsvReader, inspectCsv, type CsvReadOptions, type CsvSummary } from '../core/csv';
import type { DataColumn } from '../core/data';
import { DATA_FORMATS } from '../core/data-formats';
import { describeCsv } from './csv-describe';
import { blockCollector, type RowBlock, type Table } from '../core/table';
import type { TableFormat } from './table-file';

const CHUNK_BYTES = 1 << 20;
/** Bytes of the head read to inspect the columns. */
const HEAD_BYTES = 1 << 20;

/** A file-system error as a CsvError in the user's terms. */
function fileError(error: unknown, path: string, file: string): CsvError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new CsvError('file-not-found', file, `${file}: no such file (${path})`, { hint: 'check the path, or choose another file' });
    case 'EISDIR':
      return new CsvError('read-failed', file, `${file} is a folder, not a CSV file (${path})`, { hint: 'choose a CSV file' });
    case 'EACCES':
    case 'EPERM':
      return new CsvError('read-failed', file, `${file} cannot be read: permission denied (${path})`, {
        hint: 'check the file permissions',
      });
    default:
      return new CsvError('read-failed', file, `${file} cannot be read: ${(error as Error)?.message ?? String(error)}`, {
        hint: 'check that the file is readable, then try again',
      });
  }
}

function changed(file: string, how: string): CsvError {
  return new CsvError('file-changed', file, `${file} ${how} while it was being read`, {
    hint: 'wait until the program writing it has finished, then try again',
  });
}

/**
 * Streams a CSV file through {@link createCsvReader}: bounded memory whatever the size.
 * The default `fileName` (used in messages) is the path's basename.
 * @returns the reader's summary once the whole file has been read.
 * @throws CsvError for bad data, and for the file system: 'file-not-found', 'read-failed',
 *   'file-changed' (deleted, truncated or rewritten while it was read).
 * @example const summary = await readCsvFile('data.csv', {}, (block) => fit.add(block));
 */
export async function readCsvFile(
  path: string,
  options: CsvReadOptions,
  onBlock: (block: RowBlock) => void,
): Promise<CsvSummary> {
  const file = options.fileName ?? basename(path);
  const reader = createCsvReader({ ...options, fileName: file }, onBlock);
  let before;
  try {
    before = await stat(path);
  } catch (e) {
    throw fileError(e, path, file);
  }
  if (before.isDirectory()) throw fileError({ code: 'EISDIR' }, path, file);
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  let pushing = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      pushing = true;
      reader.push(chunk);
      pushing = false;
    }
  } catch (e) {
    // Data errors and the caller's own errors from onBlock pass through unchanged.
    if (pushing) throw e;
    throw fileError(e, path, file);
  } finally {
    stream.destroy();
  }
  if (before.isFile()) {
    // The descriptor stays readable after a delete or a rewrite: compare what we read.
    let after;
    try {
      after = await stat(path);
    } catch {
      throw changed(file, 'was deleted');
    }
    if (after.size !== before.size || bytes !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) {
      throw changed(file, 'changed');
    }
  }
  return reader.end();
}

/**
 * The whole file as a table of the kept columns (copied out of the blocks).
 * @throws CsvError as {@link readCsvFile}.
 * @example const { table } = await readCsvFileTable('data.csv', { columns: ['x', 'y'] });
 */
export async function readCsvFileTable(path: string, options: CsvReadOptions = {}): Promise<{ table: Table; summary: CsvSummary }> {
  const rows = blockCollector();
  const summary = await readCsvFile(path, options, rows.add);
  return { table: rows.table(summary.kept), summary };
}

/** The columns and their types, from the first MiB of the file. */
async function inspectCsvFile(path: string, options: CsvReadOptions): Promise<readonly DataColumn[]> {
  const file = options.fileName ?? basename(path);
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw fileError(e, path, file);
  }
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return inspectCsv(buf.subarray(0, bytesRead), { ...options, fileName: file }).schema.columns;
  } catch (e) {
    if (e instanceof CsvError) throw e;
    throw fileError(e, path, file);
  } finally {
    await fh.close();
  }
}

/** CSV (and tab- or semicolon-separated text) in the table formats. */
export const csvFormat: TableFormat = {
  name: 'CSV',
  extensions: DATA_FORMATS[0].extensions,
  read: readCsvFile,
  inspect: inspectCsvFile,
  describe: describeCsv,
};
