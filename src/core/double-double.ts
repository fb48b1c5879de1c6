/**
 * Double-double arithmetic on scalars: a value is the unevaluated sum hi + lo of two
 * doubles with |lo| ≤ ulp(hi)/2, about 32 significant digits (unit roundoff 2^-104
 * for products, ~2^-104 for the accurate sum).
 *
 * Results are written into a caller-owned `out` Float64Array at `out[k]` (hi) and
 * `out[k + 1]` (lo), so hot loops allocate nothing; the least-squares kernels inline
 * the same formulas by hand where a call per row would matter.
 *
 * Why hand-written: the maintained npm packages return a fresh array or object per
 * operation (`double-double` 3.0.2 returns `[lo, hi]` arrays, `double.js` 1.1.0 wraps
 * values in objects), i.e. one allocation per row and column in a regression pass.
 *
 * Products use Dekker's splitting (JavaScript has no fused multiply-add); it is exact
 * unless |a| > ~1e300 (the split overflows) or the product underflows.
 * References: Dekker (1971); Hida, Li & Bailey, QD library (2001); Ogita, Rump & Oishi,
 * "Accurate sum and dot product" (2005).
 */

/** 2^27 + 1: Veltkamp/Dekker splitter for 53-bit significands. */
export const SPLITTER = 134217729;

/**
 * a + b = s + e exactly (Knuth's TwoSum, no precondition on magnitudes).
 * @example const o = new Float64Array(2); twoSum(1, 1e-20, o, 0); // o = [1, 1e-20]
 */
export function twoSum(a: number, b: number, out: Float64Array, k: number): void {
  const s = a + b;
  const bb = s - a;
  out[k] = s;
  out[k + 1] = a - (s - bb) + (b - bb);
}

/** a + b = s + e exactly, provided |a| ≥ |b| or a = 0 (Dekker's FastTwoSum). */
export function fastTwoSum(a: number, b: number, out: Float64Array, k: number): void {
  const s = a + b;
  out[k] = s;
  out[k + 1] = b - (s - a);
}

/** a · b = p + e exactly (Dekker's TwoProduct with Veltkamp splitting). */
export function twoProd(a: number, b: number, out: Float64Array, k: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const a1 = t - (t - a);
  const a2 = a - a1;
  t = SPLITTER * b;
  const b1 = t - (t - b);
  const b2 = b - b1;
  out[k] = p;
  out[k + 1] = a2 * b2 - (((p - a1 * b1) - a2 * b1) - a1 * b2);
}

/** (ah + al) + (bh + bl), accurate version (QD's ieee_add): relative error ≤ ~2^-104. */
export function ddAdd(ah: number, al: number, bh: number, bl: number, out: Float64Array, k: number): void {
  let s = ah + bh;
  let v = s - ah;
  let e = ah - (s - v) + (bh - v); // twoSum(ah, bh) = s + e
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v); // twoSum(al, bl) = t + f
  e += t;
  let h = s + e;
  e = e - (h - s); // fastTwoSum
  e += f;
  s = h + e;
  out[k] = s;
  out[k + 1] = e - (s - h);
}

/** (ah + al) · (bh + bl): relative error ≤ ~2^-102. */
export function ddMul(ah: number, al: number, bh: number, bl: number, out: Float64Array, k: number): void {
  const p = ah * bh;
  let t = SPLITTER * ah;
  const a1 = t - (t - ah);
  const a2 = ah - a1;
  t = SPLITTER * bh;
  const b1 = t - (t - bh);
  const b2 = bh - b1;
  const e = a2 * b2 - (((p - a1 * b1) - a2 * b1) - a1 * b2) + (ah * bl + al * bh);
  const s = p + e;
  out[k] = s;
  out[k + 1] = e - (s - p);
}

/** (ah + al) / (bh + bl): three-term long division (QD's accurate_div). */
export function ddDiv(ah: number, al: number, bh: number, bl: number, out: Float64Array, k: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl, out, k);
  ddAdd(ah, al, -out[k], -out[k + 1], out, k); // r = a − q1·b
  const q2 = out[k] / bh;
  const rh = out[k];
  const rl = out[k + 1];
  ddMul(q2, 0, bh, bl, out, k);
  ddAdd(rh, rl, -out[k], -out[k + 1], out, k); // r −= q2·b
  const q3 = out[k] / bh;
  const s = q1 + q2;
  const e = q2 - (s - q1);
  ddAdd(s, e, q3, 0, out, k);
}

/** √(ah + al) by one Newton step from the double square root; 0 for 0, NaN for negative. */
export function ddSqrt(ah: number, al: number, out: Float64Array, k: number): void {
  if (ah <= 0) {
    out[k] = ah === 0 ? 0 : NaN;
    out[k + 1] = 0;
    return;
  }
  const x = Math.sqrt(ah);
  twoProd(x, x, out, k);
  ddAdd(ah, al, -out[k], -out[k + 1], out, k); // a − x²
  const corr = out[k] / (2 * x);
  const s = x + corr;
  out[k] = s;
  out[k + 1] = corr - (s - x);
}
