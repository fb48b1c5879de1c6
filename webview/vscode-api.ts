import type { PersistedPlaygroundState, WebviewToExtension } from '../src/protocol';

/** The object VS Code injects into every webview; `acquireVsCodeApi` may be called only once. */
export interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): PersistedPlaygroundState | undefined;
  setState(state: PersistedPlaygroundState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscodeApi: VsCodeApi = acquireVsCodeApi();
