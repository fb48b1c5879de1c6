/** Every command Gauss Lab contributes. Ids are typed here and never repeated as strings. */
export const CommandId = {
  openPlayground: 'gaussLab.openPlayground',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** View type of the playground webview panel (also in `onWebviewPanel:` activation). */
export const PLAYGROUND_VIEW_TYPE = 'gaussLab.playground';
