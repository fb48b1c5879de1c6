// UI tests of the playground's features in the real workbench: the d2l CSV's summary, live
// training (Play, Step, divergence), hostile column names, and the normal explorer. Each
// asserts inside the webview; screenshots at each view go to the results folder.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { animatedPng, frameCount } from '../../../scripts/e2e/apng.mjs';
import { axeViolations, describeViolations } from '../../../scripts/e2e/axe.mjs';
import { answerQuickPick, runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { openCsv } from './panel.mjs';

const NORMAL = 'Gauss Lab: Normal Distribution Explorer';
/** OLS of examples/d2l-synthetic.csv (as `gauss-lab fit` prints it): b, w1, w2. */
const D2L = [
  ['4.2002', 4.2002],
  ['1.9998', 1.9998],
  ['-3.3995', -3.3995],
];
// Markup in the file name too ('/' cannot be in a file name, so the tag stays open).
export const HOSTILE_CSV = 'e2e-hostile-<i>columns.csv';
export const LARGE_CSV = 'e2e-large-sample.csv';
const LARGE_ROWS = 20_000;
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
/** A 10,000-character column name. */
const LONG_NAME = `long${'n'.repeat(9_996)}`;



const steps = async (frame) => Number(await frame.getByTestId('step-count').getAttribute('data-steps'));
const status = (frame) => frame.getByTestId('training-status').getAttribute('data-status');


/** Resets training and waits for the reset to be shown (step 0, idle). */
async function reset(frame) {
  await frame.getByTestId('reset').click();
  await until(async () => [await status(frame), await steps(frame)], ([s, n]) => s === 'idle' && n === 0, 'training reset to step 0');
}

/** A fresh run to watch: reset, then the epochs and the pace (steps per second) given, and η when given. */
async function newRun(frame, { epochs, pace, learningRate }) {
  await reset(frame);
  if (learningRate !== undefined) await setLearningRate(frame, learningRate);
  const input = frame.getByTestId('epochs').locator('input');
  await input.fill(String(epochs));
  await input.press('Enter');
  await frame.locator('#pace-slider').fill(String(pace));
}

/** Types a learning rate into η's field and commits it (Enter). */
async function setLearningRate(frame, value) {
  const input = frame.getByTestId('learning-rate').locator('input');
  await input.fill(String(value));
  await input.press('Enter');
}

export const d2lSummary = {
  name: 'the summary table shows the OLS coefficients of examples/d2l-synthetic.csv',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = await openCsv(page, 'd2l-synthetic.csv');
    for (const [i, [text, value]] of D2L.entries()) {
      const cell = frame.getByTestId(`coef-${i}`);
      const shown = (await cell.innerText()).trim();
      check(shown === text, `coefficient ${i} reads ${text} (got ${shown})`);
      const exact = Number(await frame.locator(`[data-testid="term-row"][data-term-index="${i}"]`).getAttribute('data-estimate'));
      check(Math.abs(exact - value) < 1e-4, `coefficient ${i} ≈ ${value} (got ${exact})`);
    }
    check((await frame.getByTestId('stat-r-squared').innerText()).trim() === '1', 'R² reads 1');
    await frame.locator('[data-chart="neuron"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    await frame.locator('[data-chart="landscape"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    await shot('summary of d2l-synthetic.csv');
    await frame.getByTestId('charts-section').scrollIntoViewIfNeeded();
    await shot('charts of d2l-synthetic.csv');
  },
};

export const landscapeAxes = {
  name: 'the loss landscape draws contour lines, and choosing its parameters changes the axes',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    const box = frame.getByTestId('chart-landscape');
    await frame.locator('[data-chart="landscape"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    await box.scrollIntoViewIfNeeded();
    check(Number(await box.getAttribute('data-contour-lines')) >= 12, `at least 12 contour lines (got ${await box.getAttribute('data-contour-lines')})`);
    check((await box.getAttribute('data-x-title')) === 'w (x1)' && (await box.getAttribute('data-y-title')) === 'w (x2)', 'the landscape starts over (w (x1), w (x2))');
    check((await box.locator('canvas').count()) === 1, 'the landscape is drawn');
    await shot('loss landscape contours over (w1, w2)');
    // choose the intercept for the horizontal axis (the vertical stays w (x2))
    await frame.getByTestId('landscape-a').evaluate((el) => {
      /** @type {any} */ (el).value = '0';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(async () => [await box.getAttribute('data-x-title'), await box.getAttribute('data-y-title')], ([x, y]) => x === 'b' && y === 'w (x2)', 'the axes to become (b, w (x2))');
    await frame.locator('[data-chart="landscape"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    check(Number(await box.getAttribute('data-contour-lines')) >= 12, 'contour lines over (b, w2)');
    check(/over b and w \(x2\)/.test(await frame.locator('figure.fig-landscape figcaption').innerText()), 'the caption names the new axes');
    check((await frame.getByTestId('landscape-a').evaluate((el) => /** @type {any} */ (el).value)) === '0', 'the selector shows the new axis');
    await shot('loss landscape contours over (b, w2)');
    // back to (w1, w2) for the tests that follow
    await frame.getByTestId('landscape-a').evaluate((el) => {
      /** @type {any} */ (el).value = '1';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(async () => box.getAttribute('data-x-title'), (x) => x === 'w (x1)', 'the axes back to (w (x1), w (x2))');
  },
};

/**
 * The README's moving picture: d2l's run (η 0.03, batch 10, 3 epochs) on its synthetic data, the
 * training line and the loss and distance charts recorded from the real workbench as an animated
 * PNG (frames from screenshots, scripts/e2e/apng.mjs), written beside the screenshots as
 * live-sgd.png. docs/screenshots/live-sgd.png is a copy of it.
 */
export const recordsLiveSgd = {
  name: 'live SGD on the d2l data, recorded as an animated PNG for the README',
  timeoutMs: 120_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    await newRun(frame, { epochs: 3, pace: 40, learningRate: 0.03 });
    const line = frame.locator('.training-line');
    const grid = frame.getByTestId('training-section').locator('.chart-grid');
    await grid.scrollIntoViewIfNeeded();
    const [a, b] = [await line.boundingBox(), await grid.boundingBox()];
    check(a !== null && b !== null, 'the training line and charts are on screen');
    const x = Math.floor(Math.min(a.x, b.x)) - 8;
    const y = Math.floor(a.y) - 8;
    const clip = { x, y, width: Math.ceil(Math.max(a.x + a.width, b.x + b.width)) - x + 8, height: Math.ceil(b.y + b.height) - y + 8 };
    const frames = [await page.screenshot({ clip })];
    await frame.getByTestId('play').click();
    // a frame every 300 ms while it plays (300 steps at 40 steps/s ≈ 7.5 s), then the end; how
    // many depends on the machine's speed, so no count is asserted (the README's copy has 12)
    for (let k = 0; k < 40 && (await status(frame)) !== 'done'; k++) {
      await new Promise((r) => setTimeout(r, 300));
      frames.push(await page.screenshot({ clip }));
    }
    await until(() => status(frame), (st) => st === 'done', 'the run ends after 3 epochs', 30_000);
    frames.push(await page.screenshot({ clip }));
    check(!frames[0].equals(frames.at(-1)), 'the charts changed between the first and the last frame');
    const file = join(dirname(await shot('live SGD done')), 'live-sgd.png');
    const apng = animatedPng(frames, { delayMs: frames.map((_, k) => (k === frames.length - 1 ? 2500 : 300)) });
    writeFileSync(file, apng);
    check(frameCount(apng) === frames.length, 'the animated PNG holds every frame');
    // small enough for a README: a budget, not a speed
    check(apng.length <= 3 * 1024 * 1024, `the animated PNG is at most 3 MB (got ${(apng.length / 1024).toFixed(0)} KB)`);
    console.log(`  [readme] ${file}: ${frames.length} frames, ${clip.width}×${clip.height}, ${(apng.length / 1024).toFixed(0)} KB`);
  },
};

/** The themes the panel is checked in, with the class VS Code gives the webview's body. */
const AXE_THEMES = [
  ['Light Modern', 'vscode-light'],
  ['Dark Modern', 'vscode-dark'],
  ['Dark High Contrast', 'vscode-high-contrast'],
  ['Light High Contrast', 'vscode-high-contrast-light'],
];

/**
 * axe-core's WCAG 2.2 A and AA checks on the webview as it is now, in each theme (back to Light
 * Modern at the end); fails with every violation of every theme.
 */
async function checkAccessible(page, frame, shot, what) {
  const found = [];
  try {
    for (const [theme, bodyClass] of AXE_THEMES) {
      if (theme !== 'Light Modern') {
        await setTheme(page, theme);
        await until(() => frame.locator('body').getAttribute('class'), (c) => (c ?? '').split(/\s+/).includes(bodyClass), `the ${theme} theme applied`);
      }
      const violations = await axeViolations(frame);
      await shot(`${what} axe ${theme}`);
      if (violations.length) found.push(`${theme}: ${violations.length} violation(s)\n${describeViolations(violations)}`);
    }
  } finally {
    await setTheme(page, 'Light Modern');
    await until(() => frame.locator('body').getAttribute('class'), (c) => (c ?? '').split(/\s+/).includes('vscode-light'), 'back to Light Modern');
  }
  check(found.length === 0, `axe-core finds no violations in the ${what}:\n${found.join('\n')}`);
}

/** The playground as it is after training (fit, summary, charts, training charts), in four themes. */
export const playgroundAccessible = {
  name: 'the playground passes axe-core\'s WCAG 2.2 A and AA checks in light, dark and both high-contrast themes',
  timeoutMs: 180_000,
  fn: async ({ page, shot }) => checkAccessible(page, visibleWebviewFrame(page), shot, 'playground'),
};

export const playTrains = {
  name: 'Play trains: the loss chart updates live, η changes without a reset',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    // A long run at the fastest pace the slider offers (240 steps/s). How long the webview's tasks take
    // under this load is measured by `npm run bench` (perf phase), never asserted here.
    await newRun(frame, { epochs: 200, pace: 240, learningRate: 0.03 });
    const points = () => frame.getByTestId('loss-chart').getAttribute('data-points').then(Number);
    // The loss chart streams on a canvas: its pixels must change as points arrive.
    const pixels = () => frame.locator('[data-chart="loss"] canvas').evaluate((c) => /** @type {HTMLCanvasElement} */ (c).toDataURL());
    await frame.getByTestId('play').click();
    await until(() => status(frame), (s) => s === 'playing' || s === 'done', 'status playing');
    const p1 = await until(points, (n) => n >= 5, 'loss points drawn');
    const before = await pixels();
    await until(points, (n) => n > p1 + 5, 'more loss points');
    await until(pixels, (now) => now !== before, 'the loss chart redraws with the new points');
    // η changes while playing: the run goes on (no reset) with the new rate.
    const stepsBefore = await steps(frame);
    await setLearningRate(frame, 0.01);
    const metrics = frame.getByTestId('training-metrics');
    await until(() => metrics.innerText(), (t) => /η 0\.01\b/.test(t), 'the metrics show η 0.01');
    const stepsAfter = await steps(frame);
    check(stepsAfter >= stepsBefore && (await status(frame)) === 'playing', `training went on without a reset (${stepsBefore} → ${stepsAfter} steps)`);
    const pointsAfter = await points();
    await until(() => steps(frame), (n) => n > stepsAfter + 240, 'training continues at the new η', 40_000);
    await until(points, (n) => n > pointsAfter, 'the loss chart keeps receiving points');
    await frame.getByTestId('training-section').scrollIntoViewIfNeeded();
    await shot('training live');
    await frame.getByTestId('pause').click();
    await until(() => status(frame), (s) => s === 'paused' || s === 'done', 'paused');
    await shot('training paused');
  },
};

export const keyboardShortcuts = {
  name: 'keyboard shortcuts: Space plays and pauses, → steps, R resets (not while typing in a field)',
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    await reset(frame);
    // a click on the section's heading: the page has focus, no control does
    const heading = frame.getByRole('heading', { name: '3. Live minibatch SGD' });
    await heading.click();
    await page.keyboard.press('ArrowRight');
    await until(() => steps(frame), (n) => n === 1, 'one step after →');
    await page.keyboard.press(' ');
    await until(() => status(frame), (st) => st === 'playing' || st === 'done', 'playing after Space');
    await page.keyboard.press(' ');
    await until(() => status(frame), (st) => st === 'paused' || st === 'done', 'paused after Space');
    await page.keyboard.press('r');
    await until(async () => [await status(frame), await steps(frame)], ([st, n]) => st === 'idle' && n === 0, 'reset after R');
    // typed into η's field, the same keys are text
    const lr = frame.getByTestId('learning-rate').locator('input');
    await lr.click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('r');
    check((await steps(frame)) === 0 && (await status(frame)) === 'idle', 'keys typed in a field are not shortcuts');
    await lr.fill('0.03');
    await lr.press('Enter');
    const help = await frame.getByTestId('shortcuts').getAttribute('title');
    check(/Space/.test(help ?? '') && /→/.test(help ?? '') && /\bR\b/.test(help ?? ''), `the shortcuts are listed in a hover (got "${help}")`);
    check((await frame.getByTestId('play').getAttribute('aria-keyshortcuts')) === 'Space', 'Play announces its key to screen readers');
    await shot('shortcuts');
  },
};

export const reducedMotionCalms = {
  name: 'with reduced motion asked for, the live charts redraw at most once a second while the data keep arriving',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await newRun(frame, { epochs: 200, pace: 240 });
      const box = frame.getByTestId('loss-chart');
      // read at once: a redraw between two reads would pair one draw's count with another's time
      const drawn = () => box.evaluate((e) => ({ draws: Number(e.dataset.draws ?? 0), at: Number(e.dataset.drawnAt), points: Number(e.dataset.points) }));
      await frame.getByTestId('play').click();
      // two redraws while it plays, timed by the webview's own clock: calm ones are at least 1 s
      // apart (every frame, 16 ms, without reduced motion); a busy machine only makes them later
      const d0 = (await drawn()).draws;
      const first = await until(drawn, (d) => d.draws > d0, 'a redraw while playing', 30_000);
      const second = await until(drawn, (d) => d.draws > first.draws, 'another redraw while playing', 30_000);
      await frame.getByTestId('pause').click();
      check(second.points > first.points, `the data keep arriving (${first.points} → ${second.points} points)`);
      const gap = (second.at - first.at) / (second.draws - first.draws);
      check(gap >= 990, `redraws at least a second apart (got ${gap.toFixed(0)} ms on average)`);
      await shot('reduced motion');
    } finally {
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
  },
};

/** A long Features list: the filter shows the columns whose name matches, None and All act on those only. */
export const featureTools = {
  name: 'a long Features list has a filter, All and None (examples/kaggle-houses.csv, 10 offered columns)',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = await openCsv(page, 'kaggle-houses.csv');
    const visible = () => frame.locator('[data-testid="feature"]').evaluateAll((cbs) => cbs.filter((c) => !c.closest('[hidden]')).map((c) => /** @type {HTMLElement} */ (c).dataset.column));
    const ticked = () => frame.locator('[data-testid="feature"]').evaluateAll((cbs) => cbs.filter((c) => /** @type {any} */ (c).checked).map((c) => /** @type {HTMLElement} */ (c).dataset.column));
    const all = await visible();
    check(all.length >= 8, `the tools are there for ${all.length} columns`);
    const filter = frame.getByTestId('feature-filter').locator('input');
    await filter.fill('area');
    const areas = await until(visible, (v) => v.length === 3, 'three columns match "area"');
    check(areas.every((n) => /area/i.test(n)), `only names with "area" (got ${JSON.stringify(areas)})`);
    await shot('filtered');
    const others = (await ticked()).filter((n) => !areas.includes(n));
    await frame.getByTestId('features-none').click();
    await until(ticked, (t) => t.every((n) => !areas.includes(n)), 'None unticks the columns shown');
    check(JSON.stringify((await ticked()).filter((n) => !areas.includes(n))) === JSON.stringify(others), 'None leaves the hidden columns as they were');
    check((await visible()).length === 3, 'the filter is kept after the model is fitted again');
    await frame.getByTestId('features-all').click();
    await until(ticked, (t) => areas.every((n) => t.includes(n)), 'All ticks the columns shown');
    await filter.fill('');
    await until(visible, (v) => v.length === all.length, 'every column shown again');
    check(!(await ticked()).includes('Id'), 'the id column stays unticked');
    await shot('all');
  },
};

/** After a run: each chart says what it shows in words with its numbers, and opens as a table. */
export const chartsInWords = {
  name: 'every chart has words with its numbers (its accessible name) and a "Show as table"',
  timeoutMs: 60_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    const n = await steps(frame);
    check(n > 0, 'a run to describe');
    const loss = (await frame.getByTestId('chart-summary-loss').innerText()).trim();
    check(new RegExp(`^After ${n.toLocaleString('en-US')} minibatch steps the minibatch loss is [-0-9.e]+`).test(loss), `the loss chart's words state the step and the loss (got "${loss}")`);
    // the canvas chart is a graphic named by its caption and its words
    const box = frame.getByTestId('loss-chart');
    check(['graphics-document', 'img'].includes((await box.getAttribute('role')) ?? ''), 'the loss chart is a graphic to assistive technology');
    const named = await box.evaluate((e) => (e.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    check(named.includes('Loss per minibatch') && named.includes(loss), `its accessible name is its caption and words (got "${named}")`);
    // the distance chart's table holds what it draws, one row per point
    const points = Number(await frame.getByTestId('distance-chart').evaluate(() => document.querySelector('[data-testid="chart-summary-distance"]')?.textContent?.match(/after ([\d,]+) steps/)?.[1]?.replace(/,/g, '') ?? 'NaN'));
    check(points === n, `the distance words name the last step (${points} vs ${n})`);
    const table = frame.getByTestId('chart-table-distance');
    await table.locator('summary').click();
    const rows = await table.locator('tbody tr').count();
    check(rows > 0 && rows <= 200, `the table shows the chart's points (${rows} rows)`);
    const last = await table.locator('tbody tr').first().locator('td').first().innerText();
    check(last.trim() === '1', `the first row is step 1 (got "${last}")`);
    await table.locator('summary').click();
    // the fitted charts too: the residual histogram states σ̂, the landscape where SGD is
    for (const [name, pattern] of [['residuals', /σ̂ = [0-9.e-]+/], ['landscape', /the SGD path has [\d,]+ points and is now at \(/], ['neuron', /y ≈ /]]) {
      const words = (await frame.getByTestId(`chart-summary-${name}`).innerText()).trim();
      check(pattern.test(words), `the ${name} chart's words (got "${words}")`);
    }
    await frame.getByTestId('chart-table-residuals').locator('summary').click();
    await frame.getByTestId('chart-table-residuals').scrollIntoViewIfNeeded();
    await shot('residuals as a table');
    await frame.getByTestId('chart-table-residuals').locator('summary').click();
  },
};

export const stepOnce = {
  name: 'Step advances exactly one minibatch',
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    await reset(frame);
    for (const expected of [1, 2, 3]) {
      // the third Step from the keyboard (Enter on the focused button)
      if (expected === 3) await frame.getByTestId('step').press('Enter');
      else await frame.getByTestId('step').click();
      await until(() => steps(frame), (n) => n >= expected, `step count ${expected}`);
      // The reply to one click has arrived; a second frame later it must still be exactly that.
      await frame.locator('body').evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const n = await steps(frame);
      check(n === expected, `after ${expected} Step clicks the step count is ${expected} (got ${n})`);
    }
    await shot('three single steps');
  },
};

/** A learning rate as the number policy writes it (src/core/number-format.ts: 3 significant digits, no padding). */
const LEARNING_RATE = /^(\d+(\.\d*[1-9])?|\d(\.\d*[1-9])?e-?\d+)$/;
/** Powers of ten on a log axis: 10⁻², 10⁰, 10¹² (one way at every size). */
const POWER_OF_TEN = /^10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/;

/** The visible tick labels of a chart's axes (webview/charts.ts axisLabels: canvas charts too), by axis title. */
const axisLabels = (frame, chart) => frame.locator(`[data-chart="${chart}"]`).evaluate((el) => /** @type {any} */ (el).axisLabels());

/** Labels of one axis that overlap (their boxes intersect), as "a / b" pairs. */
function collisions(labels) {
  const out = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i], labels[j]];
      if (a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5) out.push(`${a.text} / ${b.text}`);
    }
  }
  return out;
}

