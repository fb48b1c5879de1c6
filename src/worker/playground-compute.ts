/**
 * The playground's compute thread: a Node worker thread on the desktop (./node-entry.ts), a Web
 * Worker on the web (./web-entry.ts); the entry hands it a {@link WorkerHost}. It owns the dataset and runs everything heavy off the extension host's main thread:
 * reading the CSV, the closed-form fit and its charts' data, and SGD training, which is
 * played in time slices so pause/tune/reset messages are handled between them, with
 * progress batched to at most ~40 messages per second.
 * Message shapes: ./worker-protocol.ts. What it computes: src/playground/ (shared with the CLI).
 */
import * as l10n from '@vscode/l10n';
import { TooFewRowsError } from '../core/rows-error';
import type { ByteSource } from '../core/byte-source';
import { DEFAULT_SGD_PARAMS, MAX_PLOT_POINTS } from '../core/choices';
import { csvFormat } from '../core/formats/csv';
import { describePrediction, predictCsv } from '../core/predict-csv';
import { formatSavedModel } from '../core/saved-model';
import { formatOf, type TableFormat } from '../core/table-formats';
import { DataError, headerOption, type DataReadOptions, type DataSummary, type HeaderChoice } from '../core/data';
import { parseDisplayLanguage, useDisplayLanguage } from '../core/display-language';
import { formatCount } from '../core/number-format';
import { createRng } from '../core/random';
import { D2L_TRUE, syntheticData } from '../core/synthetic';
import { blockCollector, type Table } from '../core/table';
import type { DatasetInfo, DesignChoice, ErrorMessage, ExtensionToWebview, SgdParams, TrainingEpoch, TrainingStatus } from '../protocol';
import { datasetInfo, defaultDesign, isDesignValidFor, loadedFromFile, loadedFromTable, numericNames, playgroundColumns, PLAYGROUND_READ, readDroppingRunawayCategories, type LoadedData } from '../playground/dataset';
import { computeFit, type PreparedFit } from '../playground/fit-view';
import { formulaPredictionsCsv, predictionsCsv } from '../playground/predictions-csv';
import { lossLandscape } from '../playground/loss-landscape';
import { RunHistory, finiteEpochs } from '../playground/run-history';
import { Pacer, SLICE_MS } from '../playground/pacer';
import { StepDecimator } from '../playground/step-decimator';
import { TrainingSession } from '../playground/training-session';
import type { FileRef, HostToWorker, WorkerToHost } from './worker-protocol';

/** What the worker needs from where it runs (a Node worker thread, or a browser's Web Worker). */
export interface WorkerHost {
  send(m: WorkerToHost): void;
  /** Calls `handler` for every message from the extension. */
  listen(handler: (m: HostToWorker) => void): void;
  /** A file the extension named, as its format's byte source; `name` names it in messages. */
  source(file: FileRef, name: string, format: TableFormat): ByteSource;
  /**
   * Writes `lines` to a new file at `path`, never replacing one (throws an error with code EEXIST).
   * Absent on the web: the text goes back to the extension, which writes it.
   */
  writeNewFile?(path: string, lines: Iterable<string>): void;
  /** Writes (or replaces: the save dialog asked) `path`; absent on the web, as writeNewFile. */
  writeFile?(path: string, text: string): Promise<void>;
  /** Lets queued messages in between slices of work. */
  yieldTurn(): Promise<void>;
  /**
   * Reads a large data file into memory on `threads` threads (desktop, CSV on disk), as the
   * ordered read would; undefined when it does not apply or the ordered read must say what is
   * wrong with the data. Absent on the web.
   */
  readTable?(
    file: FileRef,
    options: DataReadOptions,
    threads: number,
    progress: (rows: number) => void,
    cancelled: () => boolean,
  ): Promise<{ table: Table; rowNumbers?: Float64Array; summary: DataSummary; threads: number; ranges: number } | undefined>;
}

let host: WorkerHost;

function send(m: WorkerToHost): void {
  host.send(m);
}
function post(message: ExtensionToWebview): void {
  send({ kind: 'post', message });
}
function log(level: 'info' | 'warn' | 'error', message: string): void {
  send({ kind: 'log', level, message });
}

