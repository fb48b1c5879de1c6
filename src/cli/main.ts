// gauss-lab: the command-line face of the core. Thin: parse arguments, call the core
// (through the Node file adapters), print a table or JSON. Errors go to stderr, one line,
// no stack trace, non-zero exit.
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { version } from '../../package.json';
import { describeBound, inBound, type NumberBound } from '../core/bounds';
import { DEFAULT_SGD_PARAMS, DESIGN_BOUNDS, SGD_BOUNDS, THREADS, type DesignChoice, type SgdParams } from '../core/choices';
import { formatCsv } from '../core/csv-write';
import { designColumns, designSpec, termNames, type DesignSpec } from '../core/design-matrix';
import type { Table } from '../core/table';
import type { FitResult } from '../core/fit-result';
import { summarizeFit } from '../core/fit-summary';
import { LOSS_KINDS } from '../core/linear-model';
import { COV_TYPES, type CovType } from '../core/robust-covariance';
import { crossValidationScores, validationScores, type CrossValidationScores, type ValidationScores } from '../core/held-out';
import { coefficientRanges, sgdOptimum, type SgdOptimum } from '../core/sgd-optimum';
import type { LossKind } from '../core/linear-model';
import { INTERVAL_KINDS } from '../core/model-predictor';
import { describePrediction } from '../core/predict-csv';
import { formatSavedModel, savedModel } from '../core/saved-model';
import { predictFile, readModelFile, writeNewFile } from '../node/predict-file';
import { formatAs, formatCount, formatNumber } from '../core/number-format';
import { createRng } from '../core/random';
import { SCHEDULE_KINDS } from '../core/schedule';
import { trainSgd } from '../core/sgd';
import { formatFitSummary } from '../core/summary-text';
import { D2L_TRUE, housePrices, laplaceData, syntheticData } from '../core/synthetic';
import { HEADER_CHOICES, headerOption, type DataColumn, type HeaderChoice } from '../core/data';
import { kaggleHouses } from '../core/kaggle-houses';
import { FormulaError } from '../core/formula/tokens';
import { formulaName } from '../core/formula/names';
import { formulaColumns, type ColumnKind } from '../core/formula/factors';
import { planFormula } from '../core/formula/design';
import { formulaOnTable } from '../core/formula/table';
import { describeImputed, IMPUTE_STRATEGIES, type ImputeChoice } from '../core/impute';
import { designFormula, usesFormula } from '../playground/model-formula';
import { defaultThreads } from '../node/parallel-passes';
import { defaultFeatures, fitFormulaFile, fitTableFile } from '../node/fit-file';
import type { FitDiagnostics } from '../core/fit-diagnostics';
import { rareLevelsNote } from '../core/rare-levels';
import { inspectTableFile, readTableFileTable } from '../node/table-file';
import { setupSgd } from '../playground/sgd-setup';
import { BENCH_USAGE } from './bench-usage';

/** Options every command that reads a data file takes. */
const CSV_USAGE = `  --delimiter , | ; | tab   the field separator (default: inferred)
  --missing drop|error      a row with a missing value in a model column is dropped (counted
                            and named) or stops the command (default: drop)
  --header auto|yes|no      whether the first line names the columns (default: auto)`;

/** Options of the commands that fit a model: filling gaps instead of dropping rows. */
const IMPUTE_USAGE = `  --impute ${IMPUTE_STRATEGIES.join('|')}
                            fill a missing feature value instead of dropping its row, as
                            scikit-learn's SimpleImputer: the column's mean, median or most
                            frequent value over the rows used; a category's gaps become their
                            own level "(missing)" (most-frequent: its most frequent level). A row
                            missing its target is still dropped. The summary lists every fill.
  --missing-indicator       with --impute: add a 0/1 column missing(x) per column that had gaps`;

