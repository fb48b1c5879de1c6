/**
 * The flat bottom of a least-absolute-deviations objective: when the minimiser is not unique,
 * the set of all minimisers is a polytope, and each coefficient ranges over an interval of it.
 *
 * Why it is exact: for a dual optimal d (|dᵢ| ≤ 1, Σ dᵢxᵢ = 0), θ minimises Σ|rᵢ| iff it is
 * complementary to d — rᵢ(θ)·dᵢ ≥ 0, and rᵢ(θ) = 0 where |dᵢ| < 1 (LP duality holds with any
 * dual optimum). Around a vertex θ* whose basis rows have |uᵢ| = 1 those rows may leave 0 in the
 * direction of their sign: θ = θ* + Σ t_q·D_q, t ≥ 0, subject to every other row keeping its sign.
 * A coefficient's extent is then a small LP in t (one variable per free basis row).
 */
import * as l10n from '@vscode/l10n';
import { formatCount, formatNumber } from './number-format';

/** The minimisers θ* + Σ t_q·D_q with t ≥ 0 and G·t ≤ h (θ as [b, w₁, …, w_d]). */
export interface FlatBottom {
  readonly directions: readonly Float64Array[];
  /** rows × directions.length, row-major; each row scaled to max |·| = 1. */
  readonly G: Float64Array;
  readonly h: Float64Array;
}

/**
 * Builds the face from its vertex data: the free directions, and for every other row i its
 * residual rᵢ at θ*, its dual sign dᵢ ∈ {−1, 0, 1}, and its rate aᵢ_q = xᵢ·D_q along each direction.
 */
export function flatBottom(directions: readonly Float64Array[], residual: Float64Array, dual: Int8Array, rate: (i: number, q: number) => number, skip: (i: number) => boolean): FlatBottom {
  const m = directions.length;
  const rows: number[][] = [];
  const h: number[] = [];
  const row = new Array<number>(m);
  for (let i = 0; i < residual.length; i++) {
    if (skip(i)) continue;
    let big = 0;
    for (let q = 0; q < m; q++) {
      row[q] = rate(i, q);
      big = Math.max(big, Math.abs(row[q]));
    }
    if (big === 0) continue;
    const s = dual[i];
    // dᵢ(rᵢ + aᵢ·t) ≥ 0  ⇔  −dᵢaᵢ·t ≤ dᵢrᵢ  (dᵢ = 0: aᵢ·t = 0, both ways)
    for (const sign of s === 0 ? [1, -1] : [s]) {
      rows.push(row.map((v) => (-sign * v) / big));
      h.push(Math.max(0, (sign * residual[i]) / big));
    }
  }
  return { directions, G: Float64Array.from(rows.flat()), h: Float64Array.from(h) };
}

/**
 * The least and greatest value of a linear function of θ over the minimisers, given its value at
 * θ* and along each direction. Undefined when the LP does not close (a numerical failure).
 */
export function rangeOver(face: FlatBottom, atVertex: number, along: readonly number[]): [number, number] | undefined {
  const hi = maximise(face, along);
  const lo = maximise(face, along.map((v) => -v));
  if (hi === undefined || lo === undefined) return undefined;
  return [atVertex - lo, atVertex + hi];
}

/**
 * max c·t subject to G·t ≤ h, t ≥ 0, with h ≥ 0 (the origin is feasible): the dictionary simplex
 * with Bland's rule (the faces are degenerate — rows at 0 — and Bland's rule cannot cycle).
 * Small: one column per free direction, usually one or two.
 */
function maximise(face: FlatBottom, c: readonly number[]): number | undefined {
  const m = c.length;
  const N = face.h.length;
  const A = Float64Array.from(face.G);
  const b = Float64Array.from(face.h);
  const cost = Float64Array.from(c);
  // variable ids: 0..m−1 the t's, m..m+N−1 the slacks
  const nonbasic = Int32Array.from({ length: m }, (_, j) => j);
  const basic = Int32Array.from({ length: N }, (_, i) => m + i);
  let cBig = 0;
  for (const v of c) cBig = Math.max(cBig, Math.abs(v));
  const eps = 1e-12;
  let z = 0;
  for (let iter = 0; iter < 50 * (N + m) + 100; iter++) {
    let j = -1;
    for (let l = 0; l < m; l++) if (cost[l] > eps * cBig && (j < 0 || nonbasic[l] < nonbasic[j])) j = l;
    if (j < 0) return z;
    let r = -1;
    let best = Infinity;
    for (let i = 0; i < N; i++) {
      const a = A[i * m + j];
      if (!(a > eps)) continue;
      const ratio = b[i] / a;
      if (ratio < best || (ratio === best && basic[i] < basic[r])) {
        best = ratio;
        r = i;
      }
    }
    if (r < 0) return undefined; // unbounded: the set of minimisers of Σ|r| is bounded for a full-rank X
    const a = A[r * m + j];
    b[r] /= a;
    for (let l = 0; l < m; l++) if (l !== j) A[r * m + l] /= a;
    A[r * m + j] = 1 / a;
    for (let i = 0; i < N; i++) {
      if (i === r) continue;
      const f = A[i * m + j];
      if (f === 0) continue;
      b[i] = Math.max(0, b[i] - f * b[r]);
      for (let l = 0; l < m; l++) if (l !== j) A[i * m + l] -= f * A[r * m + l];
      A[i * m + j] = -f * A[r * m + j];
    }
    const cj = cost[j];
    z += cj * b[r];
    for (let l = 0; l < m; l++) if (l !== j) cost[l] -= cj * A[r * m + l];
    cost[j] = -cj * A[r * m + j];
    [nonbasic[j], basic[r]] = [basic[r], nonbasic[j]];
  }
  return undefined;
}

/**
 * The minimisers' extent in words, the coefficients that move only:
 * "Intercept ∈ [0, 1], x ∈ [−1, 1]" (more than `max` of them: "… and 3 more").
 */
export function describeRanges(names: readonly string[], ranges: readonly (readonly [number, number])[], max = 4): string {
  const moving = names.flatMap((name, j) => (ranges[j][1] > ranges[j][0] ? [`${name} ∈ [${formatNumber(ranges[j][0])}, ${formatNumber(ranges[j][1])}]`] : []));
  const shown = moving.slice(0, max).join(', ');
  return moving.length > max ? l10n.t('{0} and {1} more', shown, formatCount(moving.length - max)) : shown;
}
