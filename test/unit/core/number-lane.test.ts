// The CSV reader's fast lane (src/core/csv/number-lane.ts): the values it takes are Number(text) bit
// for bit, it stops exactly at the first record it does not take, and a reader using it gives
// the same values, rows, dropped rows and messages whatever the chunks.
import { describe, expect, it } from 'vitest';
import { numberLane } from '../../../src/core/csv/number-lane';
import { createCsvReader, readCsvTable } from '../../../src/core/csv';
import { createRng } from '../../../src/core/random';

const enc = new TextEncoder();

/** A number the lane takes: [-]digits[.digits], at most 16 bytes after the sign, the digits an integer ≤ 2^53. */
function plainNumber(r: ReturnType<typeof createRng>): string {
  const u = r.uniform();
  const zeros = '0'.repeat(Math.floor(r.uniform() * 4));
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r.uniform() * 10)).join('');
  const sign = r.uniform() < 0.4 ? '-' : '';
  if (u < 0.1) return sign + digits(1 + Math.floor(r.uniform() * 15)); // an integer
  if (u < 0.15) return sign + '.' + digits(1 + Math.floor(r.uniform() * 14)); // no integer part
  if (u < 0.2) return sign + digits(1 + Math.floor(r.uniform() * 5)) + '.'; // no fraction digits
  if (u < 0.3) return sign + '0.' + zeros + digits(1 + Math.floor(r.uniform() * 11)); // leading zeros
  if (u < 0.35) return sign + (1 + Math.floor(r.uniform() * 8)) + digits(15); // 16 digits below 2^53
  const int = 1 + Math.floor(r.uniform() * 7);
  return sign + digits(int) + '.' + digits(1 + Math.floor(r.uniform() * (15 - int)));
}

/** Values of a column as bit patterns, so that -0 and 0 differ. */
const bitsOf = (xs: ArrayLike<number>) => Array.from(new BigUint64Array(Float64Array.from(xs).buffer), (b) => b.toString(16));

