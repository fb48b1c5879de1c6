// JSON Lines (issue 16): keys as columns, kinds from the first lines, streamed in any chunking,
// the same fit as the CSV twin, and bad lines named by file, line, key and value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { DataError } from '../../../src/core/data';
import { createJsonlReader, inspectJsonl } from '../../../src/core/formats/jsonl';
import { blockCollector } from '../../../src/core/table';
import { readTableFileTable } from '../../../src/node/table-file';

const dir = mkdtempSync(join(tmpdir(), 'gauss-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (s: string) => new TextEncoder().encode(s);

/** Reads `text` pushed in chunks of `size` bytes. */
function read(text: string, size: number, options = {}) {
  const rows = blockCollector();
  const reader = createJsonlReader({ fileName: 'd.jsonl', blockRows: 3, rowNumbers: true, ...options }, rows.add);
  const b = bytes(text);
  for (let i = 0; i < b.length; i += size) reader.push(b.subarray(i, i + size));
  const summary = reader.end();
  return { summary, table: rows.table(summary.kept), rows: rows.rowNumbers() };
}

const TEXT = ['{"x": 1.5, "on": true, "city": "Oslo", "y": 2}', '', '{"x": 2, "on": false, "city": "Pune", "y": 3.25}', '{"y": 4, "x": null, "city": "Oslo"}', '{"x": -1e3, "on": true, "city": "Lyon", "y": 5, "tags": [1]}'].join('\r\n') + '\n';

describe('JSON Lines', () => {
  it('keys in order of first appearance, numbers and booleans numeric, strings text, nested not; any chunking reads the same', () => {
    const whole = read(TEXT, 1 << 20);
    expect(whole.summary.columns.map((c) => [c.name, c.numeric, c.category ?? false])).toEqual([
      ['x', true, false],
      ['on', true, false],
      ['city', false, true],
      ['y', true, false],
      ['tags', false, false],
    ]);
    expect(whole.summary).toMatchObject({ format: 'JSON Lines', kept: ['x', 'on', 'y'], rowsRead: 4, rowsUsed: 3, rowsDropped: 1 });
    // line 4: x is null and "on" absent, both missing (the first is named)
    expect(whole.summary.dropped.map((d) => [d.row, d.column])).toEqual([[4, 'x']]);
    expect(Array.from(whole.table.columns[0])).toEqual([1.5, 2, -1000]);
    expect(Array.from(whole.rows!)).toEqual([1, 3, 5]);
    for (const size of [1, 2, 7, 13]) expect(read(TEXT, size).table).toEqual(whole.table);
  });

  it('a text key as a category, with its levels', () => {
    const { table, summary } = read(TEXT, 5, { columns: ['city', 'y'], text: ['city'] });
    expect(summary.levels.city).toEqual(['Oslo', 'Pune', 'Lyon']);
    expect(Array.from(table.columns[0])).toEqual([0, 1, 0, 2]);
  });

  it('bad lines and values are errors naming the file, line, key and value', () => {
    const cases: [string, RegExp][] = [
      ['{"x": 1, "y": 2}\n{"x": 1, "y": \n', /d\.jsonl: line 2 is not valid JSON/],
      ['{"x": 1, "y": 2}\n[1, 2]\n', /d\.jsonl: line 2 is not a JSON object/],
      ['', /d\.jsonl has no JSON lines/],
    ];
    for (const [text, message] of cases) expect(() => read(text, 4)).toThrow(message);
    // a string far below the first lines, in a numeric key
    const late = Array.from({ length: 1500 }, (_, i) => JSON.stringify({ x: i, y: 2 * i })).concat(['{"x": "n/a", "y": 1}']).join('\n');
    const e = (() => {
      try {
        read(late, 4096);
      } catch (x) {
        return x;
      }
    })() as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe('d.jsonl: line 1,501, column "x": "n/a" is not a number');
    expect(() => read(TEXT, 64, { columns: ['city'] })).toThrow(/column "city" is not numeric: it holds text/);
    expect(() => read(TEXT, 64, { columns: ['tags'] })).toThrow(/column "tags" is not numeric: it holds nested objects or arrays/);
    expect(() => read(TEXT, 64, { columns: ['z'] })).toThrow(/no key named "z"; the keys are "x", "on", "city", "y", "tags"/);
  });

  it('inspect lists the keys from the head, even with no numeric key', () => {
    expect(inspectJsonl(bytes('{"a": "x"}\n{"a": "y"}\n')).map((c) => c.name)).toEqual(['a']);
  });

  it('a .jsonl file fits to the same coefficients as its CSV twin, bit for bit', async () => {
    const lines: string[] = [];
    const csv = ['x,on,y'];
    for (let i = 0; i < 200; i++) {
      const x = ((i * 37) % 101) / 7;
      const on = i % 4 === 1;
      const y = 1.5 + 0.75 * x + (on ? 3 : 0) + (((i * 7919) % 13) - 6) / 10;
      lines.push(JSON.stringify({ x, on, y }));
      csv.push(`${x},${on ? 1 : 0},${y}`);
    }
    writeFileSync(join(dir, 't.jsonl'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 't.csv'), csv.join('\n') + '\n');
    const a = await readTableFileTable(join(dir, 't.jsonl'));
    expect(a.summary.format).toBe('JSON Lines');
    const fit = async (f: string) => {
      let out = '';
      expect(await main(['fit', join(dir, f), '--target', 'y', '--json'], (s) => (out += s))).toBe(0);
      return JSON.parse(out).terms.map((t: { estimate: number }) => t.estimate);
    };
    expect(await fit('t.jsonl')).toEqual(await fit('t.csv'));
  });
});
