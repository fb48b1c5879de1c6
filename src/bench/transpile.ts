// TypeScript (and JavaScript with static `import`s) → CommonJS for a variant's process.
//
// Sucrase, not esbuild: esbuild is a native binary per platform, which the platform-neutral .vsix
// cannot carry (a packaged Gauss Lab had no TypeScript lens); sucrase is plain JavaScript, and it
// keeps every line where it was, so an error's line in the output is the line in the program with
// no source map. It strips types without checking them, as esbuild's transform does.
import { transform } from 'sucrase';

export type Transpiled = { ok: true; code: string } | { ok: false; message: string; line: number | null };

/**
 * Transpiles `source` for Node ≥ 18: types removed (when `typescript`), `import` → `require`,
 * every other construct left as written. Line numbers are preserved.
 * @returns a syntax error as a value, with its 0-based line in `source` when known.
 */
export function transpileSnippet(source: string, typescript: boolean, filePath: string): Transpiled {
  try {
    const out = transform(source, {
      transforms: typescript ? ['typescript', 'imports'] : ['imports'],
      disableESTransforms: true,
      filePath,
    });
    return { ok: true, code: out.code };
  } catch (e) {
    const loc = (e as { loc?: { line?: unknown } }).loc;
    const line = typeof loc?.line === 'number' ? loc.line - 1 : null;
    const message = e instanceof Error ? e.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '') : String(e);
    return { ok: false, message: `SyntaxError: ${message}`, line };
  }
}
