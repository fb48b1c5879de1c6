// The benchmark's datasets, generated with fixed seeds so every run and every machine reads the
// same bytes: features ~ N(0, 1), y = Xw + b + N(0, 0.01²), every value to 10 significant digits.
//   (a) d2l: 1,000 × 2, w = [2, −3.4], b = 4.2 (the chapter's synthetic data)
//   (b) 1,000,000 × 10 (~144 MB)      (c) 5,000,000 × 20 (~1.4 GB, in a temp dir, deleted after)
import { closeSync, openSync, writeSync } from 'node:fs';

export const DATASETS = {
  a: { rows: 1_000, d: 2, seed: 1, w: [2, -3.4], b: 4.2 },
  b: { rows: 1_000_000, d: 10, seed: 2 },
  c: { rows: 5_000_000, d: 20, seed: 3 },
};

/** mulberry32: small, fast, seeded. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates by Box–Muller, two per pair of uniforms. */
function normals(rng) {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const u = 1 - rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** The true coefficients of a dataset: given for (a), else seeded and spread over [−5, 5]. */
export function truth(spec) {
  if (spec.w) return { w: spec.w, b: spec.b };
  const rng = mulberry32(spec.seed * 7919);
  return { w: Array.from({ length: spec.d }, () => Math.round((rng() * 10 - 5) * 1000) / 1000), b: 4.2 };
}

/**
 * The dataset's rows, in order: the features as numbers (rounded to 10 significant digits) and y
 * as its 10-digit text. One array, refilled for every row: copy what you keep.
 */
function* rows(spec) {
  const { w, b } = truth(spec);
  const normal = normals(mulberry32(spec.seed));
  const fields = new Array(spec.d + 1);
  for (let i = 0; i < spec.rows; i++) {
    let y = b;
    for (let j = 0; j < spec.d; j++) {
      const x = Number(normal().toPrecision(10));
      y += w[j] * x;
      fields[j] = x;
    }
    fields[spec.d] = (y + 0.01 * normal()).toPrecision(10);
    yield fields;
  }
}

/** The column names: x1..xd, y. */
export const columnNames = (spec) => [...Array.from({ length: spec.d }, (_, j) => `x${j + 1}`), 'y'];

/** Writes the CSV (header x1..xd,y); returns its size in bytes. */
export function writeDataset(path, spec) {
  const fd = openSync(path, 'w');
  let bytes = 0;
  const put = (s) => {
    bytes += Buffer.byteLength(s);
    writeSync(fd, s);
  };
  put(columnNames(spec).join(',') + '\n');
  let chunk = [];
  for (const fields of rows(spec)) {
    chunk.push(fields.join(','));
    if (chunk.length === 20_000) {
      put(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) put(chunk.join('\n') + '\n');
  closeSync(fd);
  return bytes;
}

/**
 * The same values as the CSV of {@link writeDataset}, as one Float64Array per column (x1..xd, y):
 * each the double its CSV text parses to (for another file format of the same data).
 */
export function datasetColumns(spec) {
  const columns = Array.from({ length: spec.d + 1 }, () => new Float64Array(spec.rows));
  let i = 0;
  for (const fields of rows(spec)) {
    for (let j = 0; j < spec.d; j++) columns[j][i] = fields[j];
    columns[spec.d][i] = Number(fields[spec.d]);
    i++;
  }
  return columns;
}
