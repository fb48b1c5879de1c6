/**
 * Least absolute deviations without a penalty, exactly: the simplex walk of Barrodale and Roberts
 * over a basis of k rows the fit interpolates. While some basis row's dual weight |u_q| exceeds
 * its weight, leave it along the edge that keeps the others at 0, to the weighted median of the
 * breakpoints (the row where the slope turns joins the basis). J never increases; the walk ends
 * at a vertex whose duals certify it.
 *
 * Degenerate data (integers, ties, repeated rows: many rows at 0 at once) is the hard case:
 * - repeated rows are merged into one with a weight (the same problem, far fewer ties);
 * - a row at 0 outside the basis keeps the side it came from (in the LP it is a basic slack at
 *   0, and its side says which slack), so a step along an edge can have length 0;
 * - after a step of length 0, Bland's rules (the smallest row leaves, the first breakpoint
 *   enters, ties to the smallest row): a cycle is all zero steps, and Bland's simplex cannot cycle.
 */
import { rankOf, solveDense } from './dense-solve';
import type { Examples } from './linear-model';
import { createRng } from './random';

export interface LadVertex {
  readonly w: Float64Array;
  readonly b: number;
  /** The rows the indices below refer to (repeated rows merged), and each one's weight (its count). */
  readonly rows: Examples;
  readonly weight: Float64Array;
  /** The k rows it interpolates. */
  readonly basis: readonly number[];
  /** Their dual weights: |u_q| ≤ weight (a free direction where it is equal). */
  readonly u: Float64Array;
  /** Every other row's dual sign (its side, ±1; basis rows 0). */
  readonly dual: Int8Array;
  /** The largest violation of the optimality conditions (0 for the walk: it is exact by construction). */
  readonly violation: number;
}

/**
 * The vertex, or undefined when the walk cannot certify one (a rank-deficient design; rounding).
 * @param start a good guess (least squares): its smallest residuals are the first basis
 */
export function ladSimplex(data: Examples, intercept: boolean, start: { w: ArrayLike<number>; b: number }): LadVertex | undefined {
  const { rows, weight } = mergeRepeats(data);
  const k = rows.d + (intercept ? 1 : 0);
  if (rows.n < k) return undefined;
  const r0 = residualsAt(rows, start.w, start.b);
  const basis = startBasis(rows, intercept, r0);
  if (!basis) return undefined;
  const side = Int8Array.from(r0, (v) => (v < 0 ? -1 : 1));
  // 1. on y + noise of 1e-8 relative (far above rounding, so no two rows tie even among 10⁶): the walk takes long steps, and ends at or
  //    next to the exact optimum (on integer data thousands of rows can sit on the optimal plane,
  //    and Bland's zero steps through them took a minute on 20,000 rows; this takes milliseconds)
  let scale = 0;
  for (const v of rows.y) scale = Math.max(scale, Math.abs(v));
  const rng = createRng(0);
  const noisy = { ...rows, y: Float64Array.from(rows.y, (v) => v + (scale || 1) * 1e-8 * (rng.uniform() - 0.5)) };
  const warm = walk(noisy, weight, intercept, basis, side);
  // 2. the exact walk from there: usually certified at once (the same basis and sides)
  const v = walk(rows, weight, intercept, warm?.basis ?? basis, warm?.side ?? side);
  return v && { w: v.w, b: v.b, rows, weight, basis: v.basis, u: v.u, dual: Int8Array.from(v.side, (s, i) => (v.basis.includes(i) ? 0 : s)), violation: 0 };
}

/** The first basis: the k rows with the smallest residuals that are independent. */
function startBasis(ex: Examples, intercept: boolean, r0: Float64Array): number[] | undefined {
  const { d } = ex;
  const off = intercept ? 1 : 0;
  const k = d + off;
  const order = Array.from(r0, (v, i) => [Math.abs(v), i] as const)
    .sort((a, b) => a[0] - b[0])
    .map((p) => p[1]);
  let basis: number[] = [];
  for (const i of order) {
    const trial = [...basis, i];
    const A = new Float64Array(trial.length * k);
    trial.forEach((r, q) => {
      for (let a = 0; a < k; a++) A[q * k + a] = off && a === 0 ? 1 : ex.x[r * d + a - off];
    });
    if (rankOf(A, trial.length, k) === trial.length) basis = trial;
    if (basis.length === k) return basis;
  }
  return undefined;
}