class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

// ---- state ----------------------------------------------------------------------------

let data: LoadedData | null = null;
let dataset: DatasetInfo | null = null;
let prepared: PreparedFit | null = null;
let maxPlotPoints = MAX_PLOT_POINTS.default;
/** The load or fit under way; a newer one or `cancel` sets `cancelled`. */
let op: { cancelled: boolean; kind: 'load' | 'fit' } | null = null;

let session: TrainingSession | null = null;
let status: TrainingStatus = 'idle';
let timer: ReturnType<typeof setTimeout> | undefined;
const pacer = new Pacer();
let pendingReset = false;
let pendingEpochs: TrainingEpoch[] = [];
const decimator = new StepDecimator(200);
/** The current run as sent, replayed to a view that reconnects. */
const history = new RunHistory(1000);


const PLOT_SEED = 0;
/** The SGD run's seed: the closed form's held-out rows are the ones SGD holds out. */
let sgdSeed = DEFAULT_SGD_PARAMS.seed;

// ---- data ------------------------------------------------------------------------------

function errorParts(e: unknown, scope: ErrorMessage['scope']): { message: string; hint: string | null } {
  if (e instanceof DataError) return { message: e.message, hint: e.hint ?? l10n.t('check the file, or choose another data file') };
  if (e instanceof RangeError) {
    const hint =
      scope === 'fit'
        ? e instanceof TooFewRowsError
          ? l10n.t('use fewer features or a lower polynomial degree, or choose a file with more rows')
          : l10n.t('change the target, the features or the degree in the Data section')
        : scope === 'training'
          ? l10n.t('change the training settings (learning rate > 0, batch size ≥ 1, epochs ≥ 0)')
          : null;
    return { message: capitalize(e.message), hint };
  }
  return { message: e instanceof Error ? e.message : String(e), hint: null };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The absolute path of the file being read, replaced by its label in every message (the view gets labels only). */
let scrub: { path: string; label: string } | null = null;

function scrubbed(text: string): string {
  return scrub ? text.split(scrub.path).join(scrub.label) : text;
}

function fail(id: number | undefined, scope: ErrorMessage['scope'], e: unknown): void {
  const parts = errorParts(e, scope);
  const message = scrubbed(parts.message);
  const hint = parts.hint === null ? null : scrubbed(parts.hint);
  post({ type: 'error', scope, message, hint });
  log(e instanceof DataError || e instanceof RangeError ? 'warn' : 'error', `${scope}: ${message}${e instanceof Error && !(e instanceof DataError) && !(e instanceof RangeError) ? `\n${e.stack}` : ''}`);
  if (id !== undefined) send({ kind: 'done', id, ok: false, error: message, hint });
}

/** Starts a load or fit, cancelling the one under way (the newest request wins). */
function newOp(kind: 'load' | 'fit'): { cancelled: boolean; kind: 'load' | 'fit' } {
  if (op) op.cancelled = true;
  op = { cancelled: false, kind };
  return op;
}

const yieldTurn = () => host.yieldTurn();

async function loadFile(id: number, file: FileRef, label: string, design: DesignChoice | null, headerChoice: HeaderChoice, threads: number): Promise<void> {
  const mine = newOp('load');
  stopTraining();
  scrub = 'path' in file ? { path: file.path, label } : null;
  const format = formatOf(label);
  post({ type: 'busy', message: l10n.t('Loading {0}…', label), fraction: null });
  let lastProgress = Date.now();
  try {
    // numeric columns, and text categories as codes (an id-like text column is not read)
    const header = headerOption(headerChoice);
    const source = host.source(file, label, format);
    const progress = (rows: number) => {
      if (Date.now() - lastProgress <= 200) return;
      lastProgress = Date.now();
      post({ type: 'busy', message: l10n.t('Loading {0}… {1} rows', label, formatCount(rows)), fraction: null });
      send({ kind: 'progress', id, message: l10n.t('{0} rows', formatCount(rows)), rows });
    };
    const { result, notes } = await readDroppingRunawayCategories(playgroundColumns(await format.inspect(source, { fileName: label, header })), async (columns, text) => {
      const options = { fileName: label, header, ...PLAYGROUND_READ, ...(columns.length ? { columns: [...columns], text: [...text] } : {}) };
      // a large CSV file on every core; the ordered read when that does not apply or the data has a problem to name
      const parallel = host.readTable && threads !== 1 ? await host.readTable(file, options, threads, progress, () => mine.cancelled) : undefined;
      if (mine.cancelled) throw new Cancelled();
      if (parallel) {
        log('info', `read ${label} on ${parallel.threads} threads, ${parallel.ranges} ranges`);
        return parallel;
      }
      const collected = blockCollector();
      const summary = await format.read(source, options, (block) => {
        if (mine.cancelled) throw new Cancelled();
        collected.add(block);
        progress(collected.rows);
      });
      return { table: collected.table(summary.kept), rowNumbers: collected.rowNumbers(), summary };
    });
    if (mine.cancelled) throw new Cancelled();
    const { table, rowNumbers, summary } = result;
    const loaded = loadedFromFile(label, table, summary, rowNumbers, headerChoice);
    await adopt(id, { ...loaded, warnings: [...loaded.warnings, ...notes] }, design, mine);
  } catch (e) {
    settleFailure(id, 'data', e, mine);
  }
}

async function loadBuiltin(id: number, label: string, design: DesignChoice | null): Promise<void> {
  const mine = newOp('load');
  stopTraining();
  try {
    const table = syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1000, D2L_TRUE.noise, createRng(0));
    await adopt(id, loadedFromTable(label, table), design, mine);
  } catch (e) {
    settleFailure(id, 'data', e, mine);
  }
}