export const divergence = {
  name: 'a diverging η: the message says so once, names η as its button does, and the loss axes read 10ⁿ and whole steps',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    await reset(frame);
    await setLearningRate(frame, 50);
    await frame.getByTestId('play').click();
    const box = frame.getByTestId('divergence');
    await box.waitFor({ state: 'visible', timeout: 60_000 });
    check((await status(frame)) === 'diverged', 'status is diverged');
    const text = await box.innerText();
    check((text.match(/diverged/gi) ?? []).length === 1, `the message says it diverged once (got "${text}")`);
    check(/with η = 50\b/.test(text) && !/50\.0/.test(text), `the η that diverged reads 50, not 50.0 (got "${text}")`);
    const tried = /try η = ([^,\s]+),/.exec(text)?.[1];
    const button = (await frame.getByTestId('use-suggested-lr').innerText()).trim();
    const offered = /^Use η = (\S+) and reset$/.exec(button)?.[1];
    check(tried !== undefined && tried === offered, `the message's η and its button's are spelt the same (message ${tried}, button "${button}")`);
    check(LEARNING_RATE.test(offered ?? ''), `the suggested η follows the policy: up to 3 significant digits, no trailing zeros (got ${offered})`);
    const suggested = Number(await box.getAttribute('data-suggested'));
    check(suggested > 0 && suggested < 50, `a smaller η is suggested (got ${suggested})`);
    // the loss climbed through many decades in a few steps: the axes that read it at a glance
    await until(() => axisLabels(frame, 'loss'), (a) => Object.keys(a).length >= 2, 'the loss chart drawn with its axes');
    const axes = await axisLabels(frame, 'loss');
    const [yTitle, yLabels] = Object.entries(axes).find(([t]) => /log/.test(t)) ?? [];
    const [, xLabels] = Object.entries(axes).find(([t]) => /minibatch step/.test(t)) ?? [];
    check(yLabels?.length >= 2 && yLabels.every((l) => POWER_OF_TEN.test(l.text)), `the log axis (${yTitle}) labels powers of ten one way (got ${JSON.stringify(yLabels?.map((l) => l.text))})`);
    check(xLabels?.length >= 1 && xLabels.every((l) => /^\d[\d,]*$/.test(l.text)), `the step axis has whole steps only (got ${JSON.stringify(xLabels?.map((l) => l.text))})`);
    for (const [title, labels] of Object.entries(axes)) check(collisions(labels).length === 0, `no labels overlap on ${title} (${collisions(labels).join(', ')})`);
    await box.scrollIntoViewIfNeeded();
    await shot('divergence message');
    await frame.getByTestId('use-suggested-lr').click();
    await box.waitFor({ state: 'hidden', timeout: 30_000 });
    const lr = Number(await frame.getByTestId('learning-rate').locator('input').inputValue());
    check(Math.abs(lr - suggested) / suggested < 0.01, `η is now the suggested ${suggested} (got ${lr})`);
  },
};

