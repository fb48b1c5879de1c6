import * as vscode from 'vscode';
import type { ModelCodeLanguage } from '../protocol';
import type { BenchCommandOptions, BenchLens } from './bench-lens';
import { CommandId } from './command-ids';
import { copyModelAsCode } from './exports';
import { NormalExplorerPanel } from './normal-panel';
import { PlaygroundPanel } from './playground-panel';
import type { PlaygroundContext } from './view-page';
import { newSampleDataset, type SampleKind } from './sample-dataset';
import { DATA_FORMATS } from '../core/data-formats';
import { pickDataFile, workspaceDataFiles } from './workspace-csv';
import { fail, inform, warn } from './notify';

/** The CSV a command was invoked on: the Explorer/editor-title argument, the active editor, or a quick pick. */
async function csvTarget(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  const ext = doc?.uri.path.toLowerCase().match(/\.[^./]+$/)?.[0];
  if (doc && ext && DATA_FORMATS.some((f) => (f.extensions as readonly string[]).includes(ext))) return doc.uri;
  return pickDataFile(await workspaceDataFiles());
}

/** The playground's current fit, or a message saying how to get one. */
function currentFit() {
  const snap = PlaygroundPanel.active?.fit;
  if (!snap) {
    const open = vscode.l10n.t('Open Playground');
    void warn(vscode.l10n.t('Gauss Lab: there is no fitted model yet. Open the playground and choose a target first.'), open)
      .then((c) => c === open && vscode.commands.executeCommand(CommandId.openPlayground));
  }
  return snap;
}

/**
 * Registers every Gauss Lab command. Return values serve scripts and the in-host tests:
 * `newSampleDataset('d2l' | 'houses' | 'laplace')` writes without asking (and without opening it) and
 * returns the new file's URI; `copyModelAsCode(language)` returns the text copied.
 */
export function registerCommands(ctx: PlaygroundContext, bench?: BenchLens): vscode.Disposable[] {
  return [
    ...registerBenchCommands(bench),
    vscode.commands.registerCommand(CommandId.openPlayground, async () => {
      await PlaygroundPanel.open(ctx);
    }),
    vscode.commands.registerCommand(CommandId.openCsvInPlayground, async (arg?: unknown) => {
      const uri = await csvTarget(arg);
      if (uri) await PlaygroundPanel.open(ctx, { kind: 'file', uri });
    }),
    vscode.commands.registerCommand(CommandId.openNormalExplorer, () => {
      NormalExplorerPanel.open(ctx);
    }),
    vscode.commands.registerCommand(CommandId.newSampleDataset, async (kind?: SampleKind) => {
      const interactive = kind === undefined;
      const uri = await newSampleDataset(kind === 'd2l' || kind === 'houses' || kind === 'laplace' ? kind : undefined);
      if (uri && interactive) {
        void inform(vscode.l10n.t('Wrote {0}.', vscode.workspace.asRelativePath(uri, false)));
        await PlaygroundPanel.open(ctx, { kind: 'file', uri });
      }
      return uri;
    }),
    vscode.commands.registerCommand(CommandId.copyModelAsCode, async (language?: ModelCodeLanguage) => {
      const snap = currentFit();
      if (!snap) return undefined;
      const lang = language && ['typescript', 'python', 'sklearn', 'json'].includes(language) ? language : undefined;
      return copyModelAsCode(snap, lang);
    }),
    vscode.commands.registerCommand(CommandId.exportFitReport, async () => {
      if (!currentFit()) return undefined;
      try {
        return await PlaygroundPanel.active?.exportReport();
      } catch (e) {
        void fail(vscode.l10n.t('Gauss Lab: the report could not be saved: {0}', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    }),
  ];
}

/**
 * The bench lens's commands. `runBenchmark(uri?, line?, options?)` runs the group whose first
 * marker is on `line` (default: the group at the cursor) and returns its result;
 * `runAllBenchmarks(uri?, options?)` runs every group of the file in turn; `cancelBenchmarks(uri?, line?)`
 * stops queued and running groups and returns how many.
 */
function registerBenchCommands(bench: BenchLens | undefined): vscode.Disposable[] {
  if (!bench) return [];
  const uriOf = (x: unknown) => (x instanceof vscode.Uri ? x : undefined);
  const lineOf = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : undefined);
  const optionsOf = (x: unknown): BenchCommandOptions => (x && typeof x === 'object' ? (x as BenchCommandOptions) : {});
  return [
    vscode.commands.registerCommand(CommandId.runBenchmark, (uri?: unknown, line?: unknown, options?: unknown) => bench.run(uriOf(uri), lineOf(line), optionsOf(options))),
    vscode.commands.registerCommand(CommandId.runAllBenchmarks, (uri?: unknown, options?: unknown) => bench.runAll(uriOf(uri), optionsOf(options))),
    vscode.commands.registerCommand(CommandId.cancelBenchmarks, (uri?: unknown, line?: unknown) => bench.cancel(uriOf(uri), lineOf(line))),
  ];
}
