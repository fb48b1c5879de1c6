// What every Gauss Lab view starts from: the extension's context, the static page, and the
// `init` message that answers the view's `ready`.
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type ExtensionModeName, type InitMessage, type ViewKind } from '../protocol';
import { readDefaults } from './config';
import { displayLanguage } from './language';
import { renderPage } from './webview-html';

/** What a Gauss Lab panel needs from the extension. */
export interface PlaygroundContext {
  readonly extensionUri: vscode.Uri;
  readonly extensionVersion: string;
  readonly extensionMode: vscode.ExtensionMode;
  readonly log: vscode.LogOutputChannel;
  /** Workspace state: the most recently used CSV, the last design per file. */
  readonly state: vscode.Memento;
}

const MODE_NAMES: Record<vscode.ExtensionMode, ExtensionModeName> = {
  [vscode.ExtensionMode.Production]: 'production',
  [vscode.ExtensionMode.Development]: 'development',
  [vscode.ExtensionMode.Test]: 'test',
};

/** VS Code's reduced-motion setting as the view reads it (anything unknown: follow the system). */
function motionSetting(v: unknown): 'on' | 'off' | 'auto' {
  return v === 'on' || v === 'off' ? v : 'auto';
}

/** The `init` message of a Gauss Lab view. */
export function initMessage(ctx: PlaygroundContext, view: ViewKind): InitMessage {
  return {
    type: 'init',
    protocolVersion: PROTOCOL_VERSION,
    extensionVersion: ctx.extensionVersion,
    extensionMode: MODE_NAMES[ctx.extensionMode],
    workspaceName: vscode.workspace.workspaceFolders?.[0]?.name ?? null,
    view,
    defaults: readDefaults(),
    reduceMotion: motionSetting(vscode.workspace.getConfiguration('workbench').get('reduceMotion')),
  };
}

/** The static page of a Gauss Lab view (the script replaces the body). */
export function viewHtml(webview: vscode.Webview, ctx: PlaygroundContext, title: string, testId: string): string {
  return renderPage(webview, ctx.extensionUri, {
    title,
    script: 'webview.js',
    style: 'playground.css',
    language: displayLanguage(),
    body: `<main id="app" data-testid="${testId}">
<h1>${title}</h1>
<p class="status" data-testid="handshake" data-state="loading">${vscode.l10n.t('connecting…')}</p>
</main>`,
  });
}

