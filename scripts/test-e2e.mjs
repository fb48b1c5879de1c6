// End-to-end tests in a real VS Code workbench (code-server + Debian Chromium + playwright-core).
//
//   node scripts/test-e2e.mjs [--summary=<file>] [--only=<phase>[,<phase>]] [--grep=<regex>] [--results=<dir>]
//
//   --only     run only these phases: start, inhost, ui-dev, ui-vsix, untrusted, web, zh-cn (the default: these seven), perf
//              (the workbench measurements of `npm run bench`, on the packaged .vsix: production
//              bundles, as users get them). Packaging (and its .vsix check) runs only when ui-vsix
//              or perf is selected.
//   --grep     in the UI phases, only the tests whose name matches (and each phase's first two,
//              which load the workbench and open the panel): for working on one test; never a way to pass
//   --results  where screenshots, logs and report.json go (default test-results/e2e); it is
//              emptied first, so it must not be the repository or one of its parents.
//
// Stages: environment (Node 24, code-server, chromium: cached, idempotent) → package the .vsix →
// development build → one code-server on 127.0.0.1 (the .vsix installed) and one browser →
//   1. in-host API tests (test/e2e/suite, run by the workbench as extensionTestsPath),
//   2. UI tests with the extension in development mode (test/e2e/ui),
//   3. UI check of the packaged .vsix (production mode, proves the package is complete).
//   4. VS Code for the Web: a web-only build (no `main`) in its own code-server's web-worker host.
//   5. zh-cn: a code-server in Simplified Chinese (the manifest's translation).
// Each phase gets a fresh browser context (VS Code web keeps UI state in IndexedDB).
// Writes { "passed": N, "failed": N } to --summary, screenshots and logs to test-results/e2e/,
// prints per-stage times, stops every process it started (also on failure or Ctrl+C).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, packageVersion, prepareRunDir, RESTRICTED_SETTINGS, startCodeServer, useDisplayLanguage, workbenchUrl } from './e2e/code-server.mjs';
import { ensureEnv } from './e2e/env.mjs';
import { packageActivationControl, packageExtension, packageWebOnly, WEB_BUNDLE_BUDGET } from './e2e/package.mjs';
import { onShutdown, stopAll } from './e2e/procs.mjs';
import { runUiTests } from './e2e/runner.mjs';
import { launchBrowser, newWorkbenchPage } from './e2e/workbench.mjs';
import { TWIN } from '../test/e2e/ui/data-files.mjs';
import { READS_IPYNB, READS_PY } from '../test/e2e/ui/data-path-lens.mjs';
import { BENCH_IPYNB } from '../test/e2e/ui/notebook-bench.mjs';
import { FLAT_CSV } from '../test/e2e/ui/exercise.mjs';
import { HOSTILE_CSV, LARGE_CSV } from '../test/e2e/ui/playground-features.mjs';
import { MESSY_CSV } from '../test/e2e/ui/messy-csv.mjs';
import { devTests, packagedTests, perfTests } from '../test/e2e/ui/playground.mjs';
import { PERF_CSV } from '../test/e2e/ui/perf.mjs';
import { removeCommandOutputs } from '../test/e2e/ui/commands.mjs';
import { RESTRICTED_KEYBINDINGS, untrustedTests } from '../test/e2e/ui/untrusted.mjs';
import MARKERS from '../test/e2e/suite/markers.json' with { type: 'json' };
import { startTests } from '../test/e2e/ui/start.mjs';
import { WEB_WORKSPACE_FILES, webTests } from '../test/e2e/ui/web.mjs';
import { zhCnTests } from '../test/e2e/ui/zh-cn.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(root, 'examples');

