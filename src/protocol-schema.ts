/**
 * Runtime validation of every message between the extension and its webviews, in both
 * directions, and of the webview's persisted state (valibot). One module for both receivers:
 * the extension (`parseWebviewMessage`) and the webview (`parseExtensionMessage`) check the
 * shared shapes (a design, SGD parameters) with the same schemas, built from the core's bounds
 * and name lists, so the two sides cannot disagree about what is valid. Anything that is not a
 * known, well-formed message is dropped by the receiver and logged.
 * The compile-time checks at the bottom fail the build when a schema's output type and the
 * protocol's type (src/protocol.ts) drift apart.
 */
import * as v from 'valibot';
import { describeBound, inBound, type NumberBound } from './core/bounds';
import { DESIGN_BOUNDS, MAX_FORMULA_LENGTH, SGD_BOUNDS } from './core/choices';
import { HEADER_CHOICES } from './core/data';
import { IMPUTE_STRATEGIES } from './core/impute';
import { LOSS_KINDS } from './core/linear-model';
import { CODE_LANGUAGES } from './core/model-code';
import { RARE_LEVELS_LISTED } from './core/rare-levels';
import { COV_TYPES } from './core/cov-types';
import { SCHEDULE_KINDS } from './core/schedule';
import type {
  WhatIfMessage,
  CancelMessage,
  ChooseDatasetMessage,
  ColumnInfo,
  DatasetInfo,
  DesignChoice,
  ExportMessage,
  ExtensionToWebview,
  FitPayload,
  LogMessage,
  PersistedPlaygroundState,
  ReadyMessage,
  SaveChartMessage,
  SetDesignMessage,
  SetHeaderMessage,
  SetLandscapeAxesMessage,
  SgdParams,
  TrainingEpoch,
  TrainingStep,
  TrainMessage,
  TuneMessage,
  WebviewToExtension,
} from './protocol';

/** A number within a core bound (finite, range, whole where it must be). */
function bounded(bound: NumberBound) {
  return v.pipe(v.number(), v.check((x) => inBound(x, bound), `must be ${describeBound(bound)}`));
}

// ---- shared shapes (both directions) ------------------------------------------------

/** Longest log line kept whole (longer ones are cut). */
const MAX_TEXT = 2000;
/** Longest column name (a CSV header can be long; the UI cuts what it shows). */
const MAX_NAME = 100_000;
const MAX_FEATURES = 1000;
const name = v.pipe(v.string(), v.maxLength(MAX_NAME));

export const designChoiceSchema = v.strictObject({
  target: name,
  features: v.pipe(v.array(name), v.maxLength(MAX_FEATURES), v.readonly()),
  degree: bounded(DESIGN_BOUNDS.degree),
  intercept: v.boolean(),
  standardize: v.boolean(),
  validationFraction: bounded(DESIGN_BOUNDS.validationFraction),
  formula: v.optional(v.pipe(v.string(), v.maxLength(MAX_FORMULA_LENGTH))),
  categorical: v.optional(v.pipe(v.array(name), v.maxLength(MAX_FEATURES), v.readonly())),
  impute: v.optional(v.picklist(['none', ...IMPUTE_STRATEGIES])),
  missingIndicator: v.optional(v.boolean()),
  covType: v.optional(v.picklist(COV_TYPES)),
});

export const sgdParamsSchema = v.strictObject({
  learningRate: bounded(SGD_BOUNDS.learningRate),
  batchSize: bounded(SGD_BOUNDS.batchSize),
  epochs: bounded(SGD_BOUNDS.epochs),
  schedule: v.picklist(SCHEDULE_KINDS),
  loss: v.picklist(LOSS_KINDS),
  huberDelta: bounded(SGD_BOUNDS.huberDelta),
  weightDecay: bounded(SGD_BOUNDS.weightDecay),
  seed: bounded(SGD_BOUNDS.seed),
  stepsPerSecond: bounded(SGD_BOUNDS.stepsPerSecond),
});

// ---- webview → extension ------------------------------------------------------------
/** Largest chart SVG accepted for a report (each), and most charts. */
const MAX_SVG = 5_000_000;
const MAX_CHARTS = 16;
/** Active content an SVG chart from Vega never has. */
const ACTIVE_SVG = /<script|<foreignObject|<iframe|<embed|<object|\son[a-z]+\s*=|javascript:/i;

