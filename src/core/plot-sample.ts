import type { Rng } from './random';

/**
 * A uniform random sample of `k` distinct row indices out of `n`, sorted ascending
 * (Floyd's algorithm: k draws, no O(n) work or memory). Every k-subset is equally likely,
 * so a plot of the sample is a fair picture of the data; the same seed gives the same rows.
 * @returns all of 0…n−1 when k ≥ n.
 * @throws RangeError for a negative or non-integer n or k.
 * @example uniformSampleIndices(1_000_000, 5000, createRng(0)).length // 5000
 */
export function uniformSampleIndices(n: number, k: number, rng: Rng): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`row count must be a whole number ≥ 0, got ${n}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`sample size must be a whole number ≥ 0, got ${k}`);
  if (k >= n) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.integer(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Uint32Array.from(chosen).sort();
}
