// Parquet in the table formats (issue 16): the types from the schema, row groups streamed, the
// same fit as the same data in CSV (bit for bit), and a message naming the problem for a file it
// cannot read. Files are written with hyparquet-writer (the reader's sibling; Debian has no pyarrow).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { DataError } from '../../../src/core/data';
import { createRng } from '../../../src/core/random';
import { memorySource } from '../../../src/core/byte-source';
import { blockCollector } from '../../../src/core/table';
import { formatOf, inspectTableFile, readTableFile, readTableFileTable } from '../../../src/node/table-file';

const dir = mkdtempSync(join(tmpdir(), 'gauss-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CITIES = ['Lyon', 'Oslo', 'Pune'];
const n = 2_500;
const r = createRng(7);
const x1 = Array.from({ length: n }, (_, i) => (i % 97 === 5 ? null : Math.round(r.uniform() * 1e6) / 1e4));
const x2 = Int32Array.from({ length: n }, () => Math.floor(r.uniform() * 50));
const flag = Array.from({ length: n }, (_, i) => i % 3 === 0);
const city = Array.from({ length: n }, (_, i) => CITIES[(i * 7) % 3]);
const day = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + (i % 366))));
const y = Float64Array.from({ length: n }, (_, i) => 3 + 0.5 * (x1[i] ?? 0) - 0.25 * x2[i] + (flag[i] ? 2 : 0) + CITIES.indexOf(city[i]) + (r.uniform() - 0.5));

/** The data as Parquet, in row groups of 1,000 rows. */
function writeParquet(path: string) {
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'x1', data: x1, type: 'DOUBLE', nullable: true },
      { name: 'x2', data: x2, type: 'INT32' },
      { name: 'flag', data: flag, type: 'BOOLEAN' },
      { name: 'city', data: city, type: 'STRING' },
      { name: 'day', data: day, type: 'TIMESTAMP' },
      { name: 'y', data: y, type: 'DOUBLE' },
    ],
    rowGroupSize: 1_000,
  });
}

/** The same data as CSV (numbers written in full: String(x) round-trips a double). */
function writeCsv(path: string) {
  const lines = ['x1,x2,flag,city,y'];
  for (let i = 0; i < n; i++) lines.push(`${x1[i] ?? ''},${x2[i]},${flag[i] ? 1 : 0},${city[i]},${y[i]}`);
  writeFileSync(path, lines.join('\n') + '\n');
}

const pq = join(dir, 'data.parquet');
const csv = join(dir, 'data.csv');
writeParquet(pq);
writeCsv(csv);

async function cli(...args: string[]) {
  let out = '';
  expect(await main(args, (s) => (out += s))).toBe(0);
  return out;
}

