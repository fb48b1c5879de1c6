// A check on the bench engine itself: "hundred" does exactly 100 times the work of "once" (the same
// pass over the same 10,000 numbers, repeated), so the reported factor should be close to 100×.
//   gauss-lab bench examples/bench/known-ratio.js

// @bench setup
const x = Float64Array.from({ length: 10000 }, (_, i) => (i % 7) - 3);
function pass(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

// @bench once
pass(x)

// @bench hundred
let total = 0;
for (let k = 0; k < 100; k++) total += pass(x);
total