/** Cancellation restores the previous screen; anything else is an error screen. */
function settleFailure(id: number, scope: ErrorMessage['scope'], e: unknown, mine: { cancelled: boolean }): void {
  if (op === mine) op = null;
  if (e instanceof Cancelled) {
    log('info', `${scope === 'data' ? 'loading' : 'fitting'} cancelled`);
    if (dataset && prepared) {
      post({ type: 'dataset', dataset });
      post({ type: 'fit', design: prepared.design, fit: prepared.payload });
      postTraining(true, true);
    } else if (dataset) {
      post({ type: 'dataset', dataset });
    } else {
      post({ type: 'error', scope, message: l10n.t('Loading was cancelled.'), hint: l10n.t('Open the playground again, or choose a CSV file.') });
    }
    send({ kind: 'done', id, ok: false, cancelled: true, error: 'cancelled' });
    return;
  }
  fail(id, scope, e);
}

async function adopt(id: number, loaded: LoadedData, design: DesignChoice | null, mine: { cancelled: boolean }): Promise<void> {
  const names = numericNames(loaded);
  if (names.length === 0) throw new DataError('no-numeric-columns', loaded.label, l10n.t('{0} has no numeric columns', loaded.label), { hint: l10n.t('choose a CSV file with numbers') });
  const ids = loaded.columns.filter((c) => c.id).map((c) => c.name);
  const chosen = defaultDesign(names, design, { valid: (d) => isDesignValidFor(loaded, d), exclude: ids });
  data = loaded;
  dataset = datasetInfo(loaded, chosen);
  prepared = null;
  session = null;
  post({ type: 'dataset', dataset });
  log('info', `loaded ${loaded.label}: ${loaded.table.rowCount} rows, ${names.length} numeric columns`);
  await fit(id, chosen, mine);
}

