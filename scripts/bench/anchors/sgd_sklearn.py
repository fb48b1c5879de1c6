#!/usr/bin/env python3
"""Anchor: sklearn SGDRegressor, plain per-sample SGD on the squared loss.

Usage: sgd_sklearn.py <csv> [--target y] [--lr 0.03] [--epochs 3] [--seed 0]
                      [--lr-schedule constant|invscaling] [--power-t 0.25]
SGDRegressor(loss='squared_error', penalty=None, alpha=0, learning_rate=<schedule>,
eta0=lr, max_iter=epochs, tol=None, shuffle=True, random_state=seed, average=False).
sklearn has no minibatch option: every update uses one example (batch size 1), i.e.
w -= eta * (x.w + b - y) * x, the same step as the d2l loop with batch size 1.
trainSeconds times fit() only (data is handed over as C-ordered float64 arrays).
Prints one JSON line:
  {"tool","examples","trainSeconds","examplesPerSecond","finalLoss","w","b","rows",
   "epochs","lr","lrSchedule","seed","diverged","note"}
finalLoss = mean((Xw+b-y)^2)/2 over all rows; initialLoss = the same at the start
point w = 0, b = 0 (SGDRegressor's initialisation).
Divergence: sklearn clips each per-sample loss derivative to +-1e12 (MAX_DLOSS), so a
too-large lr usually ends with huge but finite weights rather than inf/NaN. The run
is reported as "diverged": true (exit code still 0) if sklearn raises its
"Floating-point under-/overflow" error, if the loss/weights are not finite, or if
finalLoss > initialLoss (ended worse than where it started). On an overflow error
finalLoss/w/b are null and examplesPerSecond is null (progress unknown).
"""
import re
import sys
import time
import warnings

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import _common as c  # noqa: E402  (sibling module in this folder)


def main():
    ap = c.arguments(__doc__)
    ap.add_argument("--lr", type=float, default=0.03)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lr-schedule", choices=["constant", "invscaling"], default="constant",
                    help="constant: eta = lr; invscaling: eta = lr / t**power_t")
    ap.add_argument("--power-t", type=float, default=0.25,
                    help="exponent for --lr-schedule invscaling (sklearn default 0.25)")
    args = ap.parse_args()
    if args.epochs < 1:
        c.fail("--epochs must be >= 1", c.EXIT_USAGE)

    pd, np, lm, exc = c.require("pandas", "numpy", "sklearn.linear_model", "sklearn.exceptions")
    warnings.filterwarnings("ignore", category=exc.ConvergenceWarning)

    t0 = time.perf_counter()
    df = c.read_csv(pd, args.csv)
    cols, target = c.split_columns(df, args.target, args.csv)
    X = np.ascontiguousarray(df[cols].to_numpy(dtype=np.float64))
    y = np.ascontiguousarray(df[target].to_numpy(dtype=np.float64))
    load_seconds = time.perf_counter() - t0
    del df
    n = X.shape[0]
    with np.errstate(all="ignore"):
        initial_loss = float(np.mean(y * y) / 2)

    model = lm.SGDRegressor(
        loss="squared_error", penalty=None, alpha=0.0,
        learning_rate=args.lr_schedule, eta0=args.lr, power_t=args.power_t,
        max_iter=args.epochs, tol=None, shuffle=True, random_state=args.seed,
        average=False,
    )

    diverged = False
    diverged_at_epoch = None
    t = time.perf_counter()
    try:
        model.fit(X, y)
    except ValueError as e:
        if "overflow" not in str(e).lower():
            raise
        diverged = True
        m = re.search(r"epoch #(\d+)", str(e))
        diverged_at_epoch = int(m.group(1)) if m else None
        sys.stderr.write("SGDRegressor diverged: %s\n" % e)
    train_seconds = time.perf_counter() - t

    w = b = final_loss = None
    if not diverged:
        w_arr = model.coef_
        b_val = float(model.intercept_[0])
        with np.errstate(all="ignore"):
            r = X @ w_arr + b_val - y
            final_loss = float(np.mean(r * r) / 2)
        w = [float(v) for v in w_arr]
        b = b_val
        if not (np.isfinite(final_loss) and np.all(np.isfinite(w_arr)) and np.isfinite(b_val)):
            diverged = True
        elif final_loss > initial_loss:
            diverged = True
        if diverged:
            sys.stderr.write("SGDRegressor diverged: finalLoss %r > initialLoss %r (lr %g too large "
                             "for per-sample updates on this data?)\n"
                             % (final_loss, initial_loss, args.lr))

    examples = args.epochs * n
    result = {
        "tool": "sklearn SGDRegressor",
        "examples": examples,
        "trainSeconds": train_seconds,
        # After an overflow error it is unknown how far the run got: no rate then.
        "examplesPerSecond": None if diverged_at_epoch is not None or w is None
        else examples / train_seconds,
        "finalLoss": final_loss,
        "initialLoss": initial_loss,
        "w": w,
        "b": b,
        "loadSeconds": load_seconds,
        "rows": int(n),
        "features": cols,
        "epochs": args.epochs,
        "nIter": int(model.n_iter_) if w is not None else None,
        "lr": args.lr,
        "lrSchedule": args.lr_schedule,
        "seed": args.seed,
        "diverged": diverged,
        "note": "per-sample updates (batch size 1): sklearn SGDRegressor has no minibatch option",
    }
    if args.lr_schedule == "invscaling":
        result["powerT"] = args.power_t
    if diverged_at_epoch is not None:
        result["divergedAtEpoch"] = diverged_at_epoch
    c.emit(result)


if __name__ == "__main__":
    c.run(main)
