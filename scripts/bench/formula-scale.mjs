// Formula fit at scale, bounded memory (issue 13, part 5): `gauss-lab fit FILE --formula
// "y ~ x1 + x2 + C(g)" --json` on a ~200 MB and a ~2 GB CSV of the same shape, each a child
// process whose peak RSS is measured; the peak must not grow with the file.
//
//   node esbuild.mjs && node scripts/bench/formula-scale.mjs [--sizes=200,2000] (MB, decimal)
//
// The files (in a temp dir under os.tmpdir(), deleted afterwards, written in 1 MB chunks, never
// held in memory): y, x1, x2, g with x1 ~ N(0, 1), x2 ~ U(0, 2), g one of 200 text levels
// L000…L199, y = 1 + 2·x1 − 3·x2 + effect(g) + N(0, 0.5²). L199 first appears in the last 1% of
// the rows (half of them), so the first pass learns it at the very end; L000…L198 are uniform.
// Peak RSS: VmHWM of /proc/<pid>/status, read by a preloaded hook as the child exits (exact), and
// VmRSS polled every 20 ms from outside (its course over the run: it must stay flat).
// Checks that every coefficient is within 6 standard errors of the truth, and x1, x2 within 0.01.
// Not part of `npm test` (it measures, it does not judge durations).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './datasets.mjs';
import { writeOwnedSection } from './sections.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli.js');
const FORMULA = 'y ~ x1 + x2 + C(g)';
const LEVELS = 200;
const LATE_LEVEL = LEVELS - 1;
const LATE_SHARE = 0.01;
const NOISE = 0.5;
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const SIZES_MB = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [200, 2000];

if (!existsSync(cli)) {
  console.error(`${cli} is missing: build it first (node esbuild.mjs)`);
  process.exit(1);
}

const level = (k) => `L${String(k).padStart(3, '0')}`;
/** The true effect of each level, between −2 and 2. */
const effect = (k) => (((k * 37) % 41) - 20) / 10;

/** One row per call: `late` rows may be of the late level. */
function rowMaker(seed) {
  const u = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return (late) => {
    const k = late && u() < 0.5 ? LATE_LEVEL : Math.floor(u() * LATE_LEVEL);
    const x1 = normal().toFixed(4);
    const x2 = (u() * 2).toFixed(4);
    const y = (1 + 2 * Number(x1) - 3 * Number(x2) + effect(k) + NOISE * normal()).toFixed(5);
    return `${y},${x1},${x2},${level(k)}\n`;
  };
}

/** Writes ~`bytes` of CSV to `path` in 1 MB chunks; returns the number of rows. */
function generate(path, bytes, seed) {
  // the mean row length from a sample (another seed), to know where the last 1% begins
  const sample = rowMaker(seed + 1000);
  let sampleBytes = 0;
  for (let i = 0; i < 20_000; i++) sampleBytes += sample(i % 100 === 0).length;
  const rows = Math.round(bytes / (sampleBytes / 20_000));
  const lateFrom = Math.floor(rows * (1 - LATE_SHARE));
  const make = rowMaker(seed);
  const fd = openSync(path, 'w');
  try {
    let chunk = 'y,x1,x2,g\n';
    for (let i = 0; i < rows; i++) {
      chunk += make(i >= lateFrom);
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { rows, lateFrom };
}

const kib = (status, field) => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : NaN;
};

/** Runs the CLI's formula fit on `path`: its JSON, wall seconds, peak RSS (MiB) and the polled RSS course. */
function runFit(path, hook, hwmFile) {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', hook, cli, 'fit', path, '--formula', FORMULA, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORMULA_SCALE_HWM: hwmFile },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const samples = []; // [seconds, VmRSS MiB]
    let polledHwm = 0;
    const poll = setInterval(() => {
      try {
        const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rss = kib(s, 'VmRSS');
        if (Number.isFinite(rss)) samples.push([Number(process.hrtime.bigint() - start) / 1e9, rss / 1024]);
        polledHwm = Math.max(polledHwm, kib(s, 'VmHWM') || 0);
      } catch {
        // exited between two polls
      }
    }, 20);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(poll);
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return fail(new Error(`fit exited with ${code}: ${stderr}`));
      const hwm = existsSync(hwmFile) ? Number(readFileSync(hwmFile, 'utf8')) : NaN;
      done({ json: JSON.parse(stdout), wall, peakMiB: (Number.isFinite(hwm) ? hwm : polledHwm) / 1024, polledPeakMiB: polledHwm / 1024, samples });
    });
  });
}

