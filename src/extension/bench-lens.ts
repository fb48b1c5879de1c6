// The bench code lens: "$(watch) Time loop vs vectorized" above each group, "$(watch) Run all benchmarks" above
// the file; a click queues the group on one shared BenchQueue (variants run in child processes,
// never here), the lens shows progress and then the verdict, each marker gets its median at the
// end of the line, and hovering a marker shows the full statistics. Only in trusted workspaces.
// In a notebook the groups span its cells (a setup cell, then variant cells; and d2l's one-shot
// time.time() cells): the lens reads the whole notebook as one view (../bench/notebook.ts) and
// shows each lens, median and hover on the cell it belongs to.
import * as vscode from 'vscode';
import { findBenchGroups, type BenchGroup, type BenchLanguageId } from '../bench/markers';
import { notebookGroups, notebookView, type NotebookCellText } from '../bench/notebook';
import type { LineName } from '../bench/verdict';
import { BenchQueue } from '../bench/queue';
import type { BenchGroupResult } from '../bench/result';
import { formatHover } from '../bench/verdict';
import {
  BENCH_LANGUAGES,
  countLineBreaks,
  doneTitle,
  entryFor,
  entryLine,
  idleTitle,
  isStale,
  markerDecorations,
  notRunnableTitle,
  oneShotTooltip,
  progressTitle,
  runAllTitle,
  shiftEntries,
  untrustedTitle,
  type BenchEntry,
} from './bench-lens-model';
import { CommandId } from './command-ids';
import { readBenchSettings } from './config';
import { formatCount } from '../core/number-format';
import { lazyBundle } from './lazy/load';
import { inform, warn } from './notify';

/** Options a script or test may pass to the run command (the lens passes none). */
export interface BenchCommandOptions {
  readonly budgetMs?: number;
  readonly timeoutMs?: number;
}

// notebook cells too: groups span a notebook's cells, and run next to the notebook
const SELECTOR: vscode.DocumentSelector = BENCH_LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
  { language, scheme: 'vscode-notebook-cell' },
]);

/** The file a snippet runs beside (its working folder): the document's, or a cell's notebook's. */
function runsBeside(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file' || uri.scheme === 'vscode-remote') return uri.fsPath;
  const nb = uri.scheme === 'vscode-notebook-cell' ? vscode.workspace.notebookDocuments.find((n) => n.uri.path === uri.path)?.uri : undefined;
  return nb && (nb.scheme === 'file' || nb.scheme === 'vscode-remote') ? nb.fsPath : undefined;
}

function isBenchLanguage(id: string): id is BenchLanguageId {
  return (BENCH_LANGUAGES as readonly string[]).includes(id);
}

/**
 * What the lens reads in a document: the document itself, or — for a notebook cell — the whole
 * notebook as one text, so groups can span cells. Lines of groups and entries are view lines.
 */
interface BenchView {
  /** Whose runs these are: the document's URI, or the notebook's. */
  readonly key: string;
  readonly groups: readonly BenchGroup[];
  /** Changes when the code does (a document's version; a notebook's text hash). */
  readonly version: number;
  /** The line in `doc` of a view line; undefined when it is in another cell. */
  at(viewLine: number): number | undefined;
  /** The view line of a line of `doc`. */
  viewLine(line: number): number;
  readonly lineName?: LineName;
}

/** The notebook holding a cell document. */
function notebookOf(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  if (uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document.uri.toString() === uri.toString()));
}

/** The key of a document's runs (see BenchView.key). */
function keyOf(uri: vscode.Uri): string {
  return (notebookOf(uri)?.uri ?? uri).toString();
}

/** A 32-bit FNV-1a hash of the text: a notebook's "version" for staleness. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The open document of `uri` (a notebook cell's is found among the open ones). */
async function openDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? vscode.workspace.openTextDocument(uri);
}

/** The interpreter for Python snippets: the setting, else the Python extension's, else python3. */
async function pythonInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const configured = readBenchSettings(resource).pythonPath;
  if (configured) return configured;
  const ext = vscode.extensions.getExtension<any>('ms-python.python');
  if (!ext) return undefined;
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    const envPath = api?.environments?.getActiveEnvironmentPath?.(resource);
    if (envPath) {
      const resolved = await api.environments.resolveEnvironment?.(envPath);
      const exe = resolved?.executable?.uri?.fsPath ?? envPath.path;
      if (typeof exe === 'string' && exe !== '') return exe;
    }
    const details = api?.settings?.getExecutionDetails?.(resource);
    const cmd = details?.execCommand?.[0];
    if (typeof cmd === 'string' && cmd !== '') return cmd;
  } catch {
    // the Python extension is optional: fall back to python3
  }
  return undefined;
}