const readySchema = v.strictObject({ type: v.literal('ready') });
const logSchema = v.strictObject({
  type: v.literal('log'),
  level: v.picklist(['info', 'warn', 'error']),
  // long lines are cut, not rejected: a log line is for a person to read
  message: v.pipe(v.string(), v.transform((s) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s))),
});
const chooseDatasetSchema = v.strictObject({ type: v.literal('chooseDataset') });
const setDesignSchema = v.strictObject({ type: v.literal('setDesign'), design: designChoiceSchema });
const trainSchema = v.strictObject({
  type: v.literal('train'),
  command: v.picklist(['play', 'pause', 'step', 'reset']),
  params: sgdParamsSchema,
});
const tuneSchema = v.strictObject({
  type: v.literal('tune'),
  learningRate: bounded(SGD_BOUNDS.learningRate),
  stepsPerSecond: bounded(SGD_BOUNDS.stepsPerSecond),
});
const exportSchema = v.strictObject({
  type: v.literal('export'),
  what: v.picklist(['report', 'predictions', 'modelCode', 'model', 'predictOther']),
  charts: v.optional(
    v.pipe(
      v.record(
        v.pipe(v.string(), v.regex(/^[A-Za-z0-9 _.-]{1,64}$/)),
        v.pipe(
          v.string(),
          v.maxLength(MAX_SVG),
          v.regex(/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/),
          // a chart is drawing, never active content (the SVG files are opened by other programs)
          v.check((svg) => !ACTIVE_SVG.test(svg), 'an SVG chart must not contain scripts, event handlers or embedded HTML'),
        ),
      ),
      v.check((r) => Object.keys(r).length <= MAX_CHARTS, `at most ${MAX_CHARTS} charts`),
      v.readonly(),
    ),
  ),
  language: v.optional(v.picklist(CODE_LANGUAGES)),
});
const cancelSchema = v.strictObject({ type: v.literal('cancel') });
const coefficientIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FEATURES * 20 + 1));
const setLandscapeAxesSchema = v.pipe(
  v.strictObject({ type: v.literal('setLandscapeAxes'), a: coefficientIndex, b: coefficientIndex }),
  v.check((m) => m.a !== m.b, 'the two landscape axes must be different parameters'),
);

const setHeaderSchema = v.strictObject({ type: v.literal('setHeader'), header: v.picklist(HEADER_CHOICES) });

/** Largest chart file accepted by `saveChart` (SVG text or a PNG data URL), in characters. */
export const MAX_CHART_FILE = 20_000_000;
const PNG_DATA_URL = 'data:image/png;base64,';
const saveChartSchema = v.pipe(
  v.strictObject({
    type: v.literal('saveChart'),
    // a chart's name becomes part of a file name: letters, digits, '-', '_' only
    name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)),
    format: v.picklist(['svg', 'png']),
    data: v.pipe(v.string(), v.maxLength(MAX_CHART_FILE)),
  }),
  v.check(
    (m) =>
      m.format === 'png'
        ? m.data.startsWith(PNG_DATA_URL) && m.data.length > PNG_DATA_URL.length && /^[A-Za-z0-9+/]+={0,2}$/.test(m.data.slice(PNG_DATA_URL.length))
        : /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(m.data) && !ACTIVE_SVG.test(m.data),
    'a chart must be SVG markup without active content, or a data:image/png;base64, URL',
  ),
);

/** Most what-if inputs and the longest value typed (a cell of a CSV). */
const MAX_WHAT_IF = 1000;
const whatIfSchema = v.strictObject({
  type: v.literal('whatIf'),
  values: v.pipe(
    v.record(name, v.pipe(v.string(), v.maxLength(1000))),
    v.check((r) => Object.keys(r).length <= MAX_WHAT_IF, `at most ${MAX_WHAT_IF} values`),
    v.readonly(),
  ),
});

export const webviewMessageSchema = v.variant('type', [
  whatIfSchema,
  readySchema,
  logSchema,
  chooseDatasetSchema,
  setDesignSchema,
  trainSchema,
  tuneSchema,
  exportSchema,
  cancelSchema,
  setLandscapeAxesSchema,
  saveChartSchema,
  setHeaderSchema,
]);


