// UI tests against the real workbench: a person's path through the command palette into the
// playground webview. Run by scripts/test-e2e.mjs with scripts/e2e/runner.mjs.
import {
  activeTabLabel,
  runCommand,
  waitForCommandListed,
  waitForWorkbench,
  webviewFrame,
} from '../../../scripts/e2e/workbench.mjs';
import { benchLensPackagedUiTests, benchLensUiTests } from './bench-lens.mjs';
import { chartSaveUiTests } from './chart-save.mjs';
import { afterFitUiTests } from './after-fit.mjs';
import { dataFileUiTests } from './data-files.mjs';
import { dataPathLensUiTests } from './data-path-lens.mjs';
import { notebookBenchUiTests } from './notebook-bench.mjs';
import { exerciseUiTests } from './exercise.mjs';
import { commandsUiTests } from './commands.mjs';
import { perfUiTests } from './perf.mjs';
import { messyCsvTest } from './messy-csv.mjs';
import { chartsInWords, constantModel, d2lSummary, featureTools, divergence, narrowAndWide, landscapeAxes, errorScreen, followsTheme, hostileColumns, largeSample, keyboardShortcuts, normalExplorer, playgroundAccessible, playTrains, recordsLiveSgd, reducedMotionCalms, stepOnce } from './playground-features.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { check, until } from '../../../scripts/e2e/runner.mjs';

const OPEN = 'Gauss Lab: Open Playground';
/** Open Playground loads the built-in d2l data and offers the workspace's CSVs; Escape keeps d2l. */
const openPlayground = (page) => runCommand(page, OPEN, 30_000, { dismissFollowUp: /which CSV/i });
const revealPlayground = (page) => runCommand(page, OPEN, 30_000, { dismissFollowUp: /which CSV/i, followUpMs: 2_000 });
const TITLE = 'Gauss Lab Playground';


/** Waits until the playground's webview shows the completed handshake; returns the frame. */
async function waitForConnectedPlayground(page, timeout = 30_000) {
  const frame = webviewFrame(page);
  await frame.getByRole('heading', { name: TITLE }).waitFor({ timeout });
  await frame.locator('[data-testid="handshake"][data-state="connected"]').waitFor({ state: 'attached', timeout });
  // the connection is in the About box (closed), not a badge in the heading
  const status = (await frame.getByTestId('handshake').textContent())?.trim();
  check(status === 'connected', `handshake status reads "connected" (got "${status}")`);
  return frame;
}

/** Loads the workbench at `url` and waits until Gauss Lab's command is in the palette. */
export function workbenchLoads(url) {
  return {
    name: `the workbench loads and the palette lists "${OPEN}"`,
    critical: true,
    timeoutMs: 120_000,
    fn: async ({ page, shot }) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await waitForWorkbench(page);
      await waitForCommandListed(page, OPEN);
      await shot('palette lists the command');
    },
  };
}

function opensPlayground({ mode }) {
  return {
    name: `${OPEN} renders the panel and completes the handshake (${mode})`,
    critical: true,
    fn: async ({ page, shot, expect }) => {
      await openPlayground(page);
      const frame = await waitForConnectedPlayground(page);
      check((await activeTabLabel(page)).includes(TITLE), `the active tab is "${TITLE}"`);
      const ext = (await frame.getByTestId('fact-extension').textContent())?.trim();
      check(ext === `v${expect.version} (${mode})`, `extension fact is "v${expect.version} (${mode})" (got "${ext}")`);
      const ws = (await frame.getByTestId('fact-workspace').textContent())?.trim();
      check(ws === expect.workspaceName, `workspace fact is "${expect.workspaceName}" (got "${ws}")`);
      // the heading shows the user's work, not debugging details: they are one click away, in About
      const head = (await frame.locator('header.page-head').innerText()).trim();
      check(!/connect|development|production|v\d/.test(head), `the heading has no debugging details (got "${head}")`);
      check(!(await frame.getByTestId('fact-extension').isVisible()), 'the version is not shown until About is opened');
      await frame.getByLabel('About Gauss Lab').click();
      await frame.getByTestId('fact-extension').waitFor({ state: 'visible', timeout: 5_000 });
      await shot('about opened');
      await frame.getByLabel('About Gauss Lab').click();
      await shot('panel connected');
    },
  };
}

const strictCsp = {
  name: 'the webview runs under the strict Content-Security-Policy',
  fn: async ({ page }) => {
    const csp = await webviewFrame(page).locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    check(csp, 'a CSP meta tag is present');
    for (const part of ["default-src 'none'", "script-src 'nonce-", 'style-src ', 'img-src ', 'font-src ']) {
      check(csp.includes(part), `CSP has ${part} (got ${csp})`);
    }
    for (const bad of ['unsafe-eval', 'unsafe-inline']) check(!csp.includes(bad), `CSP has no ${bad} (got ${csp})`);
    const wildcard = csp.split(/[;\s]+/).filter((token) => token === '*' || token === 'data:*' || token === 'https:');
    check(wildcard.length === 0, `CSP has no wildcard source (got ${csp})`);
  },
};