async function fit(id: number, design: DesignChoice, mine: { cancelled: boolean } = newOp('fit')): Promise<void> {
  if (!data) {
    fail(id, 'fit', new RangeError(l10n.t('no dataset is loaded')));
    return;
  }
  stopTraining();
  const table = data.table;
  const started = Date.now();
  const busy = setTimeout(() => post({ type: 'busy', message: l10n.t('Fitting {0}…', design.target), fraction: null }), 150);
  try {
    const result = await computeFit(table, design, {
      maxPlotPoints,
      rowNumbers: data.rowNumbers,
      kinds: data.kinds,
      levels: data.levels,
      seed: PLOT_SEED,
      heldOutSeed: sgdSeed,
      trainingFile: data.label,
      createdBy: 'Gauss Lab (VS Code)',
      checkpoint: async () => {
        await yieldTurn();
        if (mine.cancelled) throw new Cancelled();
      },
    });
    if (mine.cancelled) throw new Cancelled();
    prepared = result;
    if (dataset) dataset = { ...dataset, design };
    session = null;
    status = 'idle';
    send({ kind: 'fitted', design, fit: result.payload, rowsDropped: data.rowsDropped + result.rowsLeftOut, label: data.label });
    post({ type: 'fit', design, fit: result.payload });
    // the what-if box's typical row, with the fit (no round trip from the view after every fit)
    whatIf(Object.fromEntries(result.payload.whatIf.map((w) => [w.name, w.value])));
    postTraining(true);
    log('info', `fitted ${design.target} ~ ${design.features.join(' + ') || '1'} on ${table.rowCount - result.rowsLeftOut} rows in ${Date.now() - started} ms`);
    if (op === mine) op = null;
    send({ kind: 'done', id, ok: true });
  } catch (e) {
    settleFailure(id, 'fit', e, mine);
  } finally {
    clearTimeout(busy);
  }
}

// ---- training ----------------------------------------------------------------------------

function structuralChange(a: SgdParams, b: SgdParams): boolean {
  return (
    a.batchSize !== b.batchSize ||
    a.epochs !== b.epochs ||
    a.schedule !== b.schedule ||
    a.loss !== b.loss ||
    a.huberDelta !== b.huberDelta ||
    a.weightDecay !== b.weightDecay ||
    a.seed !== b.seed
  );
}

function newSession(params: SgdParams): boolean {
  if (!prepared) {
    post({ type: 'error', scope: 'training', message: l10n.t('There is no fitted model to train yet.'), hint: l10n.t('Choose a target and features in the Data section first.') });
    return false;
  }
  try {
    session = new TrainingSession(prepared, params);
  } catch (e) {
    session = null;
    fail(undefined, 'training', e);
    return false;
  }
  decimator.take();
  history.clear();
  pendingEpochs = [];
  pendingReset = true;
  return true;
}

/** Posts the training progress; `replay` re-sends the whole run so far (bounded) to a view that reconnects. */
function postTraining(reset = false, replay = false): void {
  const fresh = decimator.take();
  const freshEpochs = finiteEpochs(pendingEpochs);
  pendingEpochs = [];
  if ((reset || pendingReset) && !replay) history.clear();
  history.add(fresh, freshEpochs);
  const steps = replay ? [...history.steps] : fresh;
  const epochs = replay ? [...history.epochs] : freshEpochs;
  const d = session?.trainer.diverged ?? null;
  post({
    type: 'training',
    status,
    steps,
    epochs,
    divergence: status === 'diverged' && d ? { message: d.message, suggestedLearningRate: d.suggestedLearningRate } : null,
    reset: reset || pendingReset,
    totalSteps: session?.totalSteps ?? 0,
    optimumLoss: session && Number.isFinite(session.optimumLoss) ? session.optimumLoss : null,
    optimumLabel: session?.optimumLabel ?? null,
    optimumValidationLoss: session && Number.isFinite(session.optimumValidationLoss) ? session.optimumValidationLoss : null,
    optimumExtent: session?.optimumExtent ?? null,
  });
  pendingReset = false;
  pacer.flushed(performance.now());
}

function finishedStatus(): TrainingStatus | null {
  if (!session?.done) return null;
  return session.trainer.diverged ? 'diverged' : 'done';
}

function stopTraining(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (status === 'playing') status = 'paused';
}

function startLoop(): void {
  pacer.restart(performance.now());
  if (!timer) timer = setTimeout(tick, 0);
}

