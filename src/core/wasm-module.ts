/**
 * The core's WebAssembly modules (the Gram kernels, the CSV reader's fast lane), compiled once per
 * thread. Null where WebAssembly or its SIMD is missing, or forbidden (a content security policy
 * without wasm-unsafe-eval): the callers then run their JavaScript twins.
 */
const compiled = new Map<Uint8Array<ArrayBuffer>, WebAssembly.Module | null>();

/** The module of `bytes`, or null where it cannot run here. */
export function wasmModule(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  let module = compiled.get(bytes);
  if (module === undefined) {
    try {
      module = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(bytes, module);
  }
  return module;
}
