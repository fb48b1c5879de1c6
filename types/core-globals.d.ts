// The few web-platform globals the core uses, which Node, browsers and web workers all provide
// (the core runs in each). Declared here, for tsconfig.core.json only, instead of the whole DOM
// or Node's types: anything else the core reached for would fail to compile.

interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
interface AbortSignal {
  readonly aborted: boolean;
}
declare const performance: { now(): number };
