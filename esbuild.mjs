// One build script, one entry per target. `node esbuild.mjs --production` minifies.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * The CLI's `bench` command stays its own file (dist/cli-bench.js, required on use): its engine
 * (sucrase for TypeScript snippets) is a third of the CLI, and every `fit` paid to compile it
 * (node dist/cli.js --version: 0.19 → 0.13 s on the 2-core machine).
 */
const benchApart = {
  name: 'bench-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/bench-command$/ }, () => ({ path: './cli-bench.js', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
export const targets = [
  // The command-line tool over the core (`gauss-lab fit|sgd|synth|bench`): a launcher that loads
  // the CLI through V8's code cache (src/cli/launch.ts), and the CLI.
  {
    ...common,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli-main.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [benchApart],
    // import('./cli-bench.js') as require: the launcher compiles this bundle without a module loader
    supported: { 'dynamic-import': false },
  },
  {
    ...common,
    entryPoints: ['src/cli/bench-command.ts'],
    outfile: 'dist/cli-bench.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The playground's compute thread (dataset, closed-form fit, SGD), started per panel by the extension.
  {
    ...common,
    entryPoints: ['src/worker/node-entry.ts'],
    outfile: 'dist/playground-worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // A worker thread of the parallel fit (src/node/parallel-passes.ts), started by the CLI and the
  // playground's worker for large CSV files.
  {
    ...common,
    entryPoints: ['src/worker/fit-worker.ts'],
    outfile: 'dist/fit-worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The VS Code extension host side: the entry (src/extension.ts: stand-ins that load the rest on
  // first use, so activation costs next to nothing), then the wiring (src/extension-main.ts) and
  // the adapters in src/extension/.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/extension-main.ts'],
    outfile: 'dist/extension-main.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  // The bench engine (runner, sucrase for TypeScript snippets, statistics): required by the lens on
  // its first click, so activation does not pay for it.
  {
    ...common,
    entryPoints: ['src/bench/engine.ts'],
    outfile: 'dist/bench-engine.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The sample datasets' generators (New Sample Dataset), also required on first use.
  {
    ...common,
    entryPoints: ['src/extension/lazy/sample-data.ts'],
    outfile: 'dist/sample-data.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The file picker's row and column counts (the data readers), also required on first use.
  {
    ...common,
    entryPoints: ['src/extension/lazy/data-files.ts'],
    outfile: 'dist/data-files.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // VS Code for the Web: the extension in the browser's web-worker extension host (package.json
  // "browser"), and the playground's compute in a Web Worker of its own. Built for the browser:
  // a Node import fails the build, so nothing desktop-only slips in.
  {
    ...common,
    entryPoints: ['src/extension-web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/worker/web-entry.ts'],
    outfile: 'dist/web/playground-worker.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The playground webview (runs in VS Code's sandboxed iframe under a strict CSP).
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The in-host API test suite: its run() executes inside the extension host (extensionTestsPath).
  {
    ...common,
    entryPoints: ['test/e2e/suite/index.ts'],
    outfile: 'out/test/suite.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: false,
  },
].filter((t) => t.entryPoints.every((e) => existsSync(e)));

// run as a script (imported, e.g. by a test, it only gives the targets)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (watch) {
    for (const t of targets) (await esbuild.context(t)).watch();
  } else {
    await Promise.all(targets.map((t) => esbuild.build(t)));
  }
}
