// Animated PNG from PNG frames of the same size and format (the UI tests' screenshots): the
// README's moving picture of live SGD, recorded from the real workbench. APNG (RFC-like spec:
// https://wiki.mozilla.org/APNG_Specification) is a PNG whose first frame any viewer shows and
// that browsers, GitHub and the Marketplace animate; it keeps the screenshots' exact pixels
// (a GIF would need a 256-colour palette). Each frame's image data is copied as it is (no
// re-encoding): IDAT for the first, fdAT (sequence number + the same bytes) for the others.
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a PNG: [{ type, data }]. */
export function pngChunks(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const out = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/** One PNG chunk: length, type, data and its CRC. */
export function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * @param {Buffer[]} frames PNG files, all with the same IHDR (size, bit depth, colour type)
 * @param {{ delayMs: number | number[], loops?: number }} options delay per frame (one for all, or
 *   one each), loops 0 = forever
 * @returns {Buffer} the animated PNG
 */
export function animatedPng(frames, { delayMs, loops = 0 }) {
  if (frames.length === 0) throw new Error('no frames');
  const parsed = frames.map(pngChunks);
  const ihdr = parsed[0].find((c) => c.type === 'IHDR').data;
  parsed.forEach((chunks, k) => {
    if (!chunks.find((c) => c.type === 'IHDR').data.equals(ihdr)) throw new Error(`frame ${k} differs in size or format from frame 0`);
  });
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(frames.length, 0);
  actl.writeUInt32BE(loops, 4);
  const out = [SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('acTL', actl)];
  // chunks before the image data that viewers need (colour space, gamma, palette)
  for (const c of parsed[0]) if (['sRGB', 'gAMA', 'cHRM', 'iCCP', 'PLTE', 'pHYs'].includes(c.type)) out.push(pngChunk(c.type, c.data));
  let sequence = 0;
  parsed.forEach((chunks, k) => {
    const delay = Array.isArray(delayMs) ? delayMs[k] : delayMs;
    const fctl = Buffer.alloc(26);
    fctl.writeUInt32BE(sequence++, 0);
    fctl.writeUInt32BE(width, 4);
    fctl.writeUInt32BE(height, 8);
    fctl.writeUInt32BE(0, 12); // x offset
    fctl.writeUInt32BE(0, 16); // y offset
    fctl.writeUInt16BE(Math.round(delay), 20); // delay numerator
    fctl.writeUInt16BE(1000, 22); // delay denominator: milliseconds
    fctl.writeUInt8(0, 24); // dispose: none
    fctl.writeUInt8(0, 25); // blend: source (each frame is whole)
    out.push(pngChunk('fcTL', fctl));
    for (const c of chunks) {
      if (c.type !== 'IDAT') continue;
      if (k === 0) out.push(pngChunk('IDAT', c.data));
      else {
        const seq = Buffer.alloc(4);
        seq.writeUInt32BE(sequence++, 0);
        out.push(pngChunk('fdAT', Buffer.concat([seq, c.data])));
      }
    }
  });
  out.push(pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(out);
}

/** The number of frames an APNG says it has (acTL), or 1 for a still PNG. */
export function frameCount(png) {
  const actl = pngChunks(png).find((c) => c.type === 'acTL');
  return actl ? actl.data.readUInt32BE(0) : 1;
}
