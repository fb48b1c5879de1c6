// UI tests of the commands not covered elsewhere, each run from the Command Palette in the real
// workbench as a person would: New Sample Dataset, Copy Model as Code, Export Fit Report. Each
// asserts the visible effect (an Explorer row, a notification, an editor's text); screenshots at
// each key step go to the results folder. Files the tests write into the workspace are removed
// by the tests and, if a run is cut short, by the harness (`removeCommandOutputs`).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuickPick, openFile, runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';

const NEW_SAMPLE = 'Gauss Lab: New Sample Dataset';
const COPY_MODEL = 'Gauss Lab: Copy Model as Code';
const EXPORT_REPORT = 'Gauss Lab: Export Fit Report';
const OPEN_CSV = 'Gauss Lab: Open CSV in Playground';
/** OLS of examples/d2l-synthetic.csv: b, w1, w2 (as the summary table and `gauss-lab fit` show them). */
const D2L = [4.2002, 1.9998, -3.3995];

/** Files these tests may create in the workspace: `d2l-synthetic-N.csv` and the report with its SVGs. */
const CREATED = [/^d2l-synthetic-\d+\.csv$/, /^d2l-synthetic-report(-.*)?\.(md|svg)$/];

/** Removes what these tests write into `workspaceDir` (the harness calls it in its cleanup). */
export function removeCommandOutputs(workspaceDir) {
  if (!existsSync(workspaceDir)) return;
  for (const f of readdirSync(workspaceDir)) if (CREATED.some((re) => re.test(f))) rmSync(join(workspaceDir, f), { force: true });
}



const explorerRow = (page, name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });

/** The numbers in `text` (unicode minus read as '-'). */
const numbers = (text) => (text.replace(/\u2212/g, '-').replace(/-\s+(?=\d)/g, '-').match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);
const hasNear = (text, x, tol = 2e-3) => numbers(text).some((v) => Math.abs(v - x) < tol);

/** The active editor's visible text (Monaco renders spaces as U+00A0). */
async function editorText(page) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** With the smoke-test driver toasts are not drawn: the Notification Center is where messages are read. */
async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
}
async function showNotifications(page) {
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center').waitFor({ state: 'visible', timeout: 10_000 });
}
async function hideNotifications(page) {
  if (await page.locator('.notifications-center').isVisible()) await runCommand(page, 'Notifications: Hide Notifications');
}
/** Opens the Notification Center and waits for a notification matching `re`; returns its locator. */
async function notification(page, re, timeoutMs = 30_000) {
  await showNotifications(page);
  const item = page.locator('.notifications-center .notification-list-item', { hasText: re }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  return item;
}

/** Opens `file` and shows it in the playground; waits for its summary table. */
async function openCsvInPlayground(page, file) {
  await openFile(page, file);
  await runCommand(page, OPEN_CSV);
  const frame = visibleWebviewFrame(page);
  await frame.locator('[data-testid="dataset-label"]', { hasText: file }).waitFor({ timeout: 30_000 });
  await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
  // the fit fully drawn (its last chart and the what-if answer), so nothing re-renders under a quick pick
  await frame.locator('[data-chart="leverage"][data-rendered="true"]').waitFor({ timeout: 30_000 });
  await frame.locator('[data-testid="whatif-result"] dl').waitFor({ timeout: 30_000 });
  return frame;
}

/** The first free name the command picks: d2l-synthetic.csv, d2l-synthetic-2.csv, … */
function nextSampleName(dir) {
  for (let k = 1; ; k++) {
    const name = `d2l-synthetic${k === 1 ? '' : `-${k}`}.csv`;
    if (!existsSync(join(dir, name))) return name;
  }
}

export function newSampleDataset(workspaceDir) {
  return {
    name: `${NEW_SAMPLE} writes a new d2l CSV (never overwriting), shows it in the Explorer and opens it in the playground`,
    timeoutMs: 90_000,
    fn: async ({ page, shot }) => {
      check(existsSync(join(workspaceDir, 'd2l-synthetic.csv')), 'examples/d2l-synthetic.csv exists (so the new file must get another name)');
      const name = nextSampleName(workspaceDir);
      check(name !== 'd2l-synthetic.csv', `the expected new name is not the existing file (got ${name})`);
      try {
        await clearNotifications(page);
        await runCommand(page, NEW_SAMPLE, 30_000, { keepOpen: true });
        await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Sample Dataset' }).waitFor({ timeout: 15_000 });
        await shot('the dataset quick pick');
        await answerQuickPick(page, 'd2l synthetic data');
        // the Explorer shows the new file, and the playground opens on it
        await explorerRow(page, name).first().waitFor({ state: 'visible', timeout: 30_000 });
        const frame = visibleWebviewFrame(page);
        await frame.locator('[data-testid="dataset-label"]', { hasText: name }).waitFor({ timeout: 30_000 });
        await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
        await shot('the new CSV in the Explorer and the playground');
        check(existsSync(join(workspaceDir, name)), `${name} was written to the workspace`);
        // the original is untouched: the Explorer still lists it
        check((await explorerRow(page, 'd2l-synthetic.csv').count()) === 1, 'd2l-synthetic.csv is still in the Explorer');
        const item = await notification(page, new RegExp(`Wrote ${name.replace(/[.-]/g, '\\$&')}`));
        check((await item.innerText()).includes(name), 'the notification names the new file');
        await shot('the Wrote notification');
        await hideNotifications(page);
      } finally {
        rmSync(join(workspaceDir, name), { force: true });
      }
      await explorerRow(page, name).first().waitFor({ state: 'hidden', timeout: 30_000 });
    },
  };
}

export const copyModelAsCode = {
  name: `${COPY_MODEL} (Python) puts a predict() with the fitted coefficients on the clipboard`,
  timeoutMs: 120_000,
  fn: async ({ page, shot }) => {
    await openCsvInPlayground(page, 'd2l-synthetic.csv');
    await clearNotifications(page);
    // Open CSV in Playground on the file already shown reloads it: a reload that reveals the panel
    // while the language pick is open takes the focus and closes the pick; then it is asked again
    for (let attempt = 1; ; attempt++) {
      await runCommand(page, COPY_MODEL, 30_000, { keepOpen: true });
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Copy Model as Code' }).waitFor({ timeout: 15_000 });
      if (attempt === 1) await shot('the language quick pick');
      // "Python" also matches "Python (scikit-learn)": the first row is the plain one
      const answered = await answerQuickPick(page, 'Python', 5_000).then(() => true, (e) => {
        if (attempt >= 2) throw e;
        return false;
      });
      if (answered) break;
    }
    const item = await notification(page, /Copied the model as Python\./);
    check(!(await item.innerText()).includes('scikit'), 'plain Python was chosen');
    await shot('the Copied notification');
    await hideNotifications(page);
    // paste into a new untitled editor and read it back
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: /Untitled/ }).waitFor({ timeout: 15_000 });
    // a click puts the caret in the editor (VS Code 1.139 edits through a native EditContext
    // element, not a textarea: focusing a textarea would leave Ctrl+V with no target)
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+V');
    const text = await until(() => editorText(page), (t) => /def predict\(row\)/.test(t), 'the pasted Python code in the untitled editor', 15_000);
    await shot('the model pasted into an untitled editor');
    check(text.match(/def predict/g)?.length === 1, 'the code was pasted once');
    for (const c of D2L) check(hasNear(text, c), `the pasted code holds the coefficient ≈ ${c} (text: ${text.slice(0, 400)})`);
    check(/row\["x1"\]/.test(text) && /row\["x2"\]/.test(text), 'the code reads x1 and x2 from the row');
    // close the untitled editor without saving
    await runCommand(page, 'View: Revert and Close Editor');
    await page.locator('.tabs-container .tab', { hasText: /Untitled/ }).first().waitFor({ state: 'detached', timeout: 15_000 });
  },
};

