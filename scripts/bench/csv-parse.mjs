// CSV ingestion benchmark: our streaming reader vs papaparse streaming, in MB/s.
//
//   node scripts/bench/csv-parse.mjs [--rows=1000000] [--cols=10] [--runs=3] [--keep]
//
// Generates a seeded numeric CSV (10 significant digits per value, ~146 MB for the
// default 1M × 10) in a temp dir, bundles src/node/csv-file.ts with esbuild, and prints
// the median of `runs` timings of each reader on the same file (from the page cache).
import * as esbuild from 'esbuild';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, dflt) => {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : dflt;
};
const rows = arg('rows', 1_000_000);
const cols = arg('cols', 10);
const runs = arg('runs', 3);
const keep = process.argv.includes('--keep');

/** Seeded generator (mulberry32): the same file every run. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(path) {
  const rng = mulberry32(20240611);
  const fd = openSync(path, 'w');
  writeSync(fd, Array.from({ length: cols }, (_, j) => `x${j + 1}`).join(',') + '\n');
  // Centred values over five magnitudes, 10 significant digits each: ~14.6 bytes per field.
  const scales = [0.001, 0.01, 0.1, 1, 10];
  let lines = [];
  for (let i = 0; i < rows; i++) {
    const fields = new Array(cols);
    for (let j = 0; j < cols; j++) {
      const v = (rng() - 0.5) * 2 * scales[j % scales.length];
      fields[j] = v.toPrecision(10);
    }
    lines.push(fields.join(','));
    if (lines.length === 10_000) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

async function bundle(dir) {
  const outfile = join(dir, 'csv-file.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'src/node/csv-file.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

async function ours(mod, path) {
  let checksum = 0;
  const summary = await mod.readCsvFile(path, {}, (block) => {
    const c = block.columns[0];
    for (let i = 0; i < block.rowCount; i++) checksum += c[i];
  });
  return { rows: summary.rowsUsed, checksum };
}

function papa(path) {
  return new Promise((resolve, reject) => {
    let n = 0;
    let checksum = 0;
    Papa.parse(createReadStream(path, { highWaterMark: 1 << 20 }), {
      header: false,
      dynamicTyping: true,
      skipEmptyLines: true,
      chunk: (results) => {
        for (const r of results.data) {
          if (typeof r[0] === 'number') {
            checksum += r[0];
            n++;
          }
        }
      },
      complete: () => resolve({ rows: n, checksum }),
      error: reject,
    });
  });
}

async function time(fn) {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, ...r };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'gauss-csv-bench-'));
try {
  const path = join(dir, 'bench.csv');
  generate(path);
  const bytes = statSync(path).size;
  const mb = bytes / 1e6;
  console.log(`file: ${rows.toLocaleString('en-US')} rows × ${cols} columns, ${mb.toFixed(1)} MB (${path})`);
  const mod = await bundle(dir);
  const results = {};
  for (const [name, fn] of [
    ['gauss-lab readCsvFile', () => ours(mod, path)],
    ['papaparse streaming  ', () => papa(path)],
  ]) {
    const speeds = [];
    let last;
    for (let i = 0; i < runs; i++) {
      last = await time(fn);
      speeds.push(mb / last.seconds);
    }
    results[name] = median(speeds);
    console.log(
      `${name}: ${median(speeds).toFixed(0)} MB/s (median of ${runs}: ${speeds.map((s) => s.toFixed(0)).join(', ')}), ${last.rows.toLocaleString('en-US')} rows, checksum ${last.checksum.toFixed(3)}`,
    );
  }
  const [a, b] = Object.values(results);
  console.log(`ratio: ${(a / b).toFixed(1)}×`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
