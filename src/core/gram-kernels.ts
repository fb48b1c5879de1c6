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
import { GRAM_KERNELS_WASM } from './gram-kernels-wasm';

/** Scratch columns and the kernels over them. */
export interface GramScratch {
  /** Values of the columns, CHUNK apart (see least-squares-refine.ts), their low parts, and their Veltkamp high halves. */
  readonly zh: Float64Array;
  readonly zl: Float64Array;
  readonly z1: Float64Array;
  /**
   * Σ z_a·z_b over rows [0, n) of the columns at element offsets `ao` and `bo` (n even: pad an
   * odd count with a zero row): lanes in out[0..3] as S₀, S₁, C₀, C₁.
   */
  dot2(ao: number, bo: number, n: number): void;
  /** dot2 of columns `ao` and `co` against `bo` at once: out[0..3] for `ao`, out[4..7] for `co`. */
  dot2Pair(ao: number, co: number, bo: number, n: number): void;
  readonly out: Float64Array;
  /** Whether the kernels are WebAssembly's. */
  readonly simd: boolean;
}

let wasmModule: WebAssembly.Module | null | undefined;

/** The compiled kernels, or null where WebAssembly or its SIMD is missing (or forbidden). */
function kernelsModule(): WebAssembly.Module | null {
  if (wasmModule !== undefined) return wasmModule;
  try {
    wasmModule = typeof WebAssembly === 'object' && WebAssembly.validate(GRAM_KERNELS_WASM) ? new WebAssembly.Module(GRAM_KERNELS_WASM) : null;
  } catch {
    wasmModule = null; // e.g. a content security policy without wasm-unsafe-eval
  }
  return wasmModule;
}

/**
 * Scratch for `size` values per array. One block of memory holds the three arrays and the
 * results (WebAssembly's memory when `simd` and available): it is never grown, because growing
 * a memory detaches its buffer, and a detached buffer makes V8 recompile every typed-array
 * function of the thread with a check per access.
 */
export function gramScratch(size: number, simd = true): GramScratch {
  const bytes = 3 * 8 * size + 64;
  const module = simd ? kernelsModule() : null;
  if (module) {
    try {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
      const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as {
        dot2(a: number, b: number, dl: number, d1: number, n: number, out: number): void;
        dot2Pair(a: number, c: number, b: number, dl: number, d1: number, n: number, out: number): void;
      };
      const buffer = memory.buffer;
      const dl = 8 * size;
      const d1 = 16 * size;
      const outAt = 24 * size;
      return {
        zh: new Float64Array(buffer, 0, size),
        zl: new Float64Array(buffer, dl, size),
        z1: new Float64Array(buffer, d1, size),
        out: new Float64Array(buffer, outAt, 8),
        dot2: (ao, bo, n) => exports.dot2(8 * ao, 8 * bo, dl, d1, n, outAt),
        dot2Pair: (ao, co, bo, n) => exports.dot2Pair(8 * ao, 8 * co, 8 * bo, dl, d1, n, outAt),
        simd: true,
      };
    } catch {
      // no memory for it: the JavaScript kernels below
    }
  }
  const zh = new Float64Array(size);
  const zl = new Float64Array(size);
  const z1 = new Float64Array(size);
  const out = new Float64Array(8);
  return {
    zh,
    zl,
    z1,
    out,
    dot2: (ao, bo, n) => dot2Lanes(zh, zl, z1, ao, bo, n, out, 0),
    // the pair in WebAssembly is two dot2 sharing z_b's loads: here, two dot2
    dot2Pair: (ao, co, bo, n) => {
      dot2Lanes(zh, zl, z1, ao, bo, n, out, 0);
      dot2Lanes(zh, zl, z1, co, bo, n, out, 4);
    },
    simd: false,
  };
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