/** `gauss-lab <command> --help`: what the command does and every option it takes. */
const COMMAND_USAGE: Record<string, string> = {
  fit: `Usage: gauss-lab fit <csv> --target <col> [options]
       gauss-lab fit <csv> --formula "y ~ x1 + C(g)" [--json]

The certified closed-form least-squares fit, with statsmodels' statistics.

  --target <col>            the column to predict (required)
  --features a,b            the feature columns (default: every other numeric column);
                            a name with a comma in double quotes: '"Sale, Price",x'
  --degree k                polynomial terms x, x^2, …, x^k of every numeric feature (default: 1)
  --no-intercept            fit without an intercept
  --no-diagnostics          skip Omnibus, skew, kurtosis, Durbin-Watson, Jarque-Bera (they
                            take one more read of a file too large to keep in memory)
  --threads n               threads for a CSV file over 8 MiB (default 0: the machine's cores);
                            the answer is the same bit for bit with any number
  --formula "y ~ x1 + C(g)" the model as a patsy/R formula instead of --target/--features:
                            + - * / : **, 0 or -1 (no intercept), C(g) and text columns as
                            categories, C(g, Treatment(reference='b')), I(x**2), np.log(x),
                            np.exp, np.sqrt, center(x), standardize(x), Q('Sale Price'), \`Sale Price\`
  --cov ${COV_TYPES.join("|")}
                            the covariance behind standard errors, t, p, intervals and F:
                            classical (default), or heteroskedasticity-robust (White's HC0,
                            HC1 = HC0·n/(n−k), HC2 and HC3 weigh each row by its leverage), as
                            statsmodels' fit(cov_type=…, use_t=True)
  --json                    print the result as JSON
  --validation f            also fit on a seeded random (1 − f) of the rows and score it on the
                            rest: RMSE, MAE, R² and, for a positive target, d2l's log-RMSE, for
                            the training and the held-out rows (the summary stays the fit on all)
  --cv k                    k-fold cross-validation: each fold held out once; the scores' mean
                            and standard deviation over the folds
  --seed s                  the held-out rows' seed (default: 0; the same split as sgd --seed s)
  --loss ${LOSS_KINDS.join('|')}  [--huber-delta δ] [--weight-decay λ]
                            also the exact minimiser of the objective sgd minimises with these
                            options (mean loss + λ/2·‖w‖², the bias not penalised) on its
                            training rows (--validation, --seed): ridge, least absolute
                            deviations or Huber's, its objective and how it is certified
  --save-model model.json   also write the fitted model (formula, coefficients, covariance,
                            levels, transform statistics, fill values) for gauss-lab predict;
                            the model is fitted as its formula (patsy's names: Intercept, I(x ** 2))
  --force                   with --save-model: replace the file if it exists
${IMPUTE_USAGE}
${CSV_USAGE}`,
  predict: `Usage: gauss-lab predict <model.json> <new.csv> [options]

Predicts every row of a CSV with a model saved by gauss-lab fit --save-model, and writes the rows
in order: the input columns, then prediction (and lower, upper) and note. A row that cannot be
predicted (a missing input the model has no fill value for, a category level it never saw, a
value that is not a number) keeps its place with an empty prediction and a note saying why.

  --interval ${INTERVAL_KINDS.join('|')}
                            add lower and upper: the confidence interval of the mean, or the
                            prediction interval of a new observation (default: none), as
                            statsmodels' get_prediction(new).summary_frame(alpha)
  --level 0.95              the intervals' level, between 0 and 1 (default: 0.95)
  --out file.csv            write to this file (default: standard output); an existing file is
                            kept unless --force is given
  --force                   replace --out if it exists
  --delimiter , | ; | tab   the input's field separator (default: inferred)
  --header auto|yes|no      whether the input's first line names the columns (default: auto)`,
  sgd: `Usage: gauss-lab sgd <csv> --target <col> [options]
       gauss-lab sgd <csv> --formula "y ~ x1 + C(g)" [options]

d2l's minibatch stochastic gradient descent, deterministic for a seed. Exit code 3 when it diverges.

  --target <col>            the column to predict (required)
  --features a,b            the feature columns (default: every other numeric column);
                            a name with a comma in double quotes: '"Sale, Price",x'
  --lr η                    learning rate (default: ${SGD_BOUNDS.learningRate.default})
  --batch-size n            minibatch size (default: ${SGD_BOUNDS.batchSize.default})
  --epochs n                passes over the training rows (default: ${SGD_BOUNDS.epochs.default})
  --seed s                  random seed: initial weights, minibatch order, validation split (default: 0)
  --loss ${LOSS_KINDS.join('|')}                  (default: ${DEFAULT_SGD_PARAMS.loss})
  --schedule ${SCHEDULE_KINDS.join('|')}        learning-rate schedule (default: ${DEFAULT_SGD_PARAMS.schedule})
  --weight-decay λ          L2 penalty on the weights, not the bias (default: 0)
  --validation f            fraction of rows held out for validation (default: 0)
  --standardize             train on z-scored features (the reported weights are in the data's units)
  --no-intercept            train without an intercept
  --formula "y ~ x1 + C(g)" the model as a formula instead of --target/--features (as for fit)
  --json                    print the result as JSON
${IMPUTE_USAGE}
${CSV_USAGE}`,
  synth: `Usage: gauss-lab synth d2l|houses|kaggle-houses|laplace [--n 1000] [--seed 0] > file.csv

Writes a sample dataset as CSV: d2l's synthetic_data (w = [2, -3.4], b = 4.2, noise 0.01), the
chapter's house-price example, or a messy file shaped like Kaggle's House Prices (d2l's next
chapter): an Id, coded classes, text categories and numbers with gaps, a Y/N column, a date.`,
  bench: `Usage:
${BENCH_USAGE}

Times every @bench group of a file (loop vs vectorized), each variant in its own process.`,
};

const USAGE = `Usage: gauss-lab <command> [options]

Commands:
  fit     the certified closed-form least-squares fit of a CSV file
  predict predict a CSV file with a model saved by fit --save-model
  sgd     minibatch SGD on a CSV file, as in d2l
  synth   write a sample dataset (d2l's synthetic data, house prices) as CSV
  bench   time loop vs vectorized snippets marked with @bench

Run "gauss-lab <command> --help" for a command's options; "gauss-lab --version" prints the version.`;

/** The version of the package (and of the extension: they are released together). */
export const VERSION: string = version;

