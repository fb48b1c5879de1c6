// Types of scripts/e2e/apng.mjs's exports.
export declare function pngChunk(type: string, data: Buffer): Buffer;
export declare function pngChunks(png: Buffer): { type: string; data: Buffer }[];
export declare function animatedPng(frames: Buffer[], options: { delayMs: number | number[]; loops?: number }): Buffer;
export declare function frameCount(png: Buffer): number;
