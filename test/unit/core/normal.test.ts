import { describe, expect, it } from 'vitest';
import {
  normalPdf,
  normalLogPdf,
  normalCdf,
  normalQuantile,
  sampleNormal,
  gaussianNll,
  mleVariance,
  nllFromRss,
  likelihoodMseProfiles,
} from '../../../src/core/normal';
import { createRng } from '../../../src/core/random';
import { syntheticData, D2L_TRUE } from '../../../src/core/synthetic';

describe('normal distribution', () => {
  it('pdf, log-pdf, cdf and quantile agree with the closed forms', () => {
    for (const [x, mu, s] of [[0, 0, 1], [1.5, 0, 2], [3, 3, 1], [-2, 1, 0.5]]) {
      const expected = Math.exp(-((x - mu) ** 2) / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s);
      expect(normalPdf(x, mu, s)).toBeCloseTo(expected, 14);
      expect(normalLogPdf(x, mu, s)).toBeCloseTo(Math.log(expected), 12);
    }
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(normalCdf(0.3, 1, 2), 1, 2)).toBeCloseTo(0.3, 12);
  });

  it('samples with the requested mean and spread, reproducibly', () => {
    const a = sampleNormal(20000, 3, 2, createRng(5));
    const b = sampleNormal(20000, 3, 2, createRng(5));
    expect(a).toEqual(b);
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
    expect(m).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
    expect(() => sampleNormal(3, 0, 0, createRng(0))).toThrow(/σ must be > 0/);
  });

  it('Gaussian NLL equals the sum of −log pdf, and its minimum over σ is σ̂² = RSS/n', () => {
    const r = Float64Array.of(0.5, -1, 0.25, 2, -0.75);
    const sigma = 0.8;
    const direct = -Array.from(r).reduce((s, v) => s + normalLogPdf(v, 0, sigma), 0);
    expect(gaussianNll(r, sigma)).toBeCloseTo(direct, 12);
    const rss = Array.from(r).reduce((s, v) => s + v * v, 0);
    const s2 = mleVariance(rss, r.length);
    const best = nllFromRss(rss, r.length, s2);
    for (const f of [0.5, 0.9, 1.1, 2]) expect(nllFromRss(rss, r.length, s2 * f)).toBeGreaterThan(best);
    expect(() => mleVariance(1, 0)).toThrow();
  });

  it('minimising MSE and maximising likelihood give the same parameters', () => {
    const t = syntheticData(D2L_TRUE.w, D2L_TRUE.b, 500, 0.5, createRng(1));
    // Closed-form optimum for the profile centre: plain normal equations are fine here (well conditioned).
    const profiles = likelihoodMseProfiles(t.columns.slice(0, 2), t.columns[2], { w: [2, -3.4], b: 4.2 }, { points: 201, span: 0.5, names: ['x1', 'x2'] });
    expect(profiles.map((p) => p.name)).toEqual(['b', 'x1', 'x2']);
    for (const p of profiles) {
      expect(p.argminMse).toBe(p.argminNll);
      // The minimum is interior (the optimum is near the true values).
      expect(p.argminMse).toBeGreaterThan(0);
      expect(p.argminMse).toBeLessThan(200);
      // NLL is the increasing function n/2 (log(2π·MSE) + 1) of the MSE.
      const k = 17;
      expect(p.nll[k]).toBeCloseTo((500 / 2) * (Math.log(2 * Math.PI * p.mse[k]) + 1), 8);
    }
  });
});