/** The value of `--name=value`, or undefined. */
const option = (name) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : arg.slice(name.length + 3);
};
const PHASES = ['start', 'inhost', 'ui-dev', 'ui-vsix', 'untrusted', 'web', 'zh-cn', 'perf'];
/** `perf` (the workbench measurements of `npm run bench`) repeats tests ui-dev runs: not in the default. */
const DEFAULT_PHASES = ['start', 'inhost', 'ui-dev', 'ui-vsix', 'untrusted', 'web', 'zh-cn'];
const onlyArg = option('only');
const phases = new Set(onlyArg === undefined ? DEFAULT_PHASES : onlyArg.split(',').map((p) => p.trim()).filter(Boolean));
const unknownPhases = [...phases].filter((p) => !PHASES.includes(p));
if (unknownPhases.length || phases.size === 0) {
  console.error(`--only: unknown phase(s) ${unknownPhases.join(', ') || '(none given)'}; phases are ${PHASES.join(', ')}`);
  process.exit(2);
}
const resultsDir = resolve(option('results') ?? join(root, 'test-results', 'e2e'));
if (resultsDir === root || (root + sep).startsWith(resultsDir + sep)) {
  console.error(`--results=${resultsDir} would empty the repository; give a folder inside it or elsewhere`);
  process.exit(2);
}
const summaryPath = option('summary');
const version = packageVersion(root);

/** Files the .vsix may hold, and those it must. */
const VSIX_ALLOWED = [/^package\.json$/, /^package\.nls(\.[a-z-]+)?\.json$/, /^dist\/extension\.js$/, /^dist\/webview\.js$/, /^dist\/[\w-]+-worker\.js$/, /^dist\/(bench-engine|sample-data|data-files|extension-main)\.js$/, /^dist\/web\/(extension|playground-worker)\.js$/, /^media\/[\w.-]+\.(png|svg|css)$/, /^media\/walkthrough\/(zh-cn\/)?[\w.-]+\.md$/, /^l10n\/bundle\.l10n\.[a-z-]+\.json$/, /^(readme|changelog)\.md$/i, /^license(\.md|\.txt)?$/i, /^thirdpartynotices\.txt$/i];
const VSIX_REQUIRED = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json', 'ThirdPartyNotices.txt', 'dist/extension.js', 'dist/extension-main.js', 'dist/webview.js', 'dist/playground-worker.js', 'dist/bench-engine.js', 'dist/sample-data.js', 'dist/data-files.js', 'dist/web/extension.js', 'dist/web/playground-worker.js', 'media/playground.css', 'media/icon.png'];
const VSIX_BUDGET_BYTES = 3 * 1024 * 1024;
/** From navigation to the in-host suite's first test: workbench, extension host, activation. */
const IN_HOST_STARTUP_MS = 180_000;
/** Past a test's own timeout (the suite enforces it), before the harness gives up on the suite. */
const IN_HOST_GRACE_MS = 30_000;

/** @type {{ suite: string, name: string, ok: boolean, ms: number, error?: string }[]} */
const results = [];
/** @type {{ name: string, seconds: number }[]} */
const stageTimes = [];
const log = (m) => console.log(m);

async function stage(name, fn) {
  const t0 = Date.now();
  log(`\n--- e2e: ${name} ---`);
  try {
    return await fn();
  } finally {
    stageTimes.push({ name, seconds: (Date.now() - t0) / 1000 });
  }
}

function record(suite, name, ok, ms, error) {
  results.push({ suite, name, ok, ms, error });
  log(`  ${ok ? '✓' : '✗'} ${suite}: ${name}${error ? `\n      ${error.split('\n').join('\n      ')}` : ''}`);
}

