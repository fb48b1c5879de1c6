// "Vectorization for Speed" (d2l.ai, Linear Regression) in TypeScript: add two 10,000-element
// vectors one coordinate at a time, then as one kernel over contiguous Float64Arrays (what a
// vector library does under its `+`). TypeScript is transpiled (sucrase) before it runs.
//   gauss-lab bench examples/bench/vector-add.ts

type Vector = Float64Array;

// @bench setup
const n: number = 10000;
const a: number[] = Array.from({ length: n }, () => 1);
const b: number[] = Array.from({ length: n }, () => 1);
const fa: Vector = new Float64Array(a);
const fb: Vector = new Float64Array(b);
const fc: Vector = new Float64Array(n);
function add(x: Vector, y: Vector, out: Vector): Vector {
  for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
  return out;
}

// @bench loop
const c: number[] = [];
for (let i = 0; i < n; i++) c.push(a[i] + b[i]);
c

// @bench vectorized
add(fa, fb, fc)

// @bench end

// The squared loss of a linear model over a minibatch: per example through arrays of rows, then
// one pass over a flat row-major matrix.

// @bench setup
const batch = 1000;
const w: [number, number] = [2, -3.4];
const bias = 4.2;
let seed = 1;
const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const rows: Array<[number, number]> = Array.from({ length: batch }, (): [number, number] => [rand(), rand()]);
const ys: number[] = rows.map(([x1, x2]) => w[0] * x1 + w[1] * x2 + bias + 0.01 * rand());
const X = Float64Array.from(rows.flat());
const Y = Float64Array.from(ys);
const W = Float64Array.from(w);
function squaredLoss(X: Vector, W: Vector, b: number, Y: Vector): number {
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
  const yhat = row.reduce((s: number, x: number, j: number) => s + x * w[j], bias);
  total += (yhat - ys[i]) ** 2 / 2;
}
total / batch

// @bench vectorized
squaredLoss(X, W, bias, Y)
