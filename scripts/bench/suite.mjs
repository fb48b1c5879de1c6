// `npm run bench`: Gauss Lab next to the tools people would use instead, in one run, on the same
// files, interleaved; writes BENCHMARKS.md. Not part of `npm test` (it measures, it does not judge).
//
//   node scripts/bench/suite.mjs [--runs=5] [--skip-c] [--skip-engines] [--skip-workbench] [--skip-snippets] [--out=BENCHMARKS.md]
//
// 1. Anchors: Debian's python3-pandas, python3-sklearn, python3-torch, installed with apt when
//    missing (as root); when that is impossible the anchors are skipped and BENCHMARKS.md says so.
// 2. Production build (the sizes users download); the core bundled for the task processes.
// 3. Datasets with fixed seeds (scripts/bench/datasets.mjs): (a) d2l 1,000 × 2, (b) 1,000,000 × 10,
//    (c) 5,000,000 × 20 in a temp dir, deleted at the end.
// 4. Rounds: every measurement is a fresh process; in each round every tool of a group runs once,
//    the first tool rotating round to round, so drift and warm caches do not favour one side.
//    Peak RSS from GNU time (`/usr/bin/time -f %M`), wall time from the parent's clock. The
//    closed-form fit next to DuckDB and polars by threads is scripts/bench/engines.mjs, run on the
//    same files; it writes its own section.
// 5. NIST StRD through the same CLI `fit` (LRE), the code-lens accuracy script, and the workbench
//    measurements (scripts/test-e2e.mjs --only=perf: activation, playground, lens click → verdict).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleCore } from './core-bundle.mjs';
import { DATASETS, truth, writeDataset } from './datasets.mjs';
import { anchorEnv, measure as measureProcess, TIME, topSelfTimes } from './measure.mjs';
import { buildReport } from './report.mjs';
import { withOwnedSections } from './sections.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, dflt) => {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const flag = (name) => process.argv.includes(`--${name}`);
const runs = Number(arg('runs', 5));
const outFile = resolve(root, arg('out', 'BENCHMARKS.md'));
const PYTHON = '/usr/bin/python3';
const anchorsDir = join(root, 'scripts', 'bench', 'anchors');
const started = Date.now();
const log = (m) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

const tmp = mkdtempSync(join(tmpdir(), 'gauss-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---- 1. anchors ---------------------------------------------------------------------------
function checkAnchors() {
  const r = spawnSync(PYTHON, [join(anchorsDir, 'check.py')], { encoding: 'utf8' });
  if (r.status === 0) return { ok: true, versions: JSON.parse(r.stdout.trim().split('\n').pop()) };
  return { ok: false, why: (r.error?.message ?? r.stderr ?? '').trim() || `exit ${r.status}` };
}
let anchors = existsSync(PYTHON) ? checkAnchors() : { ok: false, why: `${PYTHON} not found` };
if (!anchors.ok) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log(`anchors missing (${anchors.why}); installing python3-pandas python3-sklearn python3-torch with apt`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'python3-pandas', 'python3-sklearn', 'python3-torch'], { stdio: 'inherit', env });
    anchors = checkAnchors();
  } else {
    anchors.why += isRoot ? ' (no apt-get)' : ' (not root: install python3-pandas python3-sklearn python3-torch with apt)';
  }
}
log(anchors.ok ? `anchors: ${JSON.stringify(anchors.versions)}` : `anchors skipped: ${anchors.why}`);
const hasTime = existsSync(TIME);
if (!hasTime && process.getuid?.() === 0) {
  spawnSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'inherit' });
}

