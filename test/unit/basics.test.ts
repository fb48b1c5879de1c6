import { describe, expect, it } from 'vitest';
import { createRng, identityOrder, shuffleInPlace } from '../../src/core/random';
import { syntheticData, housePrices, D2L_TRUE } from '../../src/core/synthetic';
import { Timer } from '../../src/core/timer';
import { mse, rmse, mae, rSquared } from '../../src/core/metrics';
import { splitRows, takeRows } from '../../src/core/split';
import { makeTable, columnIndex, tableBlocks } from '../../src/core/table';
import {
  designSpec,
  termNames,
  designColumns,
  fitStandardization,
  standardize,
  unstandardizeWeights,
  coefficientCount,
} from '../../src/core/design-matrix';

describe('random', () => {
  it('is reproducible per seed and rejects bad seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(0).uniform()).not.toBe(createRng(1).uniform());
    expect(() => createRng(-1)).toThrow(/seed/);
    expect(() => createRng(1.5)).toThrow(/seed/);
  });

  it('shuffles to a permutation', () => {
    const o = shuffleInPlace(identityOrder(1000), createRng(3));
    expect(Array.from(o).sort((x, y) => x - y)).toEqual(Array.from(identityOrder(1000)));
    expect(Array.from(o.subarray(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('synthetic data', () => {
  it('follows d2l synthetic_data: y = Xw + b + noise', () => {
    const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1000, D2L_TRUE.noise, createRng(0));
    expect(t.names).toEqual(['x1', 'x2', 'y']);
    expect(t.rowCount).toBe(1000);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 1000; i++) {
      const e = t.columns[2][i] - (2 * t.columns[0][i] - 3.4 * t.columns[1][i] + 4.2);
      s += e;
      s2 += e * e;
    }
    expect(Math.abs(s / 1000)).toBeLessThan(0.002);
    expect(Math.sqrt(s2 / 1000)).toBeCloseTo(0.01, 2);
    expect(syntheticData([1], 0, 10, 0, createRng(1)).columns[1]).toEqual(syntheticData([1], 0, 10, 0, createRng(1)).columns[0]);
  });

  it('makes house prices from area and age', () => {
    const t = housePrices(200, createRng(0));
    expect(t.names).toEqual(['area', 'age', 'price']);
    for (let i = 0; i < 200; i++) {
      expect(t.columns[0][i]).toBeGreaterThanOrEqual(40);
      expect(t.columns[1][i]).toBeLessThanOrEqual(60);
    }
    expect(() => housePrices(-1, createRng(0))).toThrow();
  });
});

describe('Timer (d2l)', () => {
  it('records laps: avg, sum, cumsum', () => {
    let now = 0;
    const t = new Timer(() => now);
    now = 1000;
    expect(t.stop()).toBe(1);
    t.start();
    now = 4000;
    t.stop();
    expect(t.times).toEqual([1, 3]);
    expect(t.sum()).toBe(4);
    expect(t.avg()).toBe(2);
    expect(t.cumsum()).toEqual([1, 4]);
    expect(new Timer().avg()).toBeNaN();
  });
});

describe('metrics', () => {
  it('computes MSE, RMSE, MAE, R²', () => {
    const y = [1, 2, 3, 4];
    const yh = [1, 2, 3, 6];
    expect(mse(yh, y)).toBe(1);
    expect(rmse(yh, y)).toBe(1);
    expect(mae(yh, y)).toBe(0.5);
    expect(rSquared(yh, y)).toBeCloseTo(1 - 4 / 5, 15);
    expect(rSquared([1, 1], [2, 2])).toBeNaN();
    expect(() => mse([1], [1, 2])).toThrow(/length mismatch/);
  });
});

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