describe('the CSV fast lane', () => {
  it('exists in Node (WebAssembly), so the tests below test it', () => {
    expect(numberLane(2, Int32Array.of(0, 1), 0x2c)).not.toBeNull();
  });

  it('gives Number(text) bit for bit on every number it takes, LF and CRLF, kept and unkept fields', () => {
    const r = createRng(11);
    for (const eol of ['\n', '\r\n', '\r']) {
      const texts: string[][] = [];
      let csv = '';
      for (let i = 0; i < 3000; i++) {
        const row = [plainNumber(r), 'skip me', plainNumber(r), plainNumber(r)];
        texts.push(row);
        csv += row.join(',') + eol;
      }
      csv += '0,x,0,0\n'; // the lane needs the byte after a CR: a last record it can end
      const b = enc.encode(csv);
      const lane = numberLane(4, Int32Array.of(2, -1, 0, 1), 0x2c)!;
      let pos = 0;
      let row = 0;
      while (row < texts.length) {
        const n = lane.records(b, pos, b.length, Math.min(lane.rows, texts.length - row));
        expect(n).toBeGreaterThan(0);
        const want = texts.slice(row, row + n);
        expect(bitsOf(lane.columns[0].subarray(0, n))).toEqual(bitsOf(want.map((t) => Number(t[2]))));
        expect(bitsOf(lane.columns[1].subarray(0, n))).toEqual(bitsOf(want.map((t) => Number(t[3]))));
        expect(bitsOf(lane.columns[2].subarray(0, n))).toEqual(bitsOf(want.map((t) => Number(t[0]))));
        row += n;
        pos = lane.stop;
      }
      expect(new TextDecoder().decode(b.subarray(pos))).toBe('0,x,0,0\n');
    }
  });

  it.each([
    ['a quoted number', '"1.5"'],
    ['an exponent', '1e5'],
    ['a plus sign', '+1'],
    ['spaces', ' 1'],
    ['an empty field', ''],
    ['a midpoint between two doubles (Number() decides)', '9007199254740993'],
    ['21 bytes', '0.0000011889822361234'],
    ['two dots', '1.2.3'],
    ['20 digits', '0.0000000000000000001'],
    ['a sign alone', '-'],
    ['a dot alone', '.'],
    ['text after the number', '1.5x'],
    ['a hexadecimal number', '0x10'],
    ['NA', 'NA'],
    ['a decimal comma', '"1,5"'],
  ])('stops at the start of a record with %s, having taken the records before it', (_, field) => {
    const before = '1.25,2\n-3,4.5\n';
    const b = enc.encode(`${before}7,${field}\n8,9\n`);
    const lane = numberLane(2, Int32Array.of(0, 1), 0x2c)!;
    expect(lane.records(b, 0, b.length, lane.rows)).toBe(2);
    expect(lane.stop).toBe(before.length);
    expect([...lane.columns[0].subarray(0, 2)]).toEqual([1.25, -3]);
  });

  it("takes a double's shortest text (17 digits) and up to 19 digits: Number(text) bit for bit", () => {
    const r = createRng(21);
    const texts: string[] = ['12345678901.234567', '0.000001188982236', '1.4202491330977318', '-1.6120161335226912', '9007199254740996', '1234567890123456789', '0.1000000000000000055'];
    for (let i = 0; i < 20_000; i++) {
      const x = (r.uniform() < 0.5 ? -1 : 1) * r.uniform() * 10 ** Math.floor(r.uniform() * 12 - 4);
      texts.push(String(x));
    }
    const lane = numberLane(1, Int32Array.of(0), 0x2c)!;
    let taken = 0;
    for (const t of texts) {
      const b = enc.encode(`${t}\n`);
      const n = lane.records(b, 0, b.length, 1);
      if (n === 1) {
        taken++;
        expect(bitsOf([lane.columns[0][0]])).toEqual(bitsOf([Number(t)]));
      } else expect([t, t.replace(/^-/, '').length > 20 || /e/.test(t) || t === '9007199254740993']).toEqual([t, true]);
    }
    // most of them (the others are in exponent form or too long with their leading zeros: checked above)
    expect(taken).toBeGreaterThan(0.75 * texts.length);
  });

  it.each([
    ['a blank line', '\n'],
    ['too few fields', '1\n'],
    ['too many fields', '1,2,x,4\n'],
    ['a quoted field nobody asked for', '1,2,"x"\n'],
  ])('leaves %s to the reader', (_, record) => {
    const lane = numberLane(3, Int32Array.of(0, 1, -1), 0x2c)!;
    const b = enc.encode(`1,2,a\n${record}3,4,b\n`);
    expect(lane.records(b, 0, b.length, lane.rows)).toBe(1);
    expect(lane.stop).toBe(6);
  });

  it('takes no record the bytes end inside of (the reader carries it to the next chunk), nor more than asked', () => {
    const lane = numberLane(2, Int32Array.of(0, 1), 0x2c)!;
    const b = enc.encode('1,2\n3,4\n5,6');
    expect(lane.records(b, 0, b.length, lane.rows)).toBe(2);
    expect(lane.stop).toBe(8);
    const crlf = enc.encode('1,2\r\n3,4\r');
    expect(lane.records(crlf, 0, crlf.length, lane.rows)).toBe(1); // its LF may be in the next chunk
    expect(lane.records(b, 0, b.length, 1)).toBe(1);
    expect(lane.stop).toBe(4);
  });

  it('leaves a record longer than its window to the reader, and takes the records after it', () => {
    const long = 'x'.repeat(300_000);
    const b = enc.encode(`1,a\n2,${long}\n3,b\n4,c\n`);
    const lane = numberLane(2, Int32Array.of(0, -1), 0x2c)!;
    expect(lane.records(b, 0, b.length, lane.rows)).toBe(1);
    expect(lane.stop).toBe(4);
    expect(lane.records(b, 4, b.length, lane.rows)).toBe(0);
    expect(lane.stop).toBe(4);
    const next = 4 + 2 + long.length + 1;
    expect(lane.records(b, next, b.length, lane.rows)).toBe(2);
    expect([...lane.columns[0].subarray(0, 2)]).toEqual([3, 4]);
    expect(readCsvTable(b, { header: false, columns: ['column1'] }).table.columns[0]).toEqual(Float64Array.of(1, 2, 3, 4));
  });

  it('reads past its window of bytes: records across the 256 KiB windows of a 3 MB chunk', () => {
    const r = createRng(5);
    const rows = Array.from({ length: 120_000 }, () => [plainNumber(r), plainNumber(r)]);
    const b = enc.encode('a,b\n' + rows.map((t) => t.join(',')).join('\n') + '\n');
    expect(b.length).toBeGreaterThan(3 * 256 * 1024);
    const { table } = readCsvTable(b);
    expect(bitsOf(table.columns[0])).toEqual(bitsOf(rows.map((t) => Number(t[0]))));
    expect(bitsOf(table.columns[1])).toEqual(bitsOf(rows.map((t) => Number(t[1]))));
  });
});

