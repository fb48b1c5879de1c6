import type { WebviewToExtension } from '../../src/protocol';
import type { LocalAction, ReadyState } from '../state';

/** What a section may do: read the state, post to the extension, dispatch a local action. */
export interface ViewContext {
  readonly state: () => ReadyState;
  readonly post: (msg: WebviewToExtension) => void;
  readonly dispatch: (action: LocalAction) => void;
  /** Shows a webview-side failure (a chart that cannot render) as an error screen. */
  readonly fail: (message: string) => void;
}
