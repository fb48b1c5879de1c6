// End-to-end tests in a real VS Code workbench (code-server + Debian Chromium + playwright-core).
//
//   node scripts/test-e2e.mjs [--summary=<file>]
//
// Stages: environment (Node 24, code-server, chromium: cached, idempotent) → package the .vsix →
// development build → one code-server on 127.0.0.1 (the .vsix installed) and one browser →
//   1. in-host API tests (test/e2e/suite, run by the workbench as extensionTestsPath),
//   2. UI tests with the extension in development mode (test/e2e/ui),
//   3. UI check of the packaged .vsix (production mode, proves the package is complete).
// Each phase gets a fresh browser context (VS Code web keeps UI state in IndexedDB).
// Writes { "passed": N, "failed": N } to --summary, screenshots and logs to test-results/e2e/,
// prints per-stage times, stops every process it started (also on failure or Ctrl+C).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, packageVersion, prepareRunDir, startCodeServer, workbenchUrl } from './e2e/code-server.mjs';
import { ensureEnv } from './e2e/env.mjs';
import { packageExtension } from './e2e/package.mjs';
import { onShutdown, stopAll } from './e2e/procs.mjs';
import { runUiTests } from './e2e/runner.mjs';
import { launchBrowser, newWorkbenchPage } from './e2e/workbench.mjs';
import { devTests, packagedTests } from '../test/e2e/ui/playground.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results', 'e2e');
const workspace = join(root, 'examples');
const summaryArg = process.argv.find((a) => a.startsWith('--summary='));
const summaryPath = summaryArg ? summaryArg.slice('--summary='.length) : undefined;
const version = packageVersion(root);

/** Files the .vsix may hold, and those it must. */
const VSIX_ALLOWED = [/^package\.json$/, /^dist\/extension\.js$/, /^dist\/webview\.js$/, /^dist\/[\w-]+-worker\.js$/, /^media\/[\w.-]+\.(png|svg|css)$/, /^(readme|changelog)\.md$/i, /^license(\.md|\.txt)?$/i];
const VSIX_REQUIRED = ['package.json', 'dist/extension.js', 'dist/webview.js', 'media/playground.css', 'media/icon.png'];
const VSIX_BUDGET_BYTES = 3 * 1024 * 1024;
const IN_HOST_TIMEOUT_MS = 180_000;
const RESULT_MARKER = 'GAUSS_LAB_SUITE_RESULT';

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
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  const t0 = Date.now();
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
  if (server) await server.stop();
  await stopAll();
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

/** Extracts the JSON object that follows the marker in a console line. */
function parseSuiteResult(lines) {
  for (const line of lines) {
    const at = line.indexOf(RESULT_MARKER);
    if (at < 0) continue;
    const text = line.slice(line.indexOf('{', at));
    for (let end = text.lastIndexOf('}'); end > 0; end = text.lastIndexOf('}', end - 1)) {
      try {
        return JSON.parse(text.slice(0, end + 1));
      } catch {
        /* shorter */
      }
    }
  }
  return undefined;
}

async function runInHostSuite(url) {
  const { context, page, consoleLines } = await newWorkbenchPage(browser, { consoleLog: join(resultsDir, 'browser-console.log'), label: 'in-host' });
  try {
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    // The workbench calls this when the suite's run() settles: register it before navigating.
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), IN_HOST_TIMEOUT_MS))]);
    await page.screenshot({ path: join(resultsDir, 'in-host--final.png') }).catch(() => {});
    const report = parseSuiteResult(consoleLines);
    if (report) {
      for (const r of report.results) record('in-host', r.name, r.ok, r.ms, r.error);
    }
    if (code === 'timeout') record('in-host', 'the suite finished', false, Date.now() - t0, `no codeAutomationExit within ${IN_HOST_TIMEOUT_MS} ms`);
    else if (!report) record('in-host', 'the suite reported its results', false, Date.now() - t0, `exit code ${code}, no ${RESULT_MARKER} line in the browser console`);
    else if (code !== 0 && report.failed === 0) record('in-host', 'the suite exited cleanly', false, Date.now() - t0, `exit code ${code}`);
  } finally {
    await context.close().catch(() => {});
  }
}

async function runUiPhase(suite, tests, expect) {
  const { context, page } = await newWorkbenchPage(browser, { consoleLog: join(resultsDir, 'browser-console.log'), label: suite });
  try {
    const r = await runUiTests(suite, tests, { page, expect }, { resultsDir, log });
    results.push(...r);
  } finally {
    await context.close().catch(() => {});
  }
}

function checkVsix({ vsix, bytes, files }) {
  const name = `the .vsix holds only what runs (${files.length} files, ${(bytes / 1024).toFixed(1)} KB)`;
  const extra = files.filter((f) => !VSIX_ALLOWED.some((re) => re.test(f)));
  const missing = VSIX_REQUIRED.filter((f) => !files.includes(f));
  const problems = [
    extra.length && `unexpected files: ${extra.join(', ')}`,
    missing.length && `missing files: ${missing.join(', ')}`,
    bytes > VSIX_BUDGET_BYTES && `${bytes} bytes is over the ${VSIX_BUDGET_BYTES}-byte budget`,
  ].filter(Boolean);
  record('package', name, problems.length === 0, 0, problems.join('; ') || undefined);
  log(`  ${relative(root, vsix)}: ${files.join(', ')}`);
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
    const pkg = await setup('package (.vsix)', () => packageExtension({ out: join(resultsDir, `gauss-lab-${version}.vsix`), log }));
    checkVsix(pkg);
    await setup('build (development)', () => {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`node esbuild.mjs exited ${r.status}`);
    });
    await setup('code-server start', async () => {
      runDir = mkdtempSync(join(tmpdir(), 'gauss-lab-e2e-'));
      const dirs = prepareRunDir(runDir);
      log(`  ${installExtension(env, dirs, pkg.vsix).split('\n').pop()}`);
      server = await startCodeServer(env, dirs, { workspace, logFile: join(resultsDir, 'code-server.log') });
      log(`  listening on ${server.url} (pid ${server.pid})`);
    });
    await setup('browser start', async () => {
      browser = await launchBrowser(env.chromium);
    });

    const port = server.port;
    await stage('in-host API tests', () =>
      runInHostSuite(workbenchUrl(port, workspace, { devPath: root, testsPath: join(root, 'out', 'test', 'suite.js') })),
    );
    await stage('UI tests (development)', () =>
      runUiPhase('ui-dev', devTests(workbenchUrl(port, workspace, { devPath: root })), { version, workspaceName: 'examples' }),
    );
    await stage('UI tests (packaged .vsix)', () =>
      runUiPhase('ui-vsix', packagedTests(workbenchUrl(port, workspace)), { version, workspaceName: 'examples' }),
    );
  } catch (e) {
    if (!e?.recorded) record('harness', 'ran to the end', false, 0, e instanceof Error ? (e.stack ?? e.message) : String(e));
  } finally {
    await cleanup();
  }
  process.exit(finish());
}

await main();