function tick(): void {
  timer = undefined;
  if (status !== 'playing' || !session) return;
  const now = performance.now();
  const deadline = now + SLICE_MS;
  const budget = pacer.due(now);
  if (budget > 0) {
    const r = session.advance(budget, decimator, () => performance.now() < deadline);
    pacer.took(r.steps);
    pendingEpochs.push(...r.epochs);
  }
  const fin = finishedStatus();
  if (fin) status = fin;
  if (status !== 'playing' || pacer.flushDue(performance.now())) {
    if (decimator.size > 0 || pendingEpochs.length > 0 || status !== 'playing') postTraining();
  }
  if (status === 'playing') timer = setTimeout(tick, pacer.delay(performance.now()));
}

function train(command: 'play' | 'pause' | 'step' | 'reset', params: SgdParams): void {
  sgdSeed = params.seed;
  pacer.restart(performance.now(), params.stepsPerSecond);
  switch (command) {
    case 'reset':
      stopTraining();
      if (newSession(params)) {
        status = 'idle';
        postTraining(true);
      }
      return;
    case 'pause':
      stopTraining();
      postTraining();
      return;
    case 'play':
    case 'step': {
      if (!session || session.done || structuralChange(session.params, params)) {
        if (!newSession(params)) return;
      } else if (session.trainer.learningRate !== params.learningRate) {
        try {
          session.setLearningRate(params.learningRate);
        } catch (e) {
          fail(undefined, 'training', e);
          return;
        }
      }
      if (command === 'play') {
        status = 'playing';
        postTraining();
        startLoop();
        return;
      }
      stopTraining();
      const r = session!.advance(1, decimator);
      pendingEpochs.push(...r.epochs);
      status = finishedStatus() ?? 'paused';
      postTraining();
      return;
    }
  }
}

function tune(learningRate: number, sps: number): void {
  if (session) {
    try {
      session.setLearningRate(learningRate);
    } catch (e) {
      fail(undefined, 'training', e);
      return;
    }
  }
  pacer.restart(performance.now(), sps);
}

// ---- predictions ----------------------------------------------------------------------

function writePredictions(id: number, path: string | undefined): void {
  if (!data || !prepared) {
    fail(id, 'export', new RangeError(l10n.t('there is no fit to export yet')));
    return;
  }
  const f = prepared.formula;
  const csv = f
    ? formulaPredictionsCsv(f.fitted, f.rowNumbers, prepared.spec.targetName, prepared.result.predict)
    : predictionsCsv(data.table, prepared.design.target, prepared.result.predict, data.levels);
  const rows = f ? f.fitted.rowCount : data.table.rowCount;
  function* lines() {
    yield csv.header;
    yield* csv.rows();
  }
  try {
    if (path !== undefined && host.writeNewFile) {
      host.writeNewFile(path, lines());
      send({ kind: 'done', id, ok: true, rows });
    } else {
      send({ kind: 'done', id, ok: true, rows, output: [...lines()].join('\n') + '\n' });
    }
  } catch (e) {
    fail(id, 'export', e);
  }
}

// ---- the model: what if, save, predict another file ----------------------------------------

function whatIf(values: Readonly<Record<string, string>>): void {
  if (!prepared) {
    post({ type: 'whatIfResult', result: { note: l10n.t('there is no fit yet') } });
    return;
  }
  const level = 0.95;
  const r = prepared.predictor.predict((column) => values[column], level);
  post({
    type: 'whatIfResult',
    result: 'note' in r ? { note: r.note } : { prediction: r.prediction, level, confidence: r.confidence, predictionInterval: r.predictionInterval, predicts: prepared.predictor.predicts },
  });
}

function modelText(id: number): void {
  if (!prepared) {
    fail(id, 'export', new RangeError(l10n.t('there is no fit to save yet')));
    return;
  }
  send({ kind: 'done', id, ok: true, text: formatSavedModel(prepared.model) });
}

