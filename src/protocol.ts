/**
 * The typed messages between the extension and the playground webview.
 * Types only: no runtime code, no `vscode` import, so both sides (Node and browser) share it.
 *
 * Handshake: the webview posts `ready` once its script runs; the extension answers `init`.
 * The extension posts nothing before `ready` (a reloaded webview says `ready` again and gets a
 * fresh `init`). Each side validates what it receives and drops (and logs) anything else.
 */

/** Bumped when a message changes shape; the webview shows an error on a mismatch. */
export const PROTOCOL_VERSION = 1;

/** How the extension is running: mirrors `vscode.ExtensionMode` in readable form. */
export type ExtensionModeName = 'production' | 'development' | 'test';

// ---- webview → extension ----------------------------------------------------------

/** The webview's script is running and listening. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** A line for the "Gauss Lab" output channel (errors inside the webview would be invisible otherwise). */
export interface LogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

export type WebviewToExtension = ReadyMessage | LogMessage;

// ---- extension → webview ----------------------------------------------------------

/** The answer to `ready`: everything the playground needs to render. */
export interface InitMessage {
  readonly type: 'init';
  readonly protocolVersion: number;
  readonly extensionVersion: string;
  readonly extensionMode: ExtensionModeName;
  /** Name of the first workspace folder, or null when no folder is open. */
  readonly workspaceName: string | null;
}

export type ExtensionToWebview = InitMessage;

/** What the webview persists with `setState` (restored by the panel serializer after a reload). */
export interface PersistedPlaygroundState {
  readonly version: 1;
}