const reopenReveals = {
  name: 'running the command again keeps a single playground tab',
  fn: async ({ page }) => {
    await revealPlayground(page);
    await waitForConnectedPlayground(page);
    const tabs = await page.locator('.tabs-container .tab', { hasText: TITLE }).count();
    check(tabs === 1, `one "${TITLE}" tab (got ${tabs})`);
  },
};

const survivesReload = {
  name: 'the panel is restored and reconnects after Developer: Reload Window',
  timeoutMs: 120_000,
  fn: async ({ page, shot }) => {
    const frame = await reloadWindow(page);
    // The data and the fit come back too, not just an empty panel.
    await frame.getByTestId('summary-table').waitFor({ timeout: 60_000 });
    await shot('panel restored after reload');
  },
};

/** `Developer: Reload Window`, then the workbench and the restored, connected playground. */
async function reloadWindow(page) {
  // A marker on the old window proves the page really reloaded before we look again.
  await page.evaluate(() => ((/** @type {any} */ (window)).__gaussLabBeforeReload = true));
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  check(!(await page.evaluate(() => (/** @type {any} */ (window)).__gaussLabBeforeReload)), 'the window reloaded');
  await waitForWorkbench(page);
  return waitForConnectedPlayground(page, 90_000);
}

/**
 * `gaussLab.epochs: 0` is a valid setting (package.json, the settings reader and both message
 * schemas share one bound), so a panel opened with it completes its handshake and shows it.
 * (The webview's own copy of the bound once said ≥ 1: it refused the whole `init`, and the
 * panel stayed at "connecting…".) The settings file is written as a person would edit it, the
 * window reloaded so the workbench reads it, and a new panel opened (a restored one keeps the
 * parameters it had).
 */
function epochsZeroSetting(settingsFile) {
  const freshPanel = async (page) => {
    await reloadWindow(page);
    await runCommand(page, 'View: Close All Editors', 10_000);
    await openPlayground(page);
    return waitForConnectedPlayground(page);
  };
  const epochs = (frame) => frame.getByTestId('epochs').locator('input').inputValue();
  return {
    name: 'with the setting gaussLab.epochs: 0 a new panel opens, connects and shows 0 epochs',
    timeoutMs: 300_000,
    fn: async ({ page, shot }) => {
      const original = readFileSync(settingsFile, 'utf8');
      try {
        writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(original), 'gaussLab.epochs': 0 }, null, 2) + '\n');
        const frame = await freshPanel(page);
        await until(() => epochs(frame), (v) => v === '0', 'the epochs field at 0');
        await shot('epochs 0 from the settings');
      } finally {
        writeFileSync(settingsFile, original);
      }
      const frame = await freshPanel(page);
      await until(() => epochs(frame), (v) => v === '3', 'the default (3) back after the setting is removed');
    },
  };
}

/**
 * The development-mode list: the extension loaded from the repo (`extensionDevelopmentPath`).
 * `workspace` is the folder the workbench opened (the hostile-names test writes a CSV there
 * and removes it again).
 */
export function devTests(url, { workspace, settingsFile }) {
  return [
    workbenchLoads(url),
    opensPlayground({ mode: 'development' }),
    strictCsp,
    reopenReveals,
    epochsZeroSetting(settingsFile),
    d2lSummary,
    ...chartSaveUiTests(workspace),
    landscapeAxes,
    playTrains,
    recordsLiveSgd,
    chartsInWords,
    playgroundAccessible,
    stepOnce,
    keyboardShortcuts,
    reducedMotionCalms,
    divergence,
    narrowAndWide,
    ...exerciseUiTests(workspace),
    ...dataFileUiTests(workspace),
    ...dataPathLensUiTests(workspace),
    ...notebookBenchUiTests(workspace),
    constantModel(workspace),
    followsTheme,
    // opens examples/kaggle-houses.csv: the tests after it open their own files
    featureTools,
    hostileColumns(workspace),
    errorScreen(workspace),
    messyCsvTest(workspace),
    ...afterFitUiTests(workspace),
    largeSample(workspace),
    survivesReload,
    normalExplorer(workspace),
    ...commandsUiTests(workspace),
    ...benchLensUiTests,
    ...perfUiTests({ workspace }),
  ];
}

/** The `perf` phase of `npm run bench`: the workbench, the bench lenses and the perf measurements alone. */
export function perfTests(url, { workspace }) {
  const [activation, playground1M] = perfUiTests({ workspace, control: true });
  return [workbenchLoads(url), activation, playground1M, ...benchLensUiTests];
}

/** The packaged check: the .vsix installed with `--install-extension`, no development payload. */
export function packagedTests(url) {
  return [workbenchLoads(url), opensPlayground({ mode: 'production' }), ...benchLensPackagedUiTests];
}
