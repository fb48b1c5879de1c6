// UI tests of the bench code lens in the real workbench: the lenses render above the markers of
// examples/bench/vector-add.js and .py, a click turns the lens into the verdict, each marker gets
// its median at the end of the line, and hovering a marker shows the statistics.
import { openFile } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { recordPerf } from './perf.mjs';


const lens = (page, text) => page.locator('.monaco-editor .codelens-decoration a[role="button"]', { hasText: text });
/**
 * A finished two-variant verdict, whichever way it went: on a busy machine a 1.3× difference can
 * honestly read "no clear difference", so which variant wins is the bench's figure, not a test's.
 */
const VERDICT = /^loop .+ · vectorized .+ · ((vectorized|loop) [\d,.]+× faster \(±\d+%\)|no clear difference \(.+\))/;

/** Every end-of-line decoration text in the visible editor (VS Code draws them as ::after content). */
export function afterTexts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .view-lines span')]
      .map((el) => getComputedStyle(el, '::after').content)
      .filter((c) => c && c !== 'none' && c !== 'normal')
      .map((c) => c.replace(/^"|"$/g, '')),
  );
}

/** Opens a file of examples/bench/ from the Explorer (expanding the folder when it is closed). */
export async function openBenchFile(page, name) {
  const folder = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^bench$/ }).first();
  const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  if (!(await file.isVisible())) await folder.click();
  await openFile(page, name);
}

/** Clicks the group lens of the open file; returns the verdict and the milliseconds from click to verdict. */
async function clickAndWait(page, shot, label) {
  const group = lens(page, 'Time loop vs vectorized').first();
  await group.waitFor({ state: 'visible', timeout: 30_000 });
  await lens(page, 'Run all benchmarks').first().waitFor({ state: 'visible', timeout: 10_000 });
  await shot(`${label} lenses`);
  const t0 = Date.now();
  await group.click();
  const verdict = lens(page, / · ((vectorized|loop) [\d,.]+× faster|no clear difference)/).first();
  await verdict.waitFor({ state: 'visible', timeout: 30_000 });
  const ms = Date.now() - t0;
  return { text: (await verdict.innerText()).trim(), ms };
}

export const benchLensUiTests = [
  {
    name: 'bench lens on vector-add.js: click → verdict in the lens, medians at the end of the marker lines, hover statistics',
    timeoutMs: 90_000,
    fn: async ({ page, shot }) => {
      await openBenchFile(page, 'vector-add.js');
      const { text, ms } = await clickAndWait(page, shot, 'js');
      console.log(`  [bench-lens] click → verdict, vector-add.js: ${ms} ms: ${text}`);
      check(VERDICT.test(text), `the verdict line (got "${text}")`);
      const after = await until(() => afterTexts(page), (t) => t.some((x) => x.endsWith('· fastest')), 'the end-of-line medians');
      check(after.filter((t) => /^median \d/.test(t)).length >= 2 && after.some((t) => t.endsWith('· fastest')), `end-of-line medians on both markers (got ${JSON.stringify(after)})`);
      recordPerf(await shot('js verdict and decorations'), { benchLensClickToVerdictMs: { 'vector-add.js': ms } });
      await page.locator('.monaco-editor .view-line', { hasText: '// @bench loop' }).first().locator('span').last().hover();
      const hover = page.locator('.monaco-hover', { hasText: 'median' }).first();
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      check((await hover.innerText()).includes('Speed-up'), 'the hover has the comparison');
      await shot('js hover statistics');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'bench lens on vector-add.py: click → verdict (python3 with NumPy)',
    timeoutMs: 90_000,
    fn: async ({ page, shot }) => {
      await openBenchFile(page, 'vector-add.py');
      const { text, ms } = await clickAndWait(page, shot, 'py');
      console.log(`  [bench-lens] click → verdict, vector-add.py: ${ms} ms: ${text}`);
      // NumPy's + over a Python loop is ~300×: no load makes that a tie
      check(/^loop .+ · vectorized .+ · vectorized [\d,.]+× faster/.test(text), `the verdict line (got "${text}")`);
      await until(() => afterTexts(page), (t) => t.some((x) => x.endsWith('· fastest')), 'the end-of-line medians');
      recordPerf(await shot('py verdict and decorations'), { benchLensClickToVerdictMs: { 'vector-add.py': ms } });
    },
  },
];

/** The packaged .vsix (no node_modules): the engine is its own lazily loaded file; JavaScript and TypeScript both run. */
export const benchLensPackagedUiTests = [
  {
    name: 'packaged: the bench lens runs vector-add.js and vector-add.ts (sucrase ships in dist/bench-engine.js)',
    timeoutMs: 120_000,
    fn: async ({ page, shot }) => {
      await openBenchFile(page, 'vector-add.js');
      const js = await clickAndWait(page, shot, 'packaged js');
      console.log(`  [bench-lens] packaged click → verdict, vector-add.js: ${js.ms} ms: ${js.text}`);
      await openBenchFile(page, 'vector-add.ts');
      const ts = await clickAndWait(page, shot, 'packaged ts');
      console.log(`  [bench-lens] packaged click → verdict, vector-add.ts: ${ts.ms} ms: ${ts.text}`);
      check(VERDICT.test(ts.text), `the TypeScript verdict (got "${ts.text}")`);
      await shot('packaged ts verdict');
    },
  },
];
