import * as vscode from 'vscode';
import { NORMAL_VIEW_TYPE } from './command-ids';
import { saveChart } from './exports';
import { fail } from './notify';
import type { PlaygroundContext } from './view-page';
import { WebviewChannel } from './webview-channel';
import { webviewOptions } from './webview-html';

const title = (): string => vscode.l10n.t('Normal Distribution Explorer');

/**
 * The normal-distribution explorer: the playground's webview bundle with `init.view = 'normal'`.
 * Everything it draws is computed in the view; the extension only answers the handshake, saves
 * charts and relays log lines. One at a time.
 */
export class NormalExplorerPanel implements vscode.Disposable {
  private static current: NormalExplorerPanel | undefined;

  static get active(): NormalExplorerPanel | undefined {
    return NormalExplorerPanel.current;
  }

  static open(ctx: PlaygroundContext): NormalExplorerPanel {
    const existing = NormalExplorerPanel.current;
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(NORMAL_VIEW_TYPE, title(), vscode.ViewColumn.Active, webviewOptions(ctx.extensionUri));
    return new NormalExplorerPanel(panel, ctx);
  }

  static revive(panel: vscode.WebviewPanel, ctx: PlaygroundContext): NormalExplorerPanel {
    NormalExplorerPanel.current?.dispose();
    panel.webview.options = webviewOptions(ctx.extensionUri);
    return new NormalExplorerPanel(panel, ctx);
  }

  private readonly disposables: vscode.Disposable[] = [];
  readonly channel: WebviewChannel;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    ctx: PlaygroundContext,
  ) {
    NormalExplorerPanel.current = this;
    this.channel = new WebviewChannel(panel, ctx, {
      view: 'normal',
      name: 'normal explorer',
      title: title(),
      testId: 'normal-explorer',
      receive: (msg) => {
        switch (msg.type) {
          case 'log':
            ctx.log[msg.level](`normal explorer: ${msg.message}`);
            return;
          case 'saveChart':
            return saveChart(msg, undefined).then(
              (uri) => {
                if (uri) ctx.log.info(`normal explorer: saved the ${msg.name} chart as ${msg.format.toUpperCase()}: ${uri.toString(true)}`);
              },
              (e: unknown) => void fail(vscode.l10n.t('Gauss Lab: the {0} chart could not be saved: {1}', msg.name, e instanceof Error ? e.message : String(e))),
            );
          default:
            ctx.log.warn(`normal explorer: ignored a "${msg.type}" message (the playground handles it)`);
        }
      },
    });
    this.disposables.push(this.channel, panel.onDidDispose(() => this.dispose()));
  }

  get connected(): Promise<void> {
    return this.channel.connected;
  }

  get handshakeCount(): number {
    return this.channel.handshakeCount;
  }

  get stats(): { readonly dropped: number } {
    return this.channel.stats;
  }

  receive(raw: unknown): void {
    this.channel.receive(raw);
  }

  dispose(): void {
    if (NormalExplorerPanel.current === this) NormalExplorerPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
  }
}

export class NormalExplorerSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly ctx: PlaygroundContext) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    NormalExplorerPanel.revive(panel, this.ctx);
  }
}
