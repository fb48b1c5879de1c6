// UI tests of the "Open in Gauss Lab" lens (issue 16): above `pd.read_csv("…")` in a Python script
// and in a notebook cell (VS Code's own notebook editor, no other extension), a click opens that
// file in the playground.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuickPick, openFile, runCommand } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { openCsv } from './panel.mjs';

export const READS_PY = 'e2e-reads.py';
export const READS_IPYNB = 'e2e-reads.ipynb';
const lens = (page, text) => page.locator('.codelens-decoration a[role="button"]', { hasText: text });

/** d2l's "Vectorization for Speed" cell, marked for the bench lens. */
const VECTOR_CELL = [
  '# @bench setup',
  'import numpy as np',
  'n = 10000',
  'a, b = np.ones(n), np.ones(n)',
  '# @bench loop',
  'c = np.zeros(n)',
  'for i in range(n):',
  '    c[i] = a[i] + b[i]',
  '# @bench vectorized',
  'd = a + b',
].join('\n');

const notebook = (...sources) =>
  JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Linear regression from scratch'] },
      ...sources.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source.split(/(?<=\n)/) })),
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });

/** Clicks the lens, checks the playground opens `file` (a notebook has a webview of its own: the playground's is the one showing the file). */
async function clickOpens(page, file) {
  const open = lens(page, 'Open in Gauss Lab').first();
  await open.waitFor({ state: 'visible', timeout: 30_000 });
  await open.click();
  await until(
    async () => {
      const frames = page.locator('iframe.webview.ready');
      for (let i = 0; i < (await frames.count()); i++) {
        const inner = frames.nth(i).contentFrame().locator('#active-frame').contentFrame();
        if ((await inner.locator('[data-testid="dataset-label"]', { hasText: file }).count()) > 0 && (await inner.getByTestId('summary-table').count()) > 0) return true;
      }
      return false;
    },
    (shown) => shown,
    `the playground shows ${file}`,
  );
}

export function dataPathLensUiTests(workspaceDir) {
  const code = 'import pandas as pd\n\ndata = pd.read_csv("house-prices.csv")  # the chapter\'s running example\nX = data[["area", "age"]]\n';
  return [
    {
      name: 'a Python script: "Open in Gauss Lab" above pd.read_csv("house-prices.csv") opens it in the playground',
      timeoutMs: 90_000,
      fn: async ({ page, shot }) => {
        writeFileSync(join(workspaceDir, READS_PY), code);
        try {
          await openFile(page, READS_PY);
          await lens(page, 'Open in Gauss Lab').first().waitFor({ state: 'visible', timeout: 30_000 });
          check((await lens(page, 'Open in Gauss Lab').count()) === 1, 'one lens: the one literal that names a data file');
          await shot('the Open in Gauss Lab lens in a Python script');
          await clickOpens(page, 'house-prices.csv');
          await shot('house-prices.csv opened from the script');
        } finally {
          await openCsv(page, 'd2l-synthetic.csv').catch(() => {});
          rmSync(join(workspaceDir, READS_PY), { force: true });
        }
      },
    },
    {
      name: 'a Jupyter notebook: the bench lens times a marked cell (loop vs vectorized), the data lens in a code cell opens the file in the playground, Copy Model as Code inserts a cell',
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        writeFileSync(join(workspaceDir, READS_IPYNB), notebook(code, VECTOR_CELL));
        try {
          await openFile(page, READS_IPYNB);
          await page.locator('.notebook-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
          await lens(page, 'Open in Gauss Lab').first().waitFor({ state: 'visible', timeout: 30_000 });
          // the bench lens in the marked cell: a click runs it (separate processes), the lens becomes the verdict
          const group = lens(page, 'Time loop vs vectorized').first();
          await group.waitFor({ state: 'visible', timeout: 30_000 });
          await group.click();
          const verdict = lens(page, / · ((vectorized|loop) [\d,.]+× faster|no clear difference)/).first();
          await verdict.waitFor({ state: 'visible', timeout: 90_000 });
          const text = await verdict.innerText();
          // which variant wins is the bench's figure, not a test's (a busy machine may honestly blur it)
          check(/^loop .+ · vectorized .+ · /.test(text), `a finished verdict on both variants of the cell (got "${text}")`);
          await shot('the notebook: the data lens and the bench verdict in its cells');
          await clickOpens(page, 'house-prices.csv');
          await shot('house-prices.csv opened from the notebook');

          // back in the notebook, Copy Model as Code (scikit-learn) inserts the fitted model as a new cell
          await page.locator('.tabs-container .tab', { hasText: READS_IPYNB }).click();
          await page.locator('.notebook-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
          const sklearnCell = page.locator('.notebook-editor .monaco-list-row', { hasText: 'LinearRegression' });
          check((await sklearnCell.count()) === 0, 'no cell holds a LinearRegression yet');
          await runCommand(page, 'Gauss Lab: Copy Model as Code', 30_000, { keepOpen: true });
          await answerQuickPick(page, 'scikit-learn');
          await until(() => sklearnCell.count(), (n) => n > 0, 'a new cell with the scikit-learn model');
          await sklearnCell.first().scrollIntoViewIfNeeded();
          await shot('the model inserted as a new notebook cell');
        } finally {
          if (await page.locator('.quick-input-widget').isVisible().catch(() => false)) await page.keyboard.press('Escape');
          // the inserted cell made the notebook dirty: revert it, so closing asks nothing
          await page.locator('.tabs-container .tab', { hasText: READS_IPYNB }).click().catch(() => {});
          await runCommand(page, 'File: Revert File').catch(() => {});
          // the notebook's own webview would make two: close every editor, then the playground again
          await runCommand(page, 'View: Close All Editors').catch(() => {});
          await openCsv(page, 'd2l-synthetic.csv').catch(() => {});
          rmSync(join(workspaceDir, READS_IPYNB), { force: true });
        }
      },
    },
  ];
}
