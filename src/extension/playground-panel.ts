import * as v from 'valibot';
import * as vscode from 'vscode';
import type { DesignChoice, ExportMessage, ExtensionToWebview, SaveChartMessage, WebviewToExtension } from '../protocol';
import { formatCount } from '../core/number-format';
import { PLAYGROUND_VIEW_TYPE } from './command-ids';
import { readDefaults, readThreads } from './config';
import { announceFile, copyModelAsCode, predictOtherFile, predictionsBase, saveChart, saveModelFile, writeReport, type FitSnapshot } from './exports';
import { localPath } from './local-path';
import { candidates } from './new-file';
import { platform } from './platform';
import { designChoiceSchema } from '../protocol-schema';
import type { PlaygroundContext } from './view-page';
import { WebviewChannel } from './webview-channel';
import { webviewOptions } from './webview-html';
import { PlaygroundWorker } from './worker-client';
import {
  pickDataFile,
  recentCsv,
  rememberCsv,
  rememberDesign,
  rememberedDesign,
  sourceLabel,
  workspaceDataFiles,
  type DataSource,
} from './workspace-csv';
import { fail, inform } from './notify';

const title = (): string => vscode.l10n.t('Gauss Lab Playground');
/** A load or fit still running after this long shows a progress notification that can cancel. */
const PROGRESS_AFTER_MS = 300;
/** How long the palette's "Export Fit Report" waits for the view's charts. */
const CHARTS_WAIT_MS = 3000;
const RELOAD_DEBOUNCE_MS = 400;

/**
 * The playground webview panel. One at a time: opening it again reveals the existing one.
 * Owns the panel's lifetime, its side of the ready/init handshake, and one compute worker
 * (terminated with the panel). Messages from the worker are forwarded to the view once it
 * is ready; everything the view sends is validated first.
 */
export class PlaygroundPanel implements vscode.Disposable {
  private static current: PlaygroundPanel | undefined;

  /** The open playground, if any. */
  static get active(): PlaygroundPanel | undefined {
    return PlaygroundPanel.current;
  }

  /** A panel being created (two quick runs of the command must not make two panels). */
  private static creating: Promise<PlaygroundPanel> | undefined;

  /**
   * Reveals the playground, creating it when none is open, and loads `source` when given.
   * A new panel without a source loads the most recent CSV, or the workspace's only CSV, or
   * the built-in data with a notification offering a quick pick of the workspace's data files.
   */
  static async open(ctx: PlaygroundContext, source?: DataSource): Promise<PlaygroundPanel> {
    const t0 = performance.now();
    const existing = PlaygroundPanel.current ?? (await PlaygroundPanel.creating);
    if (existing && !existing.disposed) {
      existing.panel.reveal();
      if (source) await existing.load(source, undefined, t0);
      return existing;
    }
    const creating = PlaygroundPanel.create(ctx, source, t0);
    PlaygroundPanel.creating = creating;
    try {
      return await creating;
    } finally {
      if (PlaygroundPanel.creating === creating) PlaygroundPanel.creating = undefined;
    }
  }

  private static async create(ctx: PlaygroundContext, source: DataSource | undefined, t0: number): Promise<PlaygroundPanel> {
    const start = source ? { source, offer: [] } : await startSource(ctx);
    const panel = vscode.window.createWebviewPanel(PLAYGROUND_VIEW_TYPE, title(), vscode.ViewColumn.Active, webviewOptions(ctx.extensionUri));
    const p = new PlaygroundPanel(panel, ctx, 'created');
    void p.load(start.source, undefined, t0);
    if (start.offer.length > 0) {
      // The panel never waits on a choice, and nothing takes the keyboard focus: it shows the
      // built-in data, and a notification offers the quick pick of the workspace's data files.
      const n = start.offer.length;
      const choose = vscode.l10n.t('Choose a data file…');
      const message =
        n === 1
          ? vscode.l10n.t('Gauss Lab: the playground shows the built-in d2l data. This workspace has 1 data file.')
          : vscode.l10n.t('Gauss Lab: the playground shows the built-in d2l data. This workspace has {0} data files.', formatCount(n));
      void inform(message, choose)
        .then(async (choice) => {
          if (choice !== choose || p.disposed) return;
          const uri = await pickDataFile(start.offer, vscode.l10n.t('Gauss Lab: open which data file in the playground?'));
          if (uri && !p.disposed) void p.load({ kind: 'file', uri });
        });
    }
    return p;
  }

