// The animated PNG writer of the UI tests (scripts/e2e/apng.mjs): a valid APNG (every chunk's CRC,
// frame control and data sequence numbers 0, 1, 2, … in order), whose frames hold exactly the
// pixels of the PNGs it was given, in order, with their delays.
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { animatedPng, frameCount, pngChunk, pngChunks } from '../../../scripts/e2e/apng.mjs';

/** A w × h RGBA PNG whose every pixel is `rgba` (filter 0 per row). */
function png(w: number, h: number, rgba: number[]): { file: Buffer; raw: Buffer } {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + 4 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgba, y * (1 + 4 * w) + 1 + 4 * x);
  const file = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
  return { file, raw };
}

describe('animated PNG from screenshots', () => {
  it('frames keep their pixels, order and delays; chunks are valid and numbered in sequence', () => {
    const colours = [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 128]];
    const frames = colours.map((c) => png(3, 2, c));
    const apng = animatedPng(frames.map((f) => f.file), { delayMs: [100, 200, 300] });
    expect(frameCount(apng)).toBe(3);
    const chunks = pngChunks(apng);
    expect(chunks[0].type).toBe('IHDR');
    expect(chunks[1].type).toBe('acTL');
    expect(chunks.at(-1)!.type).toBe('IEND');
    // every chunk's CRC
    for (let at = 8; at < apng.length; ) {
      const length = apng.readUInt32BE(at);
      expect(apng.readUInt32BE(at + 8 + length)).toBe(crc32(apng.subarray(at + 4, at + 8 + length)) >>> 0);
      at += 12 + length;
    }
    // fcTL and fdAT share one sequence 0, 1, 2, …; each frame's data inflates to its PNG's pixels
    const seqs: number[] = [];
    const decoded: Buffer[] = [];
    const delays: number[] = [];
    for (const c of chunks) {
      if (c.type === 'fcTL') {
        seqs.push(c.data.readUInt32BE(0));
        expect([c.data.readUInt32BE(4), c.data.readUInt32BE(8)]).toEqual([3, 2]);
        delays.push((1000 * c.data.readUInt16BE(20)) / c.data.readUInt16BE(22));
      } else if (c.type === 'IDAT') decoded.push(inflateSync(c.data));
      else if (c.type === 'fdAT') {
        seqs.push(c.data.readUInt32BE(0));
        decoded.push(inflateSync(c.data.subarray(4)));
      }
    }
    expect(seqs).toEqual([0, 1, 2, 3, 4]);
    expect(delays).toEqual([100, 200, 300]);
    expect(decoded.map((d) => d.toString('hex'))).toEqual(frames.map((f) => f.raw.toString('hex')));
  });

  it('refuses frames of different sizes, and no frames', () => {
    expect(() => animatedPng([png(3, 2, [0, 0, 0, 255]).file, png(2, 2, [0, 0, 0, 255]).file], { delayMs: 100 })).toThrow(/frame 1 differs/);
    expect(() => animatedPng([], { delayMs: 100 })).toThrow(/no frames/);
  });
});
