import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  packRows,
  predictRows,
  pointLoss,
  pointLossDerivative,
  meanLoss,
  minibatchGradient,
  type LossKind,
} from '../../../src/core/linear-model';

describe('linear model ŷ = Xw + b and its losses', () => {
  const ex = packRows([Float64Array.of(1, 2, 3), Float64Array.of(0, 1, -1)], Float64Array.of(1, 2, 3));

  it('packs columns row-major and predicts', () => {
    expect(Array.from(ex.x)).toEqual([1, 0, 2, 1, 3, -1]);
    expect(Array.from(predictRows(ex, [2, 10], 1))).toEqual([3, 15, -3]);
    expect(() => packRows([Float64Array.of(1)], Float64Array.of(1, 2))).toThrow(/feature 1 has 1 rows, the target has 2/);
  });

  it('squared is ½r², absolute |r| (Laplace noise), Huber quadratic inside δ and linear outside', () => {
    expect(pointLoss('squared', -3)).toBe(4.5);
    expect(pointLoss('absolute', -3)).toBe(3);
    expect(pointLoss('huber', 0.5, 1)).toBe(0.125);
    expect(pointLoss('huber', -3, 1)).toBe(2.5);
    expect(pointLoss('huber', 3, 2)).toBe(4);
  });

  it('derivatives match central finite differences', () => {
    fc.assert(
      fc.property(fc.constantFrom<LossKind>('squared', 'absolute', 'huber'), fc.double({ min: -5, max: 5, noNaN: true }), (kind, r) => {
        fc.pre(Math.abs(r) > 1e-3 && Math.abs(Math.abs(r) - 1) > 1e-3);
        const h = 1e-6;
        const fd = (pointLoss(kind, r + h) - pointLoss(kind, r - h)) / (2 * h);
        expect(pointLossDerivative(kind, r)).toBeCloseTo(fd, 5);
      }),
    );
  });

  it('the minibatch gradient is the mean of per-example gradients, and matches finite differences of the mean loss', () => {
    const order = Uint32Array.of(2, 0, 1);
    const g = new Float64Array(2);
    const w = [0.3, -0.7];
    const b = 0.1;
    for (const kind of ['squared', 'absolute', 'huber'] as const) {
      const { gradB, loss } = minibatchGradient(ex, w, b, kind, 1, order, 0, 3, g);
      expect(loss).toBeCloseTo(meanLoss(ex, w, b, kind), 14);
      const h = 1e-6;
      for (let j = 0; j < 2; j++) {
        const wp = [...w];
        const wm = [...w];
        wp[j] += h;
        wm[j] -= h;
        expect(g[j]).toBeCloseTo((meanLoss(ex, wp, b, kind) - meanLoss(ex, wm, b, kind)) / (2 * h), 5);
      }
      expect(gradB).toBeCloseTo((meanLoss(ex, w, b + h, kind) - meanLoss(ex, w, b - h, kind)) / (2 * h), 5);
    }
    // A sub-batch uses only its rows.
    minibatchGradient(ex, w, b, 'squared', 1, order, 0, 1, g);
    const r = 3 * w[0] - 1 * w[1] + b - 3;
    expect(g[0]).toBeCloseTo(r * 3, 14);
    expect(g[1]).toBeCloseTo(r * -1, 14);
  });

  it('mean loss of no rows is NaN, on purpose', () => {
    expect(meanLoss(packRows([new Float64Array(0)], new Float64Array(0)), [1], 0, 'squared')).toBeNaN();
  });
});
