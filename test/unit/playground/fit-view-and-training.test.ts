import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../../src/core/csv';
import { uniformSampleIndices } from '../../../src/core/plot-sample';
import { createRng } from '../../../src/core/random';
import { D2L_TRUE, syntheticData } from '../../../src/core/synthetic';
import { makeTable } from '../../../src/core/table';
import type { DesignChoice } from '../../../src/protocol';
import { defaultDesign, isDesignValid, loadedFromFile } from '../../../src/playground/dataset';
import { computeFit } from '../../../src/playground/fit-view';
import { lossLandscape, validLandscapeAxes } from '../../../src/playground/loss-landscape';
import { RunHistory } from '../../../src/playground/run-history';
import { StepDecimator } from '../../../src/playground/step-decimator';
import { TrainingSession } from '../../../src/playground/training-session';
import { nonFinite, sgdParams } from '../../shared/messages';
import { describeRejection, parseExtensionMessage } from '../../../src/protocol-schema';

const d2l = () => syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1000, D2L_TRUE.noise, createRng(0));
const design = (over: Partial<DesignChoice> = {}): DesignChoice => ({
  target: 'y',
  features: ['x1', 'x2'],
  degree: 1,
  intercept: true,
  standardize: false,
  validationFraction: 0,
  ...over,
});
const params = sgdParams;
const opts = { maxPlotPoints: 5000, seed: 0 };

const deepFinite = nonFinite;

