// Parts of the host side that activation does not need live in their own bundles in dist/
// (see esbuild.mjs) and are required on first use: the extension's own bundle stays small, and
// activation pays only for wiring.
import { join } from 'node:path';
import type { DisplayLanguage } from '../../core/display-language';
import { displayLanguage } from '../language';

/**
 * A getter that requires `dist/<file>` once, on first call. A bundle has its own copy of the core's
 * message and number state: one that exports `useDisplayLanguage` is handed the display language.
 */
export function lazyBundle<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(join(__dirname, file)) as T;
      (loaded as { useDisplayLanguage?: (l: DisplayLanguage) => void }).useDisplayLanguage?.(displayLanguage());
    }
    return loaded;
  };
}
