// Statistics of benchmark samples. Pure: no 'vscode', no 'node:*'; randomness is a parameter.
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import type { Rng } from '../core/random';

/** What one variant's samples (nanoseconds per iteration) say. */
export interface SampleSummary {
  /** Number of samples. */
  readonly samples: number;
  readonly medianNs: number;
  readonly meanNs: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single sample. */
  readonly sdNs: number;
  readonly minNs: number;
  readonly maxNs: number;
  readonly p75Ns: number;
  readonly p99Ns: number;
  /**
   * Relative margin of error in percent, as benchmark.js and tinybench define it: the half-width of
   * the 95% t confidence interval of the mean, over the mean (NaN with fewer than two samples).
   */
  readonly rme: number;
}

function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

/**
 * The p-quantile of sorted data by linear interpolation between order statistics (Hyndman–Fan
 * type 7, NumPy's and R's default): `quantileSorted([1, 2, 3, 4], 0.75)` is 3.25.
 * @returns NaN for empty data.
 * @throws RangeError when p is outside [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile needs p in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The median (NaN for empty data). @example median([3, 1, 2]) // 2 */
export function median(xs: readonly number[]): number {
  return quantileSorted(sortedCopy(xs), 0.5);
}

/** The arithmetic mean (NaN for empty data). */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation with n − 1 (two-pass, so a large offset loses no digits); 0 for one value, NaN for none. */
export function sampleSd(xs: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return NaN;
  if (n === 1) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Relative margin of error in percent: t(0.975, n − 1) · sd / √n / mean · 100.
 * NaN with fewer than two samples or a zero mean.
 * @example relativeMarginOfError([9, 10, 11]) // 24.84… (t = 4.303, sd = 1, mean = 10)
 */
export function relativeMarginOfError(xs: readonly number[]): number {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2 || m === 0) return NaN;
  return ((tquantile(0.975, n - 1) * sampleSd(xs)) / Math.sqrt(n) / Math.abs(m)) * 100;
}

/**
 * Summary statistics of samples in nanoseconds. The input is not mutated.
 * @returns NaN fields for no samples (never a misleading 0).
 * @example summarize([1, 2, 3, 4]).p75Ns // 3.25
 */
export function summarize(samplesNs: readonly number[]): SampleSummary {
  const s = sortedCopy(samplesNs);
  return {
    samples: s.length,
    medianNs: quantileSorted(s, 0.5),
    meanNs: mean(samplesNs),
    sdNs: sampleSd(samplesNs),
    minNs: s.length ? s[0] : NaN,
    maxNs: s.length ? s[s.length - 1] : NaN,
    p75Ns: quantileSorted(s, 0.75),
    p99Ns: quantileSorted(s, 0.99),
    rme: relativeMarginOfError(samplesNs),
  };
}

/** A ratio of two medians and its bootstrap percentile interval. */
export interface RatioEstimate {
  /** median(numerator) / median(denominator). */
  readonly factor: number;
  /** 95% percentile bootstrap interval over paired resamples. */
  readonly ci95: readonly [number, number];
}

/**
 * How many times slower `slow` is than `fast`: the ratio of their medians, with a 95% confidence
 * interval from a paired bootstrap. The samples are paired by round (sample i of each variant
 * ran back to back), so each resample draws round indices with replacement and keeps pairs
 * together, which carries the drift the two shared into the interval honestly.
 *
 * @param rng the source of randomness (seeded, so the same samples give the same interval)
 * @returns NaN for empty input; an interval [f, f] when there is a single pair.
 * @throws RangeError when the two sample lists differ in length (they are not paired).
 * @example pairedRatio([20, 22, 21], [2, 2.1, 2], createRng(0)).factor // 10.5
 */
export function pairedRatio(slow: readonly number[], fast: readonly number[], rng: Rng, resamples = 2000): RatioEstimate {
  if (slow.length !== fast.length) {
    throw new RangeError(`paired samples must have equal counts, got ${slow.length} and ${fast.length}`);
  }
  const n = slow.length;
  if (n === 0) return { factor: NaN, ci95: [NaN, NaN] };
  const factor = median(slow) / median(fast);
  if (n === 1) return { factor, ci95: [factor, factor] };
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = rng.integer(n);
      a[i] = slow[j];
      b[i] = fast[j];
    }
    a.sort();
    b.sort();
    ratios[r] = quantileSorted(a, 0.5) / quantileSorted(b, 0.5);
  }
  ratios.sort();
  return { factor, ci95: [quantileSorted(ratios, 0.025), quantileSorted(ratios, 0.975)] };
}
