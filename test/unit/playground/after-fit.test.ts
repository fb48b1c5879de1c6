// The panel's after-the-fit pieces, computed as the worker computes them: robust standard errors
// (VIFs stay the classical ones), held-out scores of the closed form on SGD's split, the plot
// sample's rows, leverages and Cook's distances, and the saved model / what-if predictor.
import { describe, expect, it } from 'vitest';
import { fitLeastSquares } from '../../../src/core/least-squares';
import { designSpec } from '../../../src/core/design-matrix';
import { validationScores } from '../../../src/core/held-out';
import { createRng } from '../../../src/core/random';
import { D2L_TRUE, syntheticData } from '../../../src/core/synthetic';
import { makeTable } from '../../../src/core/table';
import { SandwichPass } from '../../../src/core/robust-covariance';
import type { DesignChoice } from '../../../src/protocol';
import { computeFit } from '../../../src/playground/fit-view';

const d2l = () => syntheticData(D2L_TRUE.w, D2L_TRUE.b, 400, D2L_TRUE.noise, createRng(3));
const design = (over: Partial<DesignChoice> = {}): DesignChoice => ({ target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0, ...over });
const opts = { maxPlotPoints: 5000, seed: 0 };

describe('the panel after the fit', () => {
  it('HC3 changes the standard errors and names the covariance; estimates and VIFs stay the classical ones', async () => {
    const table = d2l();
    const classical = await computeFit(table, design(), opts);
    const robust = await computeFit(table, design({ covType: 'HC3' }), opts);
    const a = classical.payload.summary;
    const b = robust.payload.summary;
    expect(b.covType).toBe('HC3');
    expect(b.terms.map((t) => t.estimate)).toEqual(a.terms.map((t) => t.estimate));
    expect(b.terms.map((t) => t.vif)).toEqual(a.terms.map((t) => t.vif));
    expect(b.terms[1].stdError).not.toBe(a.terms[1].stdError);
    // the same sandwich the CLI forms
    const fit = fitLeastSquares(table, designSpec(table.names, { target: 'y', features: ['x1', 'x2'] }));
    const pass = new SandwichPass(fit);
    pass.add({ columns: table.columns, rowCount: table.rowCount, firstRow: 0 });
    const V = pass.covariance('HC3', fit.dfResidual);
    b.terms.forEach((t, j) => expect(t.stdError).toBeCloseTo(Math.sqrt(V[j * 3 + j]), 14));
  });

  it('a validation fraction gives the closed form\'s held-out scores on the rows SGD holds out (its seed)', async () => {
    const table = d2l();
    const none = await computeFit(table, design(), opts);
    expect(none.payload.heldOut).toBeNull();
    const held = await computeFit(table, design({ validationFraction: 0.25 }), { ...opts, heldOutSeed: 7 });
    const expected = validationScores(table, designSpec(table.names, { target: 'y', features: ['x1', 'x2'] }), 0.25, 7);
    expect(held.payload.heldOut).toEqual(expected);
    expect(held.payload.heldOut!.validation.rows).toBe(100);
    // d2l's noise is 0.01: both parts score about that
    expect(held.payload.heldOut!.validation.rmse).toBeGreaterThan(0.007);
    expect(held.payload.heldOut!.validation.rmse).toBeLessThan(0.013);
  });

  it('each plotted point carries its file row, its leverage (they sum to p over all rows) and Cook\'s distance', async () => {
    const table = d2l();
    const numbers = Float64Array.from({ length: table.rowCount }, (_, i) => 10 + 2 * i);
    const f = await computeFit(table, design(), { ...opts, rowNumbers: numbers });
    const s = f.payload.sample;
    expect(s.shown).toBe(400);
    expect(s.rows).toEqual(Array.from(numbers));
    const h = s.leverage as number[];
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
    // Cook's D from its definition, e²h / (p σ̂² (1 − h)²)
    const sigma2 = f.result.residualStdDev ** 2;
    s.cooks.forEach((d, i) => expect(d).toBeCloseTo((s.residuals[i] ** 2 * h[i]) / (3 * sigma2 * (1 - h[i]) ** 2), 12));
  });

  it('a row far from the others has the largest leverage, and one off the line the largest Cook\'s distance', async () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => (i % 10) / 10);
    const y = Float64Array.from(x, (v, i) => 1 + 2 * v + ((i * 7) % 5) * 0.01);
    x[49] = 3; // far out, on the line
    y[49] = 1 + 2 * 3;
    y[20] += 5; // off the line
    const f = await computeFit(makeTable(['x', 'y'], [x, y]), design({ features: ['x'] }), opts);
    const s = f.payload.sample;
    const argmax = (v: readonly (number | null)[]) => v.indexOf(Math.max(...(v as number[])));
    expect(s.rows[argmax(s.leverage)]).toBe(50);
    expect(s.rows[argmax(s.cooks)]).toBe(21);
  });

  it('the saved model predicts what the fit predicts, with inputs for the what-if box at a typical row', async () => {
    const table = d2l();
    const f = await computeFit(table, design({ degree: 1 }), opts);
    expect(f.model.formula).toBe('y ~ x1 + x2');
    expect(f.payload.whatIf.map((w) => [w.name, w.kind])).toEqual([['x1', 'number'], ['x2', 'number']]);
    const row = { x1: '0.25', x2: '-1.5' };
    const r = f.predictor.predict((c) => row[c as 'x1' | 'x2']);
    if ('note' in r) throw new Error(r.note);
    const x1 = table.names.indexOf('x1');
    expect(r.prediction).toBe(f.result.predict((s) => (s === x1 ? 0.25 : -1.5)));
    expect(r.confidence[0]).toBeLessThan(r.prediction);
    expect(r.predictionInterval[0]).toBeLessThan(r.confidence[0]);
    expect(f.predictor.predict(() => 'abc')).toEqual({ note: 'x1 = "abc" is not a number' });
  });
});
