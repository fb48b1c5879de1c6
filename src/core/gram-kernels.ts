/**
 * The Gram matrix's Dot2 kernels (least-squares-refine.ts) over its scratch columns, two rows at a
 * time: even rows in one lane, odd rows in the other, each lane a Dot2 accumulator (S, C). In
 * WebAssembly SIMD where the platform has it (gram-kernels.wat: two lanes per instruction), else
 * the same operations in JavaScript. Each lane does the same operations in the same order in both,
 * so the bits are the same (unit-tested): which one ran never changes a fit.
 *
 * Measured on the 2-core machine (Node 20, 256-row chunks of 21 columns, products per second):
 * the one-accumulator JavaScript kernel 130 M, the two-lane JavaScript kernel 190 M (two
 * independent chains: the one-chain kernel waits on its additions), WebAssembly SIMD 420 M.
 */
import { SPLITTER } from './double-double';
import { GRAM_KERNELS_WASM } from './gram-kernels-wasm';
import { wasmModule } from './wasm-module';

/** Scratch columns and the kernels over them. */
export interface GramScratch {
  /** Values of the columns, `rows` apart (see least-squares-refine.ts), their low parts, and their Veltkamp high halves. */
  readonly zh: Float64Array;
  readonly zl: Float64Array;
  readonly z1: Float64Array;
  /** The target's values of a chunk (for {@link residual}), and a raw column's (for {@link shifted}). */
  readonly y: Float64Array;
  readonly x: Float64Array;
  /**
   * Σ z_a·z_b over rows [0, n) of the columns at element offsets `ao` and `bo` (n even: pad an
   * odd count with a zero row): lanes in out[0..3] as S₀, S₁, C₀, C₁.
   */
  dot2(ao: number, bo: number, n: number): void;
  /** dot2 of columns `ao` and `co` against `bo` at once: out[0..3] for `ao`, out[4..7] for `co`. */
  dot2Pair(ao: number, co: number, bo: number, n: number): void;
  /**
   * Row by row over [0, n): the high halves of column `zo` into z1, and r −= a·z in double-double,
   * r the column at `ro` (its values and low parts), a = (ah, al).
   */
  subtract(zo: number, ro: number, n: number, ah: number, al: number): void;
  /**
   * The residual column at `ro` normalised (TwoSum) with its high halves into z1, and the Dot2 sums
   * Σr², Σ(y − cy), Σ(y − cy)² over [0, n) in two lanes: out[0..3], out[4..7], out[8..11] (S₀, S₁, C₀,
   * C₁ each). n even: a padding row needs r = 0 and y = cy.
   */
  residual(ro: number, n: number, cy: number): void;
  /** z = x − c exactly (TwoSum) into the column at `zo` (values and low parts), rows [0, n). */
  shifted(zo: number, n: number, c: number): void;
  /** Σ z over rows [0, n) of the column at `ao` (n even), its low parts included: out[0..3] as S₀, S₁, C₀, C₁. */
  sum2(ao: number, n: number): void;
  readonly out: Float64Array;
  /** Whether the kernels are WebAssembly's. */
  readonly simd: boolean;
}

interface KernelExports {
  dot2(a: number, b: number, dl: number, d1: number, n: number, out: number): void;
  dot2Pair(a: number, c: number, b: number, dl: number, d1: number, n: number, out: number): void;
  subtract(z: number, r: number, dl: number, d1: number, n: number, ah: number, al: number): void;
  residual(r: number, y: number, dl: number, d1: number, n: number, cy: number, out: number): void;
  shifted(x: number, z: number, dl: number, n: number, c: number): void;
  sum2(a: number, dl: number, n: number, out: number): void;
}

/** Results of the kernels: dot2Pair's 8, residual's 12. */
const OUT = 12;

/**
 * Scratch for `columns` columns of `rows` values (and the target's `rows`). One block of memory
 * holds the arrays and the results (WebAssembly's memory when `simd` and available): it is never
 * grown, because growing a memory detaches its buffer, and a detached buffer makes V8 recompile
 * every typed-array function of the thread with a check per access.
 */
