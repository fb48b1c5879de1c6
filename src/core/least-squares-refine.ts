import type { RowBlock } from './table';
import type { DesignPlan } from './least-squares-plan';
import { checkBlock, reportNonFinite } from './least-squares-factor';
import { SPLITTER } from './double-double';
import { gramScratch, type GramScratch } from './gram-kernels';

/**
 * The mergeable state of one refinement pass. For the current coefficients a (shifted
 * basis, double-double) every row's design entries z (powers included) and residual
 * r = y − z·a are evaluated in double-double from the raw values, and the pass sums
 *   g = Zᵀr, Σr², Σ(y − c_y), Σ(y − c_y)², and optionally the Gram matrix ZᵀZ,
 * each as a compensated (Ogita–Rump–Oishi Dot2) accumulator: a pair (S, C) whose sum
 * carries about twice double precision. Dot2 runs over chunks of CHUNK rows whose sums
 * are added into (S, C) by TwoSum, so an entry's error is about
 * ((CHUNK·u)² + n·u²)·Σ|terms| whatever n (not (n·u)²). Plain data: typed arrays and numbers.
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

/**
 * Rows processed per chunk: the dd design of a chunk stays in cache. Each chunk's sums
 * start from zero and are added to the pass's accumulators at the end of the chunk
 * (TwoSum), so the Dot2 error term is γ²_CHUNK instead of γ²_n. The Gram matrix's entries
 * sum a chunk in two lanes, even rows and odd rows (./gram-kernels.ts), joined by TwoSum.
 */
export const CHUNK = 256;
// Module-level scratch: the kernels are synchronous, so one set serves every call. ZH, ZL and Z1
// are the kernels' memory (./gram-kernels.ts: WebAssembly's where it runs): a column per kept
// design column at q·CHUNK, then the residual r = (RH, RL) at k·CHUNK.
let GRAM: GramScratch | undefined;
let ZH: Float64Array = new Float64Array(0);
let ZL: Float64Array = new Float64Array(0);
/** High halves (Veltkamp split) of ZH. */
let Z1: Float64Array = new Float64Array(0);
/** Per kept column: its chunk's nonzero rows (at q·CHUNK), and how many (−1: not sparse, use the dense kernels). */
let NZ = new Int32Array(0);
let NNZ = new Int32Array(0);

/** Adds a chunk's (s, c) accumulator to acc[at], acc[at + 1] (TwoSum on the high parts). */
function addChunk(acc: Float64Array, at: number, s: number, c: number): void {
  const S = acc[at];
  const sn = S + s;
  const bb = sn - S;
  acc[at] = sn;
  acc[at + 1] += S - (sn - bb) + (s - bb) + c;
}

/**
 * Accumulates one block (mutates `state`, never the block). The data are assumed to
 * have passed the factor pass's finiteness checks (same rows every pass).
 *
 * The work is split into small kernels over one chunk that take only typed arrays and
 * numbers: V8 optimizes them after a few chunks and never sees a block object in a hot loop.
 */
