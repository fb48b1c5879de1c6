// Accuracy bar for the bench engine (a benchmark, not a test): are our medians what the usual
// tools say, and does a known 100× difference come out as 100×?
//
//   node scripts/bench/snippets.mjs [--runs=1] [--budget=1250] [--python=python3] [--only=js,py] [--json=out.json]
//
// For every group of examples/bench/vector-add.{js,py} and known-ratio.{js,py}, our engine runs
// with its defaults (the lens's ~2 s budget). References, each in a fresh process with the same
// setup and body:
//   JavaScript: mitata's measure(), a plain process.hrtime.bigint() loop (15 samples of ≥ 100 ms
//               after a 200 ms warm-up) and tinybench (2 s, one call per sample);
//   Python:     `python -m timeit -s SETUP STMT` (best of 5, what it prints) and the median of
//               timeit.Timer.repeat(15) at the autorange count.
// The bar: medians within 10% of the reference; the 100× pairs' factor within [90, 110].
// Runs one thing at a time (the machine has 2 cores). Installs nothing.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, dflt) => {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const runs = Number(arg('runs', 1));
const budgetMs = Number(arg('budget', 1250));
const python = arg('python', 'python3');
const tmp = mkdtempSync(join(tmpdir(), 'gauss-bench-accuracy-'));
const require = createRequire(import.meta.url);

// The engine, bundled from source (esbuild stays external: it transpiles TypeScript snippets).
const enginePath = join(tmp, 'engine.cjs');
await esbuild.build({
  stdin: {
    contents: "export * from './src/bench/index';\nexport { sinkLastLine, dedent } from './src/bench/program';\n",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: enginePath,
  logLevel: 'warning',
});
const engine = require(enginePath);

const which = (name) => {
  try {
    return require.resolve(name, { paths: [root] });
  } catch {
    return undefined;
  }
};
const mitata = (() => {
  try {
    return join(dirname(require.resolve('mitata/package.json', { paths: [root] })), 'src', 'main.mjs');
  } catch {
    return undefined;
  }
})();
const tinybench = which('tinybench');

function formatNs(ns) {
  return engine.formatDuration(ns);
}
function delta(ours, ref) {
  if (!Number.isFinite(ref)) return '—';
  const d = (ours / ref - 1) * 100;
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)}%${Math.abs(d) <= 10 ? '' : ' ✗'}`;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)] + s[Math.ceil(m)]) / 2;
}

/** The variant's body as a function body that returns its last value (as our sink does). */
function jsBody(code) {
  const lines = code.split('\n');
  const sink = engine.sinkLastLine(lines);
  return (sink ? lines.map((l, i) => (i === sink.index ? sink.text : l)) : lines).join('\n');
}

/** The setup in its own scope (so its names cannot clash with the reference's), returning the body. */
function makeBody(setup, body) {
  return `(() => {\n${setup}\nreturn function __body() {\n${jsBody(body)}\n};\n})()`;
}

function runNode(source) {
  const file = join(tmp, `ref-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: tmp, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** mitata's own measure() (its defaults: ≥ 642 ms of samples, batching of fast bodies), p50. */
function jsReferenceMitata(setup, body) {
  if (!mitata) return { tool: 'mitata (not installed)', medianNs: NaN };
  return runNode(`(async () => {
const { measure, do_not_optimize } = await import(${JSON.stringify(pathToFileURL(mitata).href)});
const __body = ${makeBody(setup, body)};
const stats = await measure(() => do_not_optimize(__body()));
console.log(JSON.stringify({ tool: 'mitata', medianNs: stats.p50 }));
})();`);
}

/** tinybench 2 s with hrtime, median of its samples (one body call per sample). */
function jsReferenceTinybench(setup, body) {
  if (!tinybench) return { tool: 'tinybench (not installed)', medianNs: NaN };
  return runNode(`(async () => {
const { Bench, hrtimeNow } = require(${JSON.stringify(tinybench)});
const __body = ${makeBody(setup, body)};
let __sink;
const bench = new Bench({ time: 2000, warmupTime: 200, now: hrtimeNow });
bench.add('x', () => { __sink = __body(); });
await bench.warmup();
await bench.run();
const s = bench.tasks[0].result.samples.slice().sort((a, b) => a - b);
console.log(JSON.stringify({ tool: 'tinybench', medianNs: s[Math.floor(s.length / 2)] * 1e6, sinkType: typeof __sink }));
})();`);
}

function jsReferenceHrtime(setup, body) {
  return runNode(`(async () => {
const __body = ${makeBody(setup, body)};
const sink = { v: undefined };
function loop(n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink.v = __body();
  return Number(process.hrtime.bigint() - t0);
}
let n = 1;
const start = Date.now();
while (Date.now() - start < 200) loop(n), (n *= 2);
n = 1;
let t;
while ((t = loop(n)) < 100e6) n = Math.max(n * 2, Math.ceil((n * 110e6) / Math.max(t, 1)));
const per = [];
for (let i = 0; i < 15; i++) per.push(loop(n) / n);
per.sort((a, b) => a - b);
console.log(JSON.stringify({ tool: 'hrtime', medianNs: per[7] }));
})();`);
}