class UsageError extends Error {}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && COMMAND_USAGE[command] && rest.some((a) => a === '--help' || a === '-h')) {
    out(COMMAND_USAGE[command] + '\n');
    return 0;
  }
  switch (command) {
    case 'fit':
      return fitCommand(rest, out);
    case 'sgd':
      return sgdCommand(rest, out);
    case 'predict':
      return predictCommand(rest, out);
    case 'synth':
      return synthCommand(rest, out);
    case 'bench':
      // loaded here: the engine and sucrase are a third of the CLI, and no other command needs them
      return (await import('./bench-command')).benchCommand(rest, out);
    case '-v':
    case '--version':
    case 'version':
      out(`gauss-lab ${VERSION}\n`);
      return 0;
    case 'help':
      if (rest[0] !== undefined && COMMAND_USAGE[rest[0]]) {
        out(COMMAND_USAGE[rest[0]] + '\n');
        return 0;
      }
      out(USAGE + '\n');
      return 0;
    case undefined:
    case '-h':
    case '--help':
      out(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

const csvOptions = {
  delimiter: { type: 'string' },
  missing: { type: 'string' },
  header: { type: 'string' },
} as const;

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function readOptions(values: { delimiter?: unknown; missing?: unknown; header?: unknown }) {
  const d = values.delimiter as string | undefined;
  const delimiter = d === undefined ? 'auto' : d === 'tab' || d === '\\t' ? '\t' : d;
  if (delimiter !== 'auto' && delimiter !== ',' && delimiter !== ';' && delimiter !== '\t') {
    throw new UsageError(`--delimiter must be ",", ";" or "tab", got "${d}"`);
  }
  const missing = (values.missing as string | undefined) ?? 'drop';
  if (missing !== 'drop' && missing !== 'error') throw new UsageError(`--missing must be "drop" or "error", got "${missing}"`);
  const h = (values.header as string | undefined) ?? 'auto';
  if (!(HEADER_CHOICES as readonly string[]).includes(h)) throw new UsageError(`--header must be "auto", "yes" or "no", got "${h}"`);
  const header = headerOption(h as HeaderChoice);
  return { delimiter, missing, header } as const;
}

const imputeOptions = {
  impute: { type: 'string' },
  'missing-indicator': { type: 'boolean' },
} as const;

/** --impute and --missing-indicator, checked against --missing. */
function imputeChoice(values: { impute?: unknown; 'missing-indicator'?: unknown; missing?: unknown }): ImputeChoice | undefined {
  if (values.impute === undefined) {
    if (values['missing-indicator']) throw new UsageError('--missing-indicator goes with --impute (e.g. --impute mean --missing-indicator)');
    return undefined;
  }
  if (values.missing !== undefined) throw new UsageError('--impute fills the gaps --missing would drop or refuse: give one of them');
  return { strategy: oneOf(values.impute, 'impute', IMPUTE_STRATEGIES, 'mean'), indicator: values['missing-indicator'] === true };
}

function oneFile(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} needs exactly one CSV file, got ${positionals.length}`);
  return positionals[0];
}

/** A file's column kinds as a formula sees them, by name. */
function kindOfColumns(columns: readonly DataColumn[]): (name: string) => ColumnKind {
  const kinds = new Map(formulaColumns(columns).map((c) => [c.name, c.kind]));
  return (name) => kinds.get(name) ?? 'numeric';
}

/** What `fit` prints: JSON or the summary, with or without the residual diagnostics. */
function fitOutput(values: { json?: unknown; 'no-diagnostics'?: unknown; cov?: unknown; 'save-model'?: unknown; force?: unknown }): {
  json: boolean;
  diagnostics: boolean;
  cov: CovType;
  saveModel?: { path: string; replace: boolean };
} {
  const path = values['save-model'];
  if (path !== undefined && (typeof path !== 'string' || path.trim() === '')) throw new UsageError('--save-model needs a file name, e.g. --save-model model.json');
  return {
    json: values.json === true,
    diagnostics: values['no-diagnostics'] !== true,
    cov: oneOf(values.cov, 'cov', COV_TYPES, 'nonrobust'),
    ...(typeof path === 'string' ? { saveModel: { path, replace: values.force === true } } : {}),
  };
}

type FitOutput = ReturnType<typeof fitOutput> & { validation?: ValidationScores; crossValidation?: CrossValidationScores; optimum?: OptimumJson };

/** The exact minimiser of SGD's objective for a loss, δ and λ, as `fit --loss` reports it. */
interface OptimumJson {
  readonly loss: LossKind;
  readonly huberDelta?: number;
  readonly weightDecay: number;
  readonly validationFraction: number;
  readonly seed: number;
  /** The rows it minimises over (the training rows of the split). */
  readonly rows: number;
  readonly label: string;
  /** ⅟n Σ ℓ + λ/2‖w‖² at the optimum. */
  readonly objective: number;
  readonly certificate: SgdOptimum['certificate'];
  readonly unique: boolean;
  /** `range`: when the optimum is not unique, the least and greatest value over every minimiser. */
  readonly coefficients: readonly { readonly name: string; readonly estimate: number; readonly range?: readonly [number, number] }[];
}

/**
 * --loss, --huber-delta and --weight-decay: the exact minimiser of the objective SGD minimises
 * (`sgd` with the same options and --seed/--validation trains towards it), on the training rows.
 */
async function objectiveOptimum(
  values: { loss?: unknown; 'huber-delta'?: unknown; 'weight-decay'?: unknown; validation?: unknown; seed?: unknown },
  inMemory: () => ReturnType<typeof designTable>,
): Promise<{ optimum?: OptimumJson }> {
  if (values.loss === undefined && values['huber-delta'] === undefined && values['weight-decay'] === undefined) return {};
  const loss = oneOf(values.loss, 'loss', LOSS_KINDS, 'squared');
  if (values['huber-delta'] !== undefined && loss !== 'huber') throw new UsageError('--huber-delta goes with --loss huber');
  const huberDelta = bounded(values['huber-delta'], 'huber-delta', SGD_BOUNDS.huberDelta);
  const weightDecay = bounded(values['weight-decay'], 'weight-decay', SGD_BOUNDS.weightDecay);
  const validationFraction = values.validation === undefined ? 0 : bounded(values.validation, 'validation', DESIGN_BOUNDS.validationFraction);
  const seed = bounded(values.seed, 'seed', SGD_BOUNDS.seed);
  const { table, spec, names } = await inMemory();
  const setup = setupSgd(designColumns(table, spec), table.columns[spec.target], { intercept: spec.intercept, standardize: false, validationFraction }, { ...DEFAULT_SGD_PARAMS, seed, loss, huberDelta, weightDecay });
  let opt: SgdOptimum;
  try {
    opt = sgdOptimum(setup.train, { loss, huberDelta, weightDecay, intercept: spec.intercept });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const theta = setup.toOriginal(opt.w, opt.b);
  const ranges = opt.unique ? undefined : coefficientRanges(opt, (w, b) => setup.toOriginal(w, b));
  return {
    optimum: {
      loss,
      ...(loss === 'huber' ? { huberDelta } : {}),
      weightDecay,
      validationFraction,
      seed,
      rows: setup.train.n,
      label: validationFraction > 0 ? `${opt.label} on the training rows` : opt.label,
      objective: opt.objective,
      certificate: opt.certificate,
      unique: opt.unique,
      coefficients: names.map((name, j) => ({ name, estimate: theta[j], ...(ranges ? { range: ranges[j] } : {}) })),
    },
  };
}

/** The optimum under the summary: what it minimises, its value, how it is known, its coefficients. */
function optimumText(o: FitOutput): string {
  const m = o.optimum;
  if (!m) return '';
  const lines = [
    `Exact optimum of SGD's objective (${m.loss} loss${m.huberDelta !== undefined ? `, δ = ${m.huberDelta}` : ''}${m.weightDecay > 0 ? ` + λ/2·‖w‖², λ = ${m.weightDecay}` : ''}) on ${formatCount(m.rows)} rows: ${m.label}`,
    `  objective ${formatNumber(m.objective, 10)}; certified by ${m.certificate.method} (largest violation ${m.certificate.violation.toExponential(1)})${m.unique ? '' : m.coefficients.some((c) => c.range) ? '; not unique: every θ in the ranges shown reaches it' : '; not unique: other θ reach it'}`,
    ...m.coefficients.map((c) => `  ${c.name.padEnd(24)} ${formatNumber(c.estimate, 10)}${c.range && c.range[1] > c.range[0] ? `  (any of [${formatNumber(c.range[0], 10)}, ${formatNumber(c.range[1], 10)}])` : ''}`),
  ];
  return lines.join('\n') + '\n';
}