export function gramScratch(columns: number, rows: number, simd = true): GramScratch {
  const size = columns * rows;
  const bytes = 8 * (3 * size + 2 * rows + OUT);
  const module = simd ? wasmModule(GRAM_KERNELS_WASM) : null;
  if (module) {
    try {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
      const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
      const buffer = memory.buffer;
      const dl = 8 * size;
      const d1 = 16 * size;
      const yAt = 24 * size;
      const xAt = yAt + 8 * rows;
      const outAt = xAt + 8 * rows;
      return {
        zh: new Float64Array(buffer, 0, size),
        zl: new Float64Array(buffer, dl, size),
        z1: new Float64Array(buffer, d1, size),
        y: new Float64Array(buffer, yAt, rows),
        x: new Float64Array(buffer, xAt, rows),
        out: new Float64Array(buffer, outAt, OUT),
        dot2: (ao, bo, n) => k.dot2(8 * ao, 8 * bo, dl, d1, n, outAt),
        dot2Pair: (ao, co, bo, n) => k.dot2Pair(8 * ao, 8 * co, 8 * bo, dl, d1, n, outAt),
        subtract: (zo, ro, n, ah, al) => k.subtract(8 * zo, 8 * ro, dl, d1, n, ah, al),
        residual: (ro, n, cy) => k.residual(8 * ro, yAt, dl, d1, n, cy, outAt),
        shifted: (zo, n, c) => k.shifted(xAt, 8 * zo, dl, n, c),
        sum2: (ao, n) => k.sum2(8 * ao, dl, n, outAt),
        simd: true,
      };
    } catch {
      // no memory for it: the JavaScript kernels below
    }
  }
  const zh = new Float64Array(size);
  const zl = new Float64Array(size);
  const z1 = new Float64Array(size);
  const y = new Float64Array(rows);
  const x = new Float64Array(rows);
  const out = new Float64Array(OUT);
  return {
    zh,
    zl,
    z1,
    y,
    x,
    out,
    dot2: (ao, bo, n) => dot2Lanes(zh, zl, z1, ao, bo, n, out, 0),
    // the pair in WebAssembly is two dot2 sharing z_b's loads: here, two dot2
    dot2Pair: (ao, co, bo, n) => {
      dot2Lanes(zh, zl, z1, ao, bo, n, out, 0);
      dot2Lanes(zh, zl, z1, co, bo, n, out, 4);
    },
    subtract: (zo, ro, n, ah, al) => subtractRows(zh, zl, z1, zo, ro, n, ah, al),
    residual: (ro, n, cy) => residualLanes(zh, zl, z1, y, ro, n, cy, out),
    shifted: (zo, n, c) => shiftedRows(x, zh, zl, zo, n, c),
    sum2: (ao, n) => sumLanes(zh, zl, ao, n, out),
    simd: false,
  };
}

/** gram-kernels.wat's shifted in JavaScript: the same operations, row by row. */
function shiftedRows(x: Float64Array, zh: Float64Array, zl: Float64Array, zo: number, n: number, c: number): void {
  for (let t = 0; t < n; t++) {
    const xv = x[t];
    const dh = xv - c;
    const bb = dh - xv;
    zh[zo + t] = dh;
    zl[zo + t] = xv - (dh - bb) + (-c - bb);
  }
}

/** gram-kernels.wat's sum2 in JavaScript, lane by lane. */
function sumLanes(zh: Float64Array, zl: Float64Array, ao: number, n: number, out: Float64Array): void {
  for (let lane = 0; lane < 2; lane++) {
    let S = 0;
    let C = 0;
    for (let t = lane; t < n; t += 2) {
      const v = zh[ao + t];
      const sn = S + v;
      const bb = sn - S;
      C += S - (sn - bb) + (v - bb) + zl[ao + t];
      S = sn;
    }
    out[lane] = S;
    out[2 + lane] = C;
  }
}

