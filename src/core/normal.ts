import pdf from '@stdlib/stats-base-dists-normal-pdf';
import logpdf from '@stdlib/stats-base-dists-normal-logpdf';
import cdf from '@stdlib/stats-base-dists-normal-cdf';
import quantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Rng } from './random';

/** Density of N(mu, sigma²) at x (d2l's `normal(x, mu, sigma)`). */
export function normalPdf(x: number, mu = 0, sigma = 1): number {
  return pdf(x, mu, sigma);
}

export function normalLogPdf(x: number, mu = 0, sigma = 1): number {
  return logpdf(x, mu, sigma);
}

export function normalCdf(x: number, mu = 0, sigma = 1): number {
  return cdf(x, mu, sigma);
}

/** Inverse cdf; p in (0, 1). */
export function normalQuantile(p: number, mu = 0, sigma = 1): number {
  return quantile(p, mu, sigma);
}

/** n seeded draws from N(mu, sigma²). */
export function sampleNormal(n: number, mu: number, sigma: number, rng: Rng): Float64Array {
  if (!(sigma > 0)) throw new RangeError(`σ must be > 0, got ${sigma}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal(mu, sigma);
  return out;
}

/** MLE of the noise variance under Gaussian noise: σ̂² = RSS / n. */
export function mleVariance(rss: number, n: number): number {
  if (n <= 0) throw new RangeError('the MLE of σ² needs at least one row');
  return rss / n;
}

/**
 * Gaussian negative log-likelihood of residuals under N(0, σ²):
 * n/2 · log(2πσ²) + Σ r² / (2σ²). With σ² = RSS/n it equals n/2 · (log(2π·RSS/n) + 1).
 */
export function gaussianNll(residuals: Float64Array, sigma: number): number {
  let rss = 0;
  for (let i = 0; i < residuals.length; i++) rss += residuals[i] * residuals[i];
  return nllFromRss(rss, residuals.length, sigma * sigma);
}

/** NLL from the residual sum of squares; `variance` defaults to the MLE RSS/n (the profile likelihood). */
export function nllFromRss(rss: number, n: number, variance = rss / n): number {
  if (variance === 0) return rss === 0 ? -Infinity : Infinity;
  return 0.5 * n * Math.log(2 * Math.PI * variance) + rss / (2 * variance);
}

/** One coordinate's profile: MSE and Gaussian NLL as that coefficient moves, the others fixed. */
export interface LossProfile {
  readonly name: string;
  readonly values: Float64Array;
  readonly mse: Float64Array;
  readonly nll: Float64Array;
  readonly argminMse: number;
  readonly argminNll: number;
}

/**
 * Shows that minimising the MSE and maximising the Gaussian likelihood pick the same
 * parameters: for each coefficient θ_j, vary it on a grid around `coef` (others fixed)
 * and evaluate MSE(θ) and the profile NLL(θ) = n/2 (log(2π·RSS(θ)/n) + 1). The NLL is a
 * strictly increasing function of RSS, so both have their minimum at the same grid point.
 * RSS along a coordinate is the exact quadratic RSS₀ − 2t·xⱼᵀr + t²·xⱼᵀxⱼ, so one pass over
 * the data serves every grid point.
 * @param columns the design's term columns (no intercept column); `intercept` adds b.
 */
export function likelihoodMseProfiles(
  columns: readonly Float64Array[],
  y: Float64Array,
  coef: { readonly w: ArrayLike<number>; readonly b: number },
  options: { names?: readonly string[]; points?: number; span?: number; intercept?: boolean } = {},
): LossProfile[] {
  const n = y.length;
  if (n === 0) throw new RangeError('no rows to profile');
  const points = options.points ?? 61;
  const intercept = options.intercept ?? true;
  const d = columns.length;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let yhat = intercept ? coef.b : 0;
    for (let j = 0; j < d; j++) yhat += coef.w[j] * columns[j][i];
    r[i] = y[i] - yhat;
  }
  let rss0 = 0;
  for (let i = 0; i < n; i++) rss0 += r[i] * r[i];
  const profiles: LossProfile[] = [];
  const coords: { name: string; center: number; xr: number; xx: number }[] = [];
  if (intercept) {
    let xr = 0;
    for (let i = 0; i < n; i++) xr += r[i];
    coords.push({ name: 'b', center: coef.b, xr, xx: n });
  }
  for (let j = 0; j < d; j++) {
    let xr = 0;
    let xx = 0;
    const c = columns[j];
    for (let i = 0; i < n; i++) {
      xr += c[i] * r[i];
      xx += c[i] * c[i];
    }
    coords.push({ name: options.names?.[j] ?? `w${j + 1}`, center: coef.w[j], xr, xx });
  }
  for (const c of coords) {
    const span = options.span ?? Math.max(1, Math.abs(c.center));
    const values = new Float64Array(points);
    const mse = new Float64Array(points);
    const nll = new Float64Array(points);
    let am = 0;
    let an = 0;
    for (let k = 0; k < points; k++) {
      const t = -span + (2 * span * k) / (points - 1);
      values[k] = c.center + t;
      const rss = Math.max(0, rss0 - 2 * t * c.xr + t * t * c.xx);
      mse[k] = rss / n;
      nll[k] = nllFromRss(rss, n);
      if (mse[k] < mse[am]) am = k;
      if (nll[k] < nll[an]) an = k;
    }
    profiles.push({ name: c.name, values, mse, nll, argminMse: am, argminNll: an });
  }
  return profiles;
}
