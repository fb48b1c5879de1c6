# "Vectorization for Speed" (d2l.ai, Linear Regression): add two 10,000-element vectors one
# coordinate at a time in a Python for-loop, then with a single vectorized `+` (NumPy).
# Click "Time loop vs vectorized" above the first marker, or run
#   gauss-lab bench examples/bench/vector-add.py [--python /path/to/python]
# Needs NumPy in the interpreter that runs it (gaussLab.pythonPath, else the Python extension's
# interpreter, else python3); without it the run says which interpreter lacks it.

# %% @bench setup
import numpy as np

n = 10000
a = np.ones(n)
b = np.ones(n)
c = np.zeros(n)

# %% @bench loop
for i in range(n):
    c[i] = a[i] + b[i]

# %% @bench vectorized
d = a + b

# %% [markdown]
# The squared loss over a minibatch, ½ (ŷ − y)² averaged over the batch, for d2l's synthetic
# data (w = [2, −3.4], b = 4.2): one example at a time, then as one matrix expression.

# %% @bench setup
import numpy as np

rng = np.random.default_rng(0)
batch = 1000
w, b = np.array([2.0, -3.4]), 4.2
X = rng.normal(size=(batch, 2))
y = X @ w + b + rng.normal(scale=0.01, size=batch)

# %% @bench loop
loss = 0.0
for i in range(batch):
    y_hat = X[i, 0] * w[0] + X[i, 1] * w[1] + b
    loss += (y_hat - y[i]) ** 2 / 2
loss /= batch

# %% @bench vectorized
loss = ((X @ w + b - y) ** 2 / 2).mean()
