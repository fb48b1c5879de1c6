import type { RowBlock } from './table';
import type { DesignPlan } from './least-squares-plan';
import { checkBlock } from './least-squares-factor';
import { SPLITTER } from './double-double';

/**
 * The mergeable state of one refinement pass. For the current coefficients a (shifted
 * basis, double-double) every row's design entries z (powers included) and residual
 * r = y − z·a are evaluated in double-double from the raw values, and the pass sums
 *   g = Zᵀr, Σr², Σ(y − c_y), Σ(y − c_y)², and optionally the Gram matrix ZᵀZ,
 * each as a compensated (Ogita–Rump–Oishi Dot2) accumulator: a pair (S, C) whose sum
 * carries about twice double precision. Plain data: typed arrays and numbers.
 */
export interface RefineState {
  readonly kind: 'refine';
  readonly plan: DesignPlan;
  /** The design columns in the fit (the others were dropped as collinear). */
  readonly keep: Int32Array;
  /** Current coefficients of the kept columns (shifted basis), hi and lo parts. */
  readonly coefHi: Float64Array;
  readonly coefLo: Float64Array;
  /** Whether the Gram matrix is accumulated in this pass. */
  readonly gram: boolean;
  n: number;
  /** Zᵀr: (S, C) per kept column, interleaved. */
  readonly g: Float64Array;
  /** [Σr² S, C, Σ(y−c) S, C, Σ(y−c)² S, C]. */
  readonly sums: Float64Array;
  /** ZᵀZ upper triangle, (S, C) at 2·(q + q2·k) for q ≤ q2; empty when `gram` is false. */
  readonly gramSums: Float64Array;
}

/** An empty refinement state for the given kept columns and coefficients. */
export function emptyRefineState(
  plan: DesignPlan,
  keep: Int32Array,
  coefHi: Float64Array,
  coefLo: Float64Array,
  gram: boolean,
): RefineState {
  const k = keep.length;
  return {
    kind: 'refine',
    plan,
    keep: Int32Array.from(keep),
    coefHi: Float64Array.from(coefHi),
    coefLo: Float64Array.from(coefLo),
    gram,
    n: 0,
    g: new Float64Array(2 * k),
    sums: new Float64Array(6),
    gramSums: new Float64Array(gram ? 2 * k * k : 0),
  };
}

/** Rows processed per chunk: the dd design of a chunk stays in cache. */
const CHUNK = 256;
// Module-level scratch: the kernels are synchronous, so one set serves every call.
let ZH = new Float64Array(0);
let ZL = new Float64Array(0);
const RH = new Float64Array(CHUNK);
const RL = new Float64Array(CHUNK);

/**
 * Accumulates one block (mutates `state`, never the block). The data are assumed to
 * have passed the factor pass's finiteness checks (same rows every pass).
 */