/**
 * The panel as a designer reviews it (docs/design-review.md): at 500 px wide and at full width, in
 * the light and the dark theme, after a short run. At 500 px nothing scrolls sideways and no axis
 * labels collide on any chart. The four screenshots are docs/screenshots/panel-{500,full}-{light,dark}.png.
 */
export const narrowAndWide = {
  name: 'the panel at 500 px and at full width, light and dark: no sideways scroll, no colliding axis labels (screenshots for the design review)',
  timeoutMs: 180_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    await newRun(frame, { epochs: 1, pace: 0 });
    await frame.getByTestId('play').click();
    await until(() => status(frame), (st) => st === 'done', 'a short run to draw', 60_000);
    const width = () => frame.locator('body').evaluate((b) => b.clientWidth);
    // the screenshots show the training line and the top of its charts
    const showCharts = () => frame.getByTestId('training-status').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const full = page.viewportSize();
    /** Checks the panel as it is now (`label`), then shows the training line and charts and takes the screenshot `name`. */
    const look = async (label, name) => {
      const overflow = await frame.locator('body').evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(overflow <= 1, `${label}: nothing scrolls sideways (${overflow} px too wide)`);
      const charts = await frame.locator('[data-chart][data-rendered="true"]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-chart'), /** @type {any} */ (el).axisLabels()]));
      check(charts.length >= 4, `${label}: the charts are drawn (${charts.length})`);
      for (const [chart, axes] of charts) for (const [title, labels] of Object.entries(axes)) check(collisions(labels).length === 0, `${label}: no labels collide on ${chart}'s ${title} axis (${collisions(labels).join(', ')})`);
      await showCharts();
      await shot(name);
    };
    try {
      await page.setViewportSize({ width: full.width - ((await width()) - 500), height: full.height });
      await until(width, (w) => Math.abs(w - 500) <= 24, 'the panel 500 px wide');
      await look('500 px, light', 'panel-500-light');
      await setTheme(page, 'Dark Modern');
      await look('500 px, dark', 'panel-500-dark');
    } finally {
      await page.setViewportSize(full);
    }
    await until(width, (w) => w > 900, 'the panel at full width again');
    await look('full width, dark', 'panel-full-dark');
    await setTheme(page, 'Light Modern');
    await look('full width, light', 'panel-full-light');
  },
};

