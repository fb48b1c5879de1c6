import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/data';
import { formatOf, inspectTableFile, readTableFileTable, TABLE_FORMATS } from '../../../src/node/table-file';

const dir = mkdtempSync(join(tmpdir(), 'gauss-table-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTableFile: the reader chosen by the file type, format-neutral results', () => {
  it('the formats are the one list of core/data-formats.ts, and the Explorer menu offers every listed extension', async () => {
    const { DATA_FORMATS, LISTED_EXTENSIONS } = await import('../../../src/core/data-formats');
    expect(TABLE_FORMATS.map((f) => [f.name, f.extensions])).toEqual(DATA_FORMATS.map((f) => [f.name, f.extensions]));
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const menu of ['explorer/context', 'editor/title']) {
      const when: string = manifest.contributes.menus[menu].find((m: { command: string }) => m.command === 'gaussLab.openCsvInPlayground').when;
      const re = new RegExp(/=~ \/(.*)\/i$/.exec(when)![1], 'i');
      for (const ext of LISTED_EXTENSIONS) expect(re.test(ext), `${menu} offers ${ext}`).toBe(true);
      expect(re.test('.txt')).toBe(false);
    }
  });

  it('every extension belongs to one format; .csv, .tsv and .txt are CSV text', () => {
    const all = TABLE_FORMATS.flatMap((f) => f.extensions);
    expect(new Set(all).size).toBe(all.length);
    for (const name of ['a.csv', 'b.TSV', 'c.txt']) expect(formatOf(name).name).toBe('CSV');
  });

  it('a tab-separated .tsv file reads to the same table as its .csv twin, with a neutral summary', async () => {
    const rows = ['x,y', '1,2.5', '2,4.5', '3,6.5'];
    writeFileSync(join(dir, 'a.csv'), rows.join('\n') + '\n');
    writeFileSync(join(dir, 'a.tsv'), rows.map((r) => r.replace(',', '\t')).join('\n') + '\n');
    const csv = await readTableFileTable(join(dir, 'a.csv'));
    const tsv = await readTableFileTable(join(dir, 'a.tsv'));
    expect(tsv.table).toEqual(csv.table);
    expect(tsv.summary).toMatchObject({ format: 'CSV', kept: ['x', 'y'], rowsRead: 3, rowsUsed: 3, rowsDropped: 0 });
    expect(tsv.summary.columns.map((c) => [c.name, c.numeric])).toEqual([['x', true], ['y', true]]);
  });

  it('a non-numeric column says why, in the summary and when inspected', async () => {
    writeFileSync(join(dir, 'b.csv'), 'name,y\nalice,1\nbob,2\n');
    const { summary } = await readTableFileTable(join(dir, 'b.csv'));
    const name = summary.columns.find((c) => c.name === 'name')!;
    expect(name).toMatchObject({ numeric: false, firstNonNumeric: { row: 2, value: 'alice' } });
    expect(name.why?.clause).toMatch(/row 2 has "alice"/);
    expect((await inspectTableFile(join(dir, 'b.csv'))).map((c) => c.numeric)).toEqual([false, true]);
  });

  it('file problems and bad data are DataErrors naming the file', async () => {
    for (const path of [join(dir, 'missing.csv'), dir]) {
      const e = await readTableFileTable(path).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).hint).toBeTruthy();
    }
    writeFileSync(join(dir, 'c.csv'), 'x,y\n1,2\n3\n');
    const ragged = await readTableFileTable(join(dir, 'c.csv')).catch((x: unknown) => x);
    expect(ragged).toBeInstanceOf(DataError);
    expect((ragged as DataError).message).toMatch(/^c\.csv: row 3/);
  });
});
