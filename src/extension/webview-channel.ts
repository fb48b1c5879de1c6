/**
 * One webview's side of the protocol, for every Gauss Lab panel: the page, validation of every
 * message the view sends (a malformed one is dropped, counted and logged), the ready → init
 * handshake (again each time a hidden view is rebuilt), and what is posted while the view is not
 * ready: the latest message of each kind is kept and replayed after `init` (or handed to the
 * panel's `replay`, which may re-send it another way).
 */
import * as vscode from 'vscode';
import type { ExtensionToWebview, ViewKind, WebviewToExtension } from '../protocol';
import { describeForLog, explainRejection, parseWebviewMessage } from '../protocol-schema';
import { initMessage, viewHtml, type PlaygroundContext } from './view-page';

type MessageType = ExtensionToWebview['type'];

export interface ChannelOptions {
  readonly view: ViewKind;
  /** For log lines: "playground", "normal explorer". */
  readonly name: string;
  readonly title: string;
  readonly testId: string;
  /** Every valid message but `ready`. */
  readonly receive: (msg: Exclude<WebviewToExtension, { type: 'ready' }>) => void | Promise<void>;
  /** After a handshake: what was kept while the view was not ready (default: post it all). */
  readonly replay?: (pending: readonly ExtensionToWebview[], post: (m: ExtensionToWebview) => void) => void;
  /** Kinds never kept for a later view (they are re-sent another way, or only matter live). */
  readonly live?: readonly MessageType[];
  /** Kinds a newer message of a kind replaces besides its own (a new dataset replaces the old fit). */
  readonly supersedes?: Partial<Record<MessageType, readonly MessageType[]>>;
}

export class WebviewChannel implements vscode.Disposable {
  private ready = false;
  private pending: ExtensionToWebview[] = [];
  private handshakes = 0;
  private disposed = false;
  private resolveConnected!: () => void;
  /** Settles when the view has said `ready` and been answered with `init`. */
  readonly connected = new Promise<void>((resolve) => (this.resolveConnected = resolve));
  /** Messages the view sent that failed validation. */
  readonly stats = { dropped: 0 };
  private readonly posted = new vscode.EventEmitter<ExtensionToWebview>();
  /** Every message sent (or kept) for the view; the tests listen here. */
  readonly onDidPost = this.posted.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly ctx: PlaygroundContext,
    private readonly options: ChannelOptions,
  ) {
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'gauss-lab.svg');
    panel.webview.html = viewHtml(panel.webview, ctx, options.title, options.testId);
    this.disposables = [
      this.posted,
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        // a hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown
        if (!panel.visible) this.ready = false;
      }),
    ];
  }

  /** How many times the handshake has completed (a webview reload does it again). */
  get handshakeCount(): number {
    return this.handshakes;
  }

  /** Whether the view is listening now. */
  get viewReady(): boolean {
    return this.ready;
  }

  /** Feeds a raw message through validation and handling, exactly as one from the view. */
  receive(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.stats.dropped++;
      this.ctx.log.warn(`${this.options.name}: dropped an unknown or malformed message from the webview (${explainRejection(raw)}): ${describeForLog(raw)}`);
      return;
    }
    const handled = msg.type === 'ready' ? this.handshake() : this.options.receive(msg);
    void Promise.resolve(handled).catch((e: unknown) => {
      this.ctx.log.error(`${this.options.name}: ${msg.type} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    });
  }

  /** Sends to the view, or keeps the latest message of each kind until it is ready. */
  post(msg: ExtensionToWebview): void {
    this.posted.fire(msg);
    if (this.disposed) return;
    if (this.ready) {
      void this.panel.webview.postMessage(msg);
      return;
    }
    if (this.options.live?.includes(msg.type)) return;
    const replaced = new Set<MessageType>([msg.type, ...(this.options.supersedes?.[msg.type] ?? [])]);
    this.pending = this.pending.filter((m) => !replaced.has(m.type));
    this.pending.push(msg);
  }

  private async handshake(): Promise<void> {
    const ok = await this.panel.webview.postMessage(initMessage(this.ctx, this.options.view));
    if (!ok || this.disposed) return;
    this.ready = true;
    this.handshakes++;
    this.ctx.log.info(`${this.options.name}: handshake completed (${this.handshakes})`);
    const pending = this.pending;
    this.pending = [];
    const send = (m: ExtensionToWebview) => void this.panel.webview.postMessage(m);
    if (this.options.replay) this.options.replay(pending, send);
    else pending.forEach(send);
    this.resolveConnected();
  }

  dispose(): void {
    this.disposed = true;
    while (this.disposables.length) this.disposables.pop()!.dispose();
  }
}
