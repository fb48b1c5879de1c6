// Every case of test/fixtures/bad/ through the CLI (the core's path to users in a terminal):
// each ends in a result that says what happened, or an error naming file, row, column and
// value with what to try — never a crash, a stack trace or a silent number.
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../shared/fixtures';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main } from '../../../src/cli/main';

const bad = (name: string) => join(fixturesDir, 'bad', name);

async function fit(name: string, ...extra: string[]) {
  let text = '';
  try {
    await main(['fit', bad(name), '--target', 'y', '--json', ...extra], (s) => (text += s));
  } catch (e) {
    return { error: e as Error & { hint?: string; row?: number; column?: string; value?: string } };
  }
  return { json: JSON.parse(text) };
}

/** `fit` on a file written from text, in a temporary folder. */
async function fitText(csv: string, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'gauss-bad-'));
  const path = join(dir, 'data.csv');
  writeFileSync(path, csv);
  try {
    let text = '';
    await main(['fit', path, '--json', ...args], (s) => (text += s));
    return { json: JSON.parse(text) };
  } catch (e) {
    return { error: e as Error & { hint?: string } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('bad data gets a clear message, never a crash or a silent number', () => {
  it.each([
    ['empty.csv', /^empty\.csv is empty$/],
    ['header-only.csv', /header-only\.csv has a header but no data rows/],
    ['ragged-too-few.csv', /ragged-too-few\.csv: row 3 has 1 field, but the header has 2/],
    ['ragged-too-many.csv', /ragged-too-many\.csv: row 3 has 3 fields, but the header has 2/],
    ['unterminated-quote.csv', /unterminated-quote\.csv: row 3 opens a quote \(\"\) that is never closed/],
    ['utf16.csv', /utf16\.csv is saved as UTF-16 text; save it as UTF-8/],
    ['binary.csv', /binary\.csv does not look like a text CSV/],
    ['one-row.csv', /2 coefficients \(\(intercept\), x\) but the data have only 1 row: use fewer features/],
    ['more-features-than-rows.csv', /5 coefficients .* only 2 rows/],
  ])('%s → %s', async (name, message) => {
    const r = await fit(name);
    expect(r.error, 'expected an error').toBeDefined();
    expect(r.error!.message).toMatch(message);
    expect(r.error!.message).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('ragged and quote errors say what to try', async () => {
    expect((await fit('ragged-too-many.csv')).error!.hint).toMatch(/double quotes/);
    expect((await fit('unterminated-quote.csv')).error!.hint).toMatch(/close the quote/);
  });

  it('values that are not numbers name row, column and value when the column is asked for', async () => {
    for (const [file, feature, value, hint] of [
      ['thousands.csv', 'x', '1,234', /thousands separators/],
      ['units.csv', 'weight', '12kg', /unit/],
    ] as const) {
      const { error } = await fit(file, '--features', feature);
      expect(error?.message, file).toContain(`column "${feature}" is not numeric: row 2 has "${value}"`);
      expect(error?.message).toContain(file);
      expect(error?.hint).toMatch(hint);
    }
  });

  it('decimal commas in a semicolon file are read as numbers, with a warning naming column, row and value', async () => {
    const { json } = await fit('decimal-comma.csv');
    expect(json.warnings.join('\n')).toContain('column "x" is written with a decimal comma: "1,5" (row 2) is read as 1.5');
    const slope = json.terms.find((t: { name: string }) => t.name === 'x').estimate;
    expect(slope).toBeCloseTo(2, 12); // y = 2x − 1 on x = 1.5, 2.5, 3.5
  });

  it('left-out text columns are reported, not silently dropped', async () => {
    for (const [file, column] of [['units.csv', 'weight'], ['thousands.csv', 'x']]) {
      const { json } = await fit(file);
      expect(json.warnings.join('\n'), file).toMatch(new RegExp(`column "${column}" is (not numeric and was )?left out: row 2 has`));
    }
  });

  it('a column of dates is a time: read as decimal years, with the unit said', async () => {
    const { json } = await fit('dates.csv', '--features', 'date');
    expect(json.warnings.join('\n')).toContain('column "date" holds dates (YYYY-MM-DD), read as decimal years');
    // one day a row: the slope is y's change per year (about 2 a day here)
    const slope = json.terms.find((t: { name: string }) => t.name === 'date').estimate;
    expect(slope / 365).toBeGreaterThan(1.5);
    expect(slope / 365).toBeLessThan(2.5);
    // a cell that is not a date like the others names row, column and format
    const bad = await fitText('date,y\n2024-01-01,1\n2024-01-02,2\n2024-02-30,3\n', '--target', 'y');
    expect(bad.error?.message).toMatch(/row 4, column "date": "2024-02-30" is not a date written as the others are \(YYYY-MM-DD\)/);
  });

  it('NaN, Inf, -inf, null, NA and empty cells drop their rows, counted with the first reason', async () => {
    const { json } = await fit('missing.csv');
    expect(json.rowsDropped).toBe(6);
    expect(json.n).toBe(3);
    expect(json.warnings[0]).toBe('6 rows were dropped for missing values (first: row 3, column "x": "NaN", missing)');
  });

  it('well-formed variants all read the same data: BOM+CRLF, lone CR, semicolon, tab, blank lines', async () => {
    const ref = (await fit('semicolon.csv')).json;
    for (const f of ['bom-crlf.csv', 'lone-cr.csv', 'tab.csv', 'blank-lines.csv']) {
      const { json } = await fit(f);
      expect(json.terms.map((t: { estimate: number }) => t.estimate), f).toEqual(ref.terms.map((t: { estimate: number }) => t.estimate));
      expect(json.n).toBe(3);
    }
    expect(ref.terms[1].estimate).toBeCloseTo(1.95, 12);
  });

  it('quoted fields with commas, newlines and doubled quotes are read, the text column reported', async () => {
    const { json } = await fit('quoted.csv');
    expect(json.n).toBe(4);
    expect(json.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'x']);
    expect(json.warnings.join("\n")).toMatch(/column "label" is text, a category, and was left out of this all-numeric model: add it with --features/);
  });

  it('a constant column, a duplicated column and two collinear columns are named and left out', async () => {
    expect((await fit('constant-column.csv')).json.warnings.join('\n')).toMatch(/c is constant, so it is collinear with the intercept/);
    expect((await fit('duplicated-column.csv')).json.warnings.join('\n')).toMatch(/x and x_copy are collinear/);
    const collinear = (await fit('collinear.csv')).json;
    expect(collinear.warnings.join('\n')).toMatch(/a and b are collinear/);
    expect(collinear.terms[2]).toMatchObject({ name: 'b', estimate: null, dropped: true });
    expect(collinear.rank).toBe(2);
  });

  it('duplicate header names are disambiguated with a warning', async () => {
    const { json } = await fit('duplicate-headers.csv');
    expect(json.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'x', 'x_2']);
    expect(json.warnings.join('\n')).toMatch(/column 2 is also named "x"; it was renamed "x_2"/);
  });

  it('a 300-character header and Latin-1 bytes are read, the encoding warned about', async () => {
    const long = (await fit('long-header.csv')).json;
    expect(long.terms[1].name).toBe('a'.repeat(300));
    // Messages name such a column cut to 60 characters (the full name stays in the data).
    const { error } = await fit('long-header.csv', '--features', 'a'.repeat(300) + 'b');
    expect(error?.message).toMatch(new RegExp(`no column named "${'a'.repeat(59)}…"`));
    const latin = (await fit('latin1.csv')).json;
    expect(latin.warnings.join('\n')).toMatch(/not valid UTF-8 .* save the file as UTF-8/);
  });

  it('1e308 and 1e-320 are parsed exactly; a scale that overflows the solver is refused with the row and value', async () => {
    const { error } = await fit('extreme.csv');
    expect(error?.message).toMatch(/overflows double precision .*\(x = -1e\+308\).*rescale/);
  });
});
