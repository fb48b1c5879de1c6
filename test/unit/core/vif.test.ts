import { describe, expect, it } from 'vitest';
import { makeTable, tableBlocks } from '../../../src/core/table';
import { HIGH_VIF, multicollinearityNote, TermSums, varianceInflation } from '../../../src/core/vif';

describe('variance inflation factors', () => {
  it('sums of squares about the mean or about 0, powers included, whatever the blocks', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7]);
    const t = makeTable(['y', 'x'], [x, x]);
    const sums = new TermSums({ target: 0, targetName: 'y', intercept: true, terms: [{ name: 'x', source: 1, power: 1 }, { name: 'x^2', source: 1, power: 2 }] });
    for (const b of tableBlocks(t, 3)) sums.add(b);
    // x: mean 4, Σ(x − 4)² = 28, Σx² = 140; x²: 1, 4, …, 49: mean 20, Σ(x² − 20)² = 1,876, Σx⁴ = 4,676
    const [a, b] = sums.sumsOfSquares(true);
    expect(a).toBe(28);
    expect(b).toBeCloseTo(1876, 10);
    expect(Array.from(sums.sumsOfSquares(false))).toEqual([140, 4676]);
  });

  it('(SE / σ̂)² · SS; NaN for a dropped term or σ̂ = 0', () => {
    expect(Array.from(varianceInflation([0.5, NaN], 2, [64, 10]))).toEqual([4, NaN]);
    expect(Array.from(varianceInflation([0.5], 0, [64]))).toEqual([NaN]);
  });

  it(`names the columns above ${HIGH_VIF}, the worst first; nothing below`, () => {
    expect(multicollinearityNote(['a', 'b', 'c'], [2, 11.26, 1789.4])).toMatch(/^multicollinearity: variance inflation factor above 10 for c \(1,789\), b \(11\.3\): these columns are/);
    expect(multicollinearityNote(['a', 'b'], [12, 1])).toMatch(/for a \(12\.0\): this column is nearly .* its standard error is inflated/);
    expect(multicollinearityNote(['a'], [9.99])).toBeUndefined();
    expect(multicollinearityNote(['a'], undefined)).toBeUndefined();
  });
});
