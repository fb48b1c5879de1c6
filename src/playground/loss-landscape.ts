/**
 * The loss landscape over two coefficients, for the contour chart with the SGD path on it.
 */
import type { DesignSpec } from '../core/design-matrix';
import type { LeastSquaresResult } from '../core/least-squares';
import type { LossLandscape } from '../protocol';

/** Grid points per axis of the loss landscape. */
export const LANDSCAPE_POINTS = 41;

/**
 * Which two coefficients the landscape shows: (w, b) for one term with an intercept,
 * else the first two fitted weights; null when fewer than two coefficients are fitted.
 */
export function landscapeAxes(spec: DesignSpec, result: Pick<LeastSquaresResult, 'terms'>): [number, number] | null {
  const off = spec.intercept ? 1 : 0;
  const live = spec.terms.map((_, j) => j + off).filter((k) => !result.terms[k].dropped);
  if (live.length >= 2) return [live[0], live[1]];
  if (live.length === 1 && spec.intercept && !result.terms[0].dropped) return [live[0], 0];
  return null;
}

/**
 * Whether (a, b) can be the landscape's axes: two distinct coefficient indices of fitted
 * (not dropped) terms. The message validation checks the shape; this checks the fit.
 */
export function validLandscapeAxes(result: Pick<LeastSquaresResult, 'terms'>, a: number, b: number): boolean {
  const ok = (k: number) => Number.isInteger(k) && k >= 0 && k < result.terms.length && !result.terms[k].dropped;
  return a !== b && ok(a) && ok(b);
}

/**
 * MSE over a grid of two coefficients (the others at the optimum). Exact and O(1) per point:
 * at the least-squares optimum θ* the gradient vanishes, so
 * MSE(θ* + δ) = RSS/n + δᵀ G δ / n with G the 2×2 block of X̃ᵀX̃ (X̃ = [1 X]) for the two axes.
 * `chosen` picks the two coefficients (see `validLandscapeAxes`); the default is `landscapeAxes`.
 * @throws RangeError for chosen axes the fit does not have
 */
export function lossLandscape(
  spec: DesignSpec,
  result: LeastSquaresResult,
  columns: readonly Float64Array[],
  points = LANDSCAPE_POINTS,
  chosen?: readonly [number, number],
): LossLandscape | null {
  if (chosen && !validLandscapeAxes(result, chosen[0], chosen[1])) {
    throw new RangeError(`the loss landscape needs two different fitted parameters, got indices ${chosen[0]} and ${chosen[1]} of ${result.terms.length}`);
  }
  const axes = chosen ? ([chosen[0], chosen[1]] as [number, number]) : landscapeAxes(spec, result);
  if (!axes) return null;
  const off = spec.intercept ? 1 : 0;
  const n = result.n;
  const col = (k: number): Float64Array | null => (spec.intercept && k === 0 ? null : columns[k - off]);
  const [ia, ib] = axes;
  const ca = col(ia);
  const cb = col(ib);
  let gaa = 0;
  let gab = 0;
  let gbb = 0;
  for (let i = 0; i < n; i++) {
    const xa = ca ? ca[i] : 1;
    const xb = cb ? cb[i] : 1;
    gaa += xa * xa;
    gab += xa * xb;
    gbb += xb * xb;
  }
  const name = (k: number) => (spec.intercept && k === 0 ? 'b' : `w (${spec.terms[k - off].name})`);
  const axis = (k: number) => {
    const c = result.coefficients[k];
    const se = result.terms[k].stdError;
    // ±3 SE, widened to cover the SGD start (θ ≈ 0) so the trajectory stays on the chart
    let half = Math.max(Number.isFinite(se) ? 3 * se : 0, 1.15 * Math.abs(c));
    if (!(half > 0)) half = 1;
    return Array.from({ length: points }, (_, j) => c - half + (2 * half * j) / (points - 1));
  };
  const a = axis(ia);
  const b = axis(ib);
  const ca0 = result.coefficients[ia];
  const cb0 = result.coefficients[ib];
  const base = result.rss / n;
  const loss = b.map((vb) => {
    const db = vb - cb0;
    return a.map((va) => {
      const da = va - ca0;
      return Math.max(0, base + (gaa * da * da + 2 * gab * da * db + gbb * db * db) / n);
    });
  });
  return { aName: name(ia), bName: name(ib), aIndex: ia, bIndex: ib, a, b, loss, optimum: [ca0, cb0] };
}
