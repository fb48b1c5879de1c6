import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type ExtensionModeName, type ExtensionToWebview, type InitMessage } from '../protocol';
import { PLAYGROUND_VIEW_TYPE } from './command-ids';
import { describeForLog, parseWebviewMessage } from './messages';
import { renderPage, webviewOptions } from './webview-html';

/** What a playground panel needs from the extension. */
export interface PlaygroundContext {
  readonly extensionUri: vscode.Uri;
  readonly extensionVersion: string;
  readonly extensionMode: vscode.ExtensionMode;
  readonly log: vscode.LogOutputChannel;
}

const TITLE = 'Gauss Lab Playground';

const MODE_NAMES: Record<vscode.ExtensionMode, ExtensionModeName> = {
  [vscode.ExtensionMode.Production]: 'production',
  [vscode.ExtensionMode.Development]: 'development',
  [vscode.ExtensionMode.Test]: 'test',
};

/**
 * The playground webview panel. One at a time: opening it again reveals the existing one.
 * Owns the panel's lifetime and its side of the ready/init handshake.
 */
export class PlaygroundPanel implements vscode.Disposable {
  private static current: PlaygroundPanel | undefined;

  /** The open playground, if any. */
  static get active(): PlaygroundPanel | undefined {
    return PlaygroundPanel.current;
  }

  /** Reveals the playground, creating it when none is open. */
  static createOrShow(ctx: PlaygroundContext): PlaygroundPanel {
    const existing = PlaygroundPanel.current;
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PLAYGROUND_VIEW_TYPE,
      TITLE,
      vscode.ViewColumn.Active,
      webviewOptions(ctx.extensionUri),
    );
    return new PlaygroundPanel(panel, ctx, 'created');
  }

  /** Adopts a panel VS Code restored after a reload (see the serializer). */
  static revive(panel: vscode.WebviewPanel, ctx: PlaygroundContext): PlaygroundPanel {
    PlaygroundPanel.current?.dispose();
    panel.webview.options = webviewOptions(ctx.extensionUri);
    return new PlaygroundPanel(panel, ctx, 'revived');
  }

  private readonly disposables: vscode.Disposable[] = [];
  private handshakes = 0;
  private resolveConnected!: () => void;
  /** Settles when the webview has said `ready` and been answered with `init`. */
  readonly connected = new Promise<void>((resolve) => (this.resolveConnected = resolve));

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: PlaygroundContext,
    how: 'created' | 'revived',
  ) {
    PlaygroundPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'gauss-lab.svg');
    panel.webview.html = renderPage(panel.webview, ctx.extensionUri, {
      title: TITLE,
      script: 'webview.js',
      style: 'playground.css',
      body: `<main id="app" data-testid="playground">
<h1>${TITLE}</h1>
<p class="status" data-testid="handshake" data-state="loading">connecting…</p>
</main>`,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    ctx.log.info(`playground ${how}`);
  }

  /** How many times the handshake has completed (a webview reload does it again). */
  get handshakeCount(): number {
    return this.handshakes;
  }

  private onMessage(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.ctx.log.warn(`playground: dropped an unknown message from the webview: ${describeForLog(raw)}`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        void this.post(this.initMessage()).then((ok) => {
          if (!ok) return;
          this.handshakes++;
          this.ctx.log.info(`playground: handshake completed (${this.handshakes})`);
          this.resolveConnected();
        });
        return;
      case 'log':
        this.ctx.log[msg.level](`webview: ${msg.message}`);
        return;
    }
  }

  private initMessage(): InitMessage {
    return {
      type: 'init',
      protocolVersion: PROTOCOL_VERSION,
      extensionVersion: this.ctx.extensionVersion,
      extensionMode: MODE_NAMES[this.ctx.extensionMode],
      workspaceName: vscode.workspace.workspaceFolders?.[0]?.name ?? null,
    };
  }

  private post(msg: ExtensionToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
  }
}

/** Restores playground panels after a window reload (`onWebviewPanel:gaussLab.playground` activates us). */
export class PlaygroundSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly ctx: PlaygroundContext) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, _state: unknown): Promise<void> {
    PlaygroundPanel.revive(panel, this.ctx);
  }
}