describe('uniformSampleIndices', () => {
  it('returns k distinct sorted indices, the same for a seed, all rows when k ≥ n', () => {
    const a = uniformSampleIndices(1_000_000, 5000, createRng(1));
    expect(a.length).toBe(5000);
    expect(new Set(a).size).toBe(5000);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(Array.from(uniformSampleIndices(1_000_000, 5000, createRng(1)))).toEqual(Array.from(a));
    expect(Array.from(uniformSampleIndices(3, 10, createRng(0)))).toEqual([0, 1, 2]);
    expect(uniformSampleIndices(0, 10, createRng(0)).length).toBe(0);
  });

  it('is uniform: every decile gets about a tenth', () => {
    const a = uniformSampleIndices(100_000, 10_000, createRng(2));
    const counts = new Array(10).fill(0);
    for (const i of a) counts[Math.floor(i / 10_000)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});

describe('defaultDesign', () => {
  it('picks y as the target and the other columns as features; keeps a previous design that still fits', () => {
    expect(defaultDesign(['x1', 'x2', 'y'])).toMatchObject({ target: 'y', features: ['x1', 'x2'], intercept: true });
    expect(defaultDesign(['area', 'age', 'price']).target).toBe('price');
    const prev = design({ features: ['x1'] });
    expect(defaultDesign(['x1', 'x2', 'y'], prev)).toBe(prev);
    expect(defaultDesign(['a', 'b'], prev).target).toBe('b');
    expect(isDesignValid(['x1', 'y'], design({ features: ['x1', 'x1'] }))).toBe(true);
    expect(isDesignValid(['x1', 'y'], design({ features: ['nope'] }))).toBe(false);
  });
});

describe('loadedFromFile', () => {
  it('lists non-numeric columns with why, and the first dropped rows with their reasons', () => {
    const { table, summary } = readCsvTable('x,name,y\n1,alice,2\n2,bob,\n3,carol,7\n', { fileName: 'people.csv' });
    const data = loadedFromFile('people.csv', table, summary);
    expect(data.columns).toEqual([
      { name: 'x', numeric: true },
      { name: 'name', numeric: false, reason: '"alice" at row 2 is not a number' },
      { name: 'y', numeric: true },
    ]);
    expect(data.table.rowCount).toBe(2);
    expect(data.rowsDropped).toBe(1);
    expect(data.dropped[0]).toMatchObject({ row: 3, column: 'y' });
  });
});

describe('computeFit', () => {
  it('fits examples/d2l-synthetic.csv: (intercept) ≈ 4.2, x1 ≈ 2, x2 ≈ −3.4, with every chart payload finite', async () => {
    const { table, summary } = readCsvTable(readFileSync('examples/d2l-synthetic.csv'));
    const data = loadedFromFile('d2l-synthetic.csv', table, summary);
    expect(data.columns.map((c) => c.name)).toEqual(['x1', 'x2', 'y']);
    const f = await computeFit(data.table, design(), opts);
    expect(f.payload.termNames).toEqual(['(intercept)', 'x1', 'x2']);
    expect(f.payload.coefficients[0]).toBeCloseTo(4.2, 2);
    expect(f.payload.coefficients[1]).toBeCloseTo(2, 2);
    expect(f.payload.coefficients[2]).toBeCloseTo(-3.4, 2);
    expect(f.payload.sample).toMatchObject({ shown: 1000, total: 1000 });
    expect(f.payload.landscape).toMatchObject({ aIndex: 1, bIndex: 2, aName: 'w (x1)', bName: 'w (x2)' });
    expect(f.payload.profiles.map((p) => p.name)).toEqual(['(intercept)', 'x1', 'x2']);
    for (const p of f.payload.profiles) expect(p.argminMse).toBe(p.argminNll);
    expect(deepFinite(f.payload)).toEqual([]);
  });

  it('columns with very long names: the fit message stays valid (the shown formula is cut, the fit uses every column)', async () => {
    const t = d2l();
    const long = (c: string) => `${c}${'n'.repeat(9_999)}`;
    const renamed = makeTable([long('a'), long('b'), 'y'], t.columns);
    const f = await computeFit(renamed, design({ target: 'y', features: [long('a'), long('b')] }), opts);
    expect(f.payload.termNames).toEqual(['(intercept)', long('a'), long('b')]);
    expect(f.payload.formula.endsWith('…')).toBe(true);
    const msg = { type: 'fit', design: design({ target: 'y', features: [long('a'), long('b')] }), fit: f.payload };
    expect(describeRejection(msg)).toBe('valid');
    expect(parseExtensionMessage(msg)).toBeDefined();
  });

  it('a 4-row file fits and its payload passes the webview\'s check after the JSON trip (the omnibus test needs 8 rows: null, not a rejected fit)', async () => {
    const t = makeTable(['x', 'y'], [Float64Array.of(0, 0, 1, 1), Float64Array.of(0, 1, 0, 1.5)]);
    const f = await computeFit(t, design({ features: ['x'] }), opts);
    // what postMessage delivers: JSON, where NaN becomes null
    const msg = JSON.parse(JSON.stringify({ type: 'fit', design: design({ features: ['x'] }), fit: f.payload }));
    expect(msg.fit.diagnostics.omnibus).toBeNull();
    expect(describeRejection(msg)).toBe('valid');
  });

  it('the landscape is the exact MSE: its minimum is at the optimum and it matches a direct evaluation', async () => {
    const t = d2l();
    const f = await computeFit(t, design({ features: ['x1'] }), opts);
    const L = f.payload.landscape!;
    expect([L.aName, L.bName]).toEqual(['w (x1)', 'b']);
    expect(L.a.length).toBe(41);
    // covers the SGD start θ ≈ 0
    expect(Math.min(...L.a)).toBeLessThan(0);
    expect(Math.min(...L.b)).toBeLessThan(0);
    const [i, j] = [7, 30];
    const w = L.a[j];
    const b = L.b[i];
    let s = 0;
    for (let r = 0; r < t.rowCount; r++) s += (t.columns[2][r] - b - w * t.columns[0][r]) ** 2;
    expect(L.loss[i][j]).toBeCloseTo(s / t.rowCount, 9);
    const min = Math.min(...L.loss.flat());
    expect(min).toBe(L.loss[20][20]);
    expect(L.optimum[0]).toBeCloseTo(L.a[20], 12);
  });

  it('chosen landscape axes: the grid is the exact MSE over those two coefficients, others at the optimum', async () => {
    const t = d2l();
    const f = await computeFit(t, design(), opts);
    const coef = f.payload.coefficients;
    const L = lossLandscape(f.spec, f.result, f.columns, 21, [2, 0])!;
    expect([L.aIndex, L.bIndex, L.aName, L.bName]).toEqual([2, 0, 'w (x2)', 'b']);
    expect(L.optimum[0]).toBeCloseTo(coef[2], 12);
    expect(L.optimum[1]).toBeCloseTo(coef[0], 12);
    for (const [i, j] of [[3, 17], [10, 10], [0, 20]]) {
      const w2 = L.a[j];
      const b = L.b[i];
      let s = 0;
      for (let r = 0; r < t.rowCount; r++) s += (t.columns[2][r] - b - coef[1] * t.columns[0][r] - w2 * t.columns[1][r]) ** 2;
      expect(L.loss[i][j]).toBeCloseTo(s / t.rowCount, 9);
    }
    expect(Math.min(...L.loss.flat())).toBe(L.loss[10][10]);
    // the default axes are unchanged
    expect(lossLandscape(f.spec, f.result, f.columns)).toMatchObject({ aIndex: 1, bIndex: 2 });
  });

  it('invalid landscape axes are refused: equal, out of range, non-integer', async () => {
    const f = await computeFit(d2l(), design(), opts);
    expect(validLandscapeAxes(f.result, 0, 1)).toBe(true);
    expect(validLandscapeAxes(f.result, 1, 1)).toBe(false);
    expect(validLandscapeAxes(f.result, 0, 3)).toBe(false);
    expect(validLandscapeAxes(f.result, 0.5, 1)).toBe(false);
    expect(() => lossLandscape(f.spec, f.result, f.columns, 21, [0, 3])).toThrow(RangeError);
  });

  it('plots a uniform sample of a large table but computes statistics on every row', async () => {
    const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, 20_000, D2L_TRUE.noise, createRng(3));
    const f = await computeFit(t, design(), { maxPlotPoints: 500, seed: 0 });
    expect(f.payload.sample.shown).toBe(500);
    expect(f.payload.sample.total).toBe(20_000);
    expect(f.payload.summary.n).toBe(20_000);
    expect(f.payload.sample.features.length).toBe(2);
    expect(f.payload.sample.y.length).toBe(500);
  });

  it('the constant model says its estimate is the mean', async () => {
    const t = d2l();
    const f = await computeFit(t, design({ features: [] }), opts);
    const mean = t.columns[2].reduce((a, b) => a + b, 0) / t.rowCount;
    expect(f.payload.coefficients[0]).toBeCloseTo(mean, 12);
    expect(f.payload.summary.note).toMatch(/mean of y/);
    expect(f.payload.landscape).toBeNull();
    expect(f.payload.curve).toBeNull();
  });

  it('a polynomial of one feature gets a fitted curve over the feature range', async () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i / 10);
    const y = x.map((v) => 1 + 2 * v - 0.5 * v * v + Math.sin(v * 7) * 0.01);
    const f = await computeFit(makeTable(['x', 'y'], [x, y]), design({ features: ['x'], degree: 2 }), opts);
    expect(f.payload.termNames).toEqual(['(intercept)', 'x', 'x^2']);
    expect(f.payload.curve!.x[0]).toBe(0);
    expect(f.payload.curve!.x.at(-1)).toBeCloseTo(4.9, 12);
    expect(f.payload.curve!.yhat[0]).toBeCloseTo(1, 1);
  });

  it('a collinear column is dropped with a warning and nothing non-finite is sent', async () => {
    const t = d2l();
    const dup = makeTable(['x1', 'x2', 'y', 'x1copy'], [t.columns[0], t.columns[1], t.columns[2], Float64Array.from(t.columns[0], (v) => 2 * v)]);
    const f = await computeFit(dup, design({ features: ['x1', 'x1copy'] }), opts);
    expect(f.payload.summary.terms[2].dropped).toBe(true);
    expect(f.payload.summary.warnings.join(' ')).toMatch(/x1copy/);
    expect(f.payload.summary.terms[2].estimate).toBeNull();
    expect(deepFinite(f.payload)).toEqual([]);
  });

  it('more coefficients than rows is a RangeError in the user\'s terms; the input is not mutated', async () => {
    const t = makeTable(['x', 'y'], [Float64Array.of(1, 2), Float64Array.of(3, 4)]);
    Object.freeze(t.columns);
    await expect(computeFit(t, design({ features: ['x'], degree: 3 }), opts)).rejects.toThrow(RangeError);
    await expect(computeFit(t, design({ target: 'nope' }), opts)).rejects.toThrow(/no column named "nope"/);
  });

  it('cancels through the checkpoint', async () => {
    const t = d2l();
    await expect(
      computeFit(t, design(), {
        ...opts,
        checkpoint: async () => {
          throw new Error('cancelled');
        },
      }),
    ).rejects.toThrow('cancelled');
  });
});

