// Gauss Lab's entry point on the desktop (and remote). Activation costs next to nothing: it
// registers what VS Code needs to reach Gauss Lab — its commands, the restorers of its panels, a
// first look at each Python, JavaScript, TypeScript or Markdown file — and loads the extension
// itself (dist/extension-main.js, ./extension-main.ts) on first use: a command, a panel to
// restore, a file with an `@bench` marker or a data file path. Opening any such file used to load
// all of it (32 ms of activation where an extension that does nothing takes 2 ms: BENCHMARKS.md).
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DOCUMENT_LANGUAGES } from './bench/languages/syntax';
import { findDataPaths } from './core/data-paths';
import type { Activated } from './extension/activate';
import type { GaussLabApi } from './extension/api';
import { CommandId, NORMAL_VIEW_TYPE, PLAYGROUND_VIEW_TYPE } from './extension/command-ids';

/** A file Gauss Lab has something to show on: a bench marker, or (Python) a data file it reads. */
function wanted(doc: vscode.TextDocument): boolean {
  const text = doc.getText();
  return text.includes('@bench') || (doc.languageId === 'python' && findDataPaths(text).length > 0);
}

export function activate(context: vscode.ExtensionContext): GaussLabApi {
  const standIns: vscode.Disposable[] = [];
  let active: Activated | undefined;
  // the stand-ins go first: the extension registers the same commands, restorers and lenses
  const load = (): Activated => {
    if (!active) {
      for (const d of standIns.splice(0)) d.dispose();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      active = (require(join(__dirname, 'extension-main.js')) as typeof import('./extension-main')).activateMain(context);
    }
    return active;
  };
  for (const id of Object.values(CommandId)) {
    standIns.push(vscode.commands.registerCommand(id, (...args: unknown[]) => (load(), vscode.commands.executeCommand(id, ...args))));
  }
  for (const viewType of [PLAYGROUND_VIEW_TYPE, NORMAL_VIEW_TYPE]) {
    standIns.push(vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: (panel, state) => load().restorers[viewType].deserializeWebviewPanel(panel, state) }));
  }
  // no lenses of its own: on a file worth them it loads the extension, whose lens providers
  // VS Code then asks (a new provider makes the editor ask again)
  standIns.push(
    vscode.languages.registerCodeLensProvider(DOCUMENT_LANGUAGES.map((language) => ({ language })), {
      provideCodeLenses: (doc) => {
        if (wanted(doc)) load();
        return [];
      },
    }),
  );
  context.subscriptions.push({ dispose: () => standIns.forEach((d) => d.dispose()) });
  // the tests' API: each call loads the extension first (the compiler asks for a new member)
  const api = () => load().api;
  return {
    playground: () => api().playground(),
    normalExplorer: () => api().normalExplorer(),
    setChartSaveTarget: (hook) => api().setChartSaveTarget(hook),
    workers: () => api().workers(),
    benchRuns: () => api().benchRuns(),
    notices: () => api().notices(),
  };
}

export function deactivate(): void {}
