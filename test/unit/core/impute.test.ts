import { describe, expect, it } from 'vitest';
import { describeImputed, ImputePass, MISSING_CODE, type ImputeChoice, type ImputeColumn } from '../../../src/core/impute';
import type { RowBlock } from '../../../src/core/table';

const columns: ImputeColumn[] = [
  { name: 'g', text: true, target: false },
  { name: 'x', text: false, target: false },
  { name: 'y', text: false, target: true },
];
/** Two blocks of (g code, x, y); NaN is a gap. */
const blocks = (): RowBlock[] => [
  { columns: [Float64Array.of(0, 1, NaN, 0), Float64Array.of(1, NaN, 4, 10), Float64Array.of(1, 2, 3, NaN)], rowCount: 4, firstRow: 0, rows: Float64Array.of(2, 3, 4, 5) },
  { columns: [Float64Array.of(1, NaN), Float64Array.of(NaN, 2), Float64Array.of(5, 6)], rowCount: 2, firstRow: 4, rows: Float64Array.of(6, 7) },
];
const levels = { g: ['b', 'a'] };

function run(choice: ImputeChoice) {
  const pass = new ImputePass(columns, choice);
  let passes = 0;
  do {
    passes++;
    for (const b of blocks()) pass.observe(b);
  } while (pass.endPass());
  return { imputation: pass.finish(levels), passes };
}

describe('ImputePass', () => {
  it('fills from the rows with a target only, and drops the row whose target is missing', () => {
    const { imputation } = run({ strategy: 'mean', indicator: true });
    // row 5 (x = 10) has no target: it is not in the mean of x (1, 4, 2 → 7/3)
    expect(imputation.rowsDropped).toBe(1);
    expect(imputation.firstDropped).toEqual({ row: 5, column: 'y' });
    expect(imputation.rowsUsed).toBe(5);
    expect(imputation.filled).toEqual([
      { column: 'g', cells: 2, how: 'own level', value: '(missing)' },
      { column: 'x', cells: 2, how: 'mean', value: 7 / 3, indicator: 'missing(x)' },
    ]);
    const [a, b] = blocks().map((blk) => imputation.apply(blk));
    expect(a.rowCount).toBe(3);
    expect(Array.from(a.columns[0])).toEqual([0, 1, MISSING_CODE]);
    expect(Array.from(a.columns[1])).toEqual([1, 7 / 3, 4]);
    expect(Array.from(a.columns[3])).toEqual([0, 1, 0]); // missing(x)
    expect(Array.from(a.rows!)).toEqual([2, 3, 4]);
    expect(Array.from(b.columns[1])).toEqual([7 / 3, 2]);
    expect(Array.from(b.columns[3])).toEqual([1, 0]);
    expect(imputation.indicators).toEqual(['missing(x)']);
  });

  it('median takes four passes; most-frequent fills a category with its most frequent level (a tie: the smaller value)', () => {
    const median = run({ strategy: 'median', indicator: false });
    expect(median.passes).toBe(4);
    expect(median.imputation.filled[1]).toMatchObject({ column: 'x', how: 'median', value: 2 });
    const mode = run({ strategy: 'most-frequent', indicator: false });
    expect(mode.passes).toBe(1);
    // g: codes 0 ('b') and 1 ('a') twice each among the rows used: the tie goes to "a"
    expect(mode.imputation.filled[0]).toMatchObject({ column: 'g', how: 'most frequent', value: 'a' });
    expect(Array.from(mode.imputation.apply(blocks()[0]).columns[0])).toEqual([0, 1, 1]);
    // x: 1, 4, 2 once each: the smallest
    expect(mode.imputation.filled[1]).toMatchObject({ value: 1 });
  });

  it('refuses to fill a column that has no value at all in the rows used', () => {
    const pass = new ImputePass([{ name: 'x', text: false, target: false }, { name: 'y', text: false, target: true }], { strategy: 'mean', indicator: false });
    pass.observe({ columns: [Float64Array.of(NaN, NaN), Float64Array.of(1, 2)], rowCount: 2, firstRow: 0 });
    pass.endPass();
    expect(() => pass.finish({})).toThrow(/column "x" has no value in the 2 rows used/);
  });

  it('says each fill in a sentence', () => {
    expect(describeImputed({ column: 'age', cells: 3, how: 'mean', value: 41.5, indicator: 'missing(age)' })).toBe('age: 3 missing cells filled with its mean, 41.5; missing(age) is 1 in those rows');
    expect(describeImputed({ column: 'zone', cells: 1, how: 'own level', value: '(missing)' })).toBe('zone: 1 missing cell is its own level, "(missing)"');
    expect(describeImputed({ column: 'zone', cells: 2, how: 'most frequent', value: 'RL' })).toBe('zone: 2 missing cells filled with its most frequent value, "RL"');
  });
});