// ---- extension → webview ------------------------------------------------------------

/** Any JS number (NaN included: spec builders drop non-finite values before a chart sees them). */
const num = v.number();
const nullableNum = v.nullable(num);
const nums = v.array(num);
const text = v.pipe(v.string(), v.maxLength(MAX_NAME));
const texts = v.array(text);

const columnSchema = v.object({
  name: text,
  numeric: v.boolean(),
  reason: v.optional(text),
  levels: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  rare: v.optional(
    v.object({
      levels: v.pipe(v.array(v.object({ level: text, rows: v.pipe(v.number(), v.integer(), v.minValue(0)) })), v.maxLength(RARE_LEVELS_LISTED)),
      count: v.pipe(v.number(), v.integer(), v.minValue(0)),
      text: v.pipe(v.string(), v.maxLength(2_000)),
    }),
  ),
  id: v.optional(text),
  integerLevels: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

const datasetSchema = v.object({
  header: v.nullable(v.object({ choice: v.picklist(HEADER_CHOICES), firstLineIsHeader: v.boolean() })),
  label: text,
  builtin: v.boolean(),
  columns: v.array(columnSchema),
  rowsRead: num,
  rowsUsed: num,
  rowsDropped: num,
  dropped: v.array(v.object({ row: num, column: text, value: text, reason: text })),
  warnings: texts,
  design: designChoiceSchema,
});

const termSchema = v.object({
  name: text,
  estimate: nullableNum,
  stdError: nullableNum,
  t: nullableNum,
  pValue: nullableNum,
  ci95: v.tuple([nullableNum, nullableNum]),
  dropped: v.boolean(),
  vif: v.optional(nullableNum),
});

const landscapeSchema = v.object({
  aName: text,
  bName: text,
  aIndex: v.pipe(v.number(), v.integer(), v.minValue(0)),
  bIndex: v.pipe(v.number(), v.integer(), v.minValue(0)),
  a: nums,
  b: nums,
  loss: v.array(nums),
  optimum: v.tuple([num, num]),
});

const partScoresSchema = v.object({ rows: num, rmse: num, mae: num, rSquared: num, logRmse: nullableNum });

const fitSchema = v.object({
  summary: v.object({
    n: num,
    p: num,
    rank: num,
    terms: v.array(termSchema),
    residualStdDev: nullableNum,
    rSquared: nullableNum,
    adjRSquared: nullableNum,
    rSquaredKind: v.picklist(['centered', 'uncentered']),
    rss: nullableNum,
    tss: nullableNum,
    covType: v.picklist(COV_TYPES),
    fStatistic: nullableNum,
    fPValue: nullableNum,
    logLikelihood: nullableNum,
    aic: nullableNum,
    bic: nullableNum,
    conditionNumber: nullableNum,
    dfModel: num,
    dfResidual: num,
    warnings: texts,
    note: v.optional(text),
  }),
  formula: v.pipe(v.string(), v.maxLength(MAX_FORMULA_LENGTH)),
  target: name,
  diagnostics: v.object({ omnibus: nullableNum, omnibusPValue: nullableNum, skew: nullableNum, kurtosis: nullableNum, durbinWatson: nullableNum, jarqueBera: nullableNum, jarqueBeraPValue: nullableNum }),
  intercept: v.boolean(),
  coefficients: nums,
  termNames: texts,
  sample: v.object({
    shown: num,
    total: num,
    features: v.array(nums),
    y: nums,
    yhat: nums,
    residuals: nums,
    rows: nums,
    leverage: v.array(nullableNum),
    cooks: v.array(nullableNum),
  }),
  curve: v.nullable(v.object({ x: nums, yhat: nums, feature: v.pipe(v.string(), v.maxLength(MAX_FORMULA_LENGTH)), degree: num })),
  landscape: v.nullable(landscapeSchema),

  profiles: v.array(
    v.object({ name: text, values: nums, mse: nums, nll: nums, argminMse: num, argminNll: num }),
  ),
  sigma: nullableNum,
  heldOut: v.nullable(v.object({ fraction: num, seed: num, train: partScoresSchema, validation: partScoresSchema })),
  whatIf: v.array(v.object({ name: text, kind: v.picklist(['number', 'category'] as const), levels: v.optional(texts), value: v.pipe(v.string(), v.maxLength(1000)) })),
});

const stepSchema = v.object({
  globalStep: num,
  epoch: num,
  step: num,
  learningRate: num,
  batchLoss: num,
  theta: nums,
  distance: num,
});

const epochSchema = v.object({ epoch: num, trainLoss: num, validationLoss: nullableNum, distance: num });

export const extensionMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('init'),
    protocolVersion: num,
    extensionVersion: text,
    extensionMode: v.picklist(['production', 'development', 'test'] as const),
    workspaceName: v.nullable(text),
    view: v.picklist(['playground', 'normal'] as const),
    defaults: v.object({ sgd: sgdParamsSchema, maxPlotPoints: num }),
    reduceMotion: v.optional(v.picklist(['on', 'off', 'auto'] as const)),
  }),
  v.object({ type: v.literal('busy'), message: text, fraction: nullableNum }),
  v.object({ type: v.literal('dataset'), dataset: datasetSchema }),
  v.object({ type: v.literal('fit'), design: designChoiceSchema, fit: fitSchema }),
  v.object({
    type: v.literal('training'),
    status: v.picklist(['idle', 'playing', 'paused', 'done', 'diverged', 'cancelled'] as const),
    steps: v.array(stepSchema),
    epochs: v.array(epochSchema),
    divergence: v.nullable(v.object({ message: text, suggestedLearningRate: num })),
    reset: v.boolean(),
    totalSteps: num,
    optimumLoss: v.optional(nullableNum),
    optimumLabel: v.optional(v.nullable(text)),
    optimumValidationLoss: v.optional(nullableNum),
    optimumExtent: v.optional(v.nullable(text)),
  }),
  v.object({
    type: v.literal('error'),
    scope: v.picklist(['data', 'fit', 'training', 'export'] as const),
    message: text,
    hint: v.nullable(text),
  }),
  v.object({ type: v.literal('requestExport'), what: v.literal('report') }),
  v.object({ type: v.literal('landscape'), landscape: v.nullable(landscapeSchema) }),
  v.object({ type: v.literal('defaults'), defaults: v.object({ sgd: sgdParamsSchema, maxPlotPoints: num }) }),
  v.object({
    type: v.literal('whatIfResult'),
    result: v.union([
      v.object({ prediction: num, level: num, confidence: v.tuple([num, num]), predictionInterval: v.tuple([num, num]), predicts: v.pipe(v.string(), v.maxLength(MAX_FORMULA_LENGTH)) }),
      v.object({ note: v.pipe(v.string(), v.maxLength(10_000)) }),
    ]),
  }),
]);