export function hostileColumns(workspaceDir) {
  return {
    name: 'hostile column names, values and file name (markup, javascript: URL, RTL override, 10,000 characters) render as text',
    timeoutMs: 90_000,
    fn: async ({ page, shot }) => {
      const rows = [`"${HOSTILE_NAME}","<b>bold</b> & ""q""",y,note,javascript:alert(2),\u202Eevil.exe,${LONG_NAME}`];
      for (let i = 0; i < 40; i++) rows.push(`${i / 10},${Math.sin(i)},${3 * (i / 10) + 1 + 0.1 * Math.cos(i * 7)},<script>alert(${i})</script>,${i % 3},${i % 5},${i % 7}`);
      writeFileSync(join(workspaceDir, HOSTILE_CSV), rows.join('\n') + '\n');
      const frame = await openCsv(page, HOSTILE_CSV);
      const alerts = [];
      page.on('dialog', (d) => {
        alerts.push(d.message());
        void d.dismiss();
      });
      // The name is shown literally (text), and no element was created from it.
      await frame.locator('[data-testid="feature"]', { hasText: HOSTILE_NAME }).first().waitFor({ timeout: 20_000 });
      check((await frame.locator('img').count()) === 0, 'no <img> element exists in the webview');
      check((await frame.locator('b').count()) === 0, 'no <b> element exists in the webview');
      check((await frame.locator('i').count()) === 0, 'no <i> element from the file name exists in the webview');
      check((await frame.locator('a[href^="javascript"], [src^="javascript"]').count()) === 0, 'no javascript: URL became a link or a source');
      const label = (await frame.getByTestId('dataset-label').innerText()).trim();
      check(label.includes(HOSTILE_CSV), `the file name is shown literally (got "${label.slice(0, 200)}")`);
      const features = await frame.locator('[data-testid="feature"]').allInnerTexts();
      // The RTL override is shown as a visible mark, so "\u202Eevil.exe" cannot pass for "exe.live".
      for (const name of ['javascript:alert(2)', '⟨U+202E⟩evil.exe', LONG_NAME]) {
        check(features.some((f) => f.trim() === name), `the column ${JSON.stringify(name.slice(0, 40))}${name.length > 40 ? '…' : ''} is listed literally`);
      }
      check(!(await frame.locator('body').innerText()).includes('\u202E'), 'no bidirectional override reaches the page text');
      const nonNumeric = await frame.getByTestId('non-numeric').innerText();
      check(nonNumeric.includes('note'), `the text column is listed as not numeric (got "${nonNumeric}")`);
      // Select the hostile feature so it reaches the charts, then find it as SVG text.
      const cb = frame.locator('[data-testid="feature"]', { hasText: HOSTILE_NAME }).first();
      const others = frame.locator('[data-testid="feature"]');
      for (let i = 0; i < (await others.count()); i++) {
        const el = others.nth(i);
        const text = (await el.innerText()).trim();
        const on = await el.evaluate((e) => /** @type {any} */ (e).checked);
        if ((text === HOSTILE_NAME) !== on) await el.click();
      }
      await until(() => frame.locator('[data-testid="term-row"]').count(), (n) => n === 2, 'a one-feature fit (2 terms)', 30_000);
      await cb.waitFor();
      const term = (await frame.locator('[data-testid="term-row"][data-term-index="1"] th').innerText()).trim();
      check(term.startsWith(HOSTILE_NAME), `the term is named literally (got "${term}")`);
      await frame.locator('[data-chart="data-fit"][data-rendered="true"]').waitFor({ timeout: 30_000 });
      const axisTitles = await frame.locator('[data-chart="data-fit"] .role-axis-title text').allTextContents();
      check(axisTitles.includes(HOSTILE_NAME), `the x-axis title is the literal name (got ${JSON.stringify(axisTitles)})`);
      check(alerts.length === 0, `no script ran (dialogs: ${alerts.join(', ')})`);
      await shot('hostile names as text');
      await frame.getByTestId('charts-section').scrollIntoViewIfNeeded();
      await shot('hostile names in charts');
    },
  };
}