function optimumJson(o: FitOutput): { optimum?: OptimumJson } {
  return o.optimum ? { optimum: o.optimum } : {};
}

/**
 * --validation f and --cv k: scores of fits on part of the rows, on rows they did not see (the
 * summary stays the fit on every row). The model's design over the file is read into memory.
 */
async function heldOutScores(
  values: { validation?: unknown; cv?: unknown; seed?: unknown },
  inMemory: () => ReturnType<typeof designTable>,
): Promise<{ validation?: ValidationScores; crossValidation?: CrossValidationScores }> {
  if (values.validation === undefined && values.cv === undefined) {
    if (values.seed !== undefined) throw new UsageError('--seed goes with --validation or --cv (it chooses the held-out rows)');
    return {};
  }
  const seed = bounded(values.seed, 'seed', SGD_BOUNDS.seed);
  const fraction = values.validation === undefined ? undefined : bounded(values.validation, 'validation', DESIGN_BOUNDS.validationFraction);
  if (fraction === 0) throw new UsageError('--validation must be above 0 (e.g. 0.2: a fifth of the rows held out)');
  const folds = values.cv === undefined ? undefined : number(values.cv, 'cv', 5);
  if (folds !== undefined && !(Number.isInteger(folds) && folds >= 2 && folds <= MAX_FOLDS)) throw new UsageError(`--cv must be a whole number of folds from 2 to ${MAX_FOLDS}, got "${values.cv}"`);
  const { table, spec } = await inMemory();
  try {
    return {
      ...(fraction !== undefined ? { validation: validationScores(table, spec, fraction, seed) } : {}),
      ...(folds !== undefined ? { crossValidation: crossValidationScores(table, spec, folds, seed) } : {}),
    };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

function heldOutJson(o: FitOutput): { validation?: ValidationScores; crossValidation?: CrossValidationScores } {
  return { ...(o.validation ? { validation: o.validation } : {}), ...(o.crossValidation ? { crossValidation: o.crossValidation } : {}) };
}

/** The held-out scores under the summary, training and held out side by side. */
function heldOutText(o: FitOutput): string {
  const lines: string[] = [];
  const f = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : formatNumber(x, 5));
  const head = (w: number) => `${''.padEnd(14)}${['RMSE', 'MAE', 'R²', 'log-RMSE'].map((h) => h.padStart(w)).join('')}`;
  if (o.validation) {
    const v = o.validation;
    lines.push(`Held-out scores: validation ${formatNumber(v.fraction * 100, 3)}% (seed ${v.seed}), fitted on ${formatCount(v.train.rows)} rows, scored on ${formatCount(v.validation.rows)} it did not see`);
    lines.push(head(14));
    for (const [name, sc] of [['training', v.train], ['validation', v.validation]] as const) {
      lines.push(name.padEnd(14) + [sc.rmse, sc.mae, sc.rSquared, sc.logRmse].map((x) => f(x).padStart(14)).join(''));
    }
  }
  if (o.crossValidation) {
    const c = o.crossValidation;
    if (lines.length) lines.push('');
    lines.push(`${c.folds}-fold cross-validation (seed ${c.seed}): mean ± standard deviation over the folds`);
    lines.push(head(22));
    for (const [name, sc] of [['training', c.train], ['held out', c.validation]] as const) {
      const cell = (x: { mean: number; sd: number } | null) => (x ? `${f(x.mean)} ± ${f(x.sd)}` : '—');
      lines.push(name.padEnd(14) + [sc.rmse, sc.mae, sc.rSquared, sc.logRmse].map((x) => cell(x).padStart(22)).join(''));
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Most folds --cv takes (leave-one-out on small files is --cv n). */
const MAX_FOLDS = 1000;

function requireTarget(values: { target?: unknown }): string {
  if (typeof values.target !== 'string' || values.target.trim() === '') throw new UsageError('--target <column> is required');
  // header names are trimmed when read, so the name given is too (as --features' names are)
  return values.target.trim();
}

/**
 * A comma-separated list of column names; a name with a comma is quoted as in CSV:
 * `--features '"Sale, Price",x'`.
 */
function splitList(s: unknown): string[] | undefined {
  if (typeof s !== 'string') return undefined;
  const out: string[] = [];
  let i = 0;
  while (i <= s.length) {
    while (s[i] === ' ') i++;
    let name = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new UsageError(`a quoted name in ${JSON.stringify(s)} is never closed`);
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += s[i++];
      }
      while (s[i] === ' ') i++;
      if (i < s.length && s[i] !== ',') throw new UsageError(`expected "," after the quoted name ${JSON.stringify(name)} in ${JSON.stringify(s)}`);
    } else {
      const end = s.indexOf(',', i);
      name = (end < 0 ? s.slice(i) : s.slice(i, end)).trim();
      i = end < 0 ? s.length : end;
    }
    if (name !== '') out.push(name);
    i++;
  }
  return out;
}

function number(v: unknown, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return x;
}

/** `--name` within a core bound (its default when absent). */
function bounded(v: unknown, name: string, bound: NumberBound): number {
  const x = number(v, name, bound.default);
  if (!inBound(x, bound)) throw new UsageError(`--${name} must be ${describeBound(bound)}, got "${v}"`);
  return x;
}

/** `--name` from a core name list (its default when absent). */
function oneOf<T extends string>(v: unknown, name: string, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${name} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, got "${v}"`);
}

/**
 * JSON with NaN and ±Infinity as the strings "NaN", "Infinity" and "-Infinity" (JSON has no such
 * numbers, and null would not tell an infinite F from an undefined one; Python's float() and
 * JavaScript's Number() read the strings back). null stays "absent".
 */
export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}

async function fitCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {
    ...csvOptions,
    target: { type: 'string' },
    features: { type: 'string' },
    degree: { type: 'string' },
    'no-intercept': { type: 'boolean' },
    'no-diagnostics': { type: 'boolean' },
    formula: { type: 'string' },
    json: { type: 'boolean' },
    cov: { type: 'string' },
    'save-model': { type: 'string' },
    force: { type: 'boolean' },
    validation: { type: 'string' },
    cv: { type: 'string' },
    seed: { type: 'string' },
    loss: { type: 'string' },
    'huber-delta': { type: 'string' },
    'weight-decay': { type: 'string' },
    threads: { type: 'string' },
    ...imputeOptions,
  });
  const file = oneFile(positionals, 'fit');
  const asked = bounded(values.threads, 'threads', THREADS);
  const threads = asked === 0 ? defaultThreads() : asked;
  if (values.force && values['save-model'] === undefined) throw new UsageError('--force goes with --save-model (replace the model file if it exists)');
  const impute = imputeChoice(values);
  // the model's design in memory, read once for the held-out scores and the optimum alike
  let loaded: ReturnType<typeof designTable> | undefined;
  const inMemory = () => (loaded ??= designTable(file, values, impute));
  const output = { ...fitOutput(values), ...(await heldOutScores(values, inMemory)), ...(await objectiveOptimum(values, inMemory)) };
  if (values.formula !== undefined) return fitFormulaCommand(file, values.formula, values, impute, output, out);
  const target = requireTarget(values);
  const degree = number(values.degree, 'degree', 1);
  const listed = splitList(values.features);
  const saving = values['save-model'] !== undefined;
  if (listed || impute || degree > 1 || saving) {
    // a text feature is a category, filling gaps and powers of several features are a formula fit's:
    // the model is the obvious formula, the one the playground's pickers write (one home: designFormula)
    const columns = await inspectTableFile(file, { fileName: basename(file), ...readOptions(values) });
    const features = listed ?? defaultFeatures(columns, target);
    const kindOf = kindOfColumns(columns);
    const design: DesignChoice = {
      target,
      features,
      degree,
      intercept: !values['no-intercept'],
      standardize: false,
      validationFraction: 0,
      ...(impute ? { impute: impute.strategy, missingIndicator: impute.indicator } : {}),
    };
    // a saved model is a formula's (one way to evaluate a model on new rows)
    if (usesFormula(design, kindOf) || saving) {
      return runFormulaFit(file, designFormula(design, kindOf), readOptions(values), impute, output, out, roleNotes(columns, target, features, !listed));
    }
  }
  const { fit, data, spec, diagnostics } = await fitTableFile(file, {
    target,
    features: splitList(values.features),
    degree,
    intercept: !values['no-intercept'],
    read: readOptions(values),
    diagnostics: output.diagnostics,
    cov: output.cov,
    threads,
  });
  const warnings = [...data.warnings, ...fit.warnings];
  warnings.unshift(...roleNotes(data.columns, target, spec.terms.map((t) => t.name), !values.features));
  if (!values.features) {
    // Every numeric column was used: say which were not, and why (never a silent omission).
    for (const c of data.columns.filter((c) => !c.numeric)) {
      if (c.category) {
        // text is a category: not an error to fix, a choice to offer
        warnings.unshift(
          c.id
            ? `column "${c.name}" was left out: it is text and ${c.id}`
            : `column "${c.name}" is text, a category, and was left out of this all-numeric model: add it with --features (one 0/1 column per level but the first) or C(${formulaName(c.name)}) in --formula`,
        );
        continue;
      }
      const why = c.why ?? { clause: 'it has no numeric values', hint: '' };
      const note = `column "${c.name}" is not numeric and was left out: ${why.clause}`;
      if (!warnings.some((w) => w.startsWith(`column "${c.name}" is left out`))) warnings.unshift(why.hint ? `${note}; ${why.hint}` : note);
    }
  }
  if (data.rowsDropped > 0) warnings.unshift(droppedSentence(data.rowsDropped, data.dropped));
  warnings.push(...(diagnostics?.warnings ?? []));
  if (values.json) {
    out(json({ ...fitJson(fit, { target, features: spec.terms.map((t) => t.name), intercept: spec.intercept }, data.rowsDropped, warnings, diagnostics), ...heldOutJson(output), ...optimumJson(output) }));
  } else {
    out(formatFitSummary({ ...fit, warnings }, { target, file: basename(file), rowsDropped: data.rowsDropped, diagnostics: diagnostics?.residuals }) + '\n' + heldOutText(output) + optimumText(output));
  }
  return 0;
}

/** `fit --formula`: the patsy/R formula on the file (its own columns only), named as statsmodels names it. */
async function fitFormulaCommand(
  file: string,
  formula: string,
  values: { target?: unknown; features?: unknown; degree?: unknown; 'no-intercept'?: unknown; json?: unknown; delimiter?: unknown; missing?: unknown },
  impute: ImputeChoice | undefined,
  output: FitOutput,
  out: (s: string) => void,
): Promise<number> {
  const clash = (['target', 'features', 'degree', 'no-intercept'] as const).find((k) => values[k] !== undefined);
  if (clash) throw new UsageError(`--formula says the whole model: leave out --${clash} (write it in the formula, e.g. "y ~ x1 + x2 - 1")`);
  return runFormulaFit(file, formula, readOptions(values), impute, output, out);
}

/**
 * What the automatic choices were, for the summary: ids left out of a default model, and
 * numeric features of a few whole numbers (maybe codes, then a category: C(x)).
 */
function roleNotes(columns: readonly DataColumn[], target: string, features: readonly string[], defaulted: boolean): string[] {
  const notes: string[] = [];
  for (const c of columns) {
    if (c.name === target) continue;
    if (defaulted && c.numeric && c.id) notes.push(`column "${c.name}" was left out: ${c.id}; list it in --features to use it`);
    if (c.numeric && c.integerLevels && features.includes(c.name)) {
      notes.push(`column "${c.name}" has only ${c.integerLevels} distinct whole numbers: it is used as an amount; if they are codes (classes, not quantities), make it a category: --formula "… + C(${formulaName(c.name)})"`);
    }
  }
  return notes;
}

async function runFormulaFit(
  file: string,
  formula: string,
  read: ReturnType<typeof readOptions>,
  impute: ImputeChoice | undefined,
  output: FitOutput,
  out: (s: string) => void,
  notes: readonly string[] = [],
): Promise<number> {
  const asJson = output.json;
  let result;
  try {
    result = await fitFormulaFile(file, formula, { read, impute, diagnostics: output.diagnostics, cov: output.cov });
  } catch (e) {
    if (e instanceof FormulaError) throw Object.assign(new UsageError(`${e.message}\n  ${e.pointer().split('\n').join('\n  ')}`), { formula: true });
    throw e;
  }
  const { fit, data, design, imputed, diagnostics } = result;
  if (output.saveModel) {
    const byName = new Map(result.columns.map((c) => [c.name, c]));
    const model = savedModel({
      fit,
      covariance: result.covariance,
      design,
      kindOf: (n) => byName.get(n)?.kind,
      dateOf: (n) => byName.get(n)?.date,
      trainingFile: basename(file),
      createdBy: `gauss-lab ${VERSION}`,
      ...(impute && imputed ? { imputation: { strategy: impute.strategy, filled: imputed } } : {}),
    });
    const { path, replace } = output.saveModel;
    if (!(await writeNewFile(path, formatSavedModel(model), replace))) throw new UsageError(`${path} exists: choose another name, or add --force to replace it`);
  }
  const warnings = [...notes, ...data.warnings, ...fit.warnings, ...[...design.rare].map(([name, r]) => rareLevelsNote(name, r))];
  if (data.rowsDropped > 0) warnings.unshift(droppedSentence(data.rowsDropped, data.dropped));
  // every fill is said, first: a model on filled-in values must not pass for one on the data
  if (imputed) warnings.unshift(...(imputed.length ? imputed.map((f) => `imputed ${describeImputed(f)}`) : ['imputed nothing: the model\'s columns have no missing value']));
  warnings.push(...(diagnostics?.warnings ?? []));
  const target = design.plan.target.name;
  if (asJson) out(json({ ...fitJson(fit, { target, features: design.featureNames, intercept: design.intercept }, data.rowsDropped, warnings, diagnostics), ...(imputed ? { imputed } : {}), ...heldOutJson(output), ...optimumJson(output) }));
  else out(formatFitSummary({ ...fit, warnings }, { target, file: basename(file), rowsDropped: data.rowsDropped, diagnostics: diagnostics?.residuals }) + '\n' + heldOutText(output) + optimumText(output));
  return 0;
}

/**
 * The JSON of `fit`: the summary every view shows (non-finite numbers as null), the rows
 * dropped and the warnings; `dropped` appears on a term only when it is true.
 */
export function fitJson(
  fit: FitResult,
  design: Pick<DesignChoice, 'target' | 'features' | 'intercept'>,
  rowsDropped: number,
  warnings: readonly string[],
  diagnostics?: FitDiagnostics,
) {
  const { note: _note, terms, ...summary } = summarizeFit(fit, design, diagnostics?.vif, { keepNonFinite: true });
  return {
    ...summary,
    // a dropped term was not estimated: its numbers are absent (null), not undefined results ("NaN")
    terms: terms.map(({ dropped, ...t }) =>
      dropped ? { ...t, estimate: null, stdError: null, t: null, pValue: null, ci95: [null, null], ...('vif' in t ? { vif: null } : {}), dropped } : t,
    ),
    rowsDropped,
    warnings,
    ...(diagnostics ? { diagnostics: diagnostics.residuals } : {}),
  };
}

function droppedSentence(count: number, first: readonly { row: number; column: string; value: string; reason: string }[]): string {
  const d = first[0];
  return `${formatCount(count)} row${count === 1 ? ' was' : 's were'} dropped for missing values` +
    (d ? ` (first: row ${formatCount(d.row)}, column "${d.column}": ${d.value === '' ? 'empty' : `"${d.value}"`}${d.reason === 'empty' ? '' : `, ${d.reason}`})` : '');
}

async function predictCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {
    interval: { type: 'string' },
    level: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    delimiter: { type: 'string' },
    header: { type: 'string' },
  });
  if (positionals.length !== 2) throw new UsageError(`predict needs a model file and a CSV file (gauss-lab predict model.json new.csv), got ${positionals.length} file${positionals.length === 1 ? '' : 's'}`);
  const [modelPath, dataPath] = positionals;
  const interval = oneOf(values.interval, 'interval', INTERVAL_KINDS, 'none');
  const level = number(values.level, 'level', 0.95);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level must be between 0 and 1 (e.g. 0.95), got "${values.level}"`);
  if (values.level !== undefined && interval === 'none') throw new UsageError('--level goes with --interval confidence|prediction');
  if (values.force && values.out === undefined) throw new UsageError('--force goes with --out (replace the output file if it exists)');
  const { delimiter, header } = readOptions(values);
  const { predictor } = await readModelFile(modelPath);
  const result = await predictFile(predictor, dataPath, { interval, level, delimiter, header });
  if (values.out === undefined) {
    out(result.text);
    if (result.unpredicted > 0) process.stderr.write(describePrediction(result, 'standard output') + '\n');
    return 0;
  }
  if (!(await writeNewFile(values.out, result.text, values.force === true))) throw new UsageError(`${values.out} exists: choose another name, or add --force to replace it`);
  out(describePrediction(result, values.out) + (predictor.predicts !== '' ? `; prediction is ${predictor.predicts}` : '') + '\n');
  return 0;
}

async function sgdCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {
    ...csvOptions,
    target: { type: 'string' },
    features: { type: 'string' },
    lr: { type: 'string' },
    'batch-size': { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    loss: { type: 'string' },
    schedule: { type: 'string' },
    'weight-decay': { type: 'string' },
    validation: { type: 'string' },
    standardize: { type: 'boolean' },
    'no-intercept': { type: 'boolean' },
    formula: { type: 'string' },
    json: { type: 'boolean' },
    ...imputeOptions,
  });
  const file = oneFile(positionals, 'sgd');
  const impute = imputeChoice(values);
  const params: SgdParams = {
    ...DEFAULT_SGD_PARAMS,
    learningRate: bounded(values.lr, 'lr', SGD_BOUNDS.learningRate),
    batchSize: bounded(values['batch-size'], 'batch-size', SGD_BOUNDS.batchSize),
    epochs: bounded(values.epochs, 'epochs', SGD_BOUNDS.epochs),
    seed: bounded(values.seed, 'seed', SGD_BOUNDS.seed),
    weightDecay: bounded(values['weight-decay'], 'weight-decay', SGD_BOUNDS.weightDecay),
    loss: oneOf(values.loss, 'loss', LOSS_KINDS, DEFAULT_SGD_PARAMS.loss),
    schedule: oneOf(values.schedule, 'schedule', SCHEDULE_KINDS, DEFAULT_SGD_PARAMS.schedule),
  };
  const { table, spec, names: termList, rowsDropped, notes } = await designTable(file, values, impute);
  const model = {
    intercept: spec.intercept,
    standardize: values.standardize === true,
    validationFraction: bounded(values.validation, 'validation', DESIGN_BOUNDS.validationFraction),
  };
  // the panel's setup, so `sgd` trains exactly the run the playground shows for the same settings
  const setup = setupSgd(designColumns(table, spec), table.columns[spec.target], model, params);
  const result = trainSgd(setup.train, setup.options, setup.validation);
  const theta = setup.toOriginal(result.w, result.b);
  const terms = termList.map((name, k) => ({ name, estimate: theta[k] }));
  if (values.json) {
    out(
      json({
        terms,
        trainLoss: result.trainLoss,
        validationLoss: result.validationLoss,
        diverged: result.diverged !== null,
        ...(result.diverged ? { divergence: result.diverged } : {}),
        epochs: result.epochs,
        steps: result.steps,
        rowsDropped,
        ...(notes.length ? { warnings: notes } : {}),
      }),
    );
  } else {
    const lines = [`Minibatch SGD on ${basename(file)}: ${formatCount(setup.train.n)} training rows, ${formatCount(setup.validation?.n ?? 0)} validation rows, ${params.loss} loss`];
    result.trainLoss.forEach((l, e) =>
      lines.push(`epoch ${e + 1}: train loss ${formatAs('loss', l)}${result.validationLoss.length ? `, validation loss ${formatAs('loss', result.validationLoss[e])}` : ''}`),
    );
    const width = Math.max(16, ...terms.map((t) => t.name.length));
    for (const t of terms) lines.push(`${t.name.padEnd(width)} ${formatAs('estimate', t.estimate)}`);
    if (result.diverged) lines.push(result.diverged.message);
    for (const n of notes) lines.push(`note: ${n}`);
    out(lines.join('\n') + '\n');
  }
  return result.diverged ? 3 : 0;
}

