import { open, stat } from 'node:fs/promises';
import { inspectCsv } from '../core/csv';
import { describeShape, rowCountText } from '../core/data';

/** Files this size or smaller get an exact row count in the quick pick. */
const EXACT_COUNT_BYTES = 32 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

/**
 * "1,000 rows × 3 columns (2 numeric)" for the quick pick: exact up to 32 MiB, estimated
 * from the head (with ~) beyond.
 * @throws CsvError for a file whose head is not CSV text; Node's errors for unreadable files.
 */
export async function describeCsv(path: string): Promise<string> {
  const info = await stat(path);
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    await fh.read(head, 0, head.length, 0);
    const { schema } = inspectCsv(head);
    let rows: string;
    if (info.size <= EXACT_COUNT_BYTES) {
      const buf = Buffer.alloc(info.size);
      await fh.read(buf, 0, info.size, 0);
      let lines = 0;
      for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
      if (info.size > 0 && buf[info.size - 1] !== 10) lines++;
      const n = lines - (schema.hasHeader ? 1 : 0);
      rows = rowCountText(n);
    } else {
      let lines = 0;
      for (let i = head.indexOf(10); i >= 0; i = head.indexOf(10, i + 1)) lines++;
      rows = rowCountText((info.size / Math.max(1, head.length)) * lines, true);
    }
    return describeShape(rows, schema.columns);
  } finally {
    await fh.close();
  }
}
