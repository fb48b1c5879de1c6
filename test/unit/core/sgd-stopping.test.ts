import { formatAs } from '../../../src/core/number-format';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { syntheticData, D2L_TRUE } from '../../../src/core/synthetic';
import { largestHessianEigenvalue, packRows, type Examples } from '../../../src/core/linear-model';
import { SgdTrainer, trainSgd, type EpochInfo, type SgdOptions, type SgdResult } from '../../../src/core/sgd';

function d2lExamples(seed = 0, n = 1000): Examples {
  const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, n, D2L_TRUE.noise, createRng(seed));
  return packRows(t.columns.slice(0, 2), t.columns[2]);
}

const base: SgdOptions = { learningRate: 0.03, batchSize: 10, epochs: 1, seed: 0 };

/** The run of next() until done, and the bulk run of trainSgd. */
function bothPaths(ex: Examples, o: SgdOptions): { stepwise: SgdResult; bulk: SgdResult } {
  const t = new SgdTrainer(ex, o);
  while (t.next());
  return { stepwise: t.result(), bulk: trainSgd(ex, o) };
}

/** Largest 1, 2 or 5 × 10^k not above x, by enumeration. */
function typeableBelow(x: number): number {
  let best = 0;
  for (let k = -20; k <= 20; k++) for (const m of [1, 2, 5]) if (m * 10 ** k <= x * (1 + 1e-12)) best = Math.max(best, m * 10 ** k);
  return best;
}

describe('divergence', () => {
  it('a step that sends a weight to ±∞ is reported at that step, even while the batch loss was small (no intercept)', () => {
    // the second feature is 0 everywhere: its weight stays finite while the first one overflows
    const ex = packRows([Float64Array.of(1, 2, 3, 4), new Float64Array(4)], Float64Array.of(5, 6, 7, 8));
    const o = { ...base, learningRate: 1e308, batchSize: 4, epochs: 2, intercept: false };
    const { stepwise, bulk } = bothPaths(ex, o);
    expect(stepwise.diverged).not.toBeNull();
    expect([stepwise.diverged!.epoch, stepwise.diverged!.step]).toEqual([1, 1]);
    expect(bulk.diverged).toEqual(stepwise.diverged);
    expect(stepwise.steps).toBe(1);
  });

  it('a step that sends b to ±∞ while w stays finite is reported at that step', () => {
    // x ≡ 0: the gradient of w is 0, only b moves
    const ex = packRows([Float64Array.of(0, 0, 0, 0)], Float64Array.of(5, 6, 7, 8));
    const o = { ...base, learningRate: 1e308, batchSize: 4, epochs: 2 };
    const { stepwise, bulk } = bothPaths(ex, o);
    expect(Number.isFinite(stepwise.w[0])).toBe(true);
    expect([stepwise.diverged?.epoch, stepwise.diverged?.step]).toEqual([1, 1]);
    expect(bulk.diverged).toEqual(stepwise.diverged);
  });

  it('an epoch whose last step blows up the training loss ends in divergence, not in a reported epoch', () => {
    // one full-batch step per epoch: the explosion is only visible in the epoch's training loss
    const ex = packRows([Float64Array.of(1, 2, 3, 4)], Float64Array.of(3, 5, 7, 9));
    const o = { ...base, learningRate: 1e40, batchSize: 4, epochs: 3 };
    for (const path of ['step', 'bulk'] as const) {
      const epochs: EpochInfo[] = [];
      const r = trainSgd(ex, o, undefined, { onEpoch: (e) => epochs.push(e), ...(path === 'step' ? { onStep: () => {} } : {}) });
      expect(r.diverged, path).not.toBeNull();
      expect([r.diverged!.epoch, r.diverged!.step], path).toEqual([1, 1]);
      expect(r.diverged!.loss, path).toBeGreaterThan(1e8);
      expect(r.diverged!.message, path).toContain(`the loss reached ${formatAs('loss', r.diverged!.loss)} `);
      expect(r.trainLoss, path).toEqual([]);
      expect(r.epochs, path).toBe(0);
      expect(epochs, path).toEqual([]);
    }
  });

  it('suggests the largest of 1, 2 or 5 × 10^k at or below 1/λ_max, and says where gradient descent is stable', () => {
    // x = (−s, s) with an intercept: the Hessian is diag(s², 1), λ_max = s²
    for (const inv of [0.7, 0.3, 0.15, 0.05]) {
      const s = Math.sqrt(1 / inv);
      const ex = packRows([Float64Array.of(-s, s)], Float64Array.of(1, 3));
      const lmax = largestHessianEigenvalue(ex);
      const r = trainSgd(ex, { ...base, learningRate: 50 / inv, batchSize: 2, epochs: 5 });
      const d = r.diverged!;
      expect(d, String(inv)).not.toBeNull();
      expect(d.suggestedLearningRate, String(inv)).toBeCloseTo(typeableBelow(1 / lmax), 15);
      expect(d.learningRate).toBe(50 / inv);
      expect(d.message).toContain(`diverged at epoch ${d.epoch}, step ${d.step}:`);
      // every η in one spelling (the number policy's learning rate: no padded zeros)
      expect(d.message).toContain(`with η = ${formatAs('learningRate', d.learningRate)}.`);
      expect(d.message).toContain(`stable below η = ${formatAs('learningRate', 2 / lmax)}`);
      expect(d.message).toContain(`try η = ${formatAs('learningRate', d.suggestedLearningRate)},`);
      expect(d.message).not.toMatch(/\d\.\d*0[ ,.)]/);
    }
    // 1/λ_max exactly 2 (x = (1, 0), no intercept: λ_max = 0.5): 2 is itself typeable
    const exact = packRows([Float64Array.of(1, 0)], Float64Array.of(1, 3));
    expect(largestHessianEigenvalue(exact, false)).toBe(0.5);
    const r = trainSgd(exact, { ...base, learningRate: 50, batchSize: 2, epochs: 5, intercept: false });
    expect(r.diverged?.suggestedLearningRate).toBe(2);
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without an improvement larger than the tolerance', () => {
    const ex = d2lExamples(3, 200);
    for (const patience of [1, 3]) {
      // every epoch after the first improves by far less than the tolerance
      const r = trainSgd(ex, { ...base, epochs: 20, earlyStopping: { tolerance: 1e6, patience } });
      expect(r.stoppedEarly).toBe(true);
      expect(r.epochs).toBe(1 + patience);
    }
  });

  it('a loss equal to the best so far is not an improvement', () => {
    // η so small that no weight moves: every epoch has exactly the first epoch's loss
    const ex = d2lExamples(3, 200);
    const r = trainSgd(ex, { ...base, learningRate: 1e-300, epochs: 20, earlyStopping: { tolerance: 0, patience: 2 } });
    expect(new Set(r.trainLoss).size).toBe(1);
    expect(r.stoppedEarly).toBe(true);
    expect(r.epochs).toBe(3);
  });

  it('keeps training while the loss keeps improving', () => {
    const ex = d2lExamples(3, 200);
    const r = trainSgd(ex, { ...base, learningRate: 0.001, epochs: 5, earlyStopping: { tolerance: 0, patience: 1 } });
    expect(r.stoppedEarly).toBe(false);
    expect(r.epochs).toBe(5);
  });
});

