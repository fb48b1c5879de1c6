// What activation does on every platform: wiring only. The entry points (src/extension.ts for the
// desktop, src/extension-web.ts for the web) choose the platform and the bench lens.
import * as vscode from 'vscode';
import { createApi, type GaussLabApi } from './api';
import type { BenchLens } from './bench-lens';
import { NORMAL_VIEW_TYPE, PLAYGROUND_VIEW_TYPE } from './command-ids';
import { registerCommands } from './commands';
import { DataPathLens } from './data-path-lens';
import { useVsCodeLanguage } from './language';
import { NormalExplorerPanel, NormalExplorerSerializer } from './normal-panel';
import { setPlatform, type Platform } from './platform';
import { PlaygroundPanel, PlaygroundSerializer } from './playground-panel';
import type { PlaygroundContext } from './view-page';

/** Gauss Lab once active: its API, and the restorers of its panels (by view type). */
export interface Activated {
  readonly api: GaussLabApi;
  readonly restorers: Readonly<Record<string, vscode.WebviewPanelSerializer>>;
}

/**
 * Activates Gauss Lab on `platform`. `bench` is the bench lens (desktop), or the disposables that
 * stand in for it where snippets cannot run (the web).
 */
export function activateOn(
  context: vscode.ExtensionContext,
  platform: Platform,
  bench: (log: vscode.LogOutputChannel) => BenchLens | vscode.Disposable[],
): Activated {
  setPlatform(platform);
  useVsCodeLanguage();
  const log = vscode.window.createOutputChannel('Gauss Lab', { log: true });
  const ctx: PlaygroundContext = {
    extensionUri: context.extensionUri,
    extensionVersion: String(context.extension.packageJSON.version ?? '0.0.0'),
    extensionMode: context.extensionMode,
    log,
    state: context.workspaceState,
  };
  const restorers = { [PLAYGROUND_VIEW_TYPE]: new PlaygroundSerializer(ctx), [NORMAL_VIEW_TYPE]: new NormalExplorerSerializer(ctx) };
  const lens = bench(log);
  const benchLens = Array.isArray(lens) ? undefined : lens;
  context.subscriptions.push(
    log,
    ...(Array.isArray(lens) ? lens : [lens]),
    ...registerCommands(ctx, benchLens),
    DataPathLens.register(),
    vscode.window.registerWebviewPanelSerializer(PLAYGROUND_VIEW_TYPE, restorers[PLAYGROUND_VIEW_TYPE]),
    vscode.window.registerWebviewPanelSerializer(NORMAL_VIEW_TYPE, restorers[NORMAL_VIEW_TYPE]),
    // panels (and the playground's worker) go with the extension
    { dispose: () => PlaygroundPanel.active?.dispose() },
    { dispose: () => NormalExplorerPanel.active?.dispose() },
  );
  log.info(`Gauss Lab ${ctx.extensionVersion} activated (${platform.kind})`);
  return { api: createApi(benchLens), restorers };
}