/** Every coefficient against the truth: the largest |estimate − truth| / SE, and the failures. */
function check(json) {
  const truth = new Map([
    ['Intercept', 1 + effect(0)],
    ['x1', 2],
    ['x2', -3],
  ]);
  for (let k = 1; k < LEVELS; k++) truth.set(`C(g)[T.${level(k)}]`, effect(k) - effect(0));
  const problems = [];
  let maxZ = 0;
  let worst = '';
  const names = json.terms.map((t) => t.name);
  if (names.length !== truth.size) problems.push(`expected ${truth.size} coefficients, got ${names.length}`);
  for (const t of json.terms) {
    const want = truth.get(t.name);
    if (want === undefined) {
      problems.push(`unexpected coefficient ${t.name}`);
      continue;
    }
    const z = Math.abs(t.estimate - want) / t.stdError;
    if (z > maxZ) [maxZ, worst] = [z, t.name];
    if (!(z <= 6)) problems.push(`${t.name} = ${t.estimate} (SE ${t.stdError}), truth ${want}`);
  }
  const term = (n) => json.terms.find((t) => t.name === n);
  for (const [n, want] of [['x1', 2], ['x2', -3]]) if (!(Math.abs(term(n)?.estimate - want) < 0.01)) problems.push(`${n} = ${term(n)?.estimate}, not within 0.01 of ${want}`);
  const late = term(`C(g)[T.${level(LATE_LEVEL)}]`);
  return { maxZ, worst, problems, late, lateTruth: effect(LATE_LEVEL) - effect(0), x1: term('x1')?.estimate, x2: term('x2')?.estimate };
}

/** RSS at 10%, 25%, 50%, 75%, 90% of the run (the nearest poll): flat means bounded. */
function course(samples, wall) {
  if (samples.length === 0) return 'n/a';
  return [0.1, 0.25, 0.5, 0.75, 0.9]
    .map((q) => {
      const s = samples.reduce((best, x) => (Math.abs(x[0] - q * wall) < Math.abs(best[0] - q * wall) ? x : best));
      return `${Math.round(q * 100)}%: ${s[1].toFixed(0)}`;
    })
    .join(', ');
}

