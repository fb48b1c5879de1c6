// UI test of per-chart export in the real workbench: every chart card has Save SVG / Save PNG
// buttons that hand the rendered chart to the extension, which asks with VS Code's save dialog
// and writes the file (vega-embed's own menu is a download link: in code-server that is a
// browser download to the Downloads folder, outside the workspace and without VS Code's dialog).
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openFile, runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { check } from '../../../scripts/e2e/runner.mjs';

const OPEN_CSV = 'Gauss Lab: Open CSV in Playground';


/** The save dialog (code-server's simple file dialog is a quick input): waits for it, returns its path. */
async function saveDialogPath(page) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  const t0 = Date.now();
  let value = '';
  // the dialog fills in its default path a moment after it shows
  while (Date.now() - t0 < 15_000) {
    value = await input.inputValue().catch(() => '');
    if (/\.(svg|png)$/.test(value)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return value;
}

/** `workspaceDir`: the folder the workbench opened (the saved PNG is written there, then removed). */
export const chartSaveUiTests = (workspaceDir) => [
  {
    name: 'every chart card has labelled Save SVG / Save PNG buttons; a click opens the save dialog with <data>-<chart>; Enter on Save PNG saves a real PNG',
    timeoutMs: 120_000,
    fn: async ({ page, shot }) => {
      await openFile(page, 'd2l-synthetic.csv');
      await runCommand(page, OPEN_CSV);
      const frame = visibleWebviewFrame(page);
      await frame.locator('[data-testid="dataset-label"]', { hasText: 'd2l-synthetic.csv' }).waitFor({ timeout: 30_000 });
      await frame.locator('[data-chart="residuals"][data-rendered="true"]').waitFor({ timeout: 30_000 });
      await frame.locator('[data-chart="loss"][data-rendered="true"]').waitFor({ timeout: 30_000 });

      // every drawn chart of the playground (fit charts and training curves) has both buttons
      const names = await frame.locator('[data-chart]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')));
      check(names.length >= 7 && names.includes('loss') && names.includes('distance') && names.includes('neuron'), `the playground's charts (got ${names.join(', ')})`);
      for (const name of names) {
        for (const format of ['svg', 'png']) {
          const b = frame.getByTestId(`save-${format}-${name}`);
          check((await b.count()) === 1, `one Save ${format.toUpperCase()} button for ${name}`);
          const label = (await b.getAttribute('aria-label')) ?? '';
          check(label.startsWith(`Save ${format.toUpperCase()}: `) && label.length > 12, `the ${name} ${format} button is labelled (got "${label}")`);
        }
      }
      // vega-embed's download menu is gone: the buttons are the one way to save a chart
      check((await frame.locator('.vega-actions, .vega-embed details').count()) === 0, 'no vega-embed actions menu');

      // click: the extension asks where to save, offering <data>-<chart>.svg next to the data
      const svgButton = frame.getByTestId('save-svg-residuals');
      await svgButton.scrollIntoViewIfNeeded();
      await shot('chart cards with save buttons');
      await svgButton.click();
      const svgPath = await saveDialogPath(page);
      check(svgPath.endsWith('/examples/d2l-synthetic-residuals.svg'), `the save dialog offers examples/d2l-synthetic-residuals.svg (got "${svgPath}")`);
      await shot('save dialog for the residuals SVG');
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });

      // keyboard: focus the PNG button of the Q-Q plot and press Enter
      const pngButton = frame.getByTestId('save-png-qq');
      await pngButton.scrollIntoViewIfNeeded();
      await pngButton.focus();
      await pngButton.press('Enter');
      const pngPath = await saveDialogPath(page);
      check(pngPath.endsWith('/examples/d2l-synthetic-qq.png'), `Enter on Save PNG opens the dialog with d2l-synthetic-qq.png (got "${pngPath}")`);
      const dialogShot = await shot('save dialog for the qq PNG (keyboard)');
      // accept the dialog with a file of our own: the chart drawn by Vega arrives as a real PNG
      const saved = join(workspaceDir, 'e2e-chart-save-qq.png');
      rmSync(saved, { force: true });
      try {
        await page.locator('.quick-input-widget .quick-input-box input').fill(saved);
        await page.keyboard.press('Enter');
        const t0 = Date.now();
        while (!(existsSync(saved) && readFileSync(saved).length > 1000) && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 100));
        check(existsSync(saved), `the PNG was saved to ${saved}`);
        const bytes = readFileSync(saved);
        check(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `a PNG file (signature ${bytes.subarray(0, 8).toString('hex')})`);
        // IHDR: width and height (scale 2 of a chart a few hundred pixels wide)
        const width = bytes.readUInt32BE(16);
        const height = bytes.readUInt32BE(20);
        check(width > 300 && height > 200, `a chart-sized PNG (got ${width}×${height})`);
        // keep the saved file with the screenshots, to look at
        copyFileSync(saved, join(dirname(dialogShot), 'chart-save--saved-qq.png'));
      } finally {
        rmSync(saved, { force: true });
      }
    },
  },
];
