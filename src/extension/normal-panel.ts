import * as vscode from 'vscode';
import { NORMAL_VIEW_TYPE } from './command-ids';
import { parseWebviewMessage } from '../protocol-schema';
import { saveChart } from './exports';
import { initMessage, logDropped, viewHtml, type PlaygroundContext } from './playground-panel';
import { webviewOptions } from './webview-html';
import { fail } from './notify';

const TITLE = 'Normal Distribution Explorer';

/**
 * The normal-distribution explorer: the playground's webview bundle with `init.view = 'normal'`.
 * Everything it draws is computed in the view; the extension only answers the handshake
 * and relays log lines. One at a time.
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
    const panel = vscode.window.createWebviewPanel(NORMAL_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, webviewOptions(ctx.extensionUri));
    return new NormalExplorerPanel(panel, ctx);
  }

  static revive(panel: vscode.WebviewPanel, ctx: PlaygroundContext): NormalExplorerPanel {
    NormalExplorerPanel.current?.dispose();
    panel.webview.options = webviewOptions(ctx.extensionUri);
    return new NormalExplorerPanel(panel, ctx);
  }

  private readonly disposables: vscode.Disposable[] = [];
  private handshakes = 0;
  private resolveConnected!: () => void;
  readonly connected = new Promise<void>((resolve) => (this.resolveConnected = resolve));
  readonly stats = { dropped: 0 };

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: PlaygroundContext,
  ) {
    NormalExplorerPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'gauss-lab.svg');
    panel.webview.html = viewHtml(panel.webview, ctx, TITLE, 'normal-explorer');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get handshakeCount(): number {
    return this.handshakes;
  }

  receive(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.stats.dropped++;
      logDropped(this.ctx, 'normal explorer', raw);
      return;
    }
    switch (msg.type) {
      case 'ready':
        void this.panel.webview.postMessage(initMessage(this.ctx, 'normal')).then((ok) => {
          if (!ok) return;
          this.handshakes++;
          this.resolveConnected();
        });
        return;
      case 'log':
        this.ctx.log[msg.level](`normal explorer: ${msg.message}`);
        return;
      case 'saveChart':
        void saveChart(msg, undefined).then(
          (uri) => {
            if (uri) this.ctx.log.info(`normal explorer: saved the ${msg.name} chart as ${msg.format.toUpperCase()}: ${uri.toString(true)}`);
          },
          (e: unknown) => void fail(`Gauss Lab: the ${msg.name} chart could not be saved: ${e instanceof Error ? e.message : String(e)}`),
        );
        return;
      default:
        this.ctx.log.warn(`normal explorer: ignored a "${msg.type}" message (the playground handles it)`);
    }
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