export function addRowsToRefine(state: RefineState, block: RowBlock): void {
  const { plan, keep, coefHi, coefLo, g, sums, gramSums } = state;
  checkBlock(plan, block);
  const k = keep.length;
  if (ZH.length < (k + 1) * CHUNK) {
    GRAM = gramScratch(k + 1, CHUNK);
    ZH = GRAM.zh;
    ZL = GRAM.zl;
    Z1 = GRAM.z1;
    NZ = new Int32Array(k * CHUNK);
    NNZ = new Int32Array(k);
  }
  const gram = GRAM!;
  const columns = block.columns;
  const rowCount = block.rowCount;
  const y = columns[plan.target];
  const cy = plan.targetShift;
  const icpt = k > 0 && plan.source[keep[0]] < 0;
  const ro = k * CHUNK;
  for (let start = 0; start < rowCount; start += CHUNK) {
    const len = Math.min(CHUNK, rowCount - start);
    // the kernels take rows in pairs: an odd count gets a row of zeros (r = 0, y = cy), which adds
    // exactly nothing
    const n2 = len + (len & 1);
    // r = (RH, RL) starts as y; RL collects the low-order terms (Dot2 style)
    gram.y.set(y.subarray(start, start + len));
    ZH.set(gram.y.subarray(0, len), ro);
    ZL.fill(0, ro, ro + n2);
    if (n2 !== len) {
      gram.y[len] = cy;
      ZH[ro + len] = 0;
    }
    for (let q = 0; q < k; q++) {
      const j = keep[q];
      const zo = q * CHUNK;
      const s = plan.source[j];
      if (s < 0) ones(zo, len);
      else {
        const pw = plan.power[j];
        if (pw === 1) {
          gram.x.set(columns[s].subarray(start, start + len));
          if (n2 !== len) gram.x[len] = plan.shift[j];
          gram.shifted(zo, n2, plan.shift[j]);
        }
        else {
          const prev = q > 0 ? keep[q - 1] : -1;
          const reuse = prev >= 0 && plan.source[prev] === s && plan.power[prev] === pw - 1;
          power(columns[s], start, len, plan.shift[j], zo, reuse ? 1 : pw - 1, reuse);
        }
      }
      if (n2 !== len) ZH[zo + len] = ZL[zo + len] = 0;
      // splits z once (reused by Zᵀr and the Gram matrix) and subtracts a·z from the residual
      gram.subtract(zo, ro, n2, coefHi[q], coefLo[q]);
    }
    // a non-finite value or an overflowing power makes r non-finite (0·∞ is NaN): the
    // one-pass mode's rows after the head are checked here, not by the factor pass
    if (!residualSums(gram, ro, n2, cy, sums)) reportNonFinite(plan, block, start, start + len);
    designTimesResidual(gram, k, n2, icpt, g);
    if (state.gram) {
      findSparse(k, len);
      gramChunk(k, len, icpt, gramSums);
    }
  }
  state.n += rowCount;
}

function ones(zo: number, len: number): void {
  ZH.fill(1, zo, zo + len);
  ZL.fill(0, zo, zo + len);
}