async function predictOther(id: number, input: FileRef, inputName: string, output: string | undefined): Promise<void> {
  if (!prepared) {
    fail(id, 'export', new RangeError(l10n.t('there is no fit to predict with yet')));
    return;
  }
  if (output !== undefined && (('path' in input && output === input.path) || (scrub && output === scrub.path))) {
    fail(id, 'export', new RangeError(l10n.t('the predictions cannot be written over a data file: choose another name')));
    return;
  }
  try {
    const source = host.source(input, inputName, csvFormat);
    const bytes = await source.slice(0, await source.size());
    const result = predictCsv(bytes, prepared.predictor, { interval: 'prediction', level: 0.95, fileName: inputName });
    const outName = output === undefined ? `${inputName.replace(/\.[^.]*$/, '')}-predictions.csv` : output.split(/[\\/]/).pop()!;
    if (output !== undefined && host.writeFile) {
      // the save dialog asked before replacing a file
      await host.writeFile(output, result.text);
      send({ kind: 'done', id, ok: true, rows: result.rows, text: describePrediction(result, outName) });
    } else {
      send({ kind: 'done', id, ok: true, rows: result.rows, text: describePrediction(result, outName), output: result.text });
    }
  } catch (e) {
    fail(id, 'export', e);
  }
}

// ---- loss landscape over chosen axes ------------------------------------------------------

/** Recomputes the landscape of the current fit exactly over (a, b); the fit's payload keeps it for resends. */
function setLandscapeAxes(a: number, b: number): void {
  if (!prepared) {
    log('warn', 'ignored a landscape axes change: there is no fit');
    return;
  }
  try {
    const landscape = lossLandscape(prepared.spec, prepared.result, prepared.columns, undefined, [a, b]);
    prepared = { ...prepared, payload: { ...prepared.payload, landscape } };
    post({ type: 'landscape', landscape });
  } catch (e) {
    log('warn', `landscape axes (${a}, ${b}): ${e instanceof Error ? e.message : String(e)}`);
    // the view's selectors go back to the axes shown
    post({ type: 'landscape', landscape: prepared.payload.landscape });
  }
}

// ---- dispatch ---------------------------------------------------------------------------

/** Starts answering the extension's messages. */
export function startPlaygroundWorker(workerHost: WorkerHost): void {
  host = workerHost;
  host.listen(dispatch);
}

function dispatch(m: HostToWorker): void {
  switch (m.kind) {
    case 'language': {
      const language = parseDisplayLanguage(m.language);
      if (language) useDisplayLanguage(language);
      return;
    }
    case 'loadFile':
      maxPlotPoints = m.maxPlotPoints;
      void loadFile(m.id, m.file, m.label, m.design, m.header ?? 'auto', m.threads ?? 1);
      return;
    case 'loadBuiltin':
      maxPlotPoints = m.maxPlotPoints;
      void loadBuiltin(m.id, m.label, m.design);
      return;
    case 'setDesign':
      if (op?.kind === 'load' && !op.cancelled) {
        // a design for the data on screen must not cancel the file that replaces it
        log('info', 'ignored a design change while a dataset is loading');
        send({ kind: 'done', id: m.id, ok: false, error: 'a dataset is loading' });
        return;
      }
      maxPlotPoints = m.maxPlotPoints;
      void fit(m.id, m.design);
      return;
    case 'train':
      train(m.command, m.params);
      return;
    case 'tune':
      tune(m.learningRate, m.stepsPerSecond);
      return;
    case 'cancel':
      if (op) {
        op.cancelled = true;
      } else if (status === 'playing') {
        stopTraining();
        status = 'cancelled';
        postTraining();
      }
      return;
    case 'writePredictions':
      writePredictions(m.id, m.path);
      return;
    case 'setLandscapeAxes':
      setLandscapeAxes(m.a, m.b);
      return;
    case 'whatIf':
      whatIf(m.values);
      return;
    case 'modelText':
      modelText(m.id);
      return;
    case 'predictFile':
      void predictOther(m.id, m.input, m.inputName, m.output);
      return;
    case 'resend':
      if (dataset) post({ type: 'dataset', dataset });
      if (prepared) {
        post({ type: 'fit', design: prepared.design, fit: prepared.payload });
        whatIf(Object.fromEntries(prepared.payload.whatIf.map((w) => [w.name, w.value])));
        if (status === 'playing') stopTraining();
        postTraining(true, true);
      }
      return;
  }
}
