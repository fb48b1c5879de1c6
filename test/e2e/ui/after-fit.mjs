// UI tests of what comes after the fit, in the real workbench: Save Model… and Predict on Another
// CSV… through VS Code's own save and open dialogs (code-server's simple dialogs), the written
// predictions opened and checked against `gauss-lab predict` with the saved model, the what-if
// box's ŷ and both intervals against the CLI, robust standard errors, and the two diagnostics
// plots every regression course shows first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activeTabLabel, openFile, runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';

const OPEN_CSV = 'Gauss Lab: Open CSV in Playground';
export const TRAIN_CSV = 'e2e-after-fit-train.csv';
export const NEW_CSV = 'e2e-after-fit-new.csv';
const MODEL = 'e2e-after-fit-model.json';
const PREDICTIONS = 'e2e-after-fit-new-predictions.csv';
const HOODS = ['Gilbert', 'NAmes', 'OldTown'];

/** The repository (its dist/cli.js is the CLI the panel must agree with). */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A training file: price on area and a neighbourhood (text), deterministic noise. */
function trainCsv() {
  const lines = ['Area,Neighborhood,Price'];
  for (let i = 0; i < 120; i++) {
    const area = 60 + ((i * 37) % 90);
    const hood = HOODS[(i * 7) % 3];
    const noise = (((i * 7919) % 201) - 100) * 9;
    lines.push(`${area},${hood},${20000 + 1100 * area + 9000 * HOODS.indexOf(hood) + noise}`);
  }
  return lines.join('\n') + '\n';
}

/** New rows to predict: ordinary ones, an unseen level, a missing area (a note each), no target column. */
const NEW_ROWS = ['Area,Neighborhood', '75,Gilbert', '140,OldTown', '99.5,NAmes', '80,Nowhere', ',NAmes', '120,Gilbert'];