// ---- 2. builds ------------------------------------------------------------------------------
log('production build');
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
const sizes = Object.fromEntries(
  ['extension.js', 'extension-main.js', 'bench-engine.js', 'sample-data.js', 'playground-worker.js', 'webview.js', 'cli-main.js', 'cli-bench.js'].map((f) => [f, statSync(join(root, 'dist', f)).size]),
);
const core = join(tmp, 'core.mjs');
await bundleCore(root, core);
// The CLI again, not minified, for the CPU profiles (function names instead of `mj`, `Kv`).
const cliNamed = join(tmp, 'cli.cjs');
await esbuild.build({ entryPoints: [join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cliNamed, logLevel: 'warning' });

// ---- 3. data --------------------------------------------------------------------------------
const files = {};
const fileBytes = {};
for (const key of ['a', 'b', ...(flag('skip-c') ? [] : ['c'])]) {
  const path = join(tmp, `${key}.csv`);
  const t0 = Date.now();
  fileBytes[key] = writeDataset(path, DATASETS[key]);
  files[key] = path;
  log(`dataset (${key}): ${DATASETS[key].rows.toLocaleString('en-US')} × ${DATASETS[key].d}, ${(fileBytes[key] / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---- 4. measurements --------------------------------------------------------------------------
/** Runs one measurement process; returns its JSON line, wall seconds and peak RSS (MiB). */
const measure = (cmd, args, options) => measureProcess(cmd, args, { cwd: root, rssFile: join(tmp, 'rss.txt'), ...options });

const node = process.execPath;
const task = (kind, file, extra = []) => [node, [join(root, 'scripts/bench/task.mjs'), kind, file, `--core=${core}`, ...extra]];
// without the residual diagnostics' extra read: the anchors compute coefficients only (README says so)
const cliFit = (file) => [node, [join(root, 'dist/cli.js'), 'fit', file, '--target', 'y', '--json', '--no-diagnostics']];
// without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, so NumPy runs the BLAS kernel it picks for this CPU
const py = (script, file, extra = []) => [PYTHON, [join(anchorsDir, script), file, ...extra], { env: anchorEnv() }];

/** Interleaved rounds over `tools` ({ name, cmd: [bin, args], anchor }); results[name] = runs. */
function rounds(label, tools, n = runs) {
  const usable = tools.filter((t) => !t.anchor || anchors.ok);
  const results = Object.fromEntries(usable.map((t) => [t.name, []]));
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < usable.length; j++) {
      const t = usable[(r + j) % usable.length];
      const m = measure(...t.cmd);
      results[t.name].push(m);
      log(`${label} round ${r + 1}/${n}: ${t.name} ${m.wall.toFixed(2)} s, ${m.rssMiB.toFixed(0)} MiB`);
    }
  }
  return results;
}

const results = { runs, files: fileBytes, sizes };
results.parseB = rounds('parse (b)', [
  { name: 'ours', cmd: task('parse-ours', files.b) },
  { name: 'papaparse', cmd: task('parse-papa', files.b) },
]);
results.fitB = rounds('fit (b)', [
  { name: 'ours', cmd: cliFit(files.b) },
  { name: 'sklearn', cmd: py('fit_sklearn.py', files.b), anchor: true },
  { name: 'normal equations', cmd: py('fit_normal_equations.py', files.b), anchor: true },
]);
results.sgdB = rounds('SGD (b)', [
  { name: 'ours', cmd: task('sgd-ours', files.b) },
  { name: 'd2l torch', cmd: py('sgd_torch_d2l.py', files.b), anchor: true },
  { name: 'sklearn SGDRegressor', cmd: py('sgd_sklearn.py', files.b), anchor: true },
]);
results.sgdA = rounds('SGD (a)', [
  { name: 'ours', cmd: task('sgd-ours', files.a) },
  { name: 'd2l torch', cmd: py('sgd_torch_d2l.py', files.a), anchor: true },
]);
if (files.c) {
  results.fitC = rounds('fit (c)', [
    { name: 'ours', cmd: cliFit(files.c) },
    { name: 'sklearn', cmd: py('fit_sklearn.py', files.c), anchor: true },
    { name: 'normal equations', cmd: py('fit_normal_equations.py', files.c), anchor: true },
  ]);
}
if (!flag('skip-engines')) {
  log('the fit next to DuckDB and polars (scripts/bench/engines.mjs)');
  const args = ['--no-build', `--runs=${runs}`, `--out=${outFile}`, `--data-b=${files.b}`, files.c ? `--data-c=${files.c}` : '--skip-c'];
  const r = spawnSync(node, [join(root, 'scripts/bench/engines.mjs'), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) log(`engines.mjs failed (exit ${r.status ?? r.signal}): its section of ${outFile} is left as it was`);
}
if (files.c) rmSync(files.c, { force: true });
results.truth = { b: truth(DATASETS.b), c: truth(DATASETS.c), a: truth(DATASETS.a) };

// Where the time goes: a CPU profile of one of our runs of each (node --cpu-prof), top self times.
const profile = (label, args) => topSelfTimes(node, args, { dir: join(tmp, `prof-${label}`), cwd: root });
results.profiles = {
  sgdB: profile('sgd', [join(root, 'scripts/bench/task.mjs'), 'sgd-ours', files.b, `--core=${core}`]),
  fitB: profile('fit', [cliNamed, 'fit', files.b, '--target', 'y', '--json', '--no-diagnostics']),
};

// ---- 5. accuracy, lenses, workbench ---------------------------------------------------------
const nistDir = join(root, 'test', 'fixtures', 'nist-strd');
if (existsSync(join(nistDir, 'certified.json'))) {
  const certified = JSON.parse(readFileSync(join(nistDir, 'certified.json'), 'utf8'));
  const lre = (x, c) => {
    const cv = Number(c);
    const err = cv === 0 ? Math.abs(x) : Math.abs(x - cv) / Math.abs(cv);
    return err === 0 ? 15 : Math.max(0, Math.min(15, -Math.log10(err)));
  };
  results.nist = Object.entries(certified).map(([name, cert]) => {
    const args = [join(root, 'dist/cli.js'), 'fit', join(nistDir, cert.file), '--target', 'y', '--json'];
    if (cert.model.predictors) args.push('--features', cert.model.predictors.join(','));
    else args.push('--features', 'x', '--degree', String(cert.model.degree ?? 1));
    if (!cert.model.intercept) args.push('--no-intercept');
    const fit = JSON.parse(execFileSync(node, args, { encoding: 'utf8' }));
    // The CLI lists the intercept first; NIST lists it first too (b0), when there is one.
    const coef = Math.min(...cert.coefficients.map((c, j) => lre(fit.terms[j].estimate, c)));
    const se = Math.min(...cert.standardErrors.map((c, j) => lre(fit.terms[j].stdError, c)));
    return { name, coef, se, sd: lre(fit.residualStdDev, cert.residualStandardDeviation), r2: lre(fit.rSquared, cert.rSquared) };
  });
  log(`NIST through the CLI: min coefficient LRE ${Math.min(...results.nist.map((r) => r.coef)).toFixed(1)}`);
}

if (!flag('skip-snippets')) {
  log('code-lens accuracy (scripts/bench/snippets.mjs)');
  const json = join(tmp, 'snippets.json');
  const r = spawnSync(node, [join(root, 'scripts/bench/snippets.mjs'), `--runs=${Math.min(3, runs)}`, `--json=${json}`, `--python=${existsSync(PYTHON) ? PYTHON : 'python3'}`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  results.snippets = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : { error: r.stdout.slice(-2000) };
  // Process-to-process spread of the reference itself: `python -m timeit` on the chapter's loop
  // in six fresh processes (a single process cannot show it; any one-process tool inherits it).
  const py = existsSync(PYTHON) ? PYTHON : 'python3';
  results.snippets.timeitProcesses = Array.from({ length: 6 }, () => {
    const t = spawnSync(py, ['-m', 'timeit', '-s', 'import numpy as np; n = 10000; a = np.ones(n); b = np.ones(n); c = np.zeros(n)', 'for i in range(n): c[i] = a[i] + b[i]'], { encoding: 'utf8' });
    const m = /best of \d+: ([\d.]+) (nsec|usec|msec|sec) per loop/.exec(t.stdout ?? '');
    return m ? Number(m[1]) * { nsec: 1, usec: 1e3, msec: 1e6, sec: 1e9 }[m[2]] : NaN;
  });
}

if (!flag('skip-workbench')) {
  log('workbench (scripts/test-e2e.mjs --only=perf)');
  const dir = join(tmp, 'e2e');
  const perf = join(dir, 'perf.json');
  let r;
  // Twice at most: a workbench run can fail on something of its own (a toast, a modal at start-up).
  for (let attempt = 1; attempt <= 2; attempt++) {
    r = spawnSync(node, [join(root, 'scripts/test-e2e.mjs'), '--only=perf', `--results=${dir}`, `--summary=${join(tmp, 'e2e-summary.json')}`], { cwd: root, encoding: 'utf8' });
    if (r.status === 0) break;
    log(`workbench run ${attempt} failed: ${(r.stdout ?? '').split('\n').filter((l) => l.includes('✗')).join('; ')}`);
    if (attempt === 1 && existsSync(dir)) cpSync(dir, join(tmp, 'e2e-failed'), { recursive: true });
  }
  results.workbench = existsSync(perf) ? JSON.parse(readFileSync(perf, 'utf8')) : { error: (r.stdout + r.stderr).slice(-2000) };
  results.workbench.passed = r.status === 0;
  if (r.status !== 0) results.workbench.failures = (r.stdout ?? '').split('\n').filter((l) => l.includes('✗'));
  // The development build again (the e2e script built it; keep dist/ as `npm test` expects).
}

// ---- machine and report ---------------------------------------------------------------------
const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return 'n/a';
  }
};
results.machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: totalmem() / 2 ** 30,
  freeGiB: freemem() / 2 ** 30,
  os: version('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']),
  kernel: version('uname', ['-r']),
  node: process.version,
  python: anchors.ok ? anchors.versions : null,
  anchorsSkipped: anchors.ok ? null : anchors.why,
  papaparse: JSON.parse(readFileSync(join(root, 'node_modules/papaparse/package.json'), 'utf8')).version,
  date: new Date().toISOString(),
  seconds: (Date.now() - started) / 1000,
};
writeFileSync(join(tmp, '..', 'gauss-bench-results.json'), JSON.stringify(results, null, 2));
writeFileSync(outFile, withOwnedSections(buildReport(results), outFile));
log(`wrote ${outFile} (raw results: ${join(tmp, '..', 'gauss-bench-results.json')})`);
