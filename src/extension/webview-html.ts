import * as vscode from 'vscode';
import type { DisplayLanguage } from '../core/display-language';

/** The folders a Gauss Lab webview may load from: the bundle and the static media, nothing else. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** Options every Gauss Lab webview panel is created (and revived) with. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
}

/**
 * The strict Content-Security-Policy of every Gauss Lab webview: nothing by default, styles,
 * images and fonts only from the extension, scripts only with this page's nonce
 * (no `unsafe-eval`, no inline scripts).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** 18 random bytes from the platform's CSPRNG (Node and browsers both have Web Crypto), base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface PageParts {
  readonly title: string;
  /** Script bundle under `dist/`, e.g. `webview.js`. */
  readonly script: string;
  /** Stylesheet under `media/`, e.g. `playground.css`. */
  readonly style: string;
  /** Static markup for the body, shown until the script renders. */
  readonly body: string;
  /** The display language: the page's `lang`, and the messages the script reads before it builds text. */
  readonly language: DisplayLanguage;
}

/** A full HTML page for `webview` with the CSP, the stylesheet and the nonce'd script. */
export function renderPage(webview: vscode.Webview, extensionUri: vscode.Uri, parts: PageParts): string {
  const nonce = createNonce();
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', parts.script));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', parts.style));
  return `<!DOCTYPE html>
<html lang="${escapeHtml(parts.language.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body data-language="${escapeHtml(JSON.stringify(parts.language))}">
${parts.body}
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
