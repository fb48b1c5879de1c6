/**
 * The linear model ŷ = Xw + b over a row-major design (n rows × d features in one
 * Float64Array, row i at X[i·d … i·d + d)), with the chapter's losses. Row-major because
 * minibatch SGD visits rows in random order: one row is one cache line run, not d misses.
 */

/** The chapter's losses; every list, schema and label is derived from this one. */
export const LOSS_KINDS = ['squared', 'absolute', 'huber'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** A dense row-major design with its targets. */
export interface Examples {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** Packs feature columns into a row-major design. Inputs untouched. */
export function packRows(columns: readonly Float64Array[], y: Float64Array): Examples {
  const n = y.length;
  const d = columns.length;
  columns.forEach((c, j) => {
    if (c.length !== n) throw new RangeError(`feature ${j + 1} has ${c.length} rows, the target has ${n}`);
  });
  const x = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const c = columns[j];
    for (let i = 0; i < n; i++) x[i * d + j] = c[i];
  }
  return { x, y: Float64Array.from(y), n, d };
}

/** ŷ for every row, into `out` (allocated when omitted). */
export function predictRows(ex: Examples, w: ArrayLike<number>, b: number, out = new Float64Array(ex.n)): Float64Array {
  const { x, n, d } = ex;
  for (let i = 0, o = 0; i < n; i++, o += d) {
    let s = b;
    for (let j = 0; j < d; j++) s += x[o + j] * w[j];
    out[i] = s;
  }
  return out;
}

/**
 * Per-example loss of the residual r = ŷ − y:
 * squared ½r² (d2l's `squared_loss`), absolute |r| (Laplace noise), Huber r²/2 for |r| ≤ δ, else δ(|r| − δ/2).
 */
export function pointLoss(kind: LossKind, r: number, delta = 1): number {
  switch (kind) {
    case 'squared':
      return 0.5 * r * r;
    case 'absolute':
      return Math.abs(r);
    case 'huber': {
      const a = Math.abs(r);
      return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }
  }
}

/** ∂ℓ/∂ŷ for the residual r = ŷ − y. */
export function pointLossDerivative(kind: LossKind, r: number, delta = 1): number {
  switch (kind) {
    case 'squared':
      return r;
    case 'absolute':
      return r > 0 ? 1 : r < 0 ? -1 : 0;
    case 'huber':
      return r > delta ? delta : r < -delta ? -delta : r;
  }
}

/** Mean loss over all rows (as d2l averages `loss(net(X), y)`). */
export function meanLoss(ex: Examples, w: ArrayLike<number>, b: number, kind: LossKind, delta = 1): number {
  const { x, y, n, d } = ex;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0, o = 0; i < n; i++, o += d) {
    let yhat = b;
    for (let j = 0; j < d; j++) yhat += x[o + j] * w[j];
    s += pointLoss(kind, yhat - y[i], delta);
  }
  return s / n;
}

/**
 * Minibatch gradient of the mean loss over rows `order[start … end)`:
 * writes ⅟|B| Σ ∂ℓ/∂w into `gradW` and returns { gradB, loss } (the batch's mean loss).
 * No allocation: the caller owns `gradW`.
 */
export function minibatchGradient(
  ex: Examples,
  w: ArrayLike<number>,
  b: number,
  kind: LossKind,
  delta: number,
  order: Uint32Array,
  start: number,
  end: number,
  gradW: Float64Array,
): { gradB: number; loss: number } {
  const out = new Float64Array(2);
  minibatchGradientInto(ex, w, b, kind, delta, order, start, end, gradW, out);
  return { gradB: out[0], loss: out[1] };
}

/** {@link minibatchGradient} with no allocation at all: writes `[gradB, loss]` into `out` (the SGD bulk path). */
export function minibatchGradientInto(
  ex: Examples,
  w: ArrayLike<number>,
  b: number,
  kind: LossKind,
  delta: number,
  order: Uint32Array,
  start: number,
  end: number,
  gradW: Float64Array,
  out: Float64Array,
): void {
  const { x, y, d } = ex;
  gradW.fill(0);
  const squared = kind === 'squared';
  let gb = 0;
  let loss = 0;
  for (let k = start; k < end; k++) {
    const i = order[k];
    const o = i * d;
    let yhat = b;
    for (let j = 0; j < d; j++) yhat += x[o + j] * w[j];
    const r = yhat - y[i];
    // The squared loss inline (its derivative is r): the common case, in the hot loop.
    const g = squared ? r : pointLossDerivative(kind, r, delta);
    loss += squared ? 0.5 * r * r : pointLoss(kind, r, delta);
    for (let j = 0; j < d; j++) gradW[j] += g * x[o + j];
    gb += g;
  }
  const m = end - start;
  for (let j = 0; j < d; j++) gradW[j] /= m;
  out[0] = gb / m;
  out[1] = loss / m;
}

/**
 * Largest eigenvalue of the squared loss' Hessian ⅟n X̃ᵀX̃ (X̃ = [X 1] with an intercept):
 * gradient descent on the squared loss is stable only for η < 2/λ_max.
 * Power iteration on the (d+1)² Gram matrix built in one pass.
 */
export function largestHessianEigenvalue(ex: Examples, intercept = true): number {
  const { x, n, d } = ex;
  const p = d + (intercept ? 1 : 0);
  if (n === 0 || p === 0) return 0;
  const g = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    for (let j = 0; j < d; j++) row[j] = x[o + j];
    if (intercept) row[d] = 1;
    for (let a = 0; a < p; a++) {
      const ra = row[a];
      for (let c = a; c < p; c++) g[a * p + c] += ra * row[c];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let c = a; c < p; c++) {
      g[a * p + c] /= n;
      g[c * p + a] = g[a * p + c];
    }
  }
  let v = new Float64Array(p).fill(1 / Math.sqrt(p));
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const u = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += g[a * p + c] * v[c];
      u[a] = s;
    }
    let norm = 0;
    for (let a = 0; a < p; a++) norm += u[a] * u[a];
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    for (let a = 0; a < p; a++) u[a] /= norm;
    const done = Math.abs(norm - lambda) <= 1e-12 * norm;
    lambda = norm;
    v = u;
    if (done) break;
  }
  return lambda;
}
