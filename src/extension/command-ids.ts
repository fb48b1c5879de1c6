/** Every command Gauss Lab contributes. Ids are typed here and never repeated as strings. */
export const CommandId = {
  openPlayground: 'gaussLab.openPlayground',
  openCsvInPlayground: 'gaussLab.openCsvInPlayground',
  openNormalExplorer: 'gaussLab.openNormalExplorer',
  newSampleDataset: 'gaussLab.newSampleDataset',
  copyModelAsCode: 'gaussLab.copyModelAsCode',
  exportFitReport: 'gaussLab.exportFitReport',
  runBenchmark: 'gaussLab.runBenchmark',
  runAllBenchmarks: 'gaussLab.runAllBenchmarks',
  cancelBenchmarks: 'gaussLab.cancelBenchmarks',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** View type of the playground webview panel (also in `onWebviewPanel:` activation). */
export const PLAYGROUND_VIEW_TYPE = 'gaussLab.playground';

/** View type of the normal-distribution explorer (same webview bundle, `init.view = 'normal'`). */
export const NORMAL_VIEW_TYPE = 'gaussLab.normalExplorer';