/**
 * What `sgd` trains on: the table of the columns (--target/--features) or of a formula's
 * design (--formula, or --impute), its spec, the coefficient names, and what was dropped or filled.
 */
/** The model's design over the whole file in memory (SGD, held-out scores): a table and the spec that indexes it. */
async function designTable(
  file: string,
  values: { target?: string; features?: string; formula?: string; degree?: unknown; 'no-intercept'?: boolean; delimiter?: unknown; missing?: unknown; header?: unknown },
  impute: ImputeChoice | undefined,
): Promise<{ table: Table; spec: DesignSpec; names: string[]; rowsDropped: number; notes: string[] }> {
  const degree = number(values.degree, 'degree', 1);
  const read = readOptions(values);
  let formula = values.formula;
  if (formula !== undefined) {
    const clash = (['target', 'features', 'no-intercept'] as const).find((k) => values[k] !== undefined);
    if (clash) throw new UsageError(`--formula says the whole model: leave out --${clash} (write it in the formula, e.g. "y ~ x1 + x2 - 1")`);
  }
  // --target is checked before the file is read, as fit does
  const target = formula === undefined ? requireTarget(values) : '';
  // the file's columns, inspected once for either path
  const columns = await inspectTableFile(file, { fileName: basename(file), ...read });
  if (formula === undefined) {
    const listed = splitList(values.features);
    const features = listed ?? defaultFeatures(columns, target);
    // a text feature or filled gaps: the obvious formula; else the columns as they are
    const kindOf = kindOfColumns(columns);
    const design: DesignChoice = { target, features, degree, intercept: !values['no-intercept'], standardize: false, validationFraction: 0, ...(impute ? { impute: impute.strategy } : {}) };
    if (usesFormula(design, kindOf)) {
      formula = designFormula(design, kindOf);
    } else {
      const { table, summary } = await readTableFileTable(file, { ...read, columns: [target, ...features] });
      const spec = designSpec(table.names, { target, features, degree, intercept: !values['no-intercept'] });
      return { table, spec, names: termNames(spec), rowsDropped: summary.rowsDropped, notes: roleNotes(columns, target, features, !listed) };
    }
  }
  try {
    const plan = planFormula(formula, formulaColumns(columns));
    const { table, summary, rowNumbers } = await readTableFileTable(file, {
      ...read,
      columns: plan.columns,
      text: plan.textColumns,
      ...(impute ? { missing: 'keep' as const, rowNumbers: true } : {}),
    });
    const f = formulaOnTable(table, summary.levels, plan, { impute, rowNumbers });
    const notes = [...(f.imputed ?? []).map((x) => `imputed ${describeImputed(x)}`), ...summary.warnings];
    return { table: f.derived, spec: f.design.spec, names: f.design.names, rowsDropped: summary.rowsDropped + f.rowsDropped, notes };
  } catch (e) {
    if (e instanceof FormulaError) throw Object.assign(new UsageError(`${e.message}\n  ${e.pointer().split('\n').join('\n  ')}`), { formula: true });
    throw e;
  }
}

