#!/usr/bin/env python3
"""Anchor: the d2l.ai "Linear Regression Implementation from Scratch" minibatch SGD loop in PyTorch.

Usage: sgd_torch_d2l.py <csv> [--target y] [--lr 0.03] [--batch-size 10] [--epochs 3]
                        [--seed 0] [--threads N] [--max-examples K]
Data is loaded with pandas and converted to float32 tensors (d2l's default dtype);
labels have shape (n, 1). trainSeconds times only the minibatch update loops
(including d2l's data_iter shuffling/indexing), not the per-epoch full-data loss
evaluation. Prints one JSON line:
  {"tool","examples","trainSeconds","examplesPerSecond","finalLoss","lossPerEpoch",
   "w","b","loadSeconds","rows","epochs","lr","batchSize","seed","threads","partial"}
finalLoss = mean(squared_loss) = mean((Xw+b-y)^2)/2 over all rows after training.
--max-examples K stops after K examples in total (the last minibatch is cut to fit);
then "partial" is true and the last lossPerEpoch entry is for the partial epoch.
"""
import math
import random
import sys
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import _common as c  # noqa: E402  (sibling module in this folder)


def main():
    ap = c.arguments(__doc__)
    ap.add_argument("--lr", type=float, default=0.03)
    ap.add_argument("--batch-size", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None,
                    help="torch.set_num_threads(N); default: leave torch's default")
    ap.add_argument("--max-examples", type=int, default=None,
                    help="stop after this many examples in total (for quick tests)")
    args = ap.parse_args()
    if args.batch_size < 1 or args.epochs < 1:
        c.fail("--batch-size and --epochs must be >= 1", c.EXIT_USAGE)
    if args.max_examples is not None and args.max_examples < 1:
        c.fail("--max-examples must be >= 1", c.EXIT_USAGE)
    if args.threads is not None and args.threads < 1:
        c.fail("--threads must be >= 1", c.EXIT_USAGE)

    pd, np, torch = c.require("pandas", "numpy", "torch")
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)

    # ---- load: pandas -> float32 tensors -------------------------------------
    t0 = time.perf_counter()
    df = c.read_csv(pd, args.csv)
    cols, target = c.split_columns(df, args.target, args.csv)
    features = torch.tensor(df[cols].to_numpy(dtype=np.float32))
    labels = torch.tensor(df[target].to_numpy(dtype=np.float32)).reshape((-1, 1))
    load_seconds = time.perf_counter() - t0
    del df
    n, d = features.shape

    # ---- d2l 3.2, verbatim in substance ---------------------------------------
    def data_iter(batch_size, features, labels):
        num_examples = len(features)
        indices = list(range(num_examples))
        # The examples are read at random, in no particular order
        random.shuffle(indices)
        for i in range(0, num_examples, batch_size):
            batch_indices = torch.tensor(indices[i: min(i + batch_size, num_examples)])
            yield features[batch_indices], labels[batch_indices]

    def linreg(X, w, b):
        return torch.matmul(X, w) + b

    def squared_loss(y_hat, y):
        return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

    def sgd(params, lr, batch_size):
        with torch.no_grad():
            for param in params:
                param -= lr * param.grad / batch_size
                param.grad.zero_()

    w = torch.normal(0, 0.01, size=(d, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    lr, batch_size, num_epochs = args.lr, args.batch_size, args.epochs
    net, loss = linreg, squared_loss
    limit = args.max_examples

    train_seconds = 0.0
    processed = 0
    loss_per_epoch = []
    partial = False
    for epoch in range(num_epochs):
        t = time.perf_counter()
        for X, y in data_iter(batch_size, features, labels):
            if limit is not None and processed + len(X) > limit:
                keep = limit - processed
                X, y = X[:keep], y[:keep]
            l = loss(net(X, w, b), y)  # minibatch loss in X and y
            # Compute gradient on l with respect to [w, b]
            l.sum().backward()
            sgd([w, b], lr, batch_size)  # update parameters using their gradient
            processed += len(X)
            if limit is not None and processed >= limit:
                partial = True
                break
        train_seconds += time.perf_counter() - t
        # evaluation (not timed)
        with torch.no_grad():
            train_l = loss(net(features, w, b), labels)
            epoch_loss = float(train_l.mean())
        loss_per_epoch.append(epoch_loss)
        sys.stderr.write(f"epoch {epoch + 1}, loss {epoch_loss:f}\n")
        if partial:
            break
    # A limit equal to exactly epochs*n is not a partial run.
    if partial and processed == num_epochs * n:
        partial = False

    final_loss = loss_per_epoch[-1]
    result = {
        "tool": "d2l PyTorch loop",
        "examples": processed,
        "trainSeconds": train_seconds,
        "examplesPerSecond": processed / train_seconds if train_seconds > 0 else None,
        "finalLoss": final_loss,
        "lossPerEpoch": loss_per_epoch,
        "w": [float(v) for v in w.detach().reshape(-1)],
        "b": float(b.detach()[0]),
        "loadSeconds": load_seconds,
        "rows": int(n),
        "features": cols,
        "epochs": num_epochs,
        "lr": lr,
        "batchSize": batch_size,
        "seed": args.seed,
        "threads": torch.get_num_threads(),
        "dtype": "float32",
        "partial": partial,
    }
    if not math.isfinite(final_loss):
        result["diverged"] = True
    c.emit(result)


if __name__ == "__main__":
    c.run(main)
