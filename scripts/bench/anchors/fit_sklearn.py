#!/usr/bin/env python3
"""Anchor: pandas.read_csv (default engine, float64) + sklearn LinearRegression.

Usage: fit_sklearn.py <csv> [--target y]
Prints one JSON line:
  {"tool","readSeconds","fitSeconds","seconds","coef","intercept","rows","features"}
readSeconds = pandas.read_csv; fitSeconds = column selection + LinearRegression().fit;
seconds = readSeconds + fitSeconds (module import time excluded).
"""
import sys
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import _common as c  # noqa: E402  (sibling module in this folder)


def main():
    ap = c.arguments(__doc__)
    args = ap.parse_args()

    pd, _np, lm = c.require("pandas", "numpy", "sklearn.linear_model")

    t0 = time.perf_counter()
    df = c.read_csv(pd, args.csv)
    t1 = time.perf_counter()
    features, target = c.split_columns(df, args.target, args.csv)

    t2 = time.perf_counter()
    X = df[features]
    y = df[target]
    model = lm.LinearRegression().fit(X, y)
    t3 = time.perf_counter()

    c.emit({
        "tool": "pandas.read_csv + sklearn LinearRegression",
        "readSeconds": t1 - t0,
        "fitSeconds": t3 - t2,
        "seconds": (t1 - t0) + (t3 - t2),
        "coef": [float(v) for v in model.coef_],
        "intercept": float(model.intercept_),
        "rows": int(len(df)),
        "features": features,
    })


if __name__ == "__main__":
    c.run(main)
