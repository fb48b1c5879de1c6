import {
  PROTOCOL_VERSION,
  type ExtensionToWebview,
  type InitMessage,
  type PersistedPlaygroundState,
} from '../src/protocol';

/** What the playground shows: an error is a screen, not a console line. */
export type PlaygroundState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly init: InitMessage };

export const initialState: PlaygroundState = { kind: 'loading' };

/**
 * Validates a message received from the extension.
 * @returns the typed message, or undefined for anything that is not a known, well-formed message.
 */
export function parseExtensionMessage(raw: unknown): ExtensionToWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (
    m.type === 'init' &&
    typeof m.protocolVersion === 'number' &&
    typeof m.extensionVersion === 'string' &&
    (m.extensionMode === 'production' || m.extensionMode === 'development' || m.extensionMode === 'test') &&
    (m.workspaceName === null || typeof m.workspaceName === 'string')
  ) {
    return {
      type: 'init',
      protocolVersion: m.protocolVersion,
      extensionVersion: m.extensionVersion,
      extensionMode: m.extensionMode,
      workspaceName: m.workspaceName,
    };
  }
  return undefined;
}

/** The next state after a message from the extension. Pure. */
export function reduce(state: PlaygroundState, msg: ExtensionToWebview): PlaygroundState {
  switch (msg.type) {
    case 'init':
      if (msg.protocolVersion !== PROTOCOL_VERSION) {
        return {
          kind: 'error',
          message: `The extension speaks protocol ${msg.protocolVersion}, this view ${PROTOCOL_VERSION}. Reload the window.`,
        };
      }
      return { kind: 'ready', init: msg };
    default:
      return state;
  }
}

/** What survives a reload through `setState` (the serializer hands it back). */
export function persisted(_state: PlaygroundState): PersistedPlaygroundState {
  return { version: 1 };
}
