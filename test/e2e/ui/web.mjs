// VS Code for the Web in the real workbench: a web-only build of the extension (its manifest has
// `browser` and no `main`, so only a browser's extension host can run it) installed into its own
// code-server, whose web-worker extension host loads it. The playground opens on the d2l example,
// fits it and trains with SGD — the core in a Web Worker, the file read through VS Code's file
// system — and the bench lens says that timing needs desktop VS Code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { answerQuickPick, openFile, runCommand, webviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { workbenchLoads } from './playground.mjs';

const OPEN = 'Gauss Lab: Open Playground';
/** The files the web workspace holds (copied from examples/ into its top folder by the harness). */
export const WEB_WORKSPACE_FILES = ['d2l-synthetic.csv', 'bench/vector-add.py'];

const steps = async (frame) => Number(await frame.getByTestId('step-count').getAttribute('data-steps'));
const status = (frame) => frame.getByTestId('training-status').getAttribute('data-status');

/** `folder`: the web workspace on disk (the tests read what the extension wrote through VS Code's file system). */
export function webTests(url, folder) {
  return [
    // the manifest has no `main`: only the browser extension host can load it
    workbenchLoads(url),
    {
      name: 'web-only build: the playground opens on the d2l example, fits it and trains with SGD in a Web Worker',
      critical: true,
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        // the workspace's only data file opens at once
        await runCommand(page, OPEN, 30_000);
        const frame = webviewFrame(page);
        await frame.locator('[data-testid="handshake"][data-state="connected"]').waitFor({ state: 'attached', timeout: 60_000 });
        const estimates = [];
        for (let i = 0; i < 3; i++) {
          const row = frame.locator(`[data-testid="term-row"][data-term-index="${i}"]`);
          await row.waitFor({ timeout: 60_000 });
          estimates.push(Number(await row.getAttribute('data-estimate')));
        }
        // OLS of examples/d2l-synthetic.csv (gauss-lab fit): b 4.2002, w1 1.9998, w2 −3.3995
        for (const [i, want] of [4.2002, 1.9998, -3.3995].entries()) check(Math.abs(estimates[i] - want) < 1e-4, `coefficient ${i} ≈ ${want} (got ${estimates[i]})`);
        const label = (await frame.getByTestId('dataset-label').innerText()).trim();
        check(label === 'd2l-synthetic.csv', `the dataset is the workspace's d2l-synthetic.csv, read through VS Code's file system (got "${label}")`);
        await frame.getByTestId('play').click();
        await until(() => status(frame), (s) => s === 'done', 'training runs to its last epoch', 90_000);
        const n = await steps(frame);
        check(n >= 100, `SGD took its minibatch steps (${n})`);
        const metrics = await frame.getByTestId('training-metrics').innerText();
        const distance = Number(/‖θ\s−\sθ\*‖ ([\d.e+−-]+)/.exec(metrics)?.[1].replace('−', '-'));
        check(distance < 0.05, `SGD ends close to the exact optimum: ‖θ − θ*‖ = ${distance} (${metrics})`);
        await frame.getByTestId('training-section').scrollIntoViewIfNeeded();
        await shot('web playground trained');
      },
    },
    {
      name: 'web-only build: New Sample Dataset writes a CSV through VS Code\'s file system and the playground opens it; Export Fit Report writes the report beside it',
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        await runCommand(page, 'Gauss Lab: New Sample Dataset', 30_000, { keepOpen: true });
        await answerQuickPick(page, 'House prices');
        const frame = webviewFrame(page);
        await frame.locator('[data-testid="dataset-label"]', { hasText: 'house-prices.csv' }).waitFor({ timeout: 60_000 });
        await frame.locator('[data-testid="term-row"][data-term-index="0"]').waitFor({ timeout: 60_000 });
        const csv = join(folder, 'house-prices.csv');
        check(existsSync(csv) && readFileSync(csv, 'utf8').split('\n').length === 502, 'house-prices.csv (500 rows and a header) was written into the workspace');
        await shot('web sample dataset');
        await runCommand(page, 'Gauss Lab: Export Fit Report');
        const report = await until(async () => readdirSync(folder).find((f) => /^house-prices-report.*\.md$/.test(f)), (f) => f !== undefined, 'the report next to the data', 30_000);
        const md = readFileSync(join(folder, report), 'utf8');
        check(md.includes('## Coefficients') && md.startsWith('# Fit report: house\\-prices\\.csv'), `the report describes the fit (${md.slice(0, 120)})`);
        check(readdirSync(folder).some((f) => /^house-prices-report-.*\.svg$/.test(f)), `its charts were written as SVG (${readdirSync(folder).join(', ')})`);
      },
    },
    {
      name: 'web-only build: the bench lens says timing needs desktop VS Code',
      timeoutMs: 60_000,
      fn: async ({ page, shot }) => {
        await openFile(page, 'vector-add.py');
        const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Timing needs desktop VS Code' }).first();
        await lens.waitFor({ state: 'visible', timeout: 30_000 });
        const run = await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Time loop vs vectorized' }).count();
        check(run === 0, `no lens offers to run a benchmark on the web (${run})`);
        await shot('web bench lens');
      },
    },
  ];
}
