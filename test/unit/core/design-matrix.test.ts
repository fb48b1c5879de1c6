import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { splitRows, takeRows } from '../../../src/core/split';
import { makeTable, columnIndex, tableBlocks } from '../../../src/core/table';
import {
  designSpec,
  termNames,
  designColumns,
  fitStandardization,
  standardize,
  unstandardizeWeights,
  coefficientCount,
} from '../../../src/core/design-matrix';

describe('tables, splits and designs', () => {
  const table = makeTable(['x', 'z', 'y'], [Float64Array.of(1, 2, 3, 4), Float64Array.of(10, 20, 30, 40), Float64Array.of(2, 4, 6, 8)]);

  it('checks shapes and names', () => {
    expect(() => makeTable(['a'], [new Float64Array(1), new Float64Array(1)])).toThrow();
    expect(() => makeTable(['a', 'b'], [new Float64Array(1), new Float64Array(2)])).toThrow(/"b" has 2 rows/);
    expect(() => columnIndex(table, 'q')).toThrow(/no column named "q"; the columns are "x", "z", "y"/);
    const blocks = [...tableBlocks(table, 3)];
    expect(blocks.map((b) => [b.firstRow, b.rowCount])).toEqual([[0, 3], [3, 1]]);
  });

  it('splits with a seed into disjoint sorted parts', () => {
    const s = splitRows(100, 0.2, createRng(0));
    expect(s.validation.length).toBe(20);
    expect(s.train.length).toBe(80);
    const all = new Set([...s.train, ...s.validation]);
    expect(all.size).toBe(100);
    expect(Array.from(splitRows(100, 0.2, createRng(0)).validation)).toEqual(Array.from(s.validation));
    expect(takeRows(table, Uint32Array.of(3, 0)).columns[0]).toEqual(Float64Array.of(4, 1));
    expect(() => splitRows(10, 1, createRng(0))).toThrow();
  });

  it('builds polynomial terms, intercept on/off and the constant model', () => {
    const spec = designSpec(table.names, { target: 'y', features: ['x'], degree: 3 });
    expect(termNames(spec)).toEqual(['(intercept)', 'x', 'x^2', 'x^3']);
    expect(designColumns(table, spec)[2]).toEqual(Float64Array.of(1, 8, 27, 64));
    expect(termNames(designSpec(table.names, { target: 'y', features: ['x', 'z'], intercept: false }))).toEqual(['x', 'z']);
    expect(coefficientCount(designSpec(table.names, { target: 'y', features: [] }))).toBe(1);
    expect(() => designSpec(table.names, { target: 'y', features: ['x', 'z'], degree: 2 })).toThrow(/exactly one feature/);
    expect(() => designSpec(table.names, { target: 'y', features: ['y'] })).toThrow(/is the target/);
    expect(() => designSpec(table.names, { target: 'y', features: [], intercept: false })).toThrow(/no terms/);
    expect(() => designSpec(table.names, { target: 'y', features: ['x'], degree: 1.5 })).toThrow(/degree/);
  });

  it('standardizes, remembers means and scales, and reports weights in original units', () => {
    const cols = [table.columns[0], table.columns[1]];
    const copy = cols.map((c) => Float64Array.from(c));
    const s = fitStandardization(cols);
    expect(s.means).toEqual(Float64Array.of(2.5, 25));
    const z = standardize(cols, s);
    expect(z[0].reduce((a, v) => a + v, 0)).toBeCloseTo(0, 14);
    expect(z[0].reduce((a, v) => a + v * v, 0) / 4).toBeCloseTo(1, 14);
    expect(cols).toEqual(copy);
    // y = 2x fitted on standardized x: w' = 2·sd(x), b' = 2·mean(x).
    const back = unstandardizeWeights(Float64Array.of(2 * s.scales[0], 0), 5, s);
    expect(back.w[0]).toBeCloseTo(2, 14);
    expect(back.b).toBeCloseTo(0, 14);
    // A constant column is centred, never divided by zero.
    expect(fitStandardization([Float64Array.of(3, 3, 3)]).scales[0]).toBe(1);
  });
});
