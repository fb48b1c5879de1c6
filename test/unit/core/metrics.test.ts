import { describe, expect, it } from 'vitest';
import { mse, rmse, mae, rSquared } from '../../../src/core/metrics';

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
