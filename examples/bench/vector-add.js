// "Vectorization for Speed" (d2l.ai, Linear Regression): add two 10,000-element vectors one
// coordinate at a time, then all at once. JavaScript has no vector `+`, so "vectorized" is what a
// vector library does underneath: one tight loop over contiguous Float64Arrays, no boxed numbers,
// no growing array. Click "Time loop vs vectorized" above the first marker, or run
//   gauss-lab bench examples/bench/vector-add.js

// @bench setup
const n = 10000;
const a = Array.from({ length: n }, () => 1);
const b = Array.from({ length: n }, () => 1);
const fa = new Float64Array(a);
const fb = new Float64Array(b);
const fc = new Float64Array(n);
function add(x, y, out) {
  for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
  return out;
}

// @bench loop
const c = [];
for (let i = 0; i < n; i++) c.push(a[i] + b[i]);
c

// @bench vectorized
add(fa, fb, fc)

// @bench end

// The squared loss of a linear model over a minibatch, ½ Σ (Xw + b − y)² / batch: one example at
// a time through arrays of rows, then as one pass over a flat, row-major Float64Array (the layout a
// matrix library uses).

// @bench setup
const batch = 1000;
const w = [2, -3.4];
const bias = 4.2;
let seed = 1;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const rows = Array.from({ length: batch }, () => [rand(), rand()]);
const ys = rows.map(([x1, x2]) => w[0] * x1 + w[1] * x2 + bias + 0.01 * rand());
const X = Float64Array.from(rows.flat());
const Y = Float64Array.from(ys);
const W = Float64Array.from(w);
function squaredLoss(X, W, b, Y) {
  const d = W.length;
  let sum = 0;
  for (let i = 0, k = 0; i < Y.length; i++, k += d) {
    let yhat = b;
    for (let j = 0; j < d; j++) yhat += X[k + j] * W[j];
    const r = yhat - Y[i];
    sum += r * r;
  }
  return sum / 2 / Y.length;
}

// @bench loop
let total = 0;
for (const [i, row] of rows.entries()) {
  const yhat = row.reduce((s, x, j) => s + x * w[j], bias);
  total += (yhat - ys[i]) ** 2 / 2;
}
total / batch

// @bench vectorized
squaredLoss(X, W, bias, Y)