export function normalExplorer(workspaceDir) {
  return {
    name: 'the normal explorer draws d2l’s three curves and a sample histogram, and passes axe-core\'s checks in four themes',
    timeoutMs: 180_000,
    fn: async ({ page, shot }) => {
      try {
        await runCommand(page, NORMAL);
        const frame = visibleWebviewFrame(page);
        await frame.getByRole('heading', { name: 'Normal Distribution Explorer' }).waitFor({ timeout: 30_000 });
        const chart = frame.locator('[data-chart="normal"][data-rendered="true"]');
        await chart.waitFor({ timeout: 30_000 });
        const labels = (await frame.getByTestId('pair-label').allInnerTexts()).map((t) => t.trim());
        check(JSON.stringify(labels) === JSON.stringify(['1: μ = 0, σ = 1', '2: μ = 0, σ = 2', '3: μ = 3, σ = 1']), `d2l's pairs (got ${JSON.stringify(labels)})`);
        const curves = await chart.locator('.mark-line.role-mark path').count();
        check(curves === 3, `three pdf curves are drawn (got ${curves})`);
        // colour is not the only difference: each curve has its own dash pattern
        const dashes = await chart.locator('.mark-line.role-mark path').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke-dasharray') ?? 'solid'));
        check(new Set(dashes).size === 3, `three dash patterns (got ${JSON.stringify(dashes)})`);
        const legend = await chart.locator('.role-legend-label text').allTextContents();
        check(legend.length === 3, `three legend entries (got ${JSON.stringify(legend)})`);
        const bars = await chart.locator('.mark-rect.role-mark path').count();
        check(bars >= 10, `a sample histogram is drawn (got ${bars} bars)`);
        await shot('normal explorer');
        await checkAccessible(page, frame, shot, 'normal explorer');
        await frame.getByTestId('add-pair').click();
        await until(() => chart.locator('.mark-line.role-mark path').count(), (n) => n === 4, 'a fourth curve after "Add"');
        await frame.getByTestId('remove-pair-4').click();
        await until(() => chart.locator('.mark-line.role-mark path').count(), (n) => n === 3, 'three curves after "Remove"');
      } finally {
        rmSync(join(workspaceDir, HOSTILE_CSV), { force: true });
      }
    },
  };
}

