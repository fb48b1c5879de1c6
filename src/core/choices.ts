import type { CovType } from './cov-types';
/**
 * What a person chooses: the model (target, features, degree, intercept, standardization,
 * validation split) and minibatch SGD's hyper-parameters, with their bounds and the chapter's
 * defaults. Declared once here; the protocol re-exports the types, the message schemas and the
 * settings are built from the bounds, the CLI reads them.
 */
import type { ImputeStrategy } from './impute';
import type { NumberBound } from './bounds';
import type { LossKind } from './linear-model';
import type { ScheduleKind } from './schedule';

/** The model the user chose. */
export interface DesignChoice {
  readonly target: string;
  /** Feature columns; empty = the constant model (its estimate is the mean of the target). */
  readonly features: readonly string[];
  /** Polynomial degree, > 1 only with exactly one feature. */
  readonly degree: number;
  readonly intercept: boolean;
  /** SGD on z-scored features (coefficients still reported in original units). */
  readonly standardize: boolean;
  /** Fraction of rows held out for validation (seeded split). */
  readonly validationFraction: number;
  /** A patsy/R formula that says the model instead of the pickers (absent or empty: the pickers). */
  readonly formula?: string;
  /** Numeric features used as categories (codes such as a building class, not amounts). */
  readonly categorical?: readonly string[];
  /** Fill missing feature values instead of dropping their rows (absent or 'none': drop). */
  readonly impute?: 'none' | ImputeStrategy;
  /** With `impute`: a 0/1 column missing(x) per filled column. */
  readonly missingIndicator?: boolean;
  /** The covariance behind the closed form's standard errors (absent: nonrobust). */
  readonly covType?: CovType;
}

/** The longest formula accepted (a formula is typed, not a file). */
export const MAX_FORMULA_LENGTH = 10_000;

/** Minibatch SGD hyper-parameters. */
export interface SgdParams {
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly schedule: ScheduleKind;
  readonly loss: LossKind;
  readonly huberDelta: number;
  readonly weightDecay: number;
  readonly seed: number;
  /** Animation pace for Play, in minibatch steps per second (0 = as fast as possible). */
  readonly stepsPerSecond: number;
}

type NumericKeys<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/** The bounds and defaults of every numeric SGD parameter (d2l: η 0.03, |B| 10, 3 epochs). */
export const SGD_BOUNDS: Readonly<Record<NumericKeys<SgdParams>, NumberBound>> = {
  learningRate: { min: 0, exclusiveMin: true, max: Infinity, default: 0.03 },
  batchSize: { min: 1, max: 1_000_000_000, integer: true, default: 10 },
  epochs: { min: 0, max: 100_000, integer: true, default: 3 },
  huberDelta: { min: 0, exclusiveMin: true, max: Infinity, default: 1 },
  weightDecay: { min: 0, max: Infinity, default: 0 },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true, default: 0 },
  stepsPerSecond: { min: 0, max: 1_000_000, default: 60 },
};

/** The bounds and defaults of the numeric design choices. Beyond degree 12 a polynomial's powers exceed what double precision resolves. */
export const DESIGN_BOUNDS: Readonly<Record<NumericKeys<DesignChoice>, NumberBound>> = {
  degree: { min: 1, max: 12, integer: true, default: 1 },
  validationFraction: { min: 0, max: 0.95, default: 0 },
};

/** Most points drawn in a chart (larger data are plotted from a uniform sample). */
export const MAX_PLOT_POINTS: NumberBound = { min: 100, max: 100_000, integer: true, default: 5000 };

/** Threads that read a large CSV file and fit it (`gaussLab.threads`, `--threads`); 0: the machine's cores. */
export const THREADS: NumberBound = { min: 0, max: 256, integer: true, default: 0 };

/** The chapter's SGD: every parameter at its default. */
export const DEFAULT_SGD_PARAMS: SgdParams = {
  learningRate: SGD_BOUNDS.learningRate.default,
  batchSize: SGD_BOUNDS.batchSize.default,
  epochs: SGD_BOUNDS.epochs.default,
  schedule: 'constant',
  loss: 'squared',
  huberDelta: SGD_BOUNDS.huberDelta.default,
  weightDecay: SGD_BOUNDS.weightDecay.default,
  seed: SGD_BOUNDS.seed.default,
  stepsPerSecond: SGD_BOUNDS.stepsPerSecond.default,
};
