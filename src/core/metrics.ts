/** Mean squared error ⅟n Σ (ŷ − y)². NaN for no rows. */
export function mse(yhat: ArrayLike<number>, y: ArrayLike<number>): number {
  checkSameLength(yhat, y);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (yhat[i] - y[i]) ** 2;
  return y.length === 0 ? NaN : s / y.length;
}

export function rmse(yhat: ArrayLike<number>, y: ArrayLike<number>): number {
  return Math.sqrt(mse(yhat, y));
}

/** Mean absolute error. */
export function mae(yhat: ArrayLike<number>, y: ArrayLike<number>): number {
  checkSameLength(yhat, y);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(yhat[i] - y[i]);
  return y.length === 0 ? NaN : s / y.length;
}

/** Coefficient of determination 1 − RSS/TSS (centred). NaN when y is constant (TSS = 0), on purpose. */
export function rSquared(yhat: ArrayLike<number>, y: ArrayLike<number>): number {
  checkSameLength(yhat, y);
  const n = y.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += (y[i] - m) / (i + 1);
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    rss += (yhat[i] - y[i]) ** 2;
    tss += (y[i] - m) ** 2;
  }
  return tss === 0 ? NaN : 1 - rss / tss;
}

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} predictions for ${b.length} targets`);
}