// ---- resources shared by the phases, released by cleanup() ------------------------------
let server;
let browser;
let runDir;
/** The Restricted Mode phase's own code-server and folder. */
let restricted;
/** The web phase's own code-server and folder. */
let web;
/** The zh-cn phase's own code-server and run folder. */
let zhCn;
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  const t0 = Date.now();
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
  if (server) await server.stop();
  if (restricted?.server) await restricted.server.stop();
  if (web?.server) await web.server.stop();
  if (zhCn?.server) await zhCn.server.stop();
  await stopAll();
  if (restricted) rmSync(restricted.dir, { recursive: true, force: true });
  if (web) rmSync(web.dir, { recursive: true, force: true });
  if (zhCn) rmSync(zhCn.dir, { recursive: true, force: true });
  // written by UI tests; gone even after Ctrl+C
  for (const f of [HOSTILE_CSV, LARGE_CSV, MESSY_CSV, PERF_CSV, FLAT_CSV, 'd2l-laplace.csv', `${TWIN}.csv`, `${TWIN}.parquet`, READS_PY, READS_IPYNB, BENCH_IPYNB]) rmSync(join(workspace, f), { force: true });
  removeCommandOutputs(workspace);
  if (runDir) {
    const logs = join(runDir, 'data', 'logs');
    if (existsSync(logs)) cpSync(logs, join(resultsDir, 'vscode-logs'), { recursive: true });
    rmSync(runDir, { recursive: true, force: true });
  }
  stageTimes.push({ name: 'cleanup', seconds: (Date.now() - t0) / 1000 });
}

function finish(interrupted = false) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed + (interrupted ? 1 : 0);
  if (summaryPath) {
    mkdirSync(dirname(summaryPath), { recursive: true });
    writeFileSync(summaryPath, JSON.stringify({ passed, failed }) + '\n');
  }
  writeFileSync(join(resultsDir, 'report.json'), JSON.stringify({ passed, failed, interrupted, stageTimes, results }, null, 2) + '\n');
  log('\nE2E stage times:');
  for (const s of stageTimes) log(`  ${s.name.padEnd(28)} ${s.seconds.toFixed(1).padStart(6)} s`);
  log(`\nE2E results in ${relative(root, resultsDir)}/`);
  log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// ---- the in-host suite --------------------------------------------------------------------

/** The JSON object that follows `marker` in a console line, or undefined. */
function markedJson(line, marker) {
  const at = line.indexOf(marker);
  if (at < 0) return undefined;
  const text = line.slice(line.indexOf('{', at));
  for (let end = text.lastIndexOf('}'); end > 0; end = text.lastIndexOf('}', end - 1)) {
    try {
      return JSON.parse(text.slice(0, end + 1));
    } catch {
      /* shorter */
    }
  }
  return undefined;
}

/**
 * Runs the in-host suite at `url` (its run() is the workbench's extensionTestsPath). Results are
 * recorded as each test ends; each test gets its own deadline (its timeout plus a grace), so a
 * hung test is named, not a phase cap reached.
 */
