/**
 * How good the closed-form fit is on rows it has not seen: a seeded validation split (fit on the
 * training rows, score both parts) and k-fold cross-validation (each fold held out once; mean and
 * standard deviation over folds), as scikit-learn's train_test_split / KFold(shuffle=True) and
 * d2l's k-fold chapter. Scores: RMSE, MAE, R² (centred on the rows scored, as sklearn's r2_score)
 * and, when every target is positive, d2l's log-RMSE √mean((log max(ŷ, 1) − log y)²).
 */
import * as l10n from '@vscode/l10n';
import { TooFewRowsError } from './rows-error';
import type { DesignSpec } from './design-matrix';
import { fitLeastSquares } from './least-squares';
import { mae, rmse, rSquared } from './metrics';
import { blockResiduals } from './prediction';
import { createRng, identityOrder, shuffleInPlace } from './random';
import { splitRows, takeRows } from './split';
import type { Table } from './table';

/** Fewest training rows per coefficient for a held-out score to mean something. */
const MIN_ROWS_PER_FOLD = 2;

export interface Scores {
  readonly rows: number;
  readonly rmse: number;
  readonly mae: number;
  readonly rSquared: number;
  /** d2l's log-RMSE (clamping ŷ at 1); null when some target is ≤ 0. */
  readonly logRmse: number | null;
}

export interface ValidationScores {
  readonly fraction: number;
  readonly seed: number;
  readonly train: Scores;
  readonly validation: Scores;
}

export interface Spread {
  readonly mean: number;
  /** Sample standard deviation over the folds (n − 1). */
  readonly sd: number;
}

export interface CrossValidationScores {
  readonly folds: number;
  readonly seed: number;
  readonly train: Readonly<Record<'rmse' | 'mae' | 'rSquared', Spread>> & { readonly logRmse: Spread | null };
  readonly validation: Readonly<Record<'rmse' | 'mae' | 'rSquared', Spread>> & { readonly logRmse: Spread | null };
  /** Each fold's scores, in fold order. */
  readonly perFold: readonly { readonly train: Scores; readonly validation: Scores }[];
}

/** The scores of predictions `yhat` of targets `y`. */
export function scores(yhat: ArrayLike<number>, y: ArrayLike<number>): Scores {
  let positive = y.length > 0;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) positive = false;
    else s += (Math.log(Math.max(yhat[i], 1)) - Math.log(y[i])) ** 2;
  }
  return { rows: y.length, rmse: rmse(yhat, y), mae: mae(yhat, y), rSquared: rSquared(yhat, y), logRmse: positive ? Math.sqrt(s / y.length) : null };
}

/** ŷ and y of a table's rows under `spec` fitted on `train`. */
function predictions(train: Table, test: Table, spec: DesignSpec): { fit: Float64Array; y: Float64Array }[] {
  const model = fitLeastSquares(train, spec);
  return [train, test].map((t) => {
    const block = { columns: t.columns, rowCount: t.rowCount, firstRow: 0 };
    const r = blockResiduals(spec, model.predict, block);
    const y = t.columns[spec.target];
    return { fit: Float64Array.from(r, (e, i) => y[i] - e), y };
  });
}

function scorePair(train: Table, test: Table, spec: DesignSpec): { train: Scores; validation: Scores } {
  const [a, b] = predictions(train, test, spec);
  return { train: scores(a.fit, a.y), validation: scores(b.fit, b.y) };
}

/**
 * A seeded validation split: fit on the training rows, score both parts.
 * @throws RangeError when either part is too small to fit or score.
 */
export function validationScores(table: Table, spec: DesignSpec, fraction: number, seed: number): ValidationScores {
  const { train, validation } = splitRows(table.rowCount, fraction, createRng(seed));
  const p = spec.terms.length + (spec.intercept ? 1 : 0);
  if (validation.length < 1) {
    throw new TooFewRowsError(l10n.t('a validation fraction of {0} of {1} rows holds out no row: use a larger fraction', String(fraction), String(table.rowCount)));
  }
  if (train.length < p + 1) {
    throw new TooFewRowsError(l10n.t('{0} training rows are too few for {1} coefficients: use a smaller validation fraction', String(train.length), String(p)));
  }
  return { fraction, seed, ...scorePair(takeRows(table, train), takeRows(table, validation), spec) };
}

/** k folds of a seeded shuffle: sizes differ by at most one (the first n mod k are larger), as KFold. */
export function foldsOf(n: number, k: number, seed: number): Uint32Array[] {
  const order = shuffleInPlace(identityOrder(n), createRng(seed));
  const out: Uint32Array[] = [];
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    out.push(order.slice(at, at + size).sort());
    at += size;
  }
  return out;
}

/**
 * k-fold cross-validation: each fold held out once, the model fitted on the others.
 * @throws RangeError for k < 2, more folds than rows, or training parts too small to fit.
 */
export function crossValidationScores(table: Table, spec: DesignSpec, k: number, seed: number): CrossValidationScores {
  const n = table.rowCount;
  const p = spec.terms.length + (spec.intercept ? 1 : 0);
  if (!Number.isInteger(k) || k < 2) throw new RangeError(l10n.t('cross-validation needs at least 2 folds, got {0}', String(k)));
  if (k > n / MIN_ROWS_PER_FOLD) {
    throw new TooFewRowsError(l10n.t('{0} folds of {1} rows leave fewer than {2} rows in a fold: use fewer folds', String(k), String(n), String(MIN_ROWS_PER_FOLD)));
  }
  if (n - Math.ceil(n / k) < p + 1) {
    throw new TooFewRowsError(
      l10n.t('with {0} folds, {1} training rows are too few for {2} coefficients: use more folds or fewer terms', String(k), String(n - Math.ceil(n / k)), String(p)),
    );
  }
  const folds = foldsOf(n, k, seed);
  const perFold = folds.map((held, f) => {
    const rest = new Uint32Array(n - held.length);
    let at = 0;
    folds.forEach((other, g) => {
      if (g !== f) {
        rest.set(other, at);
        at += other.length;
      }
    });
    rest.sort();
    return scorePair(takeRows(table, rest), takeRows(table, held), spec);
  });
  const spread = (part: 'train' | 'validation') => {
    const of = (key: 'rmse' | 'mae' | 'rSquared' | 'logRmse'): Spread | null => {
      const xs = perFold.map((s) => s[part][key]);
      if (xs.some((x) => x === null)) return null;
      const v = xs as number[];
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      return { mean, sd };
    };
    return { rmse: of('rmse')!, mae: of('mae')!, rSquared: of('rSquared')!, logRmse: of('logRmse') };
  };
  return { folds: k, seed, train: spread('train'), validation: spread('validation'), perFold };
}