/** z = (x − c)^k in double-double: `times` products by x − c, from the previous column's power when `reuse`. */
function power(x: Float64Array, start: number, len: number, c: number, zo: number, times: number, reuse: boolean): void {
  const zh = ZH;
  const zl = ZL;
  for (let t = 0; t < len; t++) {
    const xv = x[start + t];
    const dh = xv - c;
    const bb = dh - xv;
    const dl = xv - (dh - bb) + (-c - bb);
    let ph = reuse ? zh[zo - CHUNK + t] : dh;
    let pl = reuse ? zl[zo - CHUNK + t] : dl;
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

/** Normalizes r and accumulates Σr², Σ(y − c), Σ(y − c)²; false (nothing added) when some r is not finite. */
function residualSums(gram: GramScratch, ro: number, n: number, cy: number, sums: Float64Array): boolean {
  gram.residual(ro, n, cy);
  const out = gram.out;
  let total = 0;
  for (let i = 0; i < 12; i++) total += out[i];
  if (!Number.isFinite(total)) return false;
  lanesInto(sums, 0, out, 0);
  lanesInto(sums, 2, out, 4);
  lanesInto(sums, 4, out, 8);
  return true;
}

/** g += Zᵀr over the chunk (the intercept's entry is Σr: no products), two columns at a time. */
function designTimesResidual(gram: GramScratch, k: number, n: number, icpt: boolean, g: Float64Array): void {
  const ro = k * CHUNK;
  let q = 0;
  if (icpt) {
    columnSum(ro, n, g, 0);
    q = 1;
  }
  for (; q + 1 < k; q += 2) {
    gram.dot2Pair(q * CHUNK, (q + 1) * CHUNK, ro, n);
    lanesInto(g, 2 * q, gram.out, 0);
    lanesInto(g, 2 * q + 2, gram.out, 4);
  }
  if (q < k) {
    gram.dot2(q * CHUNK, ro, n);
    lanesInto(g, 2 * q, gram.out, 0);
  }
}

/**
 * Marks the chunk's sparse columns (a category's dummies: at most a quarter of the rows are
 * nonzero) and lists their nonzero rows, for the Gram kernels to visit those rows only. A row
 * where z_q is exactly 0 (both halves) adds exactly 0 to every Dot2 accumulator of column q
 * (product, its error and the low-order terms are all 0), so skipping it gives the same sums,
 * bit for bit. Measured on a 200-level category (202 design columns): the Gram pass visits
 * ~400 products per row instead of ~20,000 (scripts/bench/formula-scale.mjs, BENCHMARKS.md).
 */
function findSparse(k: number, len: number): void {
  const zh = ZH;
  const zl = ZL;
  const most = len >> 2;
  for (let q = 0; q < k; q++) {
    const zo = q * CHUNK;
    let n = 0;
    for (let t = 0; t < len && n <= most; t++) if (zh[zo + t] !== 0 || zl[zo + t] !== 0) NZ[zo + n++] = t;
    NNZ[q] = n <= most ? n : -1;
  }
}

/** ZᵀZ += the chunk's, upper triangle (the intercept's entries are column sums and the row count). */
function gramChunk(k: number, len: number, icpt: boolean, gramSums: Float64Array): void {
  // the dense kernels take rows in pairs: addRowsToRefine made an odd count's extra row zeros
  const n2 = len + (len & 1);
  for (let q2 = 0; q2 < k; q2++) {
    const bo = q2 * CHUNK;
    const sparse2 = NNZ[q2] >= 0;
    let q = 0;
    if (icpt) {
      if (q2 === 0) addChunk(gramSums, 0, len, 0);
      else if (sparse2) columnSumSparse(bo, NNZ[q2], gramSums, 2 * q2 * k);
      else columnSum(bo, n2, gramSums, 2 * q2 * k);
      q = 1;
    }
    while (q <= q2) {
      const at = 2 * (q + q2 * k);
      if (sparse2 || NNZ[q] >= 0) {
        // the sparser column's nonzero rows
        const over = !sparse2 || (NNZ[q] >= 0 && NNZ[q] < NNZ[q2]) ? q : q2;
        dot2Sparse(q * CHUNK, bo, over * CHUNK, NNZ[over], gramSums, at);
        q++;
      } else if (q + 1 <= q2 && NNZ[q + 1] < 0) {
        // two entries of a column at a time share the loads of z_q2
        GRAM!.dot2Pair(q * CHUNK, (q + 1) * CHUNK, bo, n2);
        lanesInto(gramSums, at, GRAM!.out, 0);
        lanesInto(gramSums, 2 * (q + 1 + q2 * k), GRAM!.out, 4);
        q += 2;
      } else {
        GRAM!.dot2(q * CHUNK, bo, n2);
        lanesInto(gramSums, at, GRAM!.out, 0);
        q++;
      }
    }
  }
}

/** columnSum over the listed rows of a sparse column (the others are exactly 0). */
function columnSumSparse(bo: number, nnz: number, acc: Float64Array, at: number): void {
  const zh = ZH;
  const zl = ZL;
  const nz = NZ;
  let S = 0;
  let C = 0;
  for (let i = 0; i < nnz; i++) {
    const t = nz[bo + i];
    const v = zh[bo + t];
    const sn = S + v;
    const bb = sn - S;
    C += S - (sn - bb) + (v - bb) + zl[bo + t];
    S = sn;
  }
  addChunk(acc, at, S, C);
}

/** dot2 over the rows listed at `io` (a sparse column's nonzero rows: elsewhere a term is exactly 0). */
function dot2Sparse(ao: number, bo: number, io: number, nnz: number, acc: Float64Array, at: number): void {
  const zh = ZH;
  const zl = ZL;
  const z1 = Z1;
  const nz = NZ;
  let S = 0;
  let C = 0;
  for (let i = 0; i < nnz; i++) {
    const t = nz[io + i];
    const u = zh[ao + t];
    const v = zh[bo + t];
    const u1 = z1[ao + t];
    const v1 = z1[bo + t];
    const u2 = u - u1;
    const v2 = v - v1;
    const pr = u * v;
    const pe = u2 * v2 - (((pr - u1 * v1) - u2 * v1) - u1 * v2);
    const sn = S + pr;
    const bb = sn - S;
    C += S - (sn - bb) + (pr - bb) + pe + (u * zl[bo + t] + zl[ao + t] * v);
    S = sn;
  }
  addChunk(acc, at, S, C);
}

/** Σ z over a chunk's rows of the column at `bo` (n even: the extra row is zeros), into acc[at]. */
function columnSum(bo: number, n: number, acc: Float64Array, at: number): void {
  GRAM!.sum2(bo, n);
  lanesInto(acc, at, GRAM!.out, 0);
}

/** The two lanes of a Gram kernel's result (out[i..i+3]: S₀, S₁, C₀, C₁) added into acc[at] (TwoSum of the S). */
function lanesInto(acc: Float64Array, at: number, out: Float64Array, i: number): void {
  const s0 = out[i];
  const s1 = out[i + 1];
  const s = s0 + s1;
  const bb = s - s0;
  addChunk(acc, at, s, out[i + 2] + out[i + 3] + (s0 - (s - bb) + (s1 - bb)));
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