const dir = mkdtempSync(join(tmpdir(), 'gauss-formula-scale-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}
const hook = join(dir, 'hwm-hook.cjs');
// on exit, the child writes its own VmHWM (kB): the exact peak, including the last milliseconds
writeFileSync(
  hook,
  `process.on('exit', () => { try { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); require('fs').writeFileSync(process.env.FORMULA_SCALE_HWM, /^VmHWM:\\s+(\\d+)/m.exec(s)[1]); } catch {} });\n`,
);

const results = [];
let failed = false;
try {
  console.log(`node ${process.version}, ${cli}, formula "${FORMULA}", ${LEVELS} levels (${level(LATE_LEVEL)} only in the last ${LATE_SHARE * 100}% of rows)`);
  for (const [i, mb] of SIZES_MB.entries()) {
    const path = join(dir, `scale-${mb}MB.csv`);
    const t0 = Date.now();
    const { rows, lateFrom } = generate(path, mb * 1e6, 42 + i);
    const bytes = statSync(path).size;
    console.log(`\n${mb} MB: wrote ${bytes.toLocaleString('en-US')} bytes, ${rows.toLocaleString('en-US')} rows (${level(LATE_LEVEL)} from row ${(lateFrom + 2).toLocaleString('en-US')}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const run = await runFit(path, hook, join(dir, `hwm-${mb}.txt`));
    const c = check(run.json);
    if (run.json.n !== rows) c.problems.push(`n = ${run.json.n}, the file has ${rows} rows`);
    console.log(`  fit: ${run.wall.toFixed(1)} s wall, peak RSS ${run.peakMiB.toFixed(1)} MiB (polled ${run.polledPeakMiB.toFixed(1)}), RSS MiB over the run ${course(run.samples, run.wall)}`);
    console.log(`  n = ${run.json.n.toLocaleString('en-US')}, ${run.json.terms.length} coefficients; x1 ${c.x1.toFixed(5)} (2), x2 ${c.x2.toFixed(5)} (−3), ${c.late ? `${c.late.name} ${c.late.estimate.toFixed(4)} ± ${c.late.stdError.toFixed(4)} (${c.lateTruth})` : 'the late level is MISSING'}; largest |estimate − truth| / SE ${c.maxZ.toFixed(2)} (${c.worst})`);
    if (c.problems.length) {
      failed = true;
      console.log(`  WRONG: ${c.problems.join('; ')}`);
    } else console.log('  coefficients recover the truth');
    results.push({ mb, bytes, rows, wall: run.wall, peakMiB: run.peakMiB, maxZ: c.maxZ, x1: c.x1, x2: c.x2, late: c.late?.estimate, lateSE: c.late?.stdError });
    rmSync(path, { force: true });
  }
  console.log('\n| file | rows | levels | fit wall time | peak RSS |');
  console.log('|---|---|---|---|---|');
  for (const r of results) console.log(`| ${(r.bytes / 1e6).toFixed(0)} MB (${(r.bytes / 2 ** 30).toFixed(2)} GiB) | ${r.rows.toLocaleString('en-US')} | ${LEVELS} | ${r.wall.toFixed(1)} s | ${r.peakMiB.toFixed(0)} MiB |`);
  if (results.length >= 2) {
    const [a, b] = [results[0], results.at(-1)];
    console.log(`\npeak RSS ×${(b.peakMiB / a.peakMiB).toFixed(2)} for a file ×${(b.bytes / a.bytes).toFixed(1)}: ${b.peakMiB <= a.peakMiB * 1.25 ? 'bounded' : 'GROWS with the file'}`);
  }
  console.log(JSON.stringify({ formula: FORMULA, levels: LEVELS, results }));
  if (!failed && results.length >= 2) {
    const [a, b] = [results[0], results.at(-1)];
    const row = (r) => `| ${(r.bytes / 1e6).toFixed(0)} MB (${(r.bytes / 2 ** 30).toFixed(2)} GiB) | ${r.rows.toLocaleString('en-US')} | ${r.wall.toFixed(1)} s | ${r.peakMiB.toFixed(0)} MiB | ${r.maxZ.toFixed(2)} | ${r.late.toFixed(4)} ± ${r.lateSE.toFixed(4)} (truth ${effect(LATE_LEVEL) - effect(0)}) |`;
    writeOwnedSection(
      join(root, 'BENCHMARKS.md'),
      'formula-scale',
      [
        '## Formula fit at scale: a 200-level category, bounded memory',
        '',
        `Written by \`node scripts/bench/formula-scale.mjs\` on ${new Date().toISOString().slice(0, 10)} (node ${process.version}, ${cpus().length} cores; one run each, not interleaved: this measures memory, and shows the time). \`gauss-lab fit FILE --formula "${FORMULA}" --json\` on generated files: x1 ~ N(0, 1), x2 ~ U(0, 2), g one of ${LEVELS} text levels, y = 1 + 2·x1 − 3·x2 + effect(g) + N(0, ${NOISE}²); level ${level(LATE_LEVEL)} appears only in the last ${LATE_SHARE * 100}% of the rows, so the first pass learns it at the very end. Peak RSS is the child's VmHWM.`,
        '',
        '| file | rows | fit wall time | peak RSS | largest \\|estimate − truth\\| / SE (of 202) | late level |',
        '|---|---|---|---|---|---|',
        ...results.map(row),
        '',
        `A file ×${(b.bytes / a.bytes).toFixed(1)} larger: peak RSS ×${(b.peakMiB / a.peakMiB).toFixed(2)} (${b.peakMiB <= a.peakMiB * 1.25 ? 'bounded: the memory does not grow with the file' : 'it GROWS with the file'}). Every coefficient is within 6 standard errors of the truth. The Gram pass visits only a dummy's nonzero rows (src/core/least-squares-refine.ts; before it, a 20 MB file took 44.6 s instead of 5.0 s) and the design is evaluated 8,192 rows at a time (before, the 20 MB file peaked at 245 MiB instead of 150 MiB). The time grows faster than the file (×${(b.wall / a.wall).toFixed(1)} for ×${(b.bytes / a.bytes).toFixed(1)}): not yet explained, left to the performance issue.`,
      ].join('\n'),
    );
    console.log('wrote the formula-scale section of BENCHMARKS.md');
  }
} finally {
  cleanup();
}
process.exitCode = failed ? 1 : 0;
