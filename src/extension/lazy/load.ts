// Parts of the host side that activation does not need live in their own bundles in dist/
// (see esbuild.mjs) and are required on first use: the extension's own bundle stays small, and
// activation pays only for wiring.
import { join } from 'node:path';

/** A getter that requires `dist/<file>` once, on first call. */
export function lazyBundle<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded ??= require(join(__dirname, file)) as T;
    return loaded;
  };
}
