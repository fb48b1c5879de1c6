// The Gram matrix kernels (src/core/gram-kernels.ts): WebAssembly SIMD and its JavaScript twin give
// the same bits, lane by lane, on any data.
import { describe, expect, it } from 'vitest';
import { gramScratch } from '../../../src/core/gram-kernels';
import { createRng } from '../../../src/core/random';

/** The WebAssembly SIMD kernels and their JavaScript twins over scratch of the same shape. */
function twins(columns: number, rows: number) {
  const simd = gramScratch(columns, rows);
  const js = gramScratch(columns, rows, false);
  // Node has WebAssembly SIMD: the tests compare the two kernels, not one with itself
  expect([simd.simd, js.simd]).toEqual([true, false]);
  return { simd, js };
}

describe('the Gram matrix kernels', () => {
  it('WebAssembly SIMD and JavaScript give the same bits, on data of every scale, with zeros and a zero row', () => {
    const chunk = 256;
    const k = 5;
    const { simd, js } = twins(k, chunk);
    const r = createRng(3);
    for (let trial = 0; trial < 40; trial++) {
      const scale = 10 ** Math.round(r.uniform() * 40 - 20);
      for (let i = 0; i < k * chunk; i++) {
        const h = i % 17 === 0 ? 0 : r.normal() * scale * (r.uniform() < 0.1 ? 1e8 : 1);
        const t = 134217729 * h;
        const h1 = t - (t - h);
        const l = r.normal() * Math.abs(h) * 1e-17;
        for (const s of [simd, js]) {
          s.zh[i] = h;
          s.zl[i] = l;
          s.z1[i] = h1;
        }
      }
      const n = 2 * Math.floor(r.uniform() * (chunk / 2)) + 2;
      const [a, b, c] = [0, 1 + (trial % 4), 2 + (trial % 3)].map((q) => q * chunk);
      simd.dot2(a, b, n);
      js.dot2(a, b, n);
      // toEqual on numbers is Object.is: bit for bit
      expect([...simd.out.subarray(0, 4)]).toEqual([...js.out.subarray(0, 4)]);
      simd.dot2Pair(a, c, b, n);
      js.dot2Pair(a, c, b, n);
      expect([...simd.out.subarray(0, 8)]).toEqual([...js.out.subarray(0, 8)]);
      // the pair is the two dot2 (its point is sharing z_b's loads)
      const pair = [...js.out];
      js.dot2(c, b, n);
      expect(pair.slice(4, 8)).toEqual([...js.out.subarray(0, 4)]);
      // lanes: S₀ sums the even rows' products, S₁ the odd rows'
      const even = Array.from({ length: n / 2 }, (_, t) => js.zh[a + 2 * t] * js.zh[b + 2 * t]);
      const sumEven = even.reduce((x, y) => x + y, 0);
      expect(Math.abs(pair[0] - sumEven)).toBeLessThanOrEqual(1e-12 * even.reduce((x, y) => x + Math.abs(y), 0) + 1e-300);
    }
  });

  it('shifted, subtract, residual and sum2: WebAssembly SIMD and JavaScript give the same bits, values and sums, with a padding row', () => {
    const chunk = 256;
    const k = 4;
    const { simd, js } = twins(k, chunk);
    const r = createRng(8);
    const ro = (k - 1) * chunk;
    for (let trial = 0; trial < 40; trial++) {
      const scale = 10 ** Math.round(r.uniform() * 30 - 15);
      const len = 1 + Math.floor(r.uniform() * (chunk - 1));
      const n = len + (len & 1);
      const cy = r.normal() * scale;
      for (let i = 0; i < k * chunk; i++) {
        const h = i % 13 === 0 ? 0 : r.normal() * scale;
        const l = r.normal() * Math.abs(h) * 1e-17;
        for (const s of [simd, js]) {
          s.zh[i] = h;
          s.zl[i] = i >= ro ? 0 : l;
        }
      }
      for (let t = 0; t < chunk; t++) {
        const v = t < len ? simd.zh[ro + t] + cy : cy;
        simd.y[t] = js.y[t] = v;
        if (t >= len) simd.zh[ro + t] = js.zh[ro + t] = 0;
      }
      // column 0 from raw values: z = x − c
      const c = r.normal() * scale;
      for (let t = 0; t < n; t++) simd.x[t] = js.x[t] = t < len ? r.normal() * scale * 3 : c;
      simd.shifted(0, n, c);
      js.shifted(0, n, c);
      for (let q = 0; q < k - 1; q++) {
        const ah = r.normal() * (trial % 5 === 0 ? 1e10 : 1);
        const al = ah * r.normal() * 1e-17;
        simd.subtract(q * chunk, ro, n, ah, al);
        js.subtract(q * chunk, ro, n, ah, al);
      }
      simd.residual(ro, n, cy);
      js.residual(ro, n, cy);
      expect([...simd.zh]).toEqual([...js.zh]);
      expect([...simd.zl]).toEqual([...js.zl]);
      expect([...simd.z1.subarray(0, k * chunk)]).toEqual([...js.z1.subarray(0, k * chunk)]);
      expect([...simd.out]).toEqual([...js.out]);
      // z = x − c exactly: the two parts sum to it
      for (let t = 0; t < len; t++) expect(js.zh[t] + js.zl[t]).toBe(js.x[t] - c);
      // the sums are what they say: Σr² over the rows, to double-double accuracy
      const rr = Array.from({ length: n }, (_, t) => js.zh[ro + t] ** 2);
      const total = js.out[0] + js.out[1] + js.out[2] + js.out[3];
      expect(Math.abs(total - rr.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(1e-12 * rr.reduce((a, b) => a + b, 0) + 1e-300);
      // Σ(y − cy) over the rows: the padding row adds nothing
      const dy = Array.from({ length: len }, (_, t) => js.y[t] - cy);
      const ySum = js.out[4] + js.out[5] + js.out[6] + js.out[7];
      expect(Math.abs(ySum - dy.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(1e-12 * dy.reduce((a, b) => a + Math.abs(b), 0) + 1e-300);
      // column sums (the Gram matrix's intercept row, Σr)
      for (const q of [0, 1, k - 1]) {
        simd.sum2(q * chunk, n);
        js.sum2(q * chunk, n);
        expect([...simd.out.subarray(0, 4)]).toEqual([...js.out.subarray(0, 4)]);
      }
    }
  });
});