describe('Parquet files', () => {
  it('are read by their extension; the types come from the schema', async () => {
    expect(formatOf('a.parquet').name).toBe('Parquet');
    const cols = await inspectTableFile(pq);
    expect(cols.map((c) => [c.name, c.numeric, c.category ?? false])).toEqual([
      ['x1', true, false],
      ['x2', true, false],
      ['flag', true, false],
      ['city', false, true],
      ['day', true, false],
      ['y', true, false],
    ]);
  });

  it('stream one row group at a time in blocks, with row numbers; nulls are dropped and counted, as in CSV', async () => {
    const sizes: number[] = [];
    const s = await readTableFile(pq, { columns: ['x1', 'y'], rowNumbers: true, blockRows: 400 }, (b) => sizes.push(b.rowCount));
    const nulls = x1.filter((v) => v === null).length;
    expect(s).toMatchObject({ format: 'Parquet', kept: ['x1', 'y'], rowsRead: n, rowsUsed: n - nulls, rowsDropped: nulls });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(400);
    expect(s.dropped[0]).toMatchObject({ row: 6, column: 'x1' });
    const { table, rowNumbers } = await readTableFileTable(pq, { columns: ['x1', 'y'], rowNumbers: true });
    expect(rowNumbers![5]).toBe(7); // row 6 (x1 null) left out
    expect(table.columns[1][0]).toBe(y[0]);
  });

  it('booleans are 0/1, timestamps decimal years, text columns categories with their levels', async () => {
    const { table, summary } = await readTableFileTable(pq, { columns: ['flag', 'day', 'city'], text: ['city'] });
    expect(Array.from(table.columns[0].subarray(0, 4))).toEqual([1, 0, 0, 1]);
    expect(table.columns[1][0]).toBe(2020);
    expect(table.columns[1][182]).toBeCloseTo(2020 + 182 / 366, 12);
    expect(summary.levels.city).toEqual(['Lyon', 'Oslo', 'Pune']);
    expect(summary.warnings.join(' ')).toMatch(/"day" holds dates, read as decimal years/);
  });

  it('fit: the same coefficients as the same data in CSV, bit for bit (a category, a boolean, missing cells)', async () => {
    const formula = 'y ~ x1 + x2 + flag + C(city)';
    const a = JSON.parse(await cli('fit', pq, '--formula', formula, '--json'));
    const b = JSON.parse(await cli('fit', csv, '--formula', formula, '--json'));
    const names = (j: { terms: { name: string }[] }) => j.terms.map((t) => t.name);
    expect(names(a)).toEqual(names(b));
    expect(names(a).slice(1).sort()).toEqual(['C(city)[T.Oslo]', 'C(city)[T.Pune]', 'flag', 'x1', 'x2']);
    expect(a.terms.map((t: { estimate: number }) => t.estimate)).toEqual(b.terms.map((t: { estimate: number }) => t.estimate));
    expect(a.terms.map((t: { stdError: number }) => t.stdError)).toEqual(b.terms.map((t: { stdError: number }) => t.stdError));
    expect(a.n).toBe(b.n);
  });

  it('REQUIRED columns (typed arrays, several pages a row group) read the same values; NaN and ±∞ are missing', async () => {
    const m = 3_000;
    const a = Float64Array.from({ length: m }, (_, i) => (i === 10 ? Infinity : i === 2_020 ? NaN : i / 7));
    const b = Int32Array.from({ length: m }, (_, i) => i - 1_000);
    const path = join(dir, 'required.parquet');
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'a', data: a, type: 'DOUBLE', nullable: false },
        { name: 'b', data: b, type: 'INT32', nullable: false },
      ],
      rowGroupSize: 1_000,
      pageSize: 1_000,
    });
    const { table, summary } = await readTableFileTable(path, { missing: 'keep' });
    expect(summary).toMatchObject({ rowsRead: m, rowsUsed: m, rowsWithMissing: 2 });
    expect(summary.dropped.map((d) => [d.row, d.column, d.value])).toEqual([
      [11, 'a', 'Infinity'],
      [2_021, 'a', 'NaN'],
    ]);
    expect(Array.from(table.columns[0])).toEqual(Array.from(a, (v) => (Number.isFinite(v) ? v : NaN)));
    expect(Array.from(table.columns[1])).toEqual(Array.from(b));
  });

  it('a file it cannot read gets a message naming the problem', async () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['renamed.parquet', 'x,y\n1,2\n', /renamed\.parquet is not a Parquet file/],
      ['cut.parquet', readFileSync(pq).subarray(0, 3000), /cut\.parquet is not a Parquet file.*|cut short/],
      ['secret.parquet', Buffer.concat([Buffer.from('PARE'), Buffer.alloc(40), Buffer.from('PARE')]), /encrypted Parquet file/],
      ['empty.parquet', '', /empty\.parquet is empty/],
    ];
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(dir, name), bytes);
      const e = await readTableFileTable(join(dir, name)).catch((x: unknown) => x);
      expect(e, name).toBeInstanceOf(DataError);
      expect((e as DataError).message, name).toMatch(message);
      expect((e as DataError).hint, name).toBeTruthy();
    }
    const cut = (await readTableFileTable(join(dir, 'cut.parquet')).catch((x: unknown) => x)) as DataError;
    expect(cut.hint).toMatch(/cut short/);
    await expect(readTableFileTable(pq, { columns: ['x3'] })).rejects.toThrow(/data\.parquet: no column named "x3"; the columns are "x1", "x2", "flag", "city", "day", "y"/);
    await expect(readTableFileTable(pq, { columns: ['city'] })).rejects.toThrow(/column "city" is not numeric: it holds text/);
  });

  it('the web path: the same bytes in memory (as VS Code for the Web hands them over) read to the same table, summary and errors as the file on disk', async () => {
    const jsonl = join(dir, 'data.jsonl');
    writeFileSync(jsonl, Array.from({ length: n }, (_, i) => JSON.stringify({ x1: x1[i], x2: x2[i], flag: flag[i], city: city[i], y: y[i] })).join('\n') + '\n');
    for (const path of [pq, csv, jsonl]) {
      const name = path.split('/').pop()!;
      const format = formatOf(name);
      const options = { columns: ['x1', 'x2', 'flag', 'city', 'y'], text: ['city'] };
      const disk = await readTableFileTable(path, options);
      const rows = blockCollector();
      const summary = await format.read(memorySource(name, new Uint8Array(readFileSync(path))), options, rows.add);
      expect(rows.table(summary.kept), name).toEqual(disk.table);
      expect(summary, name).toEqual(disk.summary);
      expect(await format.inspect(memorySource(name, new Uint8Array(readFileSync(path))), {}), name).toEqual(await inspectTableFile(path));
      expect(await format.describe(memorySource(name, new Uint8Array(readFileSync(path)))), name).toMatch(/^2,500 rows × \d columns/);
    }
    const cut = new Uint8Array(readFileSync(pq).subarray(0, 3000));
    await expect(formatOf('cut.parquet').read(memorySource('cut.parquet', cut), {}, () => {})).rejects.toThrow(/cut\.parquet is not a Parquet file/);
  });
});
