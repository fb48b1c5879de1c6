// Enough of Source Map v3 to map a position in transpiled code back to a line of its source.
// Pure.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Segments per generated line: [generatedColumn, originalLine] (0-based), in column order. */
export type LineSegments = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/**
 * Decodes the `mappings` of a single-source map into, for each generated line, its segments'
 * generated column and original line.
 * @throws Error on a character that is not base64 VLQ.
 */
export function decodeMappings(mappings: string): LineSegments {
  const lines: Array<Array<[number, number]>> = [];
  let originalLine = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Array<[number, number]> = [];
    let column = 0;
    for (const seg of lineText.split(',')) {
      if (seg === '') continue;
      const fields = decodeVlq(seg);
      column += fields[0];
      if (fields.length >= 4) {
        originalLine += fields[2];
        segments.push([column, originalLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of s) {
    const d = DIGIT.get(c);
    if (d === undefined) throw new Error(`not a base64 VLQ digit: "${c}"`);
    value += (d & 31) << shift;
    if (d & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * The original line (0-based) of a generated position: the last segment at or before the column,
 * else the line's first segment, else the nearest mapped line above. Null when nothing maps.
 */
export function originalLine(segments: LineSegments, line: number, column: number): number | null {
  for (let l = Math.min(line, segments.length - 1); l >= 0; l--) {
    const segs = segments[l];
    if (segs.length === 0) continue;
    if (l < line) return segs[segs.length - 1][1];
    let best = segs[0][1];
    for (const [c, o] of segs) if (c <= column) best = o;
    return best;
  }
  return null;
}