describe('driving the trainer', () => {
  it('trainSgd without an onStep callback still honours an aborted signal', () => {
    const ac = new AbortController();
    ac.abort();
    const r = trainSgd(d2lExamples(), { ...base, signal: ac.signal });
    expect(r.cancelled).toBe(true);
    expect(r.steps).toBe(0);
  });

  it('calls onEpoch once per completed epoch, with that epoch, on both paths (epochs longer than a bulk chunk included)', () => {
    const ex = d2lExamples(2, 5000);
    const o = { ...base, batchSize: 1, epochs: 2, learningRate: 0.001 };
    for (const onStep of [undefined, () => {}]) {
      const seen: number[] = [];
      const r = trainSgd(ex, o, undefined, { onStep, onEpoch: (e) => seen.push(e.epoch) });
      expect(seen).toEqual([0, 1]);
      expect(r.steps).toBe(10000);
    }
  });

  it('advance(k) takes at most k steps, stops at the end of the epoch, and does nothing once done', () => {
    const ex = d2lExamples(0, 100);
    const t = new SgdTrainer(ex, { ...base, epochs: 1 });
    expect(t.advance(3)).toEqual({ steps: 3 });
    expect(t.globalStep).toBe(3);
    const end = t.advance(100);
    expect(end.steps).toBe(7);
    expect(end.epoch?.epoch).toBe(0);
    expect(t.done).toBe(true);
    const w = Array.from(t.w);
    expect(t.advance(5)).toEqual({ steps: 0 });
    expect(Array.from(t.w)).toEqual(w);
    expect(t.globalStep).toBe(10);
  });

  it('runEpoch steps to the end of the epoch, reporting every step, then returns null once done', () => {
    const ex = d2lExamples(0, 95);
    const t = new SgdTrainer(ex, { ...base, epochs: 2 });
    const steps: number[] = [];
    const e0 = t.runEpoch((s) => steps.push(s.step));
    expect(steps).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(e0?.epoch).toBe(0);
    expect(t.runEpoch()?.epoch).toBe(1);
    expect(t.done).toBe(true);
    expect(t.runEpoch(() => steps.push(-1))).toBeNull();
    expect(steps).toHaveLength(10);
  });

  it('visits every example once per epoch, in a new order each epoch', () => {
    // η so small that nothing moves: each batch loss identifies its example (y_i distinct)
    const n = 30;
    const ex = packRows([new Float64Array(n)], Float64Array.from({ length: n }, (_, i) => 100 + i));
    const losses: number[][] = [[], [], []];
    trainSgd(ex, { ...base, learningRate: 1e-300, batchSize: 1, epochs: 3 }, undefined, {
      onStep: (s) => losses[s.epoch].push(s.batchLoss),
    });
    const sorted = (a: number[]) => [...a].sort((u, v) => u - v);
    expect(sorted(losses[1])).toEqual(sorted(losses[0]));
    expect(sorted(losses[2])).toEqual(sorted(losses[0]));
    expect(new Set(losses[0]).size).toBe(n);
    expect(losses[1]).not.toEqual(losses[0]);
    expect(losses[2]).not.toEqual(losses[1]);
  });

  it('the distance to the optimum is the Euclidean norm of (w − w*, b − b*), b left out without an intercept', () => {
    const ex = d2lExamples(0, 100);
    const optimum = { w: [2, -3.4], b: 4.2 };
    for (const intercept of [true, false]) {
      const t = new SgdTrainer(ex, { ...base, optimum, intercept });
      for (let i = 0; i < 3; i++) {
        const s = t.next()!.step;
        const expected = Math.hypot(s.w[0] - 2, s.w[1] + 3.4, intercept ? s.b - 4.2 : 0);
        expect(s.distance).toBeCloseTo(expected, 12);
      }
    }
  });
});
