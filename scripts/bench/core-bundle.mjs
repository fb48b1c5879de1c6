// The core as one ES module for the bench's task processes (scripts/bench/core-entry.ts). CommonJS
// packages inside it (@vscode/l10n requires 'fs') need a `require`: an ES module has none, so the
// bundle makes one (esbuild's "Dynamic require of fs is not supported" otherwise).
import * as esbuild from 'esbuild';
import { join } from 'node:path';

export async function bundleCore(root, outfile) {
  await esbuild.build({
    entryPoints: [join(root, 'scripts/bench/core-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}
