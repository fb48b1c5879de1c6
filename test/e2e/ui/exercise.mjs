// UI tests of the training reference in the real workbench (issue 15): d2l's exercise 3 as a reader
// does it — New Sample Dataset → Laplace noise, Loss: absolute, Play with a constant η (SGD hovers
// around the LAD optimum), then a 1/t schedule (it settles) — and LAD's flat bottom, where the
// panel says the optimum is not unique and how far each coefficient ranges.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuickPick, runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { openCsv } from './panel.mjs';

const NEW_SAMPLE = 'Gauss Lab: New Sample Dataset';
export const FLAT_CSV = 'e2e-flat-bottom.csv';

const status = (frame) => frame.getByTestId('training-status').getAttribute('data-status');

/** Sets a panel select (a vscode-single-select) as a person's choice would: value, then change. */
async function choose(frame, testid, value) {
  const el = frame.getByTestId(testid);
  await el.scrollIntoViewIfNeeded();
  await el.evaluate((e, v) => {
    /** @type {any} */ (e).value = v;
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

async function typeInto(frame, testid, value) {
  const input = frame.getByTestId(testid).locator('input');
  await input.fill(String(value));
  await input.press('Enter');
}

/** Reset, Play, and the last step's ‖θ − θ*‖ once the run is done. */
async function runToEnd(frame) {
  await frame.getByTestId('reset').click();
  await until(() => frame.getByTestId('step-count').getAttribute('data-steps'), (n) => n === '0', 'reset to step 0');
  await frame.getByTestId('play').click();
  await until(() => status(frame), (s) => s === 'done', 'the run ends', 120_000);
  const metrics = await frame.getByTestId('training-metrics').innerText();
  const m = /‖θ\s−\sθ\*‖ (\S+)/.exec(metrics);
  check(m !== null, `the metrics show the distance (got "${metrics}")`);
  return Number(m[1]);
}

/** The later tests expect the panel on the d2l data, as the earlier ones left it. */
async function restoreD2l(page) {
  if (await page.locator('.quick-input-widget').isVisible().catch(() => false)) await page.keyboard.press('Escape');
  await openCsv(page, 'd2l-synthetic.csv').catch(() => {});
}

export function exerciseUiTests(workspaceDir) {
  return [
    {
      name: "exercise 3: Laplace noise with the absolute loss — a constant η hovers around the LAD optimum, a 1/t schedule settles onto it",
      timeoutMs: 300_000,
      fn: async ({ page, shot }) => {
        const file = join(workspaceDir, 'd2l-laplace.csv');
        rmSync(file, { force: true });
        try {
          await runCommand(page, NEW_SAMPLE, 30_000, { keepOpen: true });
          await answerQuickPick(page, 'Laplace noise');
          const frame = visibleWebviewFrame(page);
          await frame.locator('[data-testid="dataset-label"]', { hasText: 'd2l-laplace.csv' }).waitFor({ timeout: 30_000 });
          await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
          check(existsSync(file), 'd2l-laplace.csv was written into the workspace');
          // the walkthrough's settings: absolute loss, η = 0.1, 60 epochs, as fast as it goes
          await choose(frame, 'loss', 'absolute');
          await choose(frame, 'schedule', 'constant');
          await typeInto(frame, 'learning-rate', 0.1);
          await typeInto(frame, 'epochs', 60);
          await frame.locator('#pace-slider').fill('0');
          const constant = await runToEnd(frame);
          const label = frame.getByTestId('optimum-label');
          check((await label.getAttribute('data-label')) === 'LAD optimum', `the line is the LAD optimum (got "${await label.getAttribute('data-label')}")`);
          check(await frame.getByTestId('optimum-extent').isHidden(), 'this optimum is unique: no extent is shown');
          check(constant > 1e-3, `with a constant η the distance stays away from 0 (got ${constant})`);
          await frame.getByTestId('training-section').scrollIntoViewIfNeeded();
          await shot('Laplace noise, absolute loss, constant learning rate: SGD hovers');
          await choose(frame, 'schedule', 'inverse');
          const decaying = await runToEnd(frame);
          check(decaying < constant / 3, `a 1/t schedule settles several times closer (${decaying} vs ${constant} with a constant η)`);
          await frame.getByTestId('training-section').scrollIntoViewIfNeeded();
          await shot('Laplace noise, absolute loss, 1 over t schedule: SGD settles');
        } finally {
          await choose(visibleWebviewFrame(page), 'schedule', 'constant').catch(() => {});
          await choose(visibleWebviewFrame(page), 'loss', 'squared').catch(() => {});
          await restoreD2l(page);
          rmSync(file, { force: true });
        }
      },
    },
    {
      name: "LAD's flat bottom: the panel says the optimum is not unique and how far each coefficient ranges",
      timeoutMs: 90_000,
      fn: async ({ page, shot }) => {
        const file = join(workspaceDir, FLAT_CSV);
        // two rows at x = 0 and two at x = 1: every line through both vertical gaps fits equally well
        writeFileSync(file, 'x,y\n0,0\n0,1\n1,0\n1,1\n');
        try {
          const frame = await openCsv(page, FLAT_CSV);
          await choose(frame, 'loss', 'absolute');
          await frame.getByTestId('step').click();
          const extent = frame.getByTestId('optimum-extent');
          await extent.waitFor({ state: 'visible', timeout: 30_000 });
          const text = await extent.innerText();
          check(text.includes('(intercept) ∈ [0, 1], x ∈ [-1, 1]'), `the extent of the minimisers is shown (got "${text}")`);
          check(/not unique/i.test(text), `it says the optimum is not unique (got "${text}")`);
          await frame.getByTestId('training-section').scrollIntoViewIfNeeded();
          await shot('LAD optimum not unique, with the range of each coefficient');
          // back to the squared loss: unique, and the extent goes
          await choose(frame, 'loss', 'squared');
          await frame.getByTestId('step').click();
          await extent.waitFor({ state: 'hidden', timeout: 30_000 });
        } finally {
          await restoreD2l(page);
          rmSync(file, { force: true });
        }
      },
    },
  ];
}