export function exportFitReport(workspaceDir) {
  return {
    name: `${EXPORT_REPORT} writes d2l-synthetic-report.md next to the data; Open shows its coefficient table`,
    timeoutMs: 120_000,
    fn: async ({ page, shot }) => {
      const before = new Set(readdirSync(workspaceDir));
      const created = () => readdirSync(workspaceDir).filter((f) => !before.has(f));
      try {
        await openCsvInPlayground(page, 'd2l-synthetic.csv');
        await clearNotifications(page);
        await runCommand(page, EXPORT_REPORT);
        const item = await notification(page, /Saved the fit report: .*d2l-synthetic-report.*\.md/);
        const said = (await item.innerText()).replace(/\s+/g, ' ');
        const md = said.match(/(d2l-synthetic-report[^\s]*\.md)/)?.[1];
        check(md && created().includes(md), `the announced report ${md} is a new file next to the data (new: ${created().join(', ')})`);
        check(created().some((f) => f.endsWith('.svg')), `the charts were written as SVG next to it (new: ${created().join(', ')})`);
        await shot('the Saved notification');
        await explorerRow(page, md).first().waitFor({ state: 'visible', timeout: 30_000 });
        // the notification's Open button shows the report
        await item.locator('.monaco-button', { hasText: 'Open' }).first().click();
        await page.locator('.tabs-container .tab.active', { hasText: md }).waitFor({ timeout: 15_000 });
        await hideNotifications(page);
        const text = await until(() => editorText(page), (t) => /\| term \| coef \|/.test(t), 'the coefficient table in the report editor', 15_000);
        await shot('the report open in an editor');
        // the coef column of each term's row: | \(intercept\) | 4.20018 | …, | x1 | 1.99979 | …, | x2 | -3.39952 | …
        for (const [i, term] of ['\\(intercept\\)', 'x1', 'x2'].entries()) {
          const row = text.split('\n').find((l) => l.startsWith(`| ${term} | `));
          const coef = Number(row?.split('|')[2]);
          check(Math.abs(coef - D2L[i]) < 1e-3, `the report's row for ${term} has coef ≈ ${D2L[i]} (row: ${row})`);
        }
        await runCommand(page, 'View: Close Editor');
      } finally {
        for (const f of created()) rmSync(join(workspaceDir, f), { force: true });
      }
    },
  };
}

/** The development-mode list's command tests, in order (each opens what it needs). */
export function commandsUiTests(workspaceDir) {
  return [newSampleDataset(workspaceDir), copyModelAsCode, exportFitReport(workspaceDir)];
}