/** The walk from a basis and the other rows' sides, to a certified vertex (sides updated in place). */
function walk(
  ex: Examples,
  weight: Float64Array,
  intercept: boolean,
  first: readonly number[],
  sides: Int8Array,
): { w: Float64Array; b: number; basis: number[]; u: Float64Array; side: Int8Array } | undefined {
  const { n, d } = ex;
  const off = intercept ? 1 : 0;
  const k = d + off;
  const xi = (i: number, a: number) => (off && a === 0 ? 1 : ex.x[i * d + a - off]);
  let basis = [...first];
  const side = Int8Array.from(sides);
  const solve = (rhs: Float64Array, transpose: boolean) => {
    const A = new Float64Array(k * k);
    basis.forEach((r, q) => {
      for (let a = 0; a < k; a++) {
        if (transpose) A[a * k + q] = xi(r, a);
        else A[q * k + a] = xi(r, a);
      }
    });
    return solveDense(A, rhs, k);
  };
  let bland = false;
  let moved = true;
  let w: Float64Array = new Float64Array(d);
  let b = 0;
  let r: Float64Array = new Float64Array(n);
  for (let iter = 0; iter < 50 * n + 100; iter++) {
    // after a step of length 0 θ is where it was: solving the new basis would only add rounding,
    // which can flip a row at 0 to ±1e-16 and its side with it (and Bland's walk then cycles)
    if (moved) {
      const z = solve(Float64Array.from(basis, (i) => ex.y[i]), false);
      if (!z) return undefined;
      b = off ? z[0] : 0;
      w = Float64Array.from({ length: d }, (_, j) => z[off + j]);
      r = residualsAt(ex, w, b);
      // a residual within rounding of 0 is 0 (a row on the same plane is 1e-16 off, on either side)
      for (let i = 0; i < n; i++) {
        let size = Math.abs(ex.y[i]) + Math.abs(b);
        for (let j = 0; j < d; j++) size += Math.abs(ex.x[i * d + j] * w[j]);
        if (Math.abs(r[i]) <= 8 * Number.EPSILON * size) r[i] = 0;
      }
    }
    const inB = new Uint8Array(n);
    for (const i of basis) inB[i] = 1;
    const rhs = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      if (inB[i]) continue;
      if (r[i] !== 0) side[i] = r[i] > 0 ? 1 : -1;
      for (let a = 0; a < k; a++) rhs[a] -= weight[i] * side[i] * xi(i, a);
    }
    const u = solve(rhs, true);
    if (!u) return undefined;
    // the row to leave: the largest excess |u_q| − weight (Dantzig), or the smallest row (Bland)
    let q = -1;
    for (let p = 0; p < k; p++) {
      const excess = Math.abs(u[p]) - weight[basis[p]];
      if (!(excess > 1e-12 * weight[basis[p]])) continue;
      if (q < 0 || (bland ? basis[p] < basis[q] : excess > Math.abs(u[q]) - weight[basis[q]])) q = p;
    }
    if (q < 0) return { w, b, basis, u, side };
    // the edge: row q's residual moves by σt, the other basis rows stay at 0
    const sigma = u[q] > 0 ? 1 : -1;
    const e = new Float64Array(k);
    e[q] = sigma;
    const dir = solve(e, false);
    if (!dir) return undefined;
    let dirSize = 0;
    for (const v of dir) dirSize = Math.max(dirSize, Math.abs(v));
    // J(t) = Σ_{i∉B} ωᵢ|rᵢ + t aᵢ| + ω_q t: the slope starts at ω_q + Σ ωᵢsᵢaᵢ = ω_q − |u_q| < 0
    // and grows by 2ωᵢ|aᵢ| at each row that reaches 0 (a row at 0 moving against its side: at t = 0)
    let slope = weight[basis[q]];
    const points: { t: number; i: number; jump: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (inB[i]) continue;
      let a = 0;
      let size = 0;
      for (let c = 0; c < k; c++) {
        a += xi(i, c) * dir[c];
        size += Math.abs(xi(i, c));
      }
      // a row that does not move (on the line through another basis row: 0 but for rounding) cannot enter
      if (Math.abs(a) <= 1e-12 * size * dirSize) continue;
      slope += weight[i] * side[i] * a;
      if (side[i] * a < 0) points.push({ t: Math.max(0, -r[i] / a), i, jump: 2 * weight[i] * Math.abs(a) });
    }
    if (!(slope < 0)) return undefined; // rounding: u said descent, the rows say not
    points.sort((x, y) => x.t - y.t || x.i - y.i);
    let enter = -1;
    for (const p of points) {
      slope += p.jump;
      if (slope >= 0 || bland) {
        enter = p.i;
        bland = p.t === 0;
        moved = !bland;
        break;
      }
      side[p.i] = -side[p.i] as -1 | 1; // crossed 0
    }
    if (enter < 0) return undefined; // unbounded below: impossible for |·|, a numerical failure
    side[basis[q]] = sigma;
    basis = basis.map((i, p) => (p === q ? enter : i));
    if (!moved) r[enter] = 0;
  }
  return undefined;
}