/** gram-kernels.wat's subtract in JavaScript: the same operations, row by row. */
function subtractRows(zh: Float64Array, zl: Float64Array, z1: Float64Array, zo: number, ro: number, n: number, ah: number, al: number): void {
  let tt = SPLITTER * ah;
  const a1 = tt - (tt - ah);
  const a2 = ah - a1;
  for (let t = 0; t < n; t++) {
    const h = zh[zo + t];
    const l = zl[zo + t];
    tt = SPLITTER * h;
    const h1 = tt - (tt - h);
    z1[zo + t] = h1;
    const h2 = h - h1;
    const pr = ah * h;
    const pe = a2 * h2 - (((pr - a1 * h1) - a2 * h1) - a1 * h2);
    const s0 = zh[ro + t];
    const sn = s0 - pr;
    const bb = sn - s0;
    const err = s0 - (sn - bb) + (-pr - bb);
    zh[ro + t] = sn;
    zl[ro + t] += err - pe - (ah * l + al * h);
  }
}

/** gram-kernels.wat's residual in JavaScript, lane by lane (even rows, odd rows). */
function residualLanes(zh: Float64Array, zl: Float64Array, z1: Float64Array, y: Float64Array, ro: number, n: number, cy: number, out: Float64Array): void {
  for (let lane = 0; lane < 2; lane++) {
    let rS = 0;
    let rC = 0;
    let yS = 0;
    let yC = 0;
    let qS = 0;
    let qC = 0;
    for (let t = lane; t < n; t += 2) {
      const s0 = zh[ro + t];
      const e0 = zl[ro + t];
      const rh = s0 + e0;
      const rl = e0 - (rh - s0);
      zh[ro + t] = rh;
      zl[ro + t] = rl;
      let pr = rh * rh;
      let tt = SPLITTER * rh;
      let h1 = tt - (tt - rh);
      z1[ro + t] = h1;
      let h2 = rh - h1;
      let pe = h2 * h2 - (((pr - h1 * h1) - h2 * h1) - h1 * h2);
      let sn = rS + pr;
      let bb = sn - rS;
      rC += rS - (sn - bb) + (pr - bb) + pe + 2 * rh * rl;
      rS = sn;
      // d = y − cy exactly
      const yv = y[t];
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
    out[lane] = rS;
    out[2 + lane] = rC;
    out[4 + lane] = yS;
    out[6 + lane] = yC;
    out[8 + lane] = qS;
    out[10 + lane] = qC;
  }
}

/** gram-kernels.wat's dot2 in JavaScript, lane by lane: S₀, S₁, C₀, C₁ at out[at…]. */
function dot2Lanes(zh: Float64Array, zl: Float64Array, z1: Float64Array, ao: number, bo: number, n: number, out: Float64Array, at: number): void {
  let S0 = 0;
  let C0 = 0;
  let S1 = 0;
  let C1 = 0;
  for (let t = 0; t < n; t += 2) {
    {
      const u = zh[ao + t];
      const v = zh[bo + t];
      const u1 = z1[ao + t];
      const v1 = z1[bo + t];
      const u2 = u - u1;
      const v2 = v - v1;
      const pr = u * v;
      const pe = u2 * v2 - (((pr - u1 * v1) - u2 * v1) - u1 * v2);
      const sn = S0 + pr;
      const bb = sn - S0;
      C0 += S0 - (sn - bb) + (pr - bb) + pe + (u * zl[bo + t] + zl[ao + t] * v);
      S0 = sn;
    }
    {
      const u = zh[ao + t + 1];
      const v = zh[bo + t + 1];
      const u1 = z1[ao + t + 1];
      const v1 = z1[bo + t + 1];
      const u2 = u - u1;
      const v2 = v - v1;
      const pr = u * v;
      const pe = u2 * v2 - (((pr - u1 * v1) - u2 * v1) - u1 * v2);
      const sn = S1 + pr;
      const bb = sn - S1;
      C1 += S1 - (sn - bb) + (pr - bb) + pe + (u * zl[bo + t + 1] + zl[ao + t + 1] * v);
      S1 = sn;
    }
  }
  out[at] = S0;
  out[at + 1] = S1;
  out[at + 2] = C0;
  out[at + 3] = C1;
}
