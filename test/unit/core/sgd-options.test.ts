import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { syntheticData, D2L_TRUE } from '../../../src/core/synthetic';
import { meanLoss, packRows, type Examples } from '../../../src/core/linear-model';
import { SgdTrainer, trainSgd, type SgdOptions } from '../../../src/core/sgd';

function d2lExamples(seed = 0, n = 1000): Examples {
  const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, n, D2L_TRUE.noise, createRng(seed));
  return packRows(t.columns.slice(0, 2), t.columns[2]);
}

const base: SgdOptions = { learningRate: 0.03, batchSize: 10, epochs: 1, seed: 0 };

describe('SGD options: validation', () => {
  const ex = d2lExamples(0, 50);
  const rejects = (over: Partial<SgdOptions>, message: RegExp) => expect(() => new SgdTrainer(ex, { ...base, ...over })).toThrow(message);
  const accepts = (over: Partial<SgdOptions>) => expect(() => new SgdTrainer(ex, { ...base, ...over })).not.toThrow();

  it('epochs must be a whole number ≥ 0 (0 is a valid, empty run)', () => {
    rejects({ epochs: -1 }, /epochs must be a whole number ≥ 0, got -1/);
    rejects({ epochs: 1.5 }, /epochs must be a whole number ≥ 0, got 1.5/);
    accepts({ epochs: 0 });
    const r = trainSgd(ex, { ...base, epochs: 0 });
    expect([r.epochs, r.steps]).toEqual([0, 0]);
  });

  it('weight decay must be ≥ 0', () => {
    rejects({ weightDecay: -0.1 }, /weight decay must be ≥ 0, got -0.1/);
    accepts({ weightDecay: 0 });
  });

  it('Huber δ must be > 0', () => {
    rejects({ loss: 'huber', huberDelta: 0 }, /Huber δ must be > 0, got 0/);
    rejects({ loss: 'huber', huberDelta: -1 }, /Huber δ must be > 0, got -1/);
    accepts({ loss: 'huber', huberDelta: 0.5 });
  });

  it('a step schedule needs every ≥ 1 epoch and 0 < factor ≤ 1', () => {
    const msg = /step schedule needs every ≥ 1 epoch and 0 < factor ≤ 1/;
    rejects({ schedule: { kind: 'step', every: 0, factor: 0.5 } }, msg);
    rejects({ schedule: { kind: 'step', every: NaN, factor: 0.5 } }, msg);
    rejects({ schedule: { kind: 'step', every: 2, factor: 0 } }, msg);
    rejects({ schedule: { kind: 'step', every: 2, factor: 1.5 } }, msg);
    rejects({ schedule: { kind: 'step', every: 2, factor: NaN } }, msg);
    accepts({ schedule: { kind: 'step', every: 1, factor: 1 } });
    accepts({ schedule: { kind: 'step', every: 1, factor: 1e-9 } });
  });

  it('a 1/t schedule needs decay ≥ 0', () => {
    rejects({ schedule: { kind: 'inverse', decay: -0.5 } }, /1\/t schedule needs decay ≥ 0/);
    rejects({ schedule: { kind: 'inverse', decay: NaN } }, /1\/t schedule needs decay ≥ 0/);
    accepts({ schedule: { kind: 'inverse', decay: 0 } });
  });
});

describe('SGD options: defaults and their meaning', () => {
  it('initializes w from N(0, 0.01²): mean ≈ 0, standard deviation ≈ 0.01', () => {
    const d = 2000;
    const ex = packRows(Array.from({ length: d }, () => Float64Array.of(1)), Float64Array.of(0));
    const w = new SgdTrainer(ex, { ...base, batchSize: 1 }).w;
    const mean = w.reduce((a, v) => a + v, 0) / d;
    const sd = Math.sqrt(w.reduce((a, v) => a + (v - mean) ** 2, 0) / (d - 1));
    // 2000 draws: the sample sd is within ±10% of σ with overwhelming probability (its sd is σ/√4000)
    expect(Math.abs(mean)).toBeLessThan(0.01 * 5 / Math.sqrt(d));
    expect(sd).toBeGreaterThan(0.009);
    expect(sd).toBeLessThan(0.011);
  });

  it('Huber loss defaults to δ = 1 and uses the δ it is given', () => {
    // residuals far beyond δ, so δ changes the loss
    const ex = packRows([Float64Array.of(1, 2, 3, 4)], Float64Array.of(10, -20, 30, -40));
    const o = { ...base, batchSize: 2, epochs: 2, loss: 'huber' as const };
    const implicit = trainSgd(ex, o);
    const one = trainSgd(ex, { ...o, huberDelta: 1 });
    const two = trainSgd(ex, { ...o, huberDelta: 2 });
    expect(implicit.trainLoss).toEqual(one.trainLoss);
    expect(Array.from(implicit.w)).toEqual(Array.from(one.w));
    expect(two.trainLoss).not.toEqual(one.trainLoss);
    expect(two.trainLoss[1]).toBeCloseTo(meanLoss(ex, two.w, two.b, 'huber', 2), 12);
  });

  it('without an intercept b stays 0, on the step-by-step path and the bulk path', () => {
    const ex = d2lExamples(1, 200);
    const o = { ...base, epochs: 2, intercept: false };
    const stepwise = trainSgd(ex, o, undefined, { onStep: (s) => expect(s.b).toBe(0) });
    const bulk = trainSgd(ex, o);
    expect(stepwise.b).toBe(0);
    expect(bulk.b).toBe(0);
    expect(Array.from(bulk.w)).toEqual(Array.from(stepwise.w));
  });

  it('the cosine schedule anneals from η to the given floor η_min', () => {
    const ex = d2lExamples(0, 400);
    const eta = 0.1;
    const min = 0.02;
    const rates: number[] = [];
    const epochs = 2;
    const batchSize = 10;
    trainSgd(ex, { ...base, learningRate: eta, batchSize, epochs, schedule: { kind: 'cosine', minLearningRate: min } }, undefined, {
      onStep: (s) => rates.push(s.learningRate),
    });
    const T = (400 / batchSize) * epochs;
    expect(rates).toHaveLength(T);
    rates.forEach((r, t) => expect(r).toBeCloseTo(min + ((eta - min) * (1 + Math.cos((Math.PI * t) / T))) / 2, 15));
    expect(rates[0]).toBe(eta);
    expect(rates[T / 2]).toBeCloseTo((eta + min) / 2, 15);
    expect(Math.min(...rates)).toBeGreaterThan(min);
  });

  it('the result of a run that was not cancelled says so, whichever path ran it', () => {
    const ex = d2lExamples(0, 100);
    expect(trainSgd(ex, base).cancelled).toBe(false);
    expect(trainSgd(ex, base, undefined, { onStep: () => {} }).cancelled).toBe(false);
    const t = new SgdTrainer(ex, base);
    while (t.next());
    expect(t.result().cancelled).toBe(false);
    expect(t.result(true).cancelled).toBe(true);
  });

  it('reports no validation losses when there is no validation set', () => {
    const ex = d2lExamples(0, 100);
    const r = trainSgd(ex, { ...base, epochs: 3 });
    expect(r.trainLoss).toHaveLength(3);
    expect(r.validationLoss).toEqual([]);
  });
});