export function addRowsToRefine(state: RefineState, block: RowBlock): void {
  const { plan, keep, coefHi, coefLo, g, sums, gramSums } = state;
  checkBlock(plan, block);
  const k = keep.length;
  if (ZH.length < k * CHUNK) {
    ZH = new Float64Array(k * CHUNK);
    ZL = new Float64Array(k * CHUNK);
  }
  const zh = ZH;
  const zl = ZL;
  const y = block.columns[plan.target];
  const cy = plan.targetShift;
  for (let start = 0; start < block.rowCount; start += CHUNK) {
    const len = Math.min(CHUNK, block.rowCount - start);
    // r = (RH, RL) starts as y; RL collects the low-order terms (Dot2 style)
    for (let t = 0; t < len; t++) {
      RH[t] = y[start + t];
      RL[t] = 0;
    }
    for (let q = 0; q < k; q++) {
      const j = keep[q];
      const zo = q * CHUNK;
      const s = plan.source[j];
      if (s < 0) {
        for (let t = 0; t < len; t++) {
          zh[zo + t] = 1;
          zl[zo + t] = 0;
        }
      } else {
        const x = block.columns[s];
        const c = plan.shift[j];
        const pw = plan.power[j];
        const prev = q > 0 ? keep[q - 1] : -1;
        const reuse = pw > 1 && prev >= 0 && plan.source[prev] === s && plan.power[prev] === pw - 1;
        for (let t = 0; t < len; t++) {
          // d = x − c exactly (TwoSum)
          const xv = x[start + t];
          const dh = xv - c;
          const bb = dh - xv;
          const dl = xv - (dh - bb) + (-c - bb);
          if (pw === 1) {
            zh[zo + t] = dh;
            zl[zo + t] = dl;
            continue;
          }
          let ph: number;
          let pl: number;
          let times: number;
          if (reuse) {
            ph = zh[zo - CHUNK + t];
            pl = zl[zo - CHUNK + t];
            times = 1;
          } else {
            ph = dh;
            pl = dl;
            times = pw - 1;
          }
          let tt = SPLITTER * dh;
          const d1 = tt - (tt - dh);
          const d2 = dh - d1;
          for (let m = 0; m < times; m++) {
            // (ph, pl) ← (ph, pl)·(dh, dl)
            const pr = ph * dh;
            tt = SPLITTER * ph;
            const p1 = tt - (tt - ph);
            const p2 = ph - p1;
            const e = p2 * d2 - (((pr - p1 * d1) - p2 * d1) - p1 * d2) + (ph * dl + pl * dh);
            ph = pr + e;
            pl = e - (ph - pr);
          }
          zh[zo + t] = ph;
          zl[zo + t] = pl;
        }
      }
      // r −= a_q · z_q
      const ah = coefHi[q];
      const al = coefLo[q];
      if (ah === 0 && al === 0) continue;
      let tt = SPLITTER * ah;
      const a1 = tt - (tt - ah);
      const a2 = ah - a1;
      for (let t = 0; t < len; t++) {
        const h = zh[zo + t];
        const l = zl[zo + t];
        const pr = ah * h;
        tt = SPLITTER * h;
        const h1 = tt - (tt - h);
        const h2 = h - h1;
        const pe = a2 * h2 - (((pr - a1 * h1) - a2 * h1) - a1 * h2);
        const s0 = RH[t];
        const sn = s0 - pr;
        const bb = sn - s0;
        const err = s0 - (sn - bb) + (-pr - bb);
        RH[t] = sn;
        RL[t] += err - pe - (ah * l + al * h);
      }
    }
    // normalize r and accumulate Σr², Σ(y − c), Σ(y − c)²
    let rS = sums[0];
    let rC = sums[1];
    let yS = sums[2];
    let yC = sums[3];
    let qS = sums[4];
    let qC = sums[5];
    for (let t = 0; t < len; t++) {
      const s0 = RH[t];
      const e0 = RL[t];
      const rh = s0 + e0;
      const rl = e0 - (rh - s0);
      RH[t] = rh;
      RL[t] = rl;
      let pr = rh * rh;
      let tt = SPLITTER * rh;
      let h1 = tt - (tt - rh);
      let h2 = rh - h1;
      let pe = h2 * h2 - (((pr - h1 * h1) - h2 * h1) - h1 * h2);
      let sn = rS + pr;
      let bb = sn - rS;
      rC += rS - (sn - bb) + (pr - bb) + pe + 2 * rh * rl;
      rS = sn;
      // d = y − c exactly
      const yv = y[start + t];
      const dh = yv - cy;
      bb = dh - yv;
      const dl = yv - (dh - bb) + (-cy - bb);
      sn = yS + dh;
      bb = sn - yS;
      yC += yS - (sn - bb) + (dh - bb) + dl;
      yS = sn;
      pr = dh * dh;
      tt = SPLITTER * dh;
      h1 = tt - (tt - dh);
      h2 = dh - h1;
      pe = h2 * h2 - (((pr - h1 * h1) - h2 * h1) - h1 * h2);
      sn = qS + pr;
      bb = sn - qS;
      qC += qS - (sn - bb) + (pr - bb) + pe + 2 * dh * dl;
      qS = sn;
    }
    sums[0] = rS;
    sums[1] = rC;
    sums[2] = yS;
    sums[3] = yC;
    sums[4] = qS;
    sums[5] = qC;
    // g = Zᵀr
    for (let q = 0; q < k; q++) {
      const zo = q * CHUNK;
      let S = g[2 * q];
      let C = g[2 * q + 1];
      for (let t = 0; t < len; t++) {
        const h = zh[zo + t];
        const l = zl[zo + t];
        const rh = RH[t];
        const pr = h * rh;
        let tt = SPLITTER * h;
        const h1 = tt - (tt - h);
        const h2 = h - h1;
        tt = SPLITTER * rh;
        const r1 = tt - (tt - rh);
        const r2 = rh - r1;
        const pe = h2 * r2 - (((pr - h1 * r1) - h2 * r1) - h1 * r2);
        const sn = S + pr;
        const bb = sn - S;
        C += S - (sn - bb) + (pr - bb) + pe + (h * RL[t] + l * rh);
        S = sn;
      }
      g[2 * q] = S;
      g[2 * q + 1] = C;
    }
    if (!state.gram) continue;
    // ZᵀZ, upper triangle
    for (let q2 = 0; q2 < k; q2++) {
      const bo = q2 * CHUNK;
      for (let q = 0; q <= q2; q++) {
        const ao = q * CHUNK;
        const at = 2 * (q + q2 * k);
        let S = gramSums[at];
        let C = gramSums[at + 1];
        for (let t = 0; t < len; t++) {
          const u = zh[ao + t];
          const v = zh[bo + t];
          const pr = u * v;
          let tt = SPLITTER * u;
          const u1 = tt - (tt - u);
          const u2 = u - u1;
          tt = SPLITTER * v;
          const v1 = tt - (tt - v);
          const v2 = v - v1;
          const pe = u2 * v2 - (((pr - u1 * v1) - u2 * v1) - u1 * v2);
          const sn = S + pr;
          const bb = sn - S;
          C += S - (sn - bb) + (pr - bb) + pe + (u * zl[bo + t] + zl[ao + t] * v);
          S = sn;
        }
        gramSums[at] = S;
        gramSums[at + 1] = C;
      }
    }
  }
  state.n += block.rowCount;
}

