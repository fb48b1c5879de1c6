/**
 * A CSV file read as independent byte ranges, for parallel passes (./parallel-fit.ts). The file
 * is cut at fixed offsets — RANGE_BYTES apart, never by the number of threads, so the ranges and
 * everything summed over them are the same whoever reads them — and each range is read from the
 * first record boundary after its offset by a CSV reader that knows the plan of the file's head.
 *
 * Where a range starts is a guess, as in parallel CSV readers: the first line end at or after its
 * offset, assuming that line end is not inside a quoted field. The guess is checked when the
 * ranges are put together: a range read from a true boundary that ends cleanly (no quoted field
 * left open) proves the next range's start; one that does not is read again joined with the next.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { CsvError, type CsvReadOptions } from '../core/csv';
import { StreamingCsvReader, type BlockBuffers, type CsvPlan } from '../core/csv/stream';
import type { DroppedRow } from '../core/data';
import type { RowBlock } from '../core/table';

/** Bytes per range: 8 MiB (a 144 MB file is 18 ranges; a range's reader keeps one block). */
export const RANGE_BYTES = 8 << 20;
const READ_BYTES = 1 << 20;
/**
 * Rows per block of a range's reader: 8,192 rows × 11 columns is 0.7 MB, where the reader's
 * default 65,536 made 5.8 MB per range that the garbage collector freed late (135 MiB peak RSS on
 * a 144 MB file, one thread); the kernels work 256 rows at a time anyway.
 */
const RANGE_BLOCK_ROWS = 8192;
/**
 * The buffers of a lane that reads ranges one after another — a read buffer, a line-end search
 * buffer, the reader's block arrays — reused by each range it reads (a lane never reads two at
 * once; two lanes never share them).
 */
export interface RangeBuffers {
  /** Two read buffers: the next read fills one while the reader parses the other. */
  read?: Uint8Array;
  next?: Uint8Array;
  search?: Uint8Array;
  readonly blocks: BlockBuffers;
}

export function rangeBuffers(): RangeBuffers {
  return { blocks: { arrays: [] } };
}
const LF = 10;
const CR = 13;

/** What reading one range found (counts are the range's own; rows are numbered from 1 in it). */
export interface RangeRead {
  /** Byte offsets read: [from, to). */
  readonly from: number;
  readonly to: number;
  /** No quoted field was left open at `to` (so `to` is a record boundary when `from` is). */
  readonly clean: boolean;
  /** Lines the range spans (blank lines and a quoted multi-line value count as a spreadsheet counts them). */
  readonly lines: number;
  readonly rowsRead: number;
  readonly rowsDropped: number;
  readonly rowsWithMissing: number;
  /** The first dropped rows, numbered from 1 within the range. */
  readonly dropped: readonly DroppedRow[];
  /** Each text column's levels, in the range's codes (first seen first). */
  readonly levels: Readonly<Record<string, readonly string[]>>;
  /** A problem with the data: the whole file is then read again in order, which says where. */
  readonly error?: string;
}

/**
 * The first record start at or after `at`, supposing `at` is not inside a quoted field: just after
 * the first line end (LF, CR or CRLF) at or after `at − 1`; `size` when there is none.
 */
export async function recordStartAfter(fh: FileHandle, at: number, size: number, buffers: RangeBuffers = rangeBuffers()): Promise<number> {
  if (at <= 0) return 0;
  const buf = (buffers.search ??= new Uint8Array(64 * 1024));
  for (let pos = at - 1; pos < size; ) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) {
      const c = buf[i];
      if (c === LF) return pos + i + 1;
      if (c === CR) {
        // a CR ending the window: its LF (if any) is read next
        if (i + 1 < bytesRead) return pos + i + 1 + (buf[i + 1] === LF ? 1 : 0);
        const next = new Uint8Array(1);
        const r = await fh.read(next, 0, 1, pos + i + 1);
        return pos + i + 1 + (r.bytesRead === 1 && next[0] === LF ? 1 : 0);
      }
    }
    pos += bytesRead;
  }
  return size;
}

/**
 * Reads the records of [from, to) through a reader of `plan`, blocks to `onBlock`. Never throws
 * for the data: a problem comes back as `error` (with `clean: false` when it is a quoted field
 * left open at `to`, which says `to` was not a record boundary).
 */
export async function readRange(
  fh: FileHandle,
  plan: CsvPlan,
  options: CsvReadOptions,
  from: number,
  to: number,
  onBlock: (block: RowBlock) => void,
  buffers: RangeBuffers = rangeBuffers(),
): Promise<RangeRead> {
  const reader = new StreamingCsvReader({ ...options, blockRows: RANGE_BLOCK_ROWS }, onBlock, { plan, firstRow: 1, buffers: buffers.blocks });
  let buf = (buffers.read ??= new Uint8Array(READ_BYTES));
  let other = (buffers.next ??= new Uint8Array(READ_BYTES));
  let summary: ReturnType<StreamingCsvReader['end']> | undefined;
  const counts = (clean: boolean, error?: string): RangeRead => ({
    from,
    to,
    clean,
    lines: reader.nextRow - 1,
    rowsRead: summary?.rowsRead ?? 0,
    rowsDropped: summary?.rowsDropped ?? 0,
    rowsWithMissing: summary?.rowsWithMissing ?? 0,
    dropped: summary?.dropped ?? [],
    levels: summary?.levels ?? {},
    ...(error !== undefined ? { error } : {}),
  });
  // The next chunk is read while this one is parsed: waiting for each read left a thread idle
  // 6-7% of a fit (1M x 10, one thread: 96 ms of 1.4 s in the profile).
  const readAt = (into: Uint8Array, pos: number) => (pos < to ? fh.read(into, 0, Math.min(into.length, to - pos), pos) : undefined);
  let pending = readAt(buf, from);
  try {
    for (let pos = from; pending; ) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) throw new CsvError('file-changed', options.fileName ?? 'data.csv', 'the file became shorter while it was read');
      pos += bytesRead;
      pending = readAt(other, pos);
      reader.push(buf.subarray(0, bytesRead));
      [buf, other] = [other, buf];
    }
    summary = reader.end();
    return counts(true);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return counts(!(e instanceof CsvError && e.code === 'unterminated-quote'), message);
  } finally {
    // a read still under way would write into a buffer the lane's next range reuses
    await pending?.catch(() => undefined);
  }
}

/** The nominal ranges of a file's data: [dataStart, size) cut every RANGE_BYTES from the file's start. */
export function nominalRanges(dataStart: number, size: number, rangeBytes = RANGE_BYTES): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let s = dataStart; s < size; ) {
    const e = Math.min(size, (Math.floor(s / rangeBytes) + 1) * rangeBytes);
    out.push({ start: s, end: e });
    s = e;
  }
  return out;
}

export { open };