const TIMEIT_UNITS = { nsec: 1, usec: 1e3, msec: 1e6, sec: 1e9 };
function pyTimeitCli(setup, stmt) {
  const r = spawnSync(python, ['-m', 'timeit', '-s', setup, stmt], { encoding: 'utf8', timeout: 300_000 });
  const m = /best of \d+: ([\d.]+) (nsec|usec|msec|sec) per loop/.exec(r.stdout);
  if (!m) throw new Error(`timeit said: ${r.stdout}${r.stderr}`);
  return Number(m[1]) * TIMEIT_UNITS[m[2]];
}
function pyTimeitMedian(setup, stmt) {
  const code =
    'import sys, timeit, statistics\n' +
    't = timeit.Timer(sys.argv[2], sys.argv[1])\n' +
    'n, _ = t.autorange()\n' +
    'print(statistics.median(t.repeat(repeat=15, number=n)) / n * 1e9)\n';
  const r = spawnSync(python, ['-c', code, setup, stmt], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

const files = ['vector-add.js', 'vector-add.py', 'known-ratio.js', 'known-ratio.py'].filter((f) => !arg('only') || arg('only').split(',').some((o) => f.includes(o)));
/** key → { label, variant, ours: [], a: [], b: [], aName, bName } across runs. */
const cells = new Map();
const ratios = new Map();
const groupSeconds = [];
const cell = (key, init) => cells.get(key) ?? cells.set(key, { ...init, ours: [], a: [], b: [], c: [] }).get(key);
for (let run = 0; run < runs; run++) {
  for (const name of files) {
    const path = join(root, 'examples', 'bench', name);
    const language = name.endsWith('.py') ? 'python' : 'javascript';
    const groups = engine.findBenchGroups(readFileSync(path, 'utf8'), language);
    for (const group of groups) {
      const label = `${name}:${group.startLine + 1}`;
      const result = await engine.runBenchGroup(group, { timeoutMs: 120_000, budgetMs, filePath: path, pythonPath: python });
      if (result.kind !== 'ok') {
        console.error(`${label}: ${engine.formatVerdict(result)}`);
        continue;
      }
      console.error(`run ${run + 1}/${runs} ${label}: ${engine.formatVerdict(result)} (${(result.elapsedMs / 1000).toFixed(2)} s)`);
      groupSeconds.push({ label, seconds: result.elapsedMs / 1000 });
      if (name.startsWith('known-ratio')) {
        (ratios.get(label) ?? ratios.set(label, []).get(label)).push(result.ratio);
        continue;
      }
      const setup = group.setup ? group.setup.code : '';
      for (const v of result.variants) {
        const region = group.variants.find((r) => r.name === v.name);
        if (language === 'javascript') {
          const a = jsReferenceMitata(setup, region.code);
          const b = jsReferenceHrtime(setup, region.code);
          const t = jsReferenceTinybench(setup, region.code);
          const c = cell(`${label} ${v.name}`, { label, variant: v.name, aName: a.tool, bName: 'hrtime loop', cName: t.tool });
          c.ours.push(v.medianNs), c.a.push(a.medianNs), c.b.push(b.medianNs), c.c.push(t.medianNs);
        } else {
          const s = engine.dedent(setup.split('\n')).join('\n');
          const stmt = engine.dedent(region.code.split('\n')).join('\n');
          const c = cell(`${label} ${v.name}`, { label, variant: v.name, aName: 'timeit best', bName: 'timeit median', cName: '' });
          c.ours.push(v.medianNs), c.a.push(pyTimeitCli(s, stmt)), c.b.push(pyTimeitMedian(s, stmt));
        }
      }
    }
  }
}
const medianRows = [...cells.values()].map((c) => {
  const [o, a, b] = [median(c.ours), median(c.a), median(c.b)];
  const t = c.c.length ? median(c.c) : NaN;
  return [c.label, c.variant, formatNs(o), `${c.aName} ${formatNs(a)}`, delta(o, a), `${c.bName} ${formatNs(b)}`, delta(o, b), c.cName ? `${c.cName} ${formatNs(t)}` : '', c.cName ? delta(o, t) : ''];
});
const ratioRows = [...ratios.entries()].map(([label, rs]) => {
  const f = median(rs.map((r) => r.factor));
  const all = rs.map((r) => `${engine.formatFactor(r.factor)} [${engine.formatFactor(r.ci95[0])}–${engine.formatFactor(r.ci95[1])}]`).join(', ');
  return [label, engine.formatFactor(f), all, f >= 90 && f <= 110 ? 'yes' : 'NO'];
});

if (arg('json')) {
  writeFileSync(
    arg('json'),
    JSON.stringify(
      {
        runs,
        budgetMs,
        node: process.version,
        cells: [...cells.values()].map((c) => ({
          label: c.label,
          variant: c.variant,
          oursNs: median(c.ours),
          references: [
            { tool: c.aName, ns: median(c.a) },
            { tool: c.bName, ns: median(c.b) },
            ...(c.cName ? [{ tool: c.cName, ns: median(c.c) }] : []),
          ],
        })),
        ratios: [...ratios.entries()].map(([label, rs]) => ({ label, factors: rs.map((r) => r.factor), ci95: rs.map((r) => r.ci95) })),
        groupSeconds: groupSeconds,
      },
      null,
      2,
    ),
  );
}

function table(head, rows) {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  const line = (r) => r.map((c, j) => String(c).padEnd(w[j])).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}
console.log(`\nMedians (median over ${runs} run(s); ours with a ${budgetMs} ms budget; Δ = ours / reference − 1, ✗ beyond 10%)\n`);
console.log(table(['group', 'variant', 'ours', 'reference A', 'Δ', 'reference B', 'Δ', 'reference C', 'Δ'], medianRows));
console.log('\nKnown 100× pairs (bar: factor in [90, 110])\n');
console.log(table(['group', 'factor (median)', 'each run: factor [95% CI]', 'within bar'], ratioRows));
const load = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a';
console.log(`\nNode ${process.version}; ${python}; load average ${load}`);
rmSync(tmp, { recursive: true, force: true });
