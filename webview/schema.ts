// Runtime validation of every message the extension posts to the webview (valibot), checked
// against the types in src/protocol.ts: a schema that drifts from a type fails `tsc`.
import * as v from 'valibot';
import type {
  ColumnInfo,
  DatasetInfo,
  DesignChoice,
  ExtensionToWebview,
  FitPayload,
  PersistedPlaygroundState,
  SgdParams,
  TrainingEpoch,
  TrainingStep,
} from '../src/protocol';

/** Any JS number (NaN included: spec builders drop non-finite values before a chart sees them). */
const num = v.number();
const nullableNum = v.nullable(num);
const finite = v.pipe(v.number(), v.finite());
const nums = v.array(num);
const text = v.pipe(v.string(), v.maxLength(100_000));
const texts = v.array(text);

const lossKind = v.picklist(['squared', 'absolute', 'huber'] as const);
const scheduleKind = v.picklist(['constant', 'step', 'inverse', 'cosine'] as const);

export const designSchema = v.object({
  target: text,
  features: texts,
  degree: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
  intercept: v.boolean(),
  standardize: v.boolean(),
  validationFraction: v.pipe(v.number(), v.minValue(0), v.maxValue(0.95)),
});

export const sgdSchema = v.object({
  learningRate: v.pipe(finite, v.gtValue(0)),
  batchSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  epochs: v.pipe(v.number(), v.integer(), v.minValue(1)),
  schedule: scheduleKind,
  loss: lossKind,
  huberDelta: v.pipe(finite, v.gtValue(0)),
  weightDecay: v.pipe(finite, v.minValue(0)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1)),
  stepsPerSecond: v.pipe(finite, v.minValue(0)),
});

const columnSchema = v.object({ name: text, numeric: v.boolean(), reason: v.optional(text) });

const datasetSchema = v.object({
  label: text,
  builtin: v.boolean(),
  columns: v.array(columnSchema),
  rowsRead: num,
  rowsUsed: num,
  rowsDropped: num,
  dropped: v.array(v.object({ row: num, column: text, value: text, reason: text })),
  warnings: texts,
  design: designSchema,
});

const termSchema = v.object({
  name: text,
  estimate: nullableNum,
  stdError: nullableNum,
  t: nullableNum,
  pValue: nullableNum,
  ci95: v.tuple([nullableNum, nullableNum]),
  dropped: v.boolean(),
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

const fitSchema = v.object({
  summary: v.object({
    n: num,
    p: num,
    rank: num,
    terms: v.array(termSchema),
    residualStdDev: nullableNum,
    rSquared: nullableNum,
    adjRSquared: nullableNum,
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
  coefficients: nums,
  termNames: texts,
  sample: v.object({
    shown: num,
    total: num,
    features: v.array(nums),
    y: nums,
    yhat: nums,
    residuals: nums,
  }),
  curve: v.nullable(v.object({ x: nums, yhat: nums })),
  landscape: v.nullable(landscapeSchema),

  profiles: v.array(
    v.object({ name: text, values: nums, mse: nums, nll: nums, argminMse: num, argminNll: num }),
  ),
  sigma: nullableNum,
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

const messageSchema = v.variant('type', [
  v.object({
    type: v.literal('init'),
    protocolVersion: num,
    extensionVersion: text,
    extensionMode: v.picklist(['production', 'development', 'test'] as const),
    workspaceName: v.nullable(text),
    view: v.picklist(['playground', 'normal'] as const),
    defaults: v.object({ sgd: sgdSchema, maxPlotPoints: num }),
  }),
  v.object({ type: v.literal('busy'), message: text, fraction: nullableNum }),
  v.object({ type: v.literal('dataset'), dataset: datasetSchema }),
  v.object({ type: v.literal('fit'), design: designSchema, fit: fitSchema }),
  v.object({
    type: v.literal('training'),
    status: v.picklist(['idle', 'playing', 'paused', 'done', 'diverged', 'cancelled'] as const),
    steps: v.array(stepSchema),
    epochs: v.array(epochSchema),
    divergence: v.nullable(v.object({ message: text, suggestedLearningRate: num })),
    reset: v.boolean(),
    totalSteps: num,
    optimumLoss: v.optional(nullableNum),
  }),
  v.object({
    type: v.literal('error'),
    scope: v.picklist(['data', 'fit', 'training', 'export'] as const),
    message: text,
    hint: v.nullable(text),
  }),
  v.object({ type: v.literal('requestExport'), what: v.literal('report') }),
  v.object({ type: v.literal('landscape'), landscape: v.nullable(landscapeSchema) }),
  v.object({ type: v.literal('defaults'), defaults: v.object({ sgd: sgdSchema, maxPlotPoints: num }) }),
]);

const persistedSchema = v.object({
  version: v.literal(2),
  view: v.picklist(['playground', 'normal'] as const),
  design: v.nullable(designSchema),
  sgd: v.nullable(sgdSchema),
  normal: v.nullable(
    v.object({
      pairs: v.array(v.tuple([finite, v.pipe(finite, v.gtValue(0))])),
      n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
    }),
  ),
});

// Compile-time proof that the schemas produce the protocol's types (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type PerType<M, E extends { type: string }> = { [K in E['type']]: Same<Extract<M, { type: K }>, Extract<E, { type: K }>> };
const proof0: PerType<Mutable<v.InferOutput<typeof messageSchema>>, Mutable<ExtensionToWebview>> = {
  init: true,
  busy: true,
  dataset: true,
  fit: true,
  training: true,
  error: true,
  requestExport: true,
  landscape: true,
  defaults: true,
};
const proof1: Same<Mutable<v.InferOutput<typeof designSchema>>, Mutable<DesignChoice>> = true;
const proof2: Same<Mutable<v.InferOutput<typeof sgdSchema>>, Mutable<SgdParams>> = true;
const proof3: Same<Mutable<v.InferOutput<typeof datasetSchema>>, Mutable<DatasetInfo>> = true;
const proof4: Same<Mutable<v.InferOutput<typeof columnSchema>>, Mutable<ColumnInfo>> = true;
const proof5: Same<Mutable<v.InferOutput<typeof fitSchema>>, Mutable<FitPayload>> = true;
const proof6: Same<Mutable<v.InferOutput<typeof stepSchema>>, Mutable<TrainingStep>> = true;
const proof7: Same<Mutable<v.InferOutput<typeof epochSchema>>, Mutable<TrainingEpoch>> = true;
const proof8: Same<Mutable<v.InferOutput<typeof persistedSchema>>, Mutable<PersistedPlaygroundState>> = true;
void [proof0, proof1, proof2, proof3, proof4, proof5, proof6, proof7, proof8];

/**
 * Validates a message received from the extension.
 * @returns the typed message, or undefined for anything that is not a known, well-formed message.
 * @example parseExtensionMessage({ type: 'busy', message: 'Fitting…', fraction: null })
 */
export function parseExtensionMessage(raw: unknown): ExtensionToWebview | undefined {
  const r = v.safeParse(messageSchema, raw);
  return r.success ? (r.output as ExtensionToWebview) : undefined;
}

/** Why a message was rejected, for the log (first issue only). */
export function describeRejection(raw: unknown): string {
  const r = v.safeParse(messageSchema, raw);
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

export function isValidSgd(raw: unknown): raw is SgdParams {
  return v.is(sgdSchema, raw);
}
