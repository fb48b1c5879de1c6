import { makeTable, type Table } from './table';
import type { Rng } from './random';

/**
 * d2l's `synthetic_data(w, b, num_examples, noise)`: X ~ N(0, 1) per entry,
 * y = Xw + b + N(0, noise²). Columns `x1`…`xd`, then `y`.
 * @example syntheticData([2, -3.4], 4.2, 1000, 0.01, createRng(0))
 */
export function syntheticData(w: readonly number[], b: number, n: number, noise: number, rng: Rng): Table {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of rows must be a whole number ≥ 0, got ${n}`);
  if (!(noise >= 0)) throw new RangeError(`noise must be ≥ 0, got ${noise}`);
  const xs = w.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b;
    for (let j = 0; j < w.length; j++) {
      const v = rng.normal(0, 1);
      xs[j][i] = v;
      s += v * w[j];
    }
    y[i] = s + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return makeTable([...w.map((_, j) => `x${j + 1}`), 'y'], [...xs, y]);
}

/** The d2l chapter's defaults: w = [2, −3.4], b = 4.2, noise 0.01. */
export const D2L_TRUE = { w: [2, -3.4], b: 4.2, noise: 0.01 } as const;

/**
 * d2l's exercise 3 of the chapter: the same model with noise drawn from p(ε) = ½·exp(−|ε|)
 * (Laplace, scale 1), whose negative log-likelihood is the absolute loss: the data for
 * training with absolute loss (its exact optimum is the least-absolute-deviations fit).
 * Columns x1, x2, y; X ~ N(0, 1).
 */
export function laplaceData(n: number, rng: Rng): Table {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of rows must be a whole number ≥ 0, got ${n}`);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rng.normal(0, 1);
    x2[i] = rng.normal(0, 1);
    // inverse CDF of the Laplace distribution: u uniform on (−½, ½), ε = −sign(u)·ln(1 − 2|u|)
    const u = rng.uniform() - 0.5;
    const eps = -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    y[i] = D2L_TRUE.w[0] * x1[i] + D2L_TRUE.w[1] * x2[i] + D2L_TRUE.b + eps;
  }
  return makeTable(['x1', 'x2', 'y'], [x1, x2, y]);
}

/**
 * The chapter's house-price example, price = w_area·area + w_age·age + b + noise, with
 * illustrative values: area in square metres U(40, 250), age in years U(0, 60),
 * price in thousands: 3·area − 1.5·age + 50, noise N(0, 20²).
 */
export const HOUSE_TRUE = { wArea: 3, wAge: -1.5, b: 50, noise: 20 } as const;

export function housePrices(n: number, rng: Rng): Table {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of rows must be a whole number ≥ 0, got ${n}`);
  const area = new Float64Array(n);
  const age = new Float64Array(n);
  const price = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    area[i] = Math.round((40 + 210 * rng.uniform()) * 10) / 10;
    age[i] = Math.floor(61 * rng.uniform());
    price[i] = Math.round((HOUSE_TRUE.wArea * area[i] + HOUSE_TRUE.wAge * age[i] + HOUSE_TRUE.b + rng.normal(0, HOUSE_TRUE.noise)) * 100) / 100;
  }
  return makeTable(['area', 'age', 'price'], [area, age, price]);
}
