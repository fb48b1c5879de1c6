import { describe, expect, it } from 'vitest';
import { createRng, identityOrder, shuffleInPlace } from '../../../src/core/random';

describe('random', () => {
  it('is reproducible per seed and rejects bad seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(0).uniform()).not.toBe(createRng(1).uniform());
    expect(() => createRng(-1)).toThrow(/seed/);
    expect(() => createRng(1.5)).toThrow(/seed/);
  });

  it('shuffles to a permutation', () => {
    const o = shuffleInPlace(identityOrder(1000), createRng(3));
    expect(Array.from(o).sort((x, y) => x - y)).toEqual(Array.from(identityOrder(1000)));
    expect(Array.from(o.subarray(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
