// The core's WebAssembly modules are committed as bytes (src/core/*-wasm.ts) generated from their
// text: the bytes must be the text's, compiled.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledModule, MODULES } from '../../../scripts/build-wasm.mjs';

describe('the committed WebAssembly bytes', () => {
  it.each(MODULES.map((m) => [basename(m.wat), m] as const))('are %s compiled (run node scripts/build-wasm.mjs after editing it)', async (_, m) => {
    expect(readFileSync(m.out, 'utf8')).toBe(await compiledModule(m));
  });
});
