// The bench engine's running half, bundled on its own as dist/bench-engine.js: the extension
// requires it on the first lens click, so activation does not load the runner, the TypeScript
// transpiler (sucrase) or the statistics' special functions.
export { runBenchGroup } from './runner';
// The bundle carries its own copies of @vscode/l10n and the number formatters: the extension
// hands it the display language once, after requiring it, or its messages stay English.
export { useDisplayLanguage } from '../core/display-language';