const persistedSchema = v.object({
  version: v.literal(2),
  view: v.picklist(['playground', 'normal'] as const),
  design: v.nullable(designChoiceSchema),
  sgd: v.nullable(sgdParamsSchema),
  normal: v.nullable(
    v.object({
      pairs: v.array(v.tuple([v.pipe(v.number(), v.finite()), v.pipe(v.number(), v.finite(), v.gtValue(0))])),
      n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
    }),
  ),
});

/**
 * Validates a message received from the webview.
 * @returns the typed message, or undefined for anything that is not a known, well-formed message.
 * @example parseWebviewMessage({ type: 'ready' }) // { type: 'ready' }
 * @example parseWebviewMessage({ type: 'tune', learningRate: -1, stepsPerSecond: 0 }) // undefined
 */
export function parseWebviewMessage(raw: unknown): WebviewToExtension | undefined {
  const r = v.safeParse(webviewMessageSchema, raw);
  return r.success ? r.output : undefined;
}

/** Why a message was rejected, in one short line for the log. */
export function explainRejection(raw: unknown): string {
  const r = v.safeParse(webviewMessageSchema, raw);
  if (r.success) return 'valid';
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return `${path ? `${path}: ` : ''}${issue.message}`.slice(0, 300);
}

/** A short, safe rendering of an unknown value for the log. */
export function describeForLog(raw: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(raw) ?? String(raw);
  } catch {
    s = String(raw);
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/**
 * Validates a message received from the extension.
 * @returns the typed message, or undefined for anything that is not a known, well-formed message.
 * @example parseExtensionMessage({ type: 'busy', message: 'Fitting…', fraction: null })
 */
export function parseExtensionMessage(raw: unknown): ExtensionToWebview | undefined {
  const r = v.safeParse(extensionMessageSchema, raw);
  return r.success ? (r.output as ExtensionToWebview) : undefined;
}

/** Why a message was rejected, for the log (first issue only). */
export function describeRejection(raw: unknown): string {
  const r = v.safeParse(extensionMessageSchema, raw);
  if (r.success) return 'valid';
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
  return `type ${type.slice(0, 40)}: ${path ? `${path}: ` : ''}${issue.message}`.slice(0, 300);
}

/** Validates what `getState()` returned (an older or garbled state is ignored). */
export function parsePersisted(raw: unknown): PersistedPlaygroundState | undefined {
  const r = v.safeParse(persistedSchema, raw);
  return r.success ? (r.output as PersistedPlaygroundState) : undefined;
}

// ---- compile-time: schema output ≡ protocol type -------------------------------------

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Out<S extends v.GenericSchema> = v.InferOutput<S>;

export type SchemaChecks = [
  Assert<Equal<Out<typeof designChoiceSchema>, DesignChoice>>,
  Assert<Equal<Out<typeof sgdParamsSchema>, SgdParams>>,
  Assert<Equal<Out<typeof readySchema>, ReadyMessage>>,
  Assert<Equal<Out<typeof logSchema>, LogMessage>>,
  Assert<Equal<Out<typeof chooseDatasetSchema>, ChooseDatasetMessage>>,
  Assert<Equal<Out<typeof setDesignSchema>, SetDesignMessage>>,
  Assert<Equal<Out<typeof trainSchema>, TrainMessage>>,
  Assert<Equal<Out<typeof tuneSchema>, TuneMessage>>,
  Assert<Equal<Out<typeof exportSchema>, ExportMessage>>,
  Assert<Equal<Out<typeof cancelSchema>, CancelMessage>>,
  Assert<Equal<Out<typeof setLandscapeAxesSchema>, SetLandscapeAxesMessage>>,
  Assert<Equal<Out<typeof saveChartSchema>, SaveChartMessage>>,
  Assert<Equal<Out<typeof setHeaderSchema>, SetHeaderMessage>>,
  Assert<Equal<Out<typeof whatIfSchema>, WhatIfMessage>>,
  Assert<Equal<Out<typeof webviewMessageSchema>, WebviewToExtension>>,
];

// Compile-time proof that the schemas produce the protocol's types (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type PerType<M, E extends { type: string }> = { [K in E['type']]: Same<Extract<M, { type: K }>, Extract<E, { type: K }>> };
const proof0: PerType<Mutable<v.InferOutput<typeof extensionMessageSchema>>, Mutable<ExtensionToWebview>> = {
  init: true,
  busy: true,
  dataset: true,
  fit: true,
  training: true,
  error: true,
  requestExport: true,
  landscape: true,
  defaults: true,
  whatIfResult: true,
};
const proof1: Same<Mutable<v.InferOutput<typeof designChoiceSchema>>, Mutable<DesignChoice>> = true;
const proof2: Same<Mutable<v.InferOutput<typeof sgdParamsSchema>>, Mutable<SgdParams>> = true;
const proof3: Same<Mutable<v.InferOutput<typeof datasetSchema>>, Mutable<DatasetInfo>> = true;
const proof4: Same<Mutable<v.InferOutput<typeof columnSchema>>, Mutable<ColumnInfo>> = true;
const proof5: Same<Mutable<v.InferOutput<typeof fitSchema>>, Mutable<FitPayload>> = true;
const proof6: Same<Mutable<v.InferOutput<typeof stepSchema>>, Mutable<TrainingStep>> = true;
const proof7: Same<Mutable<v.InferOutput<typeof epochSchema>>, Mutable<TrainingEpoch>> = true;
const proof8: Same<Mutable<v.InferOutput<typeof persistedSchema>>, Mutable<PersistedPlaygroundState>> = true;
void [proof0, proof1, proof2, proof3, proof4, proof5, proof6, proof7, proof8];