export function errorScreen(workspaceDir) {
  return {
    name: 'an error is a screen: deleting the open CSV shows what happened and what to try',
    fn: async ({ page, shot }) => {
      const frame = visibleWebviewFrame(page);
      rmSync(join(workspaceDir, HOSTILE_CSV), { force: true });
      const box = frame.getByTestId('error');
      await box.waitFor({ state: 'visible', timeout: 30_000 });
      const message = (await frame.getByTestId('error-message').innerText()).trim();
      check(message.includes(HOSTILE_CSV), `the error names the file (got "${message}")`);
      check((await frame.getByTestId('error-hint').count()) === 1, 'the error has a hint');
      await shot('error screen');
      await frame.getByTestId('dismiss-error').click();
      await box.waitFor({ state: 'hidden', timeout: 10_000 });
    },
  };
}

/** Switches VS Code's colour theme through the palette, as a person would. */
async function setTheme(page, theme) {
  await runCommand(page, 'Preferences: Color Theme', 30_000, { keepOpen: true });
  await answerQuickPick(page, theme);
}

export const followsTheme = {
  name: 'charts and controls follow the colour theme (Dark High Contrast, then back to Light Modern)',
  timeoutMs: 90_000,
  fn: async ({ page, shot }) => {
    const frame = visibleWebviewFrame(page);
    const label = frame.locator('[data-chart="residuals"] .role-axis-label text').first();
    const look = async () => ({
      body: await frame.locator('body').getAttribute('class'),
      fg: await frame.locator('body').evaluate((b) => getComputedStyle(b).getPropertyValue('--vscode-editor-foreground').trim().toLowerCase()),
      fill: (await label.getAttribute('fill'))?.toLowerCase(),
    });
    const before = await look();
    check(before.fill === before.fg, `axis labels use the theme's foreground (${JSON.stringify(before)})`);
    try {
      await setTheme(page, 'Dark High Contrast');
      const after = await until(look, (l) => /vscode-high-contrast/.test(l.body ?? '') && l.fill === l.fg && l.fill !== before.fill, 'charts re-drawn in the high-contrast colours');
      check(after.fg !== before.fg, `the foreground changed (${before.fg} → ${after.fg})`);
      await frame.getByTestId('summary-section').scrollIntoViewIfNeeded();
      await shot('high contrast summary');
      await frame.getByTestId('charts-section').scrollIntoViewIfNeeded();
      await shot('high contrast charts');
    } finally {
      await setTheme(page, 'Light Modern');
    }
    await until(look, (l) => /vscode-light/.test(l.body ?? '') && l.fill === l.fg, 'charts back in light-theme colours');
  },
};