describe('TrainingSession', () => {
  it('reproduces the chapter: 3 epochs at η = 0.03 reach the closed form; the same seed gives the same run', async () => {
    const f = await computeFit(d2l(), design(), opts);
    const run = () => {
      const s = new TrainingSession(f, params());
      const sink = new StepDecimator(1000);
      const r = s.advance(10_000, sink);
      return { s, r, steps: sink.take() };
    };
    const a = run();
    expect(a.r.steps).toBe(300);
    expect(a.r.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(a.r.epochs[2].trainLoss).toBeLessThan(1e-4);
    expect(a.s.distance()).toBeLessThan(0.01);
    expect(a.s.theta()[0]).toBeCloseTo(4.2, 2);
    const b = run();
    expect(b.s.theta()).toEqual(a.s.theta());
    expect(b.steps.map((s) => s.batchLoss)).toEqual(a.steps.map((s) => s.batchLoss));
    expect(a.s.optimumLoss).toBeLessThan(a.r.epochs[0].trainLoss);
  });

  it('standardized training reports θ in original units', async () => {
    const t = makeTable(['x', 'y'], [
      Float64Array.from({ length: 500 }, (_, i) => 1000 + i),
      Float64Array.from({ length: 500 }, (_, i) => 3 + 0.5 * (1000 + i) + ((i * 7919) % 13) / 100),
    ]);
    const f = await computeFit(t, design({ features: ['x'], standardize: true }), opts);
    const s = new TrainingSession(f, params({ learningRate: 0.1, epochs: 30 }));
    s.advance(1e6, new StepDecimator());
    expect(s.trainer.diverged).toBeNull();
    const th = s.theta();
    expect(th[1]).toBeCloseTo(f.payload.coefficients[1], 3);
    expect(th[0]).toBeCloseTo(f.payload.coefficients[0], 0);
  });

  it('η changes take effect without a reset', async () => {
    const f = await computeFit(d2l(), design(), opts);
    const s = new TrainingSession(f, params());
    const sink = new StepDecimator();
    s.advance(5, sink);
    s.setLearningRate(0.001);
    s.advance(1, sink);
    const steps = sink.take();
    expect(steps.at(-1)!.learningRate).toBe(0.001);
    expect(steps.at(-1)!.globalStep).toBe(5);
    expect(() => s.setLearningRate(-1)).toThrow(RangeError);
  });

  it('a diverging η stops with epoch, step and a stable η; no non-finite step is kept', async () => {
    const f = await computeFit(d2l(), design(), opts);
    const s = new TrainingSession(f, params({ learningRate: 5, epochs: 50 }));
    const sink = new StepDecimator();
    s.advance(1e6, sink);
    const d = s.trainer.diverged!;
    expect(d).not.toBeNull();
    expect(d.message).toMatch(/epoch \d+, step \d+/);
    expect(d.suggestedLearningRate).toBeGreaterThan(0);
    expect(d.suggestedLearningRate).toBeLessThan(5);
    expect(deepFinite(sink.take())).toEqual([]);
  });

  it('a validation split reports validation losses', async () => {
    const f = await computeFit(d2l(), design({ validationFraction: 0.2 }), opts);
    const s = new TrainingSession(f, params({ epochs: 1 }));
    const r = s.advance(1e6, new StepDecimator());
    expect(r.steps).toBe(80);
    expect(r.epochs[0].validationLoss).not.toBeNull();
  });
});

describe('StepDecimator', () => {
  const step = (g: number, loss = 1) => ({ globalStep: g, epoch: 0, step: g, learningRate: 0.1, batchLoss: loss, theta: [0], distance: 1 });
  it('keeps at most cap steps, evenly spread, always the latest', () => {
    const d = new StepDecimator(50);
    for (let g = 0; g < 10_000; g++) if (d.wants(g) || g === 9999) d.add(step(g));
    const out = d.take();
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out.length).toBeGreaterThan(20);
    expect(out.at(-1)!.globalStep).toBe(9999);
    expect(d.take()).toEqual([]);
  });
  it('drops non-finite steps', () => {
    const d = new StepDecimator();
    d.add(step(0, NaN));
    d.add(step(1, Infinity));
    d.add(step(2));
    expect(d.take().map((s) => s.globalStep)).toEqual([2]);
  });
});

describe('RunHistory', () => {
  const st = (g: number) => ({ globalStep: g, epoch: 0, step: g, learningRate: 0.1, batchLoss: 1, theta: [g], distance: 1 });
  const ep = (e: number) => ({ epoch: e, trainLoss: 1, validationLoss: null, distance: 1 });
  it('keeps the run as sent, bounded, with its first and latest entries', () => {
    const h = new RunHistory(100);
    for (let g = 0; g < 1000; g += 10) h.add(Array.from({ length: 10 }, (_, k) => st(g + k)), [ep(g / 10)]);
    expect(h.steps.length).toBeLessThan(100);
    expect(h.steps.length).toBeGreaterThanOrEqual(50);
    expect(h.steps[0].globalStep).toBe(0);
    expect(h.steps.at(-1)!.globalStep).toBe(999);
    const gs = h.steps.map((s) => s.globalStep);
    expect(gs).toEqual([...gs].sort((a, b) => a - b));
    expect(h.epochs.length).toBeLessThan(100);
    expect(h.epochs[0].epoch).toBe(0);
    expect(h.epochs.at(-1)!.epoch).toBe(99);
    h.clear();
    expect([h.steps.length, h.epochs.length]).toEqual([0, 0]);
  });
});
