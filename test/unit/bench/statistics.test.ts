import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../../src/core/random';
import { mean, median, pairedRatio, quantileSorted, relativeMarginOfError, sampleSd, summarize } from '../../../src/bench/statistics';

// Reference values from NumPy (np.percentile default = type 7, std(ddof=1)) and SciPy (t.ppf).
const d = Object.freeze([12.5, 9.75, 11.0, 30.25, 10.5, 10.0, 9.5, 11.25, 10.75, 12.0]);

describe('bench statistics', () => {
  it('summarizes against hand-computed values', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s).toMatchObject({ samples: 4, medianNs: 2.5, meanNs: 2.5, minNs: 1, maxNs: 4, p75Ns: 3.25 });
    expect(s.sdNs).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(s.p99Ns).toBeCloseTo(3.97, 14);
    expect(s.rme).toBeCloseTo(82.17041027042083, 9); // 3.182446 · 1.290994 / 2 / 2.5 · 100
  });

  it('matches NumPy/SciPy on an unsorted sample with an outlier, without mutating it', () => {
    const s = summarize(d);
    expect(s.medianNs).toBe(10.875);
    expect(s.meanNs).toBeCloseTo(12.75, 14);
    expect(s.sdNs).toBeCloseTo(6.2216021516433635, 12);
    expect(s.p75Ns).toBeCloseTo(11.8125, 14);
    expect(s.p99Ns).toBeCloseTo(28.6525, 12);
    expect(s.rme).toBeCloseTo(34.90718482651001, 9);
    expect(s.minNs).toBe(9.5);
    expect(s.maxNs).toBe(30.25);
    expect(d[0]).toBe(12.5);
  });

  it('relative margin of error: t(0.975, 2) · sd / √n / mean', () => {
    expect(relativeMarginOfError([9, 10, 11])).toBeCloseTo(24.841377117503303, 9);
  });

  it('decides the degenerate cases: no samples, one sample, constant samples', () => {
    const none = summarize([]);
    expect([none.samples, none.medianNs, none.meanNs, none.sdNs, none.minNs, none.p99Ns, none.rme].slice(1).every(Number.isNaN)).toBe(true);
    expect(none.samples).toBe(0);
    const one = summarize([7]);
    expect(one).toMatchObject({ medianNs: 7, meanNs: 7, sdNs: 0, minNs: 7, p75Ns: 7, p99Ns: 7 });
    expect(one.rme).toBeNaN();
    const flat = summarize([5, 5, 5]);
    expect([flat.sdNs, flat.rme]).toEqual([0, 0]);
    expect(median([])).toBeNaN();
    expect(mean([])).toBeNaN();
    expect(sampleSd([])).toBeNaN();
  });

  it('sd keeps its digits with a large offset (two-pass)', () => {
    expect(sampleSd([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 12);
  });

  it('quantiles are monotone in p and stay within [min, max]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p, q) => {
        const s = Float64Array.from(xs).sort();
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        const a = quantileSorted(s, lo);
        const b = quantileSorted(s, hi);
        return a <= b + 1e-9 * Math.max(1, Math.abs(b)) && a >= s[0] && b <= s[s.length - 1];
      }),
    );
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
  });

  describe('paired bootstrap ratio', () => {
    it('an exact constant ratio has a zero-width interval', () => {
      const fast = [1, 1.2, 0.9, 1.1, 1.05, 0.95];
      const r = pairedRatio(fast.map((x) => 100 * x), fast, createRng(0));
      expect(r.factor).toBeCloseTo(100, 12);
      expect(r.ci95[0]).toBeCloseTo(100, 12);
      expect(r.ci95[1]).toBeCloseTo(100, 12);
    });

    it('factor is the ratio of medians; the interval brackets it and is reproducible by seed', () => {
      const slow = [20, 22, 21, 25, 19, 21.5, 20.5, 23, 22.5, 20];
      const fast = [2, 2.1, 2, 2.4, 1.9, 2.05, 2, 2.2, 2.3, 1.95];
      const r = pairedRatio(slow, fast, createRng(7));
      expect(r.factor).toBeCloseTo(median(slow) / median(fast), 14);
      expect(r.ci95[0]).toBeLessThanOrEqual(r.factor);
      expect(r.ci95[1]).toBeGreaterThanOrEqual(r.factor);
      expect(r.ci95[1] - r.ci95[0]).toBeLessThan(1.5);
      expect(pairedRatio(slow, fast, createRng(7))).toEqual(r);
    });

    it('pairing cancels drift shared by both variants', () => {
      // Both variants slow down together over the run (thermal drift): the per-round ratio is 10.
      const drift = Array.from({ length: 20 }, (_, i) => 1 + i / 10);
      const r = pairedRatio(drift.map((x) => 10 * x), drift, createRng(1));
      expect(r.ci95[1] - r.ci95[0]).toBeLessThan(1e-9);
    });

    it('one pair gives [f, f]; none gives NaN; unequal counts throw', () => {
      expect(pairedRatio([6], [2], createRng(0))).toEqual({ factor: 3, ci95: [3, 3] });
      expect(pairedRatio([], [], createRng(0)).factor).toBeNaN();
      expect(() => pairedRatio([1, 2], [1], createRng(0))).toThrow(/equal counts/);
    });
  });
});