/** Clicks feature checkboxes until exactly `wanted` are checked (by column name). */
async function chooseFeatures(frame, wanted) {
  const boxes = frame.locator('[data-testid="feature"]');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const name = await box.getAttribute('data-column');
    const on = await box.evaluate((e) => /** @type {any} */ (e).checked);
    if (wanted.includes(name) !== on) {
      await box.click();
      // the form is rebuilt after each design change: wait for it to show this box's new state
      await frame.locator(`[data-testid="feature"][data-column="${name}"]`).evaluate((e, want) => new Promise((r) => {
        const t = setInterval(() => { if (/** @type {any} */ (e).isConnected && /** @type {any} */ (e).checked === want) { clearInterval(t); r(undefined); } }, 50);
        setTimeout(() => { clearInterval(t); r(undefined); }, 5_000);
      }), !on).catch(() => {});
    }
  }
}

export function constantModel(workspaceDir) {
  return {
    name: 'selecting no features fits the constant model and says its estimate is the mean',
    timeoutMs: 60_000,
    fn: async ({ page, shot }) => {
      const frame = visibleWebviewFrame(page);
      const lines = readFileSync(join(workspaceDir, 'd2l-synthetic.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
      const mean = lines.reduce((s, l) => s + Number(l.split(',')[2]), 0) / lines.length;
      try {
        await chooseFeatures(frame, []);
        await until(() => frame.locator('[data-testid="term-row"]').count(), (n) => n === 1, 'a one-term (constant) fit');
        const note = await frame.getByTestId('constant-model').innerText();
        check(/mean/i.test(note), `the Data section says the estimate is the mean (got "${note}")`);
        const estimate = Number(await frame.locator('[data-testid="term-row"][data-term-index="0"]').getAttribute('data-estimate'));
        check(Math.abs(estimate - mean) < 1e-9 * Math.max(1, Math.abs(mean)), `the constant is the mean of y, ${mean} (got ${estimate})`);
        await frame.getByTestId('summary-section').scrollIntoViewIfNeeded();
        await shot('constant model');
      } finally {
        await chooseFeatures(frame, ['x1', 'x2']);
        await until(() => frame.locator('[data-testid="term-row"]').count(), (n) => n === 3, 'both features back (3 terms)');
      }
    },
  };
}

export function largeSample(workspaceDir) {
  return {
    name: 'a large file is plotted from a uniform sample with a visible "showing … of … rows" note',
    timeoutMs: 90_000,
    fn: async ({ page, shot }) => {
      const rows = ['x,y'];
      for (let i = 0; i < LARGE_ROWS; i++) rows.push(`${(i % 1000) / 100},${(3 * (i % 1000)) / 100 + 1 + Math.sin(i)}`);
      writeFileSync(join(workspaceDir, LARGE_CSV), rows.join('\n') + '\n');
      try {
        const frame = await openCsv(page, LARGE_CSV);
        const note = frame.getByTestId('sample-note');
        await note.waitFor({ state: 'visible', timeout: 30_000 });
        const text = (await note.innerText()).trim();
        const m = /^showing ([\d,]+) of 20,000 rows/.exec(text);
        check(m !== null, `the note reads "showing N of 20,000 rows" (got "${text}")`);
        check(Number(m[1].replace(/,/g, '')) < LARGE_ROWS, `fewer rows are shown than the file has (${m[1]})`);
        check((await frame.getByTestId('rows').innerText()).includes('20,000'), 'the statistics use every row');
        await frame.locator('[data-chart="data-fit"][data-rendered="true"]').waitFor({ timeout: 30_000 });
        await note.scrollIntoViewIfNeeded();
        await shot('large file sample note');
      } finally {
        // back to the d2l data before the file goes, so the panel is not left on a deleted file
        await openCsv(page, 'd2l-synthetic.csv').catch(() => {});
        rmSync(join(workspaceDir, LARGE_CSV), { force: true });
      }
    },
  };
}
