// The bench engine's running half, bundled on its own as dist/bench-engine.js: the extension
// requires it on the first lens click, so activation does not load the runner, the TypeScript
// transpiler (sucrase) or the statistics' special functions.
export { runBenchGroup } from './runner';
