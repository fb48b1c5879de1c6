import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ddAdd, ddDiv, ddMul, ddSqrt, fastTwoSum, twoProd, twoSum } from '../../../src/core/double-double';

// Exact arithmetic on doubles: every finite double is an integer multiple of 2^-1074.
const SHIFT = 1074n;
function exact(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const expBits = (bits >> 52n) & 0x7ffn;
  const frac = bits & 0xfffffffffffffn;
  const mant = expBits === 0n ? frac : frac | (1n << 52n);
  const e = (expBits === 0n ? 1n : expBits) - 1075n; // x = mant · 2^e
  return sign * (mant << (e + SHIFT));
}
const abs = (v: bigint) => (v < 0n ? -v : v);
/** |err| ≤ 2^-bits · |ref| with bigint operands on the same scale. */
function within(err: bigint, ref: bigint, bits: bigint): boolean {
  return abs(err) << bits <= abs(ref);
}

const moderate = fc
  .double({ min: -1e100, max: 1e100, noNaN: true, noDefaultInfinity: true })
  .filter((x) => x === 0 || Math.abs(x) > 1e-100);
const positive = fc.double({ min: 1e-100, max: 1e100, noNaN: true });
/** A normalized double-double (hi, lo). */
const ddValue = fc.tuple(moderate, fc.double({ min: -1, max: 1, noNaN: true })).map(([h, f]) => {
  const lo = h === 0 ? 0 : h * 2 ** -54 * f;
  const s = h + lo;
  return [s, lo - (s - h)] as const;
});
const o = new Float64Array(2);

describe('error-free transformations', () => {
  it('twoSum: a + b = s + e exactly, s = fl(a + b)', () => {
    fc.assert(
      fc.property(moderate, moderate, (a, b) => {
        twoSum(a, b, o, 0);
        expect(o[0]).toBe(a + b);
        expect(exact(o[0]) + exact(o[1])).toBe(exact(a) + exact(b));
      }),
      { seed: 1, numRuns: 2000 },
    );
  });

  it('fastTwoSum is exact when |a| ≥ |b|', () => {
    fc.assert(
      fc.property(moderate, moderate, (x, y) => {
        const [a, b] = Math.abs(x) >= Math.abs(y) ? [x, y] : [y, x];
        fastTwoSum(a, b, o, 0);
        expect(exact(o[0]) + exact(o[1])).toBe(exact(a) + exact(b));
      }),
      { seed: 2, numRuns: 2000 },
    );
  });

  it('twoProd: a·b = p + e exactly (no FMA needed)', () => {
    const range = fc.double({ min: -1e150, max: 1e150, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-140);
    fc.assert(
      fc.property(range, range, (a, b) => {
        twoProd(a, b, o, 0);
        expect(o[0]).toBe(a * b);
        // scale: exact(a)·exact(b) carries 2^(2·1074)
        expect((exact(o[0]) + exact(o[1])) << SHIFT).toBe(exact(a) * exact(b));
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});

describe('double-double operations', () => {
  it('ddAdd has relative error ≤ 2^-100', () => {
    fc.assert(
      fc.property(ddValue, ddValue, ([ah, al], [bh, bl]) => {
        ddAdd(ah, al, bh, bl, o, 0);
        const want = exact(ah) + exact(al) + exact(bh) + exact(bl);
        const got = exact(o[0]) + exact(o[1]);
        expect(within(got - want, want, 100n)).toBe(true);
        expect(Math.abs(o[1])).toBeLessThanOrEqual(Math.abs(o[0]) * 2 ** -52);
      }),
      { seed: 4, numRuns: 2000 },
    );
  });

  it('ddMul has relative error ≤ 2^-100', () => {
    const small = ddValue.filter(([h]) => h === 0 || (Math.abs(h) < 1e45 && Math.abs(h) > 1e-45));
    fc.assert(
      fc.property(small, small, ([ah, al], [bh, bl]) => {
        ddMul(ah, al, bh, bl, o, 0);
        const want = (exact(ah) + exact(al)) * (exact(bh) + exact(bl));
        const got = (exact(o[0]) + exact(o[1])) << SHIFT;
        expect(within(got - want, want, 100n)).toBe(true);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('ddDiv: |q·b − a| ≤ 2^-100·|a|', () => {
    const small = ddValue.filter(([h]) => Math.abs(h) < 1e45 && Math.abs(h) > 1e-45);
    fc.assert(
      fc.property(small, small, ([ah, al], [bh, bl]) => {
        ddDiv(ah, al, bh, bl, o, 0);
        const a = (exact(ah) + exact(al)) << SHIFT;
        const qb = (exact(o[0]) + exact(o[1])) * (exact(bh) + exact(bl));
        expect(within(qb - a, a, 100n)).toBe(true);
      }),
      { seed: 6, numRuns: 2000 },
    );
  });

  it('ddSqrt: |s² − a| ≤ 2^-100·|a|, and 0 and negatives are handled', () => {
    fc.assert(
      fc.property(positive, fc.double({ min: -1, max: 1, noNaN: true }), (h, f) => {
        const al0 = h * 2 ** -54 * f;
        const ah = h + al0;
        const al = al0 - (ah - h);
        ddSqrt(ah, al, o, 0);
        const s = exact(o[0]) + exact(o[1]);
        const a = (exact(ah) + exact(al)) << SHIFT;
        expect(within(s * s - a, a, 100n)).toBe(true);
      }),
      { seed: 7, numRuns: 2000 },
    );
    ddSqrt(0, 0, o, 0);
    expect([o[0], o[1]]).toEqual([0, 0]);
    ddSqrt(-1, 0, o, 0);
    expect(o[0]).toBeNaN();
  });

  it('recovers digits lost by doubles: (1 + 2^-60) − 1', () => {
    ddAdd(1, 2 ** -60, -1, 0, o, 0);
    expect(o[0] + o[1]).toBe(2 ** -60);
  });
});
