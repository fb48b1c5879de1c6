import { describe, expect, it } from 'vitest';
import { medianOf, StreamMedian } from '../../../src/core/quantile';
import { createRng } from '../../../src/core/random';

/** The median by sorting: the reference (NumPy's definition: the mean of the middle two of an even count). */
function sortedMedian(xs: readonly number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function streamMedian(xs: readonly number[]): { value: number; passes: number } {
  const m = new StreamMedian();
  let passes = 0;
  do {
    passes++;
    for (const x of xs) m.observe(x);
  } while (m.endPass());
  return { value: m.value, passes };
}

describe('StreamMedian', () => {
  it('equals the sorted median on mixed-sign, tied, tiny, huge and NaN-laced data, in at most four passes', () => {
    const rng = createRng(3);
    const cases: number[][] = [
      [1],
      [2, 1],
      [3, 1, 2],
      [-1, -2, -3, -4],
      [0, -0, 0, -0],
      [-0, 5],
      [NaN, 4, NaN, 2],
      [1e-310, -1e-310, 5e-324],
      [1.7976931348623157e308, -1.7976931348623157e308, 1],
      [-Infinity, 0, Infinity],
      [1, 1, 1, 1, 2, 2],
      Array.from({ length: 1001 }, () => rng.normal() * 1e6),
      Array.from({ length: 2000 }, () => Math.round(rng.normal() * 3)),
      Array.from({ length: 999 }, () => (rng.uniform() < 0.1 ? NaN : Math.exp(rng.normal() * 40))),
      Array.from({ length: 500 }, () => -Math.abs(rng.normal())),
    ];
    for (const xs of cases) {
      const got = streamMedian(xs);
      expect(Object.is(got.value + 0, sortedMedian(xs) + 0), `${xs.slice(0, 6).join(',')}…: ${got.value} vs ${sortedMedian(xs)}`).toBe(true);
      expect(got.passes).toBeLessThanOrEqual(4);
    }
  });

  it('gives NaN for no values, and the same median whatever the order of the stream', () => {
    expect(streamMedian([]).value).toBeNaN();
    expect(streamMedian([NaN, NaN]).value).toBeNaN();
    const rng = createRng(9);
    const xs = Array.from({ length: 300 }, () => rng.normal());
    const reversed = [...xs].reverse();
    expect(streamMedian(reversed).value).toBe(streamMedian(xs).value);
  });
});

describe('medianOf (values in memory)', () => {
  it("is StreamMedian's value bit for bit: random, tied, sorted, reversed, organ-pipe, signed zeros, NaN, infinities, every small length", () => {
    const r = createRng(13);
    const cases: number[][] = [[], [NaN], [-0], [0, -0], [1], [2, 1], [Infinity, -Infinity, 1], [NaN, 3, NaN, 1, 2]];
    for (let n = 1; n <= 40; n++) cases.push(Array.from({ length: n }, () => Math.round(r.normal() * 3)));
    for (const n of [999, 1000, 4096]) {
      cases.push(Array.from({ length: n }, () => r.normal() * 1e6));
      cases.push(Array.from({ length: n }, (_, i) => i));
      cases.push(Array.from({ length: n }, (_, i) => n - i));
      cases.push(Array.from({ length: n }, (_, i) => Math.min(i, n - i)));
      cases.push(Array.from({ length: n }, () => (r.uniform() < 0.5 ? -0 : 0)));
      cases.push(Array.from({ length: n }, () => 7));
      cases.push(Array.from({ length: n }, () => (r.uniform() < 0.1 ? NaN : r.uniform() < 0.5 ? 1e300 : -1e300)));
    }
    for (const xs of cases) {
      const want = streamMedian(xs).value;
      expect([xs.length, medianOf(xs)]).toEqual([xs.length, want]);
      expect(medianOf(Float64Array.from(xs))).toBe(want);
    }
  });

  it('leaves its input as it was', () => {
    const xs = Float64Array.of(3, 1, 2, NaN, -0);
    medianOf(xs);
    expect([...xs]).toEqual([3, 1, 2, NaN, -0]);
  });
});