/** ŷ − y for every row. */
export function residualsAt(ex: Examples, w: ArrayLike<number>, b: number): Float64Array {
  const { x, y, n, d } = ex;
  const r = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    let s = b;
    for (let j = 0; j < d; j++) s += x[o + j] * w[j];
    r[i] = s - y[i];
  }
  return r;
}

/**
 * Rows with the same x and y merged into one, weighted by their count (Σ ωᵢ|rᵢ| is the same
 * objective). Rows are bucketed by a hash of their bits, then compared exactly.
 */
export function mergeRepeats(ex: Examples): { rows: Examples; weight: Float64Array } {
  const { x, y, n, d } = ex;
  const bits = new Uint32Array(new Float64Array(1).buffer);
  const cell = new Float64Array(bits.buffer);
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashRange = 2 ** Math.min(32, 53 - indexBits);
  // hash·2^indexBits + i, sorted: equal hashes are neighbours, in row order
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = -1; j < d; j++) {
      cell[0] = j < 0 ? y[i] : x[i * d + j] + 0; // + 0: −0 and 0 are the same value
      h = Math.imul(h ^ bits[0], 0x01000193);
      h = Math.imul(h ^ bits[1], 0x01000193);
    }
    keys[i] = ((h >>> 0) % hashRange) * 2 ** indexBits + i;
  }
  keys.sort();
  const same = (a: number, b: number) => {
    if (y[a] !== y[b]) return false;
    for (let j = 0; j < d; j++) if (x[a * d + j] !== x[b * d + j]) return false;
    return true;
  };
  const mask = 2 ** indexBits;
  const owner = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; ) {
    const h = Math.floor(keys[s] / mask);
    let e = s + 1;
    while (e < n && Math.floor(keys[e] / mask) === h) e++;
    for (let p = s; p < e; p++) {
      const i = keys[p] % mask;
      if (owner[i] >= 0) continue;
      owner[i] = i;
      for (let q2 = p + 1; q2 < e; q2++) {
        const j = keys[q2] % mask;
        if (owner[j] < 0 && same(i, j)) owner[j] = i;
      }
    }
    s = e;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (owner[i] === i) m++;
  if (m === n) return { rows: ex, weight: new Float64Array(n).fill(1) };
  const slot = new Int32Array(n);
  const rx = new Float64Array(m * d);
  const ry = new Float64Array(m);
  const weight = new Float64Array(m);
  for (let i = 0, t = 0; i < n; i++) {
    if (owner[i] !== i) continue;
    slot[i] = t;
    ry[t] = y[i];
    for (let j = 0; j < d; j++) rx[t * d + j] = x[i * d + j];
    t++;
  }
  for (let i = 0; i < n; i++) weight[slot[owner[i]]]++;
  return { rows: { x: rx, y: ry, n: m, d }, weight };
}
