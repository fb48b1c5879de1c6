// Gauss Lab's entry point: wiring only. Every registration goes into context.subscriptions.
import * as vscode from 'vscode';
import { createApi, type GaussLabApi } from './extension/api';
import { NORMAL_VIEW_TYPE, PLAYGROUND_VIEW_TYPE } from './extension/command-ids';
import { BenchLens } from './extension/bench-lens';
import { registerCommands } from './extension/commands';
import { DataPathLens } from './extension/data-path-lens';
import { NormalExplorerPanel, NormalExplorerSerializer } from './extension/normal-panel';
import { PlaygroundPanel, PlaygroundSerializer } from './extension/playground-panel';
import type { PlaygroundContext } from './extension/view-page';

export function activate(context: vscode.ExtensionContext): GaussLabApi {
  const log = vscode.window.createOutputChannel('Gauss Lab', { log: true });
  const ctx: PlaygroundContext = {
    extensionUri: context.extensionUri,
    extensionVersion: String(context.extension.packageJSON.version ?? '0.0.0'),
    extensionMode: context.extensionMode,
    log,
    state: context.workspaceState,
  };
  const bench = new BenchLens(log);
  context.subscriptions.push(
    log,
    bench,
    ...registerCommands(ctx, bench),
    DataPathLens.register(),
    vscode.window.registerWebviewPanelSerializer(PLAYGROUND_VIEW_TYPE, new PlaygroundSerializer(ctx)),
    vscode.window.registerWebviewPanelSerializer(NORMAL_VIEW_TYPE, new NormalExplorerSerializer(ctx)),
    // panels (and the playground's worker) go with the extension
    { dispose: () => PlaygroundPanel.active?.dispose() },
    { dispose: () => NormalExplorerPanel.active?.dispose() },
  );
  log.info(`Gauss Lab ${ctx.extensionVersion} activated`);
  return createApi(bench);
}

export function deactivate(): void {}
