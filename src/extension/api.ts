import { PlaygroundPanel } from './playground-panel';

/**
 * What `activate` returns (`vscode.extensions.getExtension(id).exports`). Small on purpose:
 * the in-host tests use it to see the webview side of the handshake, which the `vscode` API cannot.
 */
export interface GaussLabApi {
  /** The open playground's state, or undefined when none is open. */
  playground(): { readonly connected: Promise<void>; readonly handshakeCount: number } | undefined;
}

export function createApi(): GaussLabApi {
  return {
    playground: () => {
      const p = PlaygroundPanel.active;
      return p && { connected: p.connected, handshakeCount: p.handshakeCount };
    },
  };
}
