// Types of scripts/build-wasm.mjs's exports.
export declare const WAT: string;
export declare const OUT: string;
export declare function compiledModule(): Promise<string>;