/** The simple save/open dialog's path box: waits for it and for a value matching `pattern`. */
async function dialogPath(page, pattern) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  let value = '';
  const t0 = Date.now();
  while (Date.now() - t0 < 15_000) {
    value = await input.inputValue().catch(() => '');
    if (pattern.test(value)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return value;
}

/** Types `path` into the dialog's box and accepts it; waits for the dialog to close unless another follows. */
async function acceptPath(page, path, { another = false } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(path);
  await page.keyboard.press('Enter');
  if (!another) await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

function cli(args) {
  return execFileSync(process.execPath, [join(REPO, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
}

/** Save Model…, then Predict on Another CSV…, through the dialogs; checks what they write. */
async function saveAndPredict(page, shot, files) {
  await openFile(page, TRAIN_CSV);
  await runCommand(page, OPEN_CSV);
  const frame = visibleWebviewFrame(page);
  await frame.locator('[data-testid="dataset-label"]', { hasText: TRAIN_CSV }).waitFor({ timeout: 30_000 });
  await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
  // the model with the text column as a category (the what-if box then offers its levels)
  const formula = frame.getByTestId('formula').locator('input');
  await formula.fill('Price ~ Area + Neighborhood');
  await formula.press('Enter');
  await frame.locator('[data-testid="fit-formula"]', { hasText: 'Price ~ Area + Neighborhood' }).waitFor({ timeout: 30_000 });
  await frame.locator('[data-testid="whatif-prediction"]').waitFor({ timeout: 30_000 });
  check((await frame.getByTestId('whatif-1').evaluate((e) => /** @type {any} */ (e).value)) === 'Gilbert', 'the category starts at its most frequent level');

  // Save Model…: the save dialog offers <data>-model.json next to the data
  const save = frame.getByTestId('save-model');
  await save.scrollIntoViewIfNeeded();
  await save.click();
  const offered = await dialogPath(page, /-model\.json$/);
  check(offered.endsWith(`/${TRAIN_CSV.replace(/\.csv$/, '')}-model.json`), `the save dialog offers ${TRAIN_CSV.replace(/\.csv$/, '')}-model.json (got "${offered}")`);
  await shot('save model dialog');
  await acceptPath(page, files[2]);
  await until(async () => existsSync(files[2]), (ok) => ok, 'the model file is written');
  const model = JSON.parse(readFileSync(files[2], 'utf8'));
  check(model.format === 'gauss-lab-model' && model.trainingFile === TRAIN_CSV && model.formula === 'Price ~ Area + Neighborhood', `a model of the fit (formula ${model.formula}, from ${model.trainingFile})`);

  // Predict on Another CSV…: an open dialog for the input, then a save dialog for the output
  await frame.getByTestId('predict-other').click();
  await dialogPath(page, /./);
  await shot('choose the CSV to predict');
  // the save dialog for the output follows at once
  await acceptPath(page, files[1], { another: true });
  const out = await dialogPath(page, /-predictions\.csv$/);
  check(out.endsWith(`/${PREDICTIONS}`), `the save dialog offers ${PREDICTIONS} next to the input (got "${out}")`);
  await acceptPath(page, files[3]);
  await until(async () => existsSync(files[3]), (ok) => ok, 'the predictions are written');
  // they open in an editor beside the panel
  await until(() => page.locator('.tab', { hasText: PREDICTIONS }).count(), (n) => n > 0, `a tab for ${PREDICTIONS}`);
  await shot('the predictions open beside the panel');

  const written = readFileSync(files[3], 'utf8');
  const lines = written.trimEnd().split('\n');
  check(lines[0] === 'Area,Neighborhood,prediction,lower,upper,note', `the input's columns, then prediction, lower, upper, note (got "${lines[0]}")`);
  check(lines.length === NEW_ROWS.length, `every input row, in order (${lines.length - 1} of ${NEW_ROWS.length - 1})`);
  check(lines[4].startsWith('80,Nowhere,,,,') && /never saw/.test(lines[4]), `an unseen level keeps its row with a note (got "${lines[4]}")`);
  check(lines[5].startsWith(',NAmes,,,,') && /Area is missing/.test(lines[5]), `a missing input keeps its row with a note (got "${lines[5]}")`);
  const [area, hood, yhat, lo, hi] = lines[2].split(',');
  check(area === '140' && hood === 'OldTown' && Number(lo) < Number(yhat) && Number(yhat) < Number(hi), `a row with its prediction inside its interval (got "${lines[2]}")`);
  // the CLI with the saved model writes the same file, digit for digit
  const fromCli = cli(['predict', files[2], files[1], '--interval', 'prediction']);
  check(fromCli === written, `gauss-lab predict with the saved model writes the same predictions\n${fromCli}\nvs\n${written}`);
  check((await activeTabLabel(page)).length > 0, 'the workbench is responsive');
}

export function afterFitUiTests(workspaceDir) {
  const files = [TRAIN_CSV, NEW_CSV, MODEL, PREDICTIONS, 'e2e-after-fit-whatif.csv'].map((f) => join(workspaceDir, f));
  const cleanup = () => files.forEach((f) => rmSync(f, { force: true }));
  return [
    {
      name: 'Save Model… and Predict on Another CSV…: the dialogs offer names next to the data, the predictions open, every row is there and equals gauss-lab predict with the saved model',
      timeoutMs: 150_000,
      fn: async ({ page, shot }) => {
        cleanup();
        writeFileSync(files[0], trainCsv());
        writeFileSync(files[1], NEW_ROWS.join('\n') + '\n');
        try {
          await saveAndPredict(page, shot, files);
        } finally {
          // a dialog left open would take the next tests' keystrokes
          if (await page.locator('.quick-input-widget').isVisible().catch(() => false)) await page.keyboard.press('Escape');
          // the predictions' editor group beside the panel goes (the panel's group keeps the focus),
          // so the next tests find the one group they expect
          if ((await page.locator('.tab', { hasText: PREDICTIONS }).count()) > 0) {
            await runCommand(page, 'View: Close Editors in Other Groups').catch(() => {});
          }
        }
      },
    },
    {
      name: 'the what-if box: typed values give ŷ with its confidence and prediction intervals, equal to gauss-lab predict; robust standard errors; the residual and leverage plots',
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        const frame = visibleWebviewFrame(page);
        await frame.locator('[data-testid="dataset-label"]', { hasText: TRAIN_CSV }).waitFor({ timeout: 30_000 });
        const result = frame.getByTestId('whatif-result').locator('dl');
        await result.waitFor({ timeout: 30_000 });
        const before = await result.getAttribute('data-prediction');
        // Area is the first input: type 132.5 and commit
        const area = frame.getByTestId('whatif-0').locator('input');
        await area.scrollIntoViewIfNeeded();
        await area.fill('132.5');
        await area.press('Enter');
        await until(() => result.getAttribute('data-prediction'), (p) => p !== null && p !== before, 'the prediction follows the typed value');
        const hood = await frame.getByTestId('whatif-1').evaluate((e) => /** @type {any} */ (e).value);
        const prediction = await result.getAttribute('data-prediction');
        const confidence = (await result.getAttribute('data-confidence')).split(',');
        const interval = (await result.getAttribute('data-interval')).split(',');
        const ci = (await frame.getByTestId('whatif-confidence').innerText()).trim();
        const pi = (await frame.getByTestId('whatif-interval').innerText()).trim();
        check(/^\[.+, .+\]$/.test(ci) && /^\[.+, .+\]$/.test(pi), `both intervals are shown (got ${ci} and ${pi})`);
        check(Number(interval[0]) < Number(confidence[0]) && Number(confidence[1]) < Number(interval[1]), 'the prediction interval contains the confidence interval');
        await frame.getByTestId('what-if').scrollIntoViewIfNeeded();
        await shot('what-if box with both intervals');
        // the same row through the CLI, with the model file of this fit
        const one = files[4];
        writeFileSync(one, `Area,Neighborhood\n132.5,${hood}\n`);
        const row = (kind) => cli(['predict', files[2], one, '--interval', kind]).trimEnd().split('\n')[1].split(',');
        const c = row('confidence');
        const p = row('prediction');
        check(c[2] === prediction && p[2] === prediction, `ŷ equals the CLI's (${prediction} vs ${c[2]})`);
        check(c[3] === confidence[0] && c[4] === confidence[1], `the confidence interval equals the CLI's ([${confidence}] vs [${c[3]}, ${c[4]}])`);
        check(p[3] === interval[0] && p[4] === interval[1], `the prediction interval equals the CLI's ([${interval}] vs [${p[3]}, ${p[4]}])`);

        // the diagnostics plots: drawn, with every point's row in the data
        for (const name of ['residuals-fitted', 'leverage']) {
          await frame.locator(`[data-chart="${name}"][data-rendered="true"]`).waitFor({ timeout: 30_000 });
        }
        await frame.getByTestId('chart-leverage').scrollIntoViewIfNeeded();
        await shot('residuals against fitted and leverage with Cook distance');

        // robust standard errors: the summary names the covariance and the SEs change, the estimates do not
        const se = () => frame.locator('[data-testid="term-row"] td:nth-child(3)').allInnerTexts();
        const coef = () => frame.locator('[data-testid="term-row"]').evaluateAll((rows) => rows.map((r) => /** @type {HTMLElement} */ (r).dataset.estimate));
        const [se0, coef0] = [await se(), await coef()];
        const choice = frame.getByTestId('cov-type');
        await choice.scrollIntoViewIfNeeded();
        await choice.evaluate((e) => {
          /** @type {any} */ (e).value = 'HC3';
          e.dispatchEvent(new Event('change'));
        });
        await until(() => frame.getByTestId('stat-cov').innerText(), (t) => /HC3/.test(t), 'the summary names HC3');
        const [se1, coef1] = [await se(), await coef()];
        check(JSON.stringify(coef1) === JSON.stringify(coef0), 'the estimates stay');
        check(JSON.stringify(se1) !== JSON.stringify(se0), `the standard errors change (${se0} → ${se1})`);
        const fromCli = JSON.parse(cli(['fit', files[0], '--formula', 'Price ~ Area + Neighborhood', '--cov', 'HC3', '--json']));
        const shown = await se();
        fromCli.terms.forEach((t, i) => check(Math.abs(Number(shown[i]) - t.stdError) <= 1e-4 * Math.abs(t.stdError), `${t.name}: HC3 SE ${shown[i]} vs the CLI's ${t.stdError}`));
        await shot('HC3 standard errors');
        cleanup();
      },
    },
  ];
}
