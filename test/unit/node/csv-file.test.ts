import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvError, readCsvTable } from '../../../src/core/csv';
import { readCsvFile, readCsvFileTable } from '../../../src/node/csv-file';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauss-csv-file-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function errorOf(p: Promise<unknown>): Promise<CsvError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError, got none');
}

/** ~2.6 MB: more than two 1 MiB chunks, with a quoted multi-line value on the way. */
function bigCsv(): string {
  const lines = ['x,y,"note"'];
  for (let i = 0; i < 100_000; i++) lines.push(`${i},${(i * 0.37).toFixed(3)},${i % 9973 === 0 ? '"a\r\nb"' : 'ok'}`);
  return lines.join('\r\n') + '\r\n';
}

describe('readCsvFile', () => {
  it('streams a file in chunks and matches the in-memory reader', async () => {
    const text = bigCsv();
    const path = join(dir, 'big.csv');
    writeFileSync(path, text);
    let blocks = 0;
    const summary = await readCsvFile(path, { blockRows: 30_000 }, () => {
      blocks++;
    });
    expect(blocks).toBe(4);
    expect(summary.rowsUsed).toBe(100_000);
    expect(summary.bytes).toBe(Buffer.byteLength(text));
    const { table } = await readCsvFileTable(path);
    const memory = readCsvTable(text).table;
    expect(table.names).toEqual(['x', 'y']);
    const bytes = (c: Float64Array): Buffer => Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    table.columns.forEach((c, j) => expect(bytes(c).equals(bytes(memory.columns[j]))).toBe(true));
    expect(table.columns[1][99_999]).toBe(36999.63);
  });

  it('names errors after the file', async () => {
    const path = join(dir, 'prices.csv');
    writeFileSync(path, 'a,b\n1,2\n3\n');
    const e = await errorOf(readCsvFileTable(path));
    expect(e.message).toBe('prices.csv: row 3 has 1 field, but the header has 2');
    expect(e.file).toBe('prices.csv');
    expect((await errorOf(readCsvFileTable(path, { fileName: 'shown.csv' }))).file).toBe('shown.csv');
  });

  it('turns a missing file or a folder into a clear CsvError', async () => {
    const missing = await errorOf(readCsvFileTable(join(dir, 'nope.csv')));
    expect(missing.code).toBe('file-not-found');
    expect(missing.message).toBe(`nope.csv: no such file (${join(dir, 'nope.csv')})`);
    const folder = await errorOf(readCsvFileTable(dir));
    expect(folder.code).toBe('read-failed');
  });

  it("passes the caller's own errors from onBlock through unchanged", async () => {
    const path = join(dir, 'callback.csv');
    writeFileSync(path, 'x\n1\n2\n');
    const boom = new Error('boom');
    await expect(
      readCsvFile(path, {}, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  it('reports a file deleted while it was read', async () => {
    const path = join(dir, 'deleted.csv');
    writeFileSync(path, bigCsv());
    let deleted = false;
    const e = await errorOf(
      readCsvFile(path, { blockRows: 1000 }, () => {
        if (!deleted) {
          deleted = true;
          unlinkSync(path);
        }
      }),
    );
    expect(e.code).toBe('file-changed');
    expect(e.message).toBe('deleted.csv was deleted while it was being read');
  });

  it('reports a file rewritten while it was read', async () => {
    const path = join(dir, 'rewritten.csv');
    writeFileSync(path, bigCsv());
    let rewritten = false;
    const e = await errorOf(
      readCsvFile(path, { blockRows: 1000 }, () => {
        if (!rewritten) {
          rewritten = true;
          writeFileSync(path, 'x,y\n1,2\n');
        }
      }),
    );
    expect(e.code).toBe('file-changed');
    expect(e.message).toBe('rewritten.csv changed while it was being read');
  });
});
