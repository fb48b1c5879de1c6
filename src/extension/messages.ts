/**
 * Validation of every message the webview sends (valibot schemas). Anything that is not a
 * known, well-formed message is dropped by the caller and logged to the output channel.
 * The compile-time checks at the bottom fail the build when a schema's output type and
 * the protocol's type (src/protocol.ts) drift apart.
 */
import * as v from 'valibot';
import type {
  ChooseDatasetMessage,
  DesignChoice,
  ExportMessage,
  LogMessage,
  ReadyMessage,
  SetDesignMessage,
  SgdParams,
  TrainMessage,
  TuneMessage,
  CancelMessage,
  SetLandscapeAxesMessage,
  SaveChartMessage,
  WebviewToExtension,
} from '../protocol';

/** Longest text accepted in one field (names, log lines). */
const MAX_TEXT = 2000;
/** Largest chart SVG accepted for a report (each), and most charts. */
const MAX_SVG = 5_000_000;
const MAX_CHARTS = 16;
const MAX_FEATURES = 1000;
/** Active content an SVG chart from Vega never has. */
const ACTIVE_SVG = /<script|<foreignObject|<iframe|<embed|<object|\son[a-z]+\s*=|javascript:/i;

const finite = v.pipe(v.number(), v.finite());
const name = v.pipe(v.string(), v.maxLength(MAX_TEXT));

export const designChoiceSchema = v.strictObject({
  target: name,
  features: v.pipe(v.array(name), v.maxLength(MAX_FEATURES), v.readonly()),
  degree: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
  intercept: v.boolean(),
  standardize: v.boolean(),
  validationFraction: v.pipe(finite, v.minValue(0), v.maxValue(0.95)),
});

export const sgdParamsSchema = v.strictObject({
  learningRate: v.pipe(finite, v.gtValue(0)),
  batchSize: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000_000)),
  epochs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  schedule: v.picklist(['constant', 'step', 'inverse', 'cosine']),
  loss: v.picklist(['squared', 'absolute', 'huber']),
  huberDelta: v.pipe(finite, v.gtValue(0)),
  weightDecay: v.pipe(finite, v.minValue(0)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1)),
  stepsPerSecond: v.pipe(finite, v.minValue(0), v.maxValue(1_000_000)),
});

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
  learningRate: v.pipe(finite, v.gtValue(0)),
  stepsPerSecond: v.pipe(finite, v.minValue(0), v.maxValue(1_000_000)),
});
const exportSchema = v.strictObject({
  type: v.literal('export'),
  what: v.picklist(['report', 'predictions', 'modelCode']),
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
  language: v.optional(v.picklist(['typescript', 'python', 'sklearn', 'json'])),
});
const cancelSchema = v.strictObject({ type: v.literal('cancel') });
const coefficientIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FEATURES * 20 + 1));
const setLandscapeAxesSchema = v.pipe(
  v.strictObject({ type: v.literal('setLandscapeAxes'), a: coefficientIndex, b: coefficientIndex }),
  v.check((m) => m.a !== m.b, 'the two landscape axes must be different parameters'),
);

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

export const webviewMessageSchema = v.variant('type', [
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
]);

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

// ---- compile-time: schema output ≡ protocol type ------------------------------------------

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
  Assert<Equal<Out<typeof webviewMessageSchema>, WebviewToExtension>>,
];
