# A check on the bench engine itself: "hundred" does exactly 100 times the work of "once" (the
# same sum over the same 10,000 numbers, repeated), so the reported factor should be close to 100×.
#   gauss-lab bench examples/bench/known-ratio.py

# @bench setup
xs = [float(i % 7 - 3) for i in range(10000)]

# @bench once
s = sum(xs)

# @bench hundred
for _ in range(100):
    s = sum(xs)
