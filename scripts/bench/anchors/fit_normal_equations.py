#!/usr/bin/env python3
"""Anchor: pandas.read_csv (default engine, float64) + numpy normal equations.

Usage: fit_normal_equations.py <csv> [--target y]
Builds A = [X | 1], solves (A^T A) beta = A^T y with numpy.linalg.solve, and
computes the residual sum of squares. Prints one JSON line:
  {"tool","readSeconds","fitSeconds","seconds","coef","intercept","rss","rows","features"}
fitSeconds covers building A, A^T A, A^T y, the solve and the RSS.
"""
import sys
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import _common as c  # noqa: E402  (sibling module in this folder)


def main():
    ap = c.arguments(__doc__)
    args = ap.parse_args()

    pd, np = c.require("pandas", "numpy")

    t0 = time.perf_counter()
    df = c.read_csv(pd, args.csv)
    t1 = time.perf_counter()
    features, target = c.split_columns(df, args.target, args.csv)

    t2 = time.perf_counter()
    n, d = len(df), len(features)
    A = np.empty((n, d + 1), dtype=np.float64)
    A[:, :d] = df[features].to_numpy(dtype=np.float64)
    A[:, d] = 1.0
    y = df[target].to_numpy(dtype=np.float64)
    AtA = A.T @ A          # numpy dispatches A.T @ A to BLAS syrk
    Aty = A.T @ y
    try:
        beta = np.linalg.solve(AtA, Aty)
    except np.linalg.LinAlgError as e:
        c.fail("normal equations are singular (collinear or constant features?): %s" % e)
    r = y - A @ beta
    rss = float(r @ r)
    t3 = time.perf_counter()

    c.emit({
        "tool": "pandas.read_csv + numpy normal equations",
        "readSeconds": t1 - t0,
        "fitSeconds": t3 - t2,
        "seconds": (t1 - t0) + (t3 - t2),
        "coef": [float(v) for v in beta[:d]],
        "intercept": float(beta[d]),
        "rss": rss,
        "rows": int(n),
        "features": features,
    })


if __name__ == "__main__":
    c.run(main)