  /** Adopts a panel VS Code restored after a reload (see the serializer). */
  static revive(panel: vscode.WebviewPanel, ctx: PlaygroundContext, state: unknown): PlaygroundPanel {
    PlaygroundPanel.current?.dispose();
    panel.webview.options = webviewOptions(ctx.extensionUri);
    const p = new PlaygroundPanel(panel, ctx, 'revived');
    const saved = v.safeParse(v.object({ design: designChoiceSchema }), state);
    void (async () => {
      const uri = await recentCsv(ctx.state);
      await p.load(uri ? { kind: 'file', uri } : { kind: 'builtin' }, saved.success ? saved.output.design : undefined);
    })();
    return p;
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly worker: PlaygroundWorker;
  readonly channel: WebviewChannel;
  private hasData = false;
  private source: DataSource | undefined;
  private fileWatcher: vscode.Disposable | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private current: FitSnapshot | undefined;
  private chartWaiters: ((charts: Readonly<Record<string, string>>) => void)[] = [];
  private disposed = false;
  /** Counters for tests and logs (invalid messages from the view: `channel.stats`). */
  readonly stats = { fits: 0, trainingMessages: 0, firstFitMs: NaN, lastLoadMs: NaN, loads: 0, progressNotifications: 0, chartsSaved: 0 };
  /** Cancels the progress notification's work, as its Cancel button does (undefined when none is shown). */
  private progressCancel: (() => void) | undefined;
  private loadStarted = NaN;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: PlaygroundContext,
    how: 'created' | 'revived',
  ) {
    PlaygroundPanel.current = this;
    this.channel = new WebviewChannel(panel, ctx, {
      view: 'playground',
      name: 'playground',
      title: title(),
      testId: 'playground',
      receive: (msg) => this.handle(msg),
      // training is re-sent by the worker (the whole run so far), an export request only matters live
      live: ['training', 'requestExport'],
      supersedes: { dataset: ['error', 'fit', 'landscape'], fit: ['landscape'] },
      replay: (pending, send) => {
        if (pending.some((m) => m.type === 'fit') || !this.hasData) pending.forEach(send);
        else this.worker.send({ kind: 'resend' });
      },
    });
    this.worker = new PlaygroundWorker(() => platform().startWorker(ctx.extensionUri), {
      post: (m) => this.fromWorker(m),
      report: (m) => {
        if (m.kind === 'log') ctx.log[m.level](`worker: ${m.message}`);
        else if (m.kind === 'fitted') this.onFitted(m.design, m.fit, m.label, m.rowsDropped);
      },
      crashed: (reason) => {
        ctx.log.error(`playground: the compute worker stopped: ${reason}`);
        this.post({
          type: 'error',
          scope: 'data',
          message: vscode.l10n.t('The compute worker stopped unexpectedly.'),
          hint: vscode.l10n.t('Close the playground and open it again; the output channel "Gauss Lab" has the details.'),
        });
      },
    });
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      // settings changed while the panel is open reach the view without a reload
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gaussLab')) this.post({ type: 'defaults', defaults: readDefaults() });
      }),
    );
    ctx.log.info(`playground ${how}`);
  }

  /** How many times the handshake has completed (a webview reload does it again). */
  get handshakeCount(): number {
    return this.channel.handshakeCount;
  }

  /** Settles when the webview has said `ready` and been answered with `init`. */
  get connected(): Promise<void> {
    return this.channel.connected;
  }

  /** Every message sent (or kept) for the view; the tests listen here. */
  get onDidPost(): vscode.Event<ExtensionToWebview> {
    return this.channel.onDidPost;
  }

  /** The current fit (for exports), if any. */
  get fit(): FitSnapshot | undefined {
    return this.current;
  }

  get workerAlive(): boolean {
    return this.worker.alive;
  }

  /** Loads a dataset into the worker and fits `design` (or the remembered / a default one). */
  async load(source: DataSource, design?: DesignChoice, t0 = performance.now()): Promise<boolean> {
    if (this.disposed) return false;
    const previous = this.source;
    const done = await this.loadInto(source, design, t0);
    if (done.cancelled && previous && !this.disposed) {
      // the worker kept the previous data: so does the panel
      this.source = previous;
      this.watch(previous);
      if (previous.kind === 'file') void rememberCsv(this.ctx.state, previous.uri);
    }
    return done.ok;
  }

  private async loadInto(source: DataSource, design: DesignChoice | undefined, t0: number): Promise<{ ok: boolean; cancelled?: boolean }> {
    this.source = source;
    this.loadStarted = t0;
    this.stats.loads++;
    this.watch(source);
    const label = sourceLabel(source);
    const remembered = design ?? rememberedDesign<DesignChoice>(this.ctx.state, source) ?? null;
    const valid = remembered && v.is(designChoiceSchema, remembered) ? remembered : null;
    const { maxPlotPoints } = readDefaults();
    const loading = vscode.l10n.t('Gauss Lab: loading {0}', label);
    if (source.kind === 'builtin') return this.slow(loading, () => this.worker.request({ kind: 'loadBuiltin', label, design: valid, maxPlotPoints }));
    const ref = await platform().fileRef(source.uri);
    if ('error' in ref) {
      this.post({ type: 'error', scope: 'data', message: ref.error, hint: ref.hint });
      return { ok: false };
    }
    void rememberCsv(this.ctx.state, source.uri);
    return this.slow(loading, (onProgress) =>
      this.worker.request({ kind: 'loadFile', file: ref.file, label, design: valid, maxPlotPoints, header: source.header ?? 'auto', threads: readThreads() }, onProgress, ref.transfer),
    );
  }

  /**
   * Runs a worker request; when it is still running after PROGRESS_AFTER_MS, shows a
   * cancellable progress notification until it ends. Its Cancel is the view's Cancel: the
   * worker stops, and the previous data come back.
   */
  private async slow<T>(progressTitle: string, run: (onProgress: (message: string) => void) => Promise<T>): Promise<T> {
    let report: ((message: string) => void) | undefined;
    let last: string | undefined;
    const work = run((message) => {
      last = message;
      report?.(message);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'slow'>((r) => (timer = setTimeout(() => r('slow'), PROGRESS_AFTER_MS)));
    const first = await Promise.race([work.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (first === 'done' || this.disposed) return work;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: progressTitle, cancellable: true },
      async (progress, token) => {
        this.stats.progressNotifications++;
        report = (message) => progress.report({ message });
        if (last) report(last);
        const cancel = () => this.worker.send({ kind: 'cancel' });
        this.progressCancel = cancel;
        const sub = token.onCancellationRequested(cancel);
        try {
          return await work;
        } finally {
          sub.dispose();
          report = undefined;
          if (this.progressCancel === cancel) this.progressCancel = undefined;
        }
      },
    );
  }

  /** Presses the progress notification's Cancel (for tests); false when none is shown. */
  cancelProgress(): boolean {
    const c = this.progressCancel;
    c?.();
    return c !== undefined;
  }

  /** Refreshes the panel when the data file changes on disk (debounced). */
  private watch(source: DataSource): void {
    this.fileWatcher?.dispose();
    this.fileWatcher = undefined;
    if (source.kind !== 'file') return;
    const w = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.joinPath(source.uri, '..'), source.uri.path.slice(source.uri.path.lastIndexOf('/') + 1)),
    );
    const changed = () => {
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        this.reloadTimer = undefined;
        if (this.disposed || this.source !== source) return;
        this.ctx.log.info(`playground: ${sourceLabel(source)} changed on disk, reloading`);
        void this.load(source, this.current?.design);
      }, RELOAD_DEBOUNCE_MS);
    };
    this.fileWatcher = vscode.Disposable.from(
      w,
      w.onDidChange(changed),
      w.onDidCreate(changed),
      w.onDidDelete(() =>
        this.post({
          type: 'error',
          scope: 'data',
          message: vscode.l10n.t('{0} was deleted.', sourceLabel(source)),
          hint: vscode.l10n.t('Restore the file, or choose another CSV file.'),
        }),
      ),
    );
  }

  /** A new closed-form fit (the worker reports it just before posting it to the view). */
  private onFitted(design: DesignChoice, fit: FitSnapshot['fit'], label: string, rowsDropped: number): void {
    this.current = { design, fit, label, rowsDropped, file: this.source?.kind === 'file' ? this.source.uri : undefined };
    if (this.source) void rememberDesign(this.ctx.state, this.source, design);
    this.stats.fits++;
    if (!Number.isNaN(this.loadStarted)) {
      const ms = performance.now() - this.loadStarted;
      this.stats.lastLoadMs = ms;
      if (Number.isNaN(this.stats.firstFitMs)) this.stats.firstFitMs = ms;
      this.ctx.log.info(`playground: first fit of ${label} ${ms.toFixed(0)} ms after the load request`);
      this.loadStarted = NaN;
    }
  }

  private fromWorker(m: ExtensionToWebview): void {
    if (m.type === 'dataset' || m.type === 'fit') this.hasData = true;
    if (m.type === 'training') this.stats.trainingMessages++;
    this.post(m);
  }

  /** Validates and handles one message from the webview. Public so tests can inject garbage. */
  /** Feeds a raw message through the same validation and handling as the webview's. */
  receive(raw: unknown): void {
    this.channel.receive(raw);
  }

  private async handle(msg: Exclude<WebviewToExtension, { type: 'ready' }>): Promise<void> {
    switch (msg.type) {
      case 'log':
        this.ctx.log[msg.level](`webview: ${msg.message}`);
        return;
      case 'chooseDataset': {
        // with no data file in the workspace the pick offers Browse… alone
        const uri = await pickDataFile(await workspaceDataFiles());
        if (uri) await this.load({ kind: 'file', uri });
        return;
      }
      case 'setDesign':
        await this.slow(vscode.l10n.t('Gauss Lab: fitting {0}', msg.design.target), () => this.worker.request({ kind: 'setDesign', design: msg.design, maxPlotPoints: readDefaults().maxPlotPoints }));
        return;
      case 'train':
        this.worker.send({ kind: 'train', command: msg.command, params: msg.params });
        return;
      case 'tune':
        this.worker.send({ kind: 'tune', learningRate: msg.learningRate, stepsPerSecond: msg.stepsPerSecond });
        return;
      case 'cancel':
        this.worker.send({ kind: 'cancel' });
        return;
      case 'setLandscapeAxes':
        this.worker.send({ kind: 'setLandscapeAxes', a: msg.a, b: msg.b });
        return;
      case 'whatIf':
        this.worker.send({ kind: 'whatIf', values: msg.values });
        return;
      case 'setHeader':
        // the columns may change: read the file again, keeping the design when it still applies
        if (this.source?.kind === 'file') await this.load({ ...this.source, header: msg.header }, this.current?.design);
        return;
      case 'saveChart':
        await this.saveChart(msg);
        return;
      case 'export':
        await this.export(msg);
        return;
    }
  }

  /** Sends to the view (kept until it is ready). */
  private post(msg: ExtensionToWebview): void {
    this.channel.post(msg);
  }

  private exportError(message: string, hint: string | null): void {
    this.post({ type: 'error', scope: 'export', message, hint });
    void fail(hint ? vscode.l10n.t('Gauss Lab: {0} {1}', message, hint) : vscode.l10n.t('Gauss Lab: {0}', message));
  }

  /** One chart as an SVG or PNG file, where the save dialog says (asked with VS Code's save dialog, written by the extension). */
  private async saveChart(msg: SaveChartMessage): Promise<void> {
    try {
      const uri = await saveChart(msg, this.current ?? (this.source?.kind === 'file' ? { file: this.source.uri } : undefined));
      if (!uri) return;
      this.stats.chartsSaved++;
      this.ctx.log.info(`playground: saved the ${msg.name} chart as ${msg.format.toUpperCase()}: ${uri.toString(true)}`);
      announceFile((file) => vscode.l10n.t('Saved the {0} chart: {1}', msg.name, file), uri);
    } catch (e) {
      this.exportError(
        vscode.l10n.t('The {0} chart could not be saved: {1}', msg.name, e instanceof Error ? e.message : String(e)),
        vscode.l10n.t('Check that the folder is writable, then try again.'),
      );
    }
  }

  private async export(msg: ExportMessage): Promise<void> {
    if (msg.what === 'report' && this.chartWaiters.length > 0) {
      const waiters = this.chartWaiters;
      this.chartWaiters = [];
      for (const w of waiters) w(msg.charts ?? {});
      return;
    }
    const snap = this.current;
    if (!snap) {
      this.exportError(vscode.l10n.t('There is no fit to export yet.'), vscode.l10n.t('Choose a target and features in the Data section first.'));
      return;
    }
    try {
      switch (msg.what) {
        case 'modelCode':
          await copyModelAsCode(snap, msg.language);
          return;
        case 'report': {
          const uri = await writeReport(snap, msg.charts ?? {}, `Gauss Lab ${this.ctx.extensionVersion}`);
          this.ctx.log.info(`playground: saved the fit report with ${Object.keys(msg.charts ?? {}).length} charts: ${uri.toString(true)}`);
          announceFile(savedReport, uri);
          return;
        }
        case 'predictions': {
          const uri = await this.writePredictions(snap);
          if (uri) announceFile((file) => vscode.l10n.t('Saved predictions and residuals: {0}', file), uri);
          return;
        }
        case 'model': {
          const uri = await saveModelFile(snap, async () => {
            const done = await this.worker.request({ kind: 'modelText' });
            return done.ok ? done.text : undefined;
          });
          if (!uri) return;
          this.ctx.log.info(`playground: saved the model: ${uri.toString(true)}`);
          announceFile((file) => vscode.l10n.t('Saved the model (gauss-lab predict reads it): {0}', file), uri);
          return;
        }
        case 'predictOther': {
          let summary = '';
          const uri = await predictOtherFile(snap, async (input, output) => {
            const ref = await platform().fileRef(input);
            if ('error' in ref) throw new Error(ref.error);
            const outPath = platform().workerWrites ? localPath(output) : undefined;
            const inputName = input.path.slice(input.path.lastIndexOf('/') + 1);
            const done = await this.worker.request({ kind: 'predictFile', input: ref.file, inputName, ...(outPath ? { output: outPath } : {}) }, undefined, ref.transfer);
            summary = done.text ?? '';
            // the save dialog asked before replacing a file
            if (done.ok && done.output !== undefined) await vscode.workspace.fs.writeFile(output, new TextEncoder().encode(done.output));
            return done.ok;
          });
          if (!uri) return;
          this.ctx.log.info(`playground: ${summary}`);
          // the predictions open beside the panel: every input row, in order, with prediction, lower, upper and note
          await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
          void inform(vscode.l10n.t('Gauss Lab: {0}.', summary));
          return;
        }
      }
    } catch (e) {
      this.exportError(e instanceof Error ? e.message : String(e), vscode.l10n.t('Check that the folder is writable, then try again.'));
    }
  }

  /**
   * Predictions and residuals as a new CSV next to the data (never the original, never
   * overwriting): the desktop worker streams it to the file, the web worker hands back its text.
   */
  async writePredictions(snap = this.current): Promise<vscode.Uri | undefined> {
    if (!snap) return undefined;
    const where = predictionsBase(snap);
    if (!where) {
      this.exportError(vscode.l10n.t('There is no folder to save the predictions in.'), vscode.l10n.t('Open a folder first.'));
      return undefined;
    }
    if (!platform().workerWrites || !localPath(where.dir)) {
      const done = await this.worker.request({ kind: 'writePredictions' });
      if (!done.ok || done.output === undefined) return undefined; // the worker already showed the error
      const bytes = new TextEncoder().encode(done.output);
      for (const uri of candidates(where.dir, where.base, '.csv')) if (await platform().writeNew(uri, bytes)) return uri;
      return undefined;
    }
    for (const uri of candidates(where.dir, where.base, '.csv')) {
      const path = localPath(uri);
      if (!path) return undefined;
      const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
      if (exists) continue;
      const done = await this.worker.request({ kind: 'writePredictions', path });
      if (done.ok) return uri;
      if (!/EEXIST/.test(done.error ?? '')) return undefined; // the worker already showed the error
    }
    return undefined;
  }

  /** The palette's "Export Fit Report": asks the view for its charts, then writes the report. */
  async exportReport(): Promise<string | undefined> {
    const snap = this.current;
    if (!snap) return undefined;
    let charts: Readonly<Record<string, string>> = {};
    if (this.channel.viewReady) {
      charts = await new Promise<Readonly<Record<string, string>>>((resolve) => {
        const timer = setTimeout(() => {
          this.chartWaiters = this.chartWaiters.filter((w) => w !== done);
          resolve({});
        }, CHARTS_WAIT_MS);
        const done = (c: Readonly<Record<string, string>>) => {
          clearTimeout(timer);
          resolve(c);
        };
        this.chartWaiters.push(done);
        this.post({ type: 'requestExport', what: 'report' });
      });
    }
    const uri = await writeReport(snap, charts, `Gauss Lab ${this.ctx.extensionVersion}`);
    this.ctx.log.info(`playground: saved the fit report with ${Object.keys(charts).length} charts: ${uri.toString(true)}`);
    announceFile(savedReport, uri);
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.fileWatcher?.dispose();
    void this.worker.dispose();
    for (const w of this.chartWaiters) w({});
    this.chartWaiters = [];
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
    this.ctx.log.info('playground disposed (worker terminated)');
  }
}

/** The notice after the fit report is written. */
const savedReport = (file: string): string => vscode.l10n.t('Saved the fit report: {0}', file);

/**
 * The data a new playground starts on: the most recently used CSV; else the workspace's
 * only CSV; else the built-in d2l synthetic data — with a quick pick of the workspace's CSV
 * files to `offer` when there are several.
 */
async function startSource(ctx: PlaygroundContext): Promise<{ source: DataSource; offer: readonly vscode.Uri[] }> {
  const recent = await recentCsv(ctx.state);
  if (recent) return { source: { kind: 'file', uri: recent }, offer: [] };
  const files = await workspaceDataFiles();
  if (files.length === 1) return { source: { kind: 'file', uri: files[0] }, offer: [] };
  return { source: { kind: 'builtin' }, offer: files };
}

/** Restores playground panels after a window reload (`onWebviewPanel:gaussLab.playground` activates us). */
export class PlaygroundSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly ctx: PlaygroundContext) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    PlaygroundPanel.revive(panel, this.ctx, state);
  }
}

