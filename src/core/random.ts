import mt19937 from '@stdlib/random-base-mt19937';
import randomNormal from '@stdlib/random-base-normal';

/**
 * A seeded random source. Randomness is always a parameter: the same seed gives the
 * same numbers on every platform (Mersenne Twister from @stdlib, normals by its
 * improved ziggurat), so a run can be replayed exactly.
 */
export interface Rng {
  readonly seed: number;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Normal draw N(mu, sigma²). */
  normal(mu?: number, sigma?: number): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
}

/**
 * @example const rng = createRng(0); rng.normal(0, 0.01)
 * @throws RangeError when the seed is not a non-negative integer below 2³².
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new RangeError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
  }
  // mt19937 rejects a zero seed; shift by one so 0 is a valid user-facing seed.
  // The generator has `normalized()` (uniform on [0, 1) with 53 random bits); @stdlib's
  // typings declare factory() as a plain nullary function, hence the cast.
  const base = mt19937.factory({ seed: seed + 1 === 2 ** 32 ? 1 : seed + 1 }) as unknown as { normalized(): number };
  const uniform = () => base.normalized();
  const normal = randomNormal.factory({ prng: uniform });
  return {
    seed,
    uniform,
    normal: (mu = 0, sigma = 1) => normal(mu, sigma),
    integer: (n: number) => Math.floor(uniform() * n),
  };
}

/** Fisher–Yates shuffle of `order` in place (the caller owns the buffer, so no allocation per epoch). */
export function shuffleInPlace(order: Uint32Array, rng: Rng): Uint32Array {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** 0, 1, …, n−1. */
export function identityOrder(n: number): Uint32Array {
  const o = new Uint32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}