/** Adds (S, C) accumulator pairs of `b` into `a` elementwise (a is mutated). */
function addAccumulators(a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i += 2) {
    const s = a[i] + b[i];
    const bb = s - a[i];
    const e = a[i] - (s - bb) + (b[i] - bb);
    a[i] = s;
    a[i + 1] += b[i + 1] + e;
  }
}

/**
 * The sums over the rows of both states (a new state; inputs unchanged).
 * @throws RangeError when the states belong to different iterations or designs.
 */
export function mergeRefines(a: RefineState, b: RefineState): RefineState {
  const same =
    a.plan.p === b.plan.p &&
    a.gram === b.gram &&
    a.keep.length === b.keep.length &&
    a.keep.every((j, q) => j === b.keep[q]) &&
    a.coefHi.every((v, q) => Object.is(v, b.coefHi[q]) && Object.is(a.coefLo[q], b.coefLo[q]));
  if (!same) throw new RangeError('cannot merge refinement states of different iterations or designs');
  const out = emptyRefineState(a.plan, a.keep, a.coefHi, a.coefLo, a.gram);
  out.n = a.n + b.n;
  out.g.set(a.g);
  out.sums.set(a.sums);
  out.gramSums.set(a.gramSums);
  addAccumulators(out.g, b.g);
  addAccumulators(out.sums, b.sums);
  addAccumulators(out.gramSums, b.gramSums);
  return out;
}

/** The double-double value (hi, lo) of an (S, C) accumulator, written to out[k], out[k+1]. */
export function accumulatorValue(S: number, C: number, out: Float64Array, k: number): void {
  const s = S + C;
  const bb = s - S;
  const e = S - (s - bb) + (C - bb);
  out[k] = s;
  out[k + 1] = e;
}