/**
 * The runner, transpiler and statistics live in dist/bench-engine.js, loaded on the first click:
 * they are most of the bench code and none of it is needed to show a lens.
 */
const loadEngine = lazyBundle<typeof import('../bench/engine')>('bench-engine.js');

export class BenchLens implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly entries = new Map<string, BenchEntry[]>();
  readonly queue = new BenchQueue((group, options) => loadEngine().runBenchGroup(group, options));
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 1em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(
      this.changed,
      this.decoration,
      vscode.languages.registerCodeLensProvider(SELECTOR, this),
      vscode.languages.registerHoverProvider(SELECTOR, this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gaussLab')) this.refresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorateAll()),
    );
  }

  dispose(): void {
    for (const list of this.entries.values()) for (const e of list) e.abort.abort();
    this.entries.clear();
    for (const s of this.subscriptions) s.dispose();
  }

  /** Every run of a document (for tests and scripts). */
  entriesOf(uri: vscode.Uri): readonly BenchEntry[] {
    return this.entries.get(keyOf(uri)) ?? [];
  }

  private enabledFor(doc: vscode.TextDocument): boolean {
    const s = readBenchSettings(doc.uri);
    if (!s.enabled || !isBenchLanguage(doc.languageId)) return false;
    if (s.include && s.include !== '**' && s.include !== '**/*') {
      return vscode.languages.match({ pattern: s.include }, doc) > 0;
    }
    return true;
  }

  private viewOf(doc: vscode.TextDocument): BenchView {
    const nb = notebookOf(doc.uri);
    if (!nb || doc.languageId !== 'python') {
      return {
        key: doc.uri.toString(),
        groups: isBenchLanguage(doc.languageId) ? findBenchGroups(doc.getText(), doc.languageId) : [],
        version: doc.version,
        at: (line) => line,
        viewLine: (line) => line,
      };
    }
    const docs = nb.getCells().map((c) => c.document);
    const cells: NotebookCellText[] = nb.getCells().map((c) => ({ kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markup', languageId: c.document.languageId, text: c.document.getText() }));
    const view = notebookView(cells);
    const k = docs.findIndex((d) => d.uri.toString() === doc.uri.toString());
    const first = view.cell.findIndex((c, v) => c === k && view.line[v] === 0);
    return {
      key: nb.uri.toString(),
      groups: notebookGroups(cells, view),
      version: textHash(view.text),
      at: (v) => (view.cell[v] === k ? Math.max(0, view.line[v]) : undefined),
      viewLine: (line) => first + line,
      lineName: (v) =>
        view.line[v] >= 0
          ? vscode.l10n.t('cell {0}, line {1}', String(view.cell[v] + 1), String(view.line[v] + 1))
          : vscode.l10n.t('cell {0}', String(view.cell[v] + 1)),
    };
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabledFor(doc)) return [];
    const view = this.viewOf(doc);
    // the groups whose first line is in this document (a notebook's other cells have their own)
    const groups = view.groups.filter((g) => view.at(g.startLine) !== undefined);
    if (groups.length === 0) return [];
    const at = (viewLine: number) => {
      const line = view.at(viewLine) ?? 0;
      return new vscode.Range(line, 0, line, 0);
    };
    if (!vscode.workspace.isTrusted) {
      return [new vscode.CodeLens(at(groups[0].startLine), { title: untrustedTitle(), command: 'workbench.trust.manage', tooltip: vscode.l10n.t('Manage Workspace Trust') })];
    }
    const lenses: vscode.CodeLens[] = [];
    const entries = this.entries.get(view.key) ?? [];
    // "Run all" above a file; in a notebook above its first group, when there are several
    const runnable = view.groups.filter((g) => g.runnable);
    const notebook = view.key !== doc.uri.toString();
    if (runnable.length > (notebook ? 1 : 0) && (!notebook || runnable[0] === groups.find((g) => g.runnable))) {
      lenses.push(new vscode.CodeLens(notebook ? at(runnable[0].startLine) : at(0), { title: runAllTitle(), command: CommandId.runAllBenchmarks, arguments: [doc.uri], tooltip: notebook ? vscode.l10n.t('Time every bench group in this notebook, one after another') : vscode.l10n.t('Time every bench group in this file, one after another') }));
    }
    for (const g of groups) {
      if (!g.runnable) {
        lenses.push(new vscode.CodeLens(at(g.startLine), { title: notRunnableTitle(g), command: '', tooltip: g.reason }));
        continue;
      }
      const e = entryFor(entries, g);
      if (e && e.state !== 'done') {
        lenses.push(new vscode.CodeLens(at(g.startLine), { title: progressTitle(e), command: '', tooltip: vscode.l10n.t('Timing: each variant in its own process') }));
        lenses.push(new vscode.CodeLens(at(g.startLine), { title: vscode.l10n.t('Cancel'), command: CommandId.cancelBenchmarks, arguments: [doc.uri, g.startLine] }));
      } else if (e) {
        const title = doneTitle(e, view.version);
        lenses.push(new vscode.CodeLens(at(g.startLine), { title, command: CommandId.runBenchmark, arguments: [doc.uri, g.startLine], tooltip: vscode.l10n.t('Run again (hover a marker for the full statistics)') }));
      } else {
        lenses.push(new vscode.CodeLens(at(g.startLine), { title: idleTitle(g), command: CommandId.runBenchmark, arguments: [doc.uri, g.startLine], tooltip: g.oneShot ? oneShotTooltip() : vscode.l10n.t('Time the variants, each in its own process') }));
      }
    }
    return lenses;
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const view = this.viewOf(doc);
    const line = view.viewLine(pos.line);
    for (const e of this.entries.get(view.key) ?? []) {
      if (e.state !== 'done' || !e.result) continue;
      const lines = [e.group.startLine, ...e.group.variants.map((v) => v.markerLine), ...(e.group.setup ? [e.group.setup.markerLine] : [])].map((l) => l + e.shift);
      if (!lines.includes(line)) continue;
      const md = new vscode.MarkdownString(formatHover(e.result, e.lineName) + (isStale(e, view.version) ? `\n\n_${vscode.l10n.t('The code changed since this run: the result is stale. Click the lens to run again.')}_` : ''));
      return new vscode.Hover(md, doc.lineAt(pos.line).range);
    }
    return undefined;
  }

  /** Runs the group whose first marker is on `line` (or the group at the cursor). */
  async run(uri?: vscode.Uri, line?: number, options: BenchCommandOptions = {}): Promise<BenchGroupResult | undefined> {
    const target = await this.target(uri, line);
    if (!target) return undefined;
    const [r] = await this.runGroups(target.doc, target.view, [target.group], options);
    return r;
  }

  async runAll(uri?: vscode.Uri, options: BenchCommandOptions = {}): Promise<(BenchGroupResult | undefined)[]> {
    const doc = uri ? await openDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !this.checkTrust()) return [];
    const view = this.viewOf(doc);
    return this.runGroups(doc, view, view.groups.filter((g) => g.runnable), options);
  }

  /** Cancels the run of one group, or every run of the document (or of every document). */
  cancel(uri?: vscode.Uri, line?: number): number {
    let n = 0;
    for (const [key, list] of this.entries) {
      if (uri && key !== keyOf(uri)) continue;
      for (const e of list) {
        if (e.state === 'done' || (line !== undefined && entryLine(e) !== line)) continue;
        e.abort.abort();
        n++;
      }
    }
    return n;
  }

  private checkTrust(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void warn(vscode.l10n.t('Gauss Lab: benchmarks run code from the file, so they are off in Restricted Mode. Trust the workspace to run them.'));
    return false;
  }

  /** The group the command is for; `line` is a view line (the lens passes its group's), else the cursor's group. */
  private async target(uri: vscode.Uri | undefined, line: number | undefined): Promise<{ doc: vscode.TextDocument; view: BenchView; group: BenchGroup } | undefined> {
    if (!this.checkTrust()) return undefined;
    const editor = vscode.window.activeTextEditor;
    const doc = uri ? await openDocument(uri) : editor?.document;
    if (!doc) return undefined;
    const view = this.viewOf(doc);
    const groups = view.groups;
    const cursor = line ?? view.viewLine(editor && editor.document === doc ? editor.selection.active.line : 0);
    const group = line !== undefined ? groups.find((g) => g.startLine === line) : groups.find((g) => cursor >= g.startLine && cursor < Math.max(g.endLine, g.startLine + 1));
    if (!group) {
      void inform(vscode.l10n.t('Gauss Lab: there is no bench group here. Mark variants with "// @bench loop" (or "# @bench loop" in Python).'));
      return undefined;
    }
    if (!group.runnable) {
      void inform(vscode.l10n.t('Gauss Lab: {0}', String(group.reason)));
      return undefined;
    }
    return { doc, view, group };
  }

  private async runGroups(doc: vscode.TextDocument, view: BenchView, groups: readonly BenchGroup[], options: BenchCommandOptions): Promise<(BenchGroupResult | undefined)[]> {
    const key = view.key;
    const list = this.entries.get(key) ?? [];
    this.entries.set(key, list);
    const settings = readBenchSettings(doc.uri);
    const pythonPath = groups.some((g) => g.language === 'python') ? await pythonInterpreter(doc.uri) : undefined;
    const runs = groups.map((group, i) => {
      const old = entryFor(list, group);
      if (old && old.state !== 'done') return old.abort.signal.aborted ? Promise.resolve(old.result) : this.wait(old); // already queued: one click is enough
      if (old) list.splice(list.indexOf(old), 1);
      const entry: BenchEntry = { group, shift: 0, version: view.version, lineName: view.lineName, state: 'queued', progress: undefined, result: undefined, index: i + 1, total: groups.length, abort: new AbortController(), startedAt: Date.now() };
      list.push(entry);
      return this.queue
        .run(group, {
          timeoutMs: options.timeoutMs ?? settings.timeoutMs,
          budgetMs: options.budgetMs,
          pythonPath,
          filePath: runsBeside(doc.uri),
          signal: entry.abort.signal,
          onProgress: (p) => {
            if (p.phase !== 'queued') entry.state = 'running';
            entry.progress = p;
            this.changed.fire();
          },
        })
        .catch((e: unknown): BenchGroupResult => ({ kind: 'error', variant: null, line: null, message: e instanceof Error ? e.message : String(e) }))
        .then((result) => {
          entry.result = result;
          entry.state = 'done';
          entry.finishedAt = Date.now();
          this.log.info(`bench ${vscode.workspace.asRelativePath(doc.uri)}:${group.startLine + 1} ${result.kind} in ${entry.finishedAt - entry.startedAt} ms`);
          this.changed.fire();
          this.decorateAll();
          return result;
        });
    });
    this.changed.fire();
    const all = Promise.all(runs);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `$(watch) ${groups.length === 1 ? vscode.l10n.t('Gauss Lab: timing a benchmark') : vscode.l10n.t('Gauss Lab: timing {0} benchmarks', formatCount(groups.length))}`, cancellable: false },
      () => all,
    );
    return all;
  }

  private wait(entry: BenchEntry): Promise<BenchGroupResult | undefined> {
    return new Promise((resolve) => {
      const sub = this.changed.event(() => {
        if (entry.state !== 'done') return;
        sub.dispose();
        resolve(entry.result);
      });
    });
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const list = this.entries.get(keyOf(e.document.uri));
    if (!list || list.length === 0 || e.contentChanges.length === 0) return;
    // a cell's lines sit at an offset in its notebook's view; edits inside the cell do not move it
    const view = this.viewOf(e.document);
    // later changes first, so earlier line numbers stay valid
    for (const c of [...e.contentChanges].sort((a, b) => b.range.start.line - a.range.start.line)) {
      shiftEntries(list, { startLine: view.viewLine(c.range.start.line), endLine: view.viewLine(c.range.end.line), endCharacter: c.range.end.character, newLines: countLineBreaks(c.text) });
    }
    this.decorateAll();
    this.changed.fire();
  }

  private forget(uri: vscode.Uri): void {
    // a notebook's runs outlive its cells' documents (they close and reopen as cells scroll)
    if (uri.scheme === 'vscode-notebook-cell') return;
    const list = this.entries.get(uri.toString());
    if (!list) return;
    for (const e of list) e.abort.abort();
    this.entries.delete(uri.toString());
  }

  private refresh(): void {
    this.changed.fire();
    this.decorateAll();
  }

  private decorateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      const show = vscode.workspace.isTrusted && this.enabledFor(doc);
      const options: vscode.DecorationOptions[] = [];
      if (show) {
        const view = this.viewOf(doc);
        for (const e of this.entries.get(view.key) ?? []) {
          for (const d of markerDecorations(e, view.version)) {
            const line = view.at(d.line);
            if (line === undefined || line < 0 || line >= doc.lineCount) continue;
            const end = doc.lineAt(line).range.end;
            options.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: d.text } } });
          }
        }
      }
      editor.setDecorations(this.decoration, options);
    }
  }
}

