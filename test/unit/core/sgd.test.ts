import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { syntheticData, D2L_TRUE } from '../../../src/core/synthetic';
import { packRows, meanLoss, largestHessianEigenvalue } from '../../../src/core/linear-model';
import { SgdTrainer, trainSgd } from '../../../src/core/sgd';

function d2lExamples(seed = 0) {
  const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1000, D2L_TRUE.noise, createRng(seed));
  return packRows(t.columns.slice(0, 2), t.columns[2]);
}

describe('minibatch SGD (d2l 3.2/3.4)', () => {
  it('meets the book: η = 0.03, batch 10, 3 epochs ⇒ loss < 1e-4 and parameters within 0.01', () => {
    const ex = d2lExamples();
    const r = trainSgd(ex, { learningRate: 0.03, batchSize: 10, epochs: 3, seed: 0 });
    expect(r.diverged).toBeNull();
    expect(r.epochs).toBe(3);
    expect(r.steps).toBe(300);
    expect(r.trainLoss[2]).toBeLessThan(1e-4);
    expect(Math.abs(r.w[0] - 2)).toBeLessThan(0.01);
    expect(Math.abs(r.w[1] + 3.4)).toBeLessThan(0.01);
    expect(Math.abs(r.b - 4.2)).toBeLessThan(0.01);
    // Losses fall epoch by epoch.
    expect(r.trainLoss[0]).toBeGreaterThan(r.trainLoss[2]);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const ex = d2lExamples();
    const o = { learningRate: 0.03, batchSize: 10, epochs: 1, seed: 7 };
    const a = trainSgd(ex, o);
    const b = trainSgd(ex, o);
    const c = trainSgd(ex, { ...o, seed: 8 });
    expect(Array.from(a.w)).toEqual(Array.from(b.w));
    expect(a.b).toBe(b.b);
    expect(a.w[0]).not.toBe(c.w[0]);
  });

  it('initializes w ~ N(0, 0.01²) and b = 0, and the update is exactly (w,b) − η/|B| Σ∂ℓ', () => {
    const ex = packRows([Float64Array.of(1, 2, 3, 4)], Float64Array.of(3, 5, 7, 9));
    const t = new SgdTrainer(ex, { learningRate: 0.1, batchSize: 4, epochs: 1, seed: 3 });
    expect(t.b).toBe(0);
    expect(Math.abs(t.w[0])).toBeLessThan(0.05);
    const w0 = t.w[0];
    // Full batch: grad_w = mean((w x − y) x), grad_b = mean(w x − y).
    const xs = [1, 2, 3, 4];
    const ys = [3, 5, 7, 9];
    const gw = xs.reduce((s, x, i) => s + (w0 * x - ys[i]) * x, 0) / 4;
    const gb = xs.reduce((s, x, i) => s + (w0 * x - ys[i]), 0) / 4;
    t.next();
    expect(t.w[0]).toBeCloseTo(w0 - 0.1 * gw, 14);
    expect(t.b).toBeCloseTo(-0.1 * gb, 14);
  });

  it('the bulk path (advance, used by trainSgd) gives next()\'s results to the bit, divergence included', () => {
    const ex = d2lExamples(4);
    const cases = [
      { learningRate: 0.03, batchSize: 10, epochs: 3, seed: 5 },
      { learningRate: 0.05, batchSize: 7, epochs: 2, seed: 1, loss: 'huber' as const, weightDecay: 0.01, schedule: { kind: 'cosine' as const } },
      { learningRate: 0.02, batchSize: 32, epochs: 2, seed: 2, loss: 'absolute' as const, schedule: { kind: 'inverse' as const, decay: 0.01 } },
      { learningRate: 10, batchSize: 10, epochs: 3, seed: 0 },
    ];
    for (const o of cases) {
      const stepwise = new SgdTrainer(ex, o);
      while (stepwise.next());
      const a = stepwise.result();
      const bulk = new SgdTrainer(ex, o);
      let taken = 0;
      while (!bulk.done) taken += bulk.advance(13).steps;
      const b = bulk.result();
      expect(Array.from(b.w)).toEqual(Array.from(a.w));
      expect(b.b).toBe(a.b);
      expect(b.trainLoss).toEqual(a.trainLoss);
      expect(b.steps).toBe(a.steps);
      expect(taken).toBe(a.steps);
      expect(b.diverged).toEqual(a.diverged);
      expect(trainSgd(ex, o).trainLoss).toEqual(a.trainLoss);
    }
  });

  it('steps one minibatch at a time and can change η mid-run without a reset', () => {
    const ex = d2lExamples();
    const t = new SgdTrainer(ex, { learningRate: 0.03, batchSize: 10, epochs: 2, seed: 0 });
    const s = t.next();
    expect(s?.step.globalStep).toBe(0);
    expect(t.globalStep).toBe(1);
    t.learningRate = 0.01;
    expect(t.next()?.step.learningRate).toBe(0.01);
    let epochs = 0;
    while (!t.done) if (t.next()?.epoch) epochs++;
    expect(epochs).toBe(2);
    expect(t.next()).toBeNull();
  });

  it('detects divergence, names epoch and step, and suggests a stable η from λ_max', () => {
    const ex = d2lExamples();
    const r = trainSgd(ex, { learningRate: 10, batchSize: 10, epochs: 3, seed: 0 });
    expect(r.diverged).not.toBeNull();
    const d = r.diverged!;
    expect(d.epoch).toBe(1);
    expect(d.step).toBeGreaterThanOrEqual(1);
    const lmax = largestHessianEigenvalue(ex);
    expect(d.suggestedLearningRate).toBeLessThanOrEqual(1 / lmax);
    expect(d.suggestedLearningRate).toBeGreaterThan(0.1 / lmax);
    expect(d.message).toMatch(/diverged at epoch 1, step \d+/);
    expect(d.message).toContain('try η =');
    // The suggested rate trains.
    const ok = trainSgd(ex, { learningRate: d.suggestedLearningRate, batchSize: 10, epochs: 3, seed: 0 });
    expect(ok.diverged).toBeNull();
    expect(ok.trainLoss[2]).toBeLessThan(1e-3);
  });

  it('λ_max of a known Hessian: x ~ columns e1, e2 scaled', () => {
    // X̃ = [x 1] with x = (−1, 1): H = ⅟n X̃ᵀX̃ = I ⇒ λ_max = 1.
    const ex = packRows([Float64Array.of(-1, 1)], Float64Array.of(0, 0));
    expect(largestHessianEigenvalue(ex)).toBeCloseTo(1, 10);
  });

  it('absolute loss with constant η oscillates near the optimum; a decaying schedule settles', () => {
    const ex = d2lExamples();
    const spread = (schedule: Parameters<typeof trainSgd>[1]['schedule']) => {
      const bs: number[] = [];
      const r = trainSgd(ex, { learningRate: 0.05, batchSize: 10, epochs: 20, seed: 1, loss: 'absolute', schedule }, undefined, {
        onStep: (s) => {
          if (s.epoch === 19) bs.push(s.b);
        },
      });
      const m = bs.reduce((a, v) => a + v, 0) / bs.length;
      const sd = Math.sqrt(bs.reduce((a, v) => a + (v - m) ** 2, 0) / bs.length);
      return { sd, r };
    };
    const constant = spread({ kind: 'constant' });
    const decaying = spread({ kind: 'cosine' });
    // Constant η: the sign gradient never shrinks, so b keeps jumping by ~η.
    expect(constant.sd).toBeGreaterThan(0.005);
    expect(decaying.sd).toBeLessThan(constant.sd / 5);
    expect(Math.abs(decaying.r.b - 4.2)).toBeLessThan(0.01);
  });

  it('supports Huber loss, L2 weight decay and every schedule', () => {
    const ex = d2lExamples();
    for (const schedule of [
      { kind: 'constant' as const },
      { kind: 'step' as const, every: 3, factor: 0.5 },
      { kind: 'inverse' as const, decay: 0.001 },
      { kind: 'cosine' as const },
    ]) {
      const r = trainSgd(ex, { learningRate: 0.03, batchSize: 10, epochs: 10, seed: 0, schedule, loss: 'huber' });
      expect(r.diverged).toBeNull();
      expect(Math.abs(r.b - 4.2), schedule.kind).toBeLessThan(0.1);
    }
    const plain = trainSgd(ex, { learningRate: 0.03, batchSize: 10, epochs: 5, seed: 0 });
    const decayed = trainSgd(ex, { learningRate: 0.03, batchSize: 10, epochs: 5, seed: 0, weightDecay: 0.5 });
    const norm = (w: Float64Array) => Math.hypot(...w);
    expect(norm(decayed.w)).toBeLessThan(norm(plain.w) * 0.9);
  });

  it('follows each schedule formula', () => {
    const ex = d2lExamples();
    const rates = (schedule: Parameters<typeof trainSgd>[1]['schedule']) => {
      const out: number[] = [];
      trainSgd(ex, { learningRate: 0.1, batchSize: 100, epochs: 4, seed: 0, schedule }, undefined, {
        onStep: (s) => out.push(s.learningRate),
      });
      return out;
    };
    expect(new Set(rates({ kind: 'constant' }))).toEqual(new Set([0.1]));
    const st = rates({ kind: 'step', every: 2, factor: 0.5 });
    expect([st[0], st[19], st[20], st[39]]).toEqual([0.1, 0.1, 0.05, 0.05]);
    const inv = rates({ kind: 'inverse', decay: 0.5 });
    expect(inv[4]).toBeCloseTo(0.1 / 3, 15);
    const cos = rates({ kind: 'cosine' });
    expect(cos[0]).toBe(0.1);
    expect(cos[20]).toBeCloseTo(0.05, 15);
    expect(cos[39]).toBeLessThan(0.001);
  });

  it('reports validation loss and the distance to the optimum, and stops early', () => {
    const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1200, D2L_TRUE.noise, createRng(2));
    const train = packRows([t.columns[0].subarray(0, 1000), t.columns[1].subarray(0, 1000)], t.columns[2].subarray(0, 1000));
    const val = packRows([t.columns[0].subarray(1000), t.columns[1].subarray(1000)], t.columns[2].subarray(1000));
    const distances: number[] = [];
    const r = trainSgd(
      train,
      {
        learningRate: 0.03,
        batchSize: 10,
        epochs: 50,
        seed: 0,
        optimum: { w: [2, -3.4], b: 4.2 },
        earlyStopping: { tolerance: 1e-7, patience: 2 },
      },
      val,
      { onEpoch: (e) => distances.push(e.distance) },
    );
    expect(r.validationLoss.length).toBe(r.epochs);
    expect(r.stoppedEarly).toBe(true);
    expect(r.epochs).toBeLessThan(50);
    expect(distances[0]).toBeGreaterThan(distances[distances.length - 1]);
    expect(r.validationLoss[r.epochs - 1]).toBeCloseTo(meanLoss(val, r.w, r.b, 'squared'), 12);
  });

  it('can be cancelled with an AbortSignal', () => {
    const ex = d2lExamples();
    const ac = new AbortController();
    let steps = 0;
    const r = trainSgd(ex, { learningRate: 0.03, batchSize: 10, epochs: 3, seed: 0, signal: ac.signal }, undefined, {
      onStep: () => {
        if (++steps === 5) ac.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.steps).toBe(5);
  });

  it('rejects bad options with clear messages and leaves its inputs untouched', () => {
    const ex = d2lExamples();
    const copy = Float64Array.from(ex.x);
    expect(() => trainSgd(ex, { learningRate: 0, batchSize: 10, epochs: 1, seed: 0 })).toThrow(/learning rate/);
    expect(() => trainSgd(ex, { learningRate: 0.1, batchSize: 0, epochs: 1, seed: 0 })).toThrow(/batch size/);
    expect(() => trainSgd(packRows([new Float64Array(0)], new Float64Array(0)), { learningRate: 0.1, batchSize: 1, epochs: 1, seed: 0 })).toThrow(/no training rows/);
    trainSgd(ex, { learningRate: 0.03, batchSize: 10, epochs: 1, seed: 0 });
    expect(ex.x).toEqual(copy);
  });
});