async function synthCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { n: { type: 'string' }, seed: { type: 'string' } });
  const kind = positionals[0];
  const n = number(values.n, 'n', 1000);
  const rng = createRng(number(values.seed, 'seed', 0));
  if (kind === 'd2l') out(formatCsv(syntheticData(D2L_TRUE.w, D2L_TRUE.b, n, D2L_TRUE.noise, rng)));
  else if (kind === 'houses') out(formatCsv(housePrices(n, rng)));
  else if (kind === 'kaggle-houses') out(kaggleHouses(n, rng));
  else if (kind === 'laplace') out(formatCsv(laplaceData(n, rng)));
  else throw new UsageError(`synth needs "d2l", "houses", "kaggle-houses" or "laplace", got ${kind === undefined ? 'nothing' : `"${kind}"`}`);
  return 0;
}

/** Runs the command line of this process (dist/cli.js calls it; so does this bundle run directly). */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`gauss-lab: ${message}\n`);
      const hint = (e as { hint?: unknown }).hint;
      if (typeof hint === 'string') process.stderr.write(`  try: ${hint}\n`);
      if (e instanceof UsageError) process.stderr.write(`Run "gauss-lab --help" for usage.\n`);
      process.exitCode = e instanceof UsageError ? 2 : 1;
    },
  );
}

if (require.main === module) runCli();
