// Types of scripts/build-wasm.mjs's exports.
export interface WasmModule {
  readonly wat: string;
  readonly out: string;
  readonly name: string;
  readonly doc: string;
  readonly what: string;
}
export declare const MODULES: readonly WasmModule[];
export declare function compiledModule(m: WasmModule): Promise<string>;
