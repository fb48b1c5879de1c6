import { describe, expect, it } from 'vitest';
import { syntheticData, housePrices, D2L_TRUE } from '../../../src/core/synthetic';
import { createRng } from '../../../src/core/random';

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