describe('a reader with the fast lane', () => {
  /** A file of lane records with every kind of record that leaves the lane sprinkled in, and what a reader must make of it. */
  function mixedFile(seed: number, eol: string) {
    const r = createRng(seed);
    const lines = ['x,label,y'];
    const want = { x: [] as number[], y: [] as number[], rows: [] as number[], dropped: [] as number[] };
    for (let i = 0; i < 4000; i++) {
      const u = r.uniform();
      let x = plainNumber(r);
      let y = plainNumber(r);
      let label = 'a';
      if (u < 0.01) lines.push(''); // a blank line: a row, no record
      if (u < 0.02) x = '1.5e-3';
      else if (u < 0.03) y = '0.12345678901234567'; // 17 digits
      else if (u < 0.04) x = `"${x}"`;
      else if (u < 0.05) label = '"a, quoted\nlabel"'; // one record on two lines: one row
      else if (u < 0.06) y = ' 2.5 ';
      else if (u < 0.07) x = 'NA';
      else if (u < 0.08) y = '';
      lines.push([x, label, y].join(','));
      const row = lines.length; // spreadsheet rows: the header is row 1
      if (x === 'NA' || y === '') want.dropped.push(row);
      else {
        want.x.push(Number(x.replace(/"/g, '')));
        want.y.push(Number(y));
        want.rows.push(row);
      }
    }
    return { text: lines.join(eol) + eol, want };
  }

  it.each(['\n', '\r\n'])('gives the same values, row numbers and dropped rows as the text says, in chunks cut anywhere (%j)', (eol) => {
    for (const seed of [1, 2, 3]) {
      const { text, want } = mixedFile(seed, eol);
      const b = enc.encode(text);
      const r = createRng(seed + 100);
      const x: number[] = [];
      const y: number[] = [];
      const rows: number[] = [];
      const reader = createCsvReader({ columns: ['x', 'y'], rowNumbers: true, blockRows: 1000, inferRecords: 50 }, (block) => {
        for (let i = 0; i < block.rowCount; i++) {
          x.push(block.columns[0][i]);
          y.push(block.columns[1][i]);
          rows.push(block.rows![i]);
        }
      });
      for (let at = 0; at < b.length; ) {
        const size = r.uniform() < 0.2 ? 1 + Math.floor(r.uniform() * 40) : Math.floor(r.uniform() * 40_000);
        reader.push(b.subarray(at, at + size));
        at += size;
      }
      const summary = reader.end();
      expect(bitsOf(x)).toEqual(bitsOf(want.x));
      expect(bitsOf(y)).toEqual(bitsOf(want.y));
      expect(rows).toEqual(want.rows);
      expect(summary.dropped.map((d) => d.row)).toEqual(want.dropped.slice(0, summary.dropped.length));
      expect(summary.rowsDropped).toBe(want.dropped.length);
    }
  });

  it('names the row of a bad value after thousands of lane records', () => {
    const lines = ['x,y', ...Array.from({ length: 5000 }, (_, i) => `${i}.5,${i}`)];
    lines[4321] = '12kg,1';
    expect(() => readCsvTable(lines.join('\n') + '\n')).toThrow(/row 4,322, column "x": "12kg" is not a number/);
  });
});