async function runInHostSuite(suite, url) {
  let current; // { name, timeoutMs } of the running test
  let lastEnded;
  let summary;
  let ended = 0;
  let deadline = Date.now() + IN_HOST_STARTUP_MS;
  const onLine = (line) => {
    const start = markedJson(line, MARKERS.start);
    if (start) {
      current = start;
      deadline = Date.now() + start.timeoutMs + IN_HOST_GRACE_MS;
      return;
    }
    const end = markedJson(line, MARKERS.end);
    if (end) {
      record(suite, end.name, end.ok, end.ms, end.error);
      ended++;
      lastEnded = end.name;
      current = undefined;
      deadline = Date.now() + IN_HOST_GRACE_MS; // until the next test starts or the suite ends
      return;
    }
    summary ??= markedJson(line, MARKERS.result);
  };
  const { context, page } = await newWorkbenchPage(browser, { consoleLog: join(resultsDir, 'browser-console.log'), label: suite, onLine });
  try {
    let code;
    // The workbench calls this when the suite's run() settles: register it before navigating.
    await page.exposeFunction('codeAutomationExit', (c) => (code = c));
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    while (code === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await page.screenshot({ path: join(resultsDir, `${suite}--final.png`) }).catch(() => {});
    const fail = (name, error) => record(suite, name, false, Date.now() - t0, error);
    if (code === undefined) {
      if (current) fail(current.name, `did not end within its ${current.timeoutMs} ms timeout (+${IN_HOST_GRACE_MS} ms): the extension host is stuck`);
      else if (ended === 0) fail('the suite started', `no test started within ${IN_HOST_STARTUP_MS} ms of loading the workbench`);
      else fail('the suite finished', `nothing happened for ${IN_HOST_GRACE_MS} ms after "${lastEnded}"`);
    } else if (!summary) fail('the suite reported its results', `exit code ${code}, no ${MARKERS.result} line in the browser console`);
    else if (summary.results.length !== ended) {
      // a result the stream missed (e.g. the selection was empty): record what the summary says
      for (const r of summary.results.slice(ended)) record(suite, r.name, r.ok, r.ms, r.error);
    } else if (code !== 0 && summary.failed === 0) fail('the suite exited cleanly', `exit code ${code}`);
    log(`  ${suite}: ${summary ? `${summary.passed} passed, ${summary.failed} failed` : 'no summary'}`);
  } finally {
    await context.close().catch(() => {});
  }
}

async function runUiPhase(suite, all, expect) {
  const grep = option('grep');
  const tests = grep === undefined ? all : all.filter((t, i) => i < 2 || new RegExp(grep, 'i').test(t.name));
  if (tests.length === 0) {
    record(suite, 'the phase has tests', false, 0, 'no test to run: a phase that runs nothing must not pass');
    return;
  }
  const { context, page } = await newWorkbenchPage(browser, { consoleLog: join(resultsDir, 'browser-console.log'), label: suite });
  try {
    const r = await runUiTests(suite, tests, { page, expect }, { resultsDir, log });
    results.push(...r);
    log(`  ${suite}: ${r.filter((x) => x.ok).length} passed, ${r.filter((x) => !x.ok).length} failed`);
  } finally {
    await context.close().catch(() => {});
  }
}

function checkVsix({ vsix, bytes, files }) {
  const name = `the .vsix holds only what runs (${files.length} files, ${(bytes / 1024).toFixed(1)} KB)`;
  const extra = files.filter((f) => !VSIX_ALLOWED.some((re) => re.test(f)));
  // Every page the walkthrough shows must ship too, in every language (VS Code shows an empty step
  // otherwise): a page is a %key% of package.nls.json and of each package.nls.<language>.json.
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nls = readdirSync(root).filter((f) => /^package\.nls(\.[a-z-]+)?\.json$/.test(f)).map((f) => JSON.parse(readFileSync(join(root, f), 'utf8')));
  const pages = (manifest.contributes?.walkthroughs ?? [])
    .flatMap((w) => w.steps.map((s) => s.media?.markdown).filter(Boolean))
    .flatMap((md) => (/^%.+%$/.test(md) ? nls.map((t) => t[md.slice(1, -1)]) : [md]));
  const missing = [...VSIX_REQUIRED, ...pages].filter((f) => !files.includes(f));
  const problems = [
    extra.length && `unexpected files: ${extra.join(', ')}`,
    missing.length && `missing files: ${missing.join(', ')}`,
    bytes > VSIX_BUDGET_BYTES && `${bytes} bytes is over the ${VSIX_BUDGET_BYTES}-byte budget`,
  ].filter(Boolean);
  record('package', name, problems.length === 0, 0, problems.join('; ') || undefined);
  log(`  ${relative(root, vsix)}: ${files.join(', ')}`);
}

/** The web-only build: a manifest without `main`, the browser bundles, each within its budget. */
function checkWebBuild({ files, entries, bytes }) {
  const sizes = Object.fromEntries(entries.map((e) => [e.name, e.size]));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const problems = [
    ...Object.entries(WEB_BUNDLE_BUDGET).map(([f, max]) => (sizes[f] === undefined ? `${f} is missing` : sizes[f] > max && `${f} is ${sizes[f]} bytes, over its ${max}-byte budget`)),
    files.some((f) => f.startsWith('dist/') && !f.startsWith('dist/web/') && f !== 'dist/webview.js') && `desktop bundles in the web build: ${files.join(', ')}`,
    !manifest.browser && 'package.json has no "browser" entry',
  ].filter(Boolean);
  const shown = Object.keys(WEB_BUNDLE_BUDGET).map((f) => `${f.split('/').pop()} ${((sizes[f] ?? 0) / 1024).toFixed(0)} KB`).join(', ');
  record('package', `the web-only build holds the browser bundles within their budgets (${shown}; .vsix ${(bytes / 1024).toFixed(0)} KB)`, problems.length === 0, 0, problems.join('; ') || undefined);
}

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  if (!existsSync(workspace)) mkdirSync(workspace, { recursive: true });
  onShutdown(async () => {
    await cleanup();
    finish(true);
  });

  const setup = async (name, fn) => {
    try {
      return await stage(name, fn);
    } catch (e) {
      record('setup', name, false, 0, e instanceof Error ? e.message : String(e));
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { recorded: true });
    }
  };

  try {
    const env = await setup('environment', () => ensureEnv({ log: (m) => log(`  [env] ${m}`) }));
    // Only the packaged phase needs the .vsix (development mode loads the repo itself).
    const pkg = phases.has('ui-vsix') || phases.has('perf')
      ? await setup('package (.vsix)', () => packageExtension({ out: join(resultsDir, `gauss-lab-${version}.vsix`), log }))
      : undefined;
    if (pkg) checkVsix(pkg);
    else log(`\n--- e2e: package (.vsix) skipped (--only=${[...phases].join(',')}) ---`);
    // The web-only build from the production bundles (packaging the .vsix just built them).
    const webPkg = phases.has('web')
      ? await setup('package (web-only build)', () => {
          if (!pkg) {
            const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
            if (r.status !== 0) throw new Error(`node esbuild.mjs --production exited ${r.status}`);
          }
          return packageWebOnly({ out: join(resultsDir, `gauss-lab-${version}-web.vsix`), log });
        })
      : undefined;
    if (webPkg) checkWebBuild(webPkg);
    await setup('build (development)', () => {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`node esbuild.mjs exited ${r.status}`);
    });
    await setup('code-server start', async () => {
      runDir = mkdtempSync(join(tmpdir(), 'gauss-lab-e2e-'));
      const dirs = prepareRunDir(runDir);
      // A 1,000,000-row d2l CSV for the large-file tests (load, cancel, timing), made by the CLI.
      const big = join(runDir, 'big.csv');
      const made = spawnSync('sh', ['-c', `"${process.execPath}" dist/cli.js synth d2l --n 1000000 --seed 0 > "${big}"`], { cwd: root, stdio: 'inherit' });
      if (made.status !== 0) throw new Error(`generating ${big} failed (${made.status})`);
      process.env.GAUSS_LAB_E2E_BIG_CSV = big;
      if (pkg) log(`  ${installExtension(env, dirs, pkg.vsix).split('\n').pop()}`);
      // the perf phase reads Gauss Lab's activation beside an extension that does nothing
      if (phases.has('perf')) log(`  ${installExtension(env, dirs, packageActivationControl({ out: join(resultsDir, 'activation-control.vsix'), log })).split('\n').pop()}`);
      server = await startCodeServer(env, dirs, { workspace, logFile: join(resultsDir, 'code-server.log') });
      log(`  listening on ${server.url} (pid ${server.pid})`);
    });
    await setup('browser start', async () => {
      browser = await launchBrowser(env.chromium);
    });

    if (phases.has('start')) {
      await stage('npm start', async () => {
        const start = startTests({ root, log });
        try {
          await runUiPhase('start', start.tests, {});
        } finally {
          await start.stop();
        }
      });
    }
    const port = server.port;
    if (phases.has('inhost')) {
      await stage('in-host API tests', () =>
        runInHostSuite('in-host', workbenchUrl(port, workspace, { devPath: root, testsPath: join(root, 'out', 'test', 'suite.js') })),
      );
    }
    if (phases.has('ui-dev')) {
      await stage('UI tests (development)', () =>
        runUiPhase('ui-dev', devTests(workbenchUrl(port, workspace, { devPath: root }), { workspace, settingsFile: join(runDir, 'data', 'User', 'settings.json') }), { version, workspaceName: 'examples' }),
      );
    }
    if (phases.has('untrusted')) {
      await stage('UI tests (Restricted Mode)', async () => {
        // A second code-server with Workspace Trust on, on a fresh folder (so never trusted)
        // holding copies of the bench examples and a CSV.
        const dir = mkdtempSync(join(tmpdir(), 'gauss-lab-untrusted-'));
        restricted = { dir };
        const folder = join(dir, 'untrusted-workspace');
        mkdirSync(folder);
        for (const f of ['bench/vector-add.js', 'bench/vector-add.py', 'd2l-synthetic.csv']) cpSync(join(workspace, f), join(folder, f.split('/').pop()));
        const dirs = prepareRunDir(join(dir, 'run'), RESTRICTED_SETTINGS);
        writeFileSync(join(dirs.data, 'User', 'keybindings.json'), JSON.stringify(RESTRICTED_KEYBINDINGS, null, 2) + '\n');
        restricted.server = await startCodeServer(env, dirs, { workspace: folder, logFile: join(resultsDir, 'code-server-restricted.log'), trust: true });
        try {
          const url = (testsPath) => workbenchUrl(restricted.server.port, folder, { devPath: root, testsPath });
          // the run commands through executeCommand, in the extension host (test/e2e/suite/restricted.ts)
          await runInHostSuite('restricted', url(join(root, 'out', 'test', 'suite.js')));
          await runUiPhase('untrusted', untrustedTests(url()), { version, workspaceName: 'untrusted-workspace' });
        } finally {
          await restricted.server.stop();
          restricted.server = undefined;
        }
      });
    }
    if (webPkg) {
      await stage('UI tests (VS Code for the Web, web-only build)', async () => {
        // A third code-server with only the web-only build installed, on a folder holding the d2l
        // example and a bench file.
        const dir = mkdtempSync(join(tmpdir(), 'gauss-lab-web-'));
        web = { dir };
        const folder = join(dir, 'web-workspace');
        for (const f of WEB_WORKSPACE_FILES) cpSync(join(workspace, f), join(folder, f.split('/').pop()));
        const dirs = prepareRunDir(join(dir, 'run'));
        log(`  ${installExtension(env, dirs, webPkg.vsix).split('\n').pop()}`);
        web.server = await startCodeServer(env, dirs, { workspace: folder, logFile: join(resultsDir, 'code-server-web.log'), devMode: false });
        try {
          await runUiPhase('web', webTests(workbenchUrl(web.server.port, folder), folder), { version, workspaceName: 'web-workspace' });
        } finally {
          await web.server.stop();
          web.server = undefined;
        }
      });
    }
    if (phases.has('zh-cn')) {
      await stage('UI tests (VS Code in Simplified Chinese)', async () => {
        // A code-server whose display language is zh-cn, the extension in development mode.
        const dir = mkdtempSync(join(tmpdir(), 'gauss-lab-zh-cn-'));
        zhCn = { dir };
        const dirs = prepareRunDir(join(dir, 'run'));
        useDisplayLanguage(dirs, 'zh-cn');
        zhCn.server = await startCodeServer(env, dirs, { workspace, logFile: join(resultsDir, 'code-server-zh-cn.log'), locale: 'zh-cn' });
        try {
          await runUiPhase('zh-cn', zhCnTests(workbenchUrl(zhCn.server.port, workspace, { devPath: root })), { version, workspaceName: 'examples' });
        } finally {
          await zhCn.server.stop();
          zhCn.server = undefined;
        }
      });
    }
    if (phases.has('perf')) {
      await stage('performance (packaged .vsix)', () =>
        runUiPhase('perf', perfTests(workbenchUrl(port, workspace), { workspace }), { version, workspaceName: 'examples' }),
      );
    }
    if (phases.has('ui-vsix')) {
      await stage('UI tests (packaged .vsix)', () =>
        runUiPhase('ui-vsix', packagedTests(workbenchUrl(port, workspace)), { version, workspaceName: 'examples' }),
      );
    }
  } catch (e) {
    if (!e?.recorded) record('harness', 'ran to the end', false, 0, e instanceof Error ? (e.stack ?? e.message) : String(e));
  } finally {
    await cleanup();
  }
  process.exit(finish());
}

await main();
