// UI test of the data files beyond CSV (issue 16), in the real workbench: the picker lists a
// Parquet file with its size, date, rows and columns (and Browse…), opens it in the playground,
// and the fit equals the same data's CSV twin, coefficient for coefficient.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';
import { check } from '../../../scripts/e2e/runner.mjs';
import { OPEN_CSV, openCsv } from './panel.mjs';

export const TWIN = 'e2e-twin';

/** y on x and a boolean, 300 rows, written as CSV and as Parquet (two row groups). */
function writeTwins(dir) {
  const n = 300;
  const x = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 7);
  const on = Array.from({ length: n }, (_, i) => i % 4 === 1);
  const y = Float64Array.from({ length: n }, (_, i) => 1.5 + 0.75 * x[i] + (on[i] ? 3 : 0) + (((i * 7919) % 13) - 6) / 10);
  writeFileSync(join(dir, `${TWIN}.csv`), ['x,on,y', ...Array.from(x, (v, i) => `${v},${on[i] ? 1 : 0},${y[i]}`)].join('\n') + '\n');
  parquetWriteFile({
    filename: join(dir, `${TWIN}.parquet`),
    columnData: [
      { name: 'x', data: x, type: 'DOUBLE' },
      { name: 'on', data: on, type: 'BOOLEAN' },
      { name: 'y', data: y, type: 'DOUBLE' },
    ],
    rowGroupSize: 200,
  });
}

const estimates = (frame) => frame.locator('[data-testid="term-row"]').evaluateAll((rows) => rows.map((r) => /** @type {HTMLElement} */ (r).dataset.estimate));

export function dataFileUiTests(workspaceDir) {
  const files = [`${TWIN}.csv`, `${TWIN}.parquet`].map((f) => join(workspaceDir, f));
  return [
    {
      name: 'a Parquet file from the data-file picker (size, date, rows × columns, Browse…) fits to the same coefficients as its CSV twin',
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        writeTwins(workspaceDir);
        try {
          const csvFrame = await openCsv(page, `${TWIN}.csv`);
          const fromCsv = await estimates(csvFrame);
          check(fromCsv.length === 3, `the CSV twin fits y on x and on (got ${fromCsv.length} terms)`);
          // the picker: from the palette with no data file in the editor
          await runCommand(page, 'View: Close All Editors');
          await runCommand(page, OPEN_CSV, 30_000, { keepOpen: true });
          const input = page.locator('.quick-input-widget .quick-input-box input');
          await input.waitFor({ state: 'visible', timeout: 15_000 });
          const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: `${TWIN}.parquet` });
          await input.fill('twin.parquet');
          await row.first().waitFor({ timeout: 15_000 });
          // rows × columns arrive after the list shows: wait for them
          const t0 = Date.now();
          let text = '';
          while (Date.now() - t0 < 15_000 && !/300 rows × 3 columns/.test(text)) text = await row.first().innerText().catch(() => '');
          check(/300 rows × 3 columns/.test(text), `the pick shows the Parquet file's rows and columns (got "${text}")`);
          check(/KiB|B ·/.test(text), `and its size (got "${text}")`);
          check((await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Browse…' }).count()) === 1, 'Browse… is offered');
          await shot('the data-file picker with a Parquet file');
          await page.keyboard.press('Enter');
          const frame = visibleWebviewFrame(page);
          await frame.locator('[data-testid="dataset-label"]', { hasText: `${TWIN}.parquet` }).waitFor({ timeout: 30_000 });
          await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
          const fromParquet = await estimates(frame);
          check(JSON.stringify(fromParquet) === JSON.stringify(fromCsv), `the same coefficients as the CSV twin (${fromParquet} vs ${fromCsv})`);
          await shot('a Parquet file in the playground');
        } finally {
          if (await page.locator('.quick-input-widget').isVisible().catch(() => false)) await page.keyboard.press('Escape');
          await openCsv(page, 'd2l-synthetic.csv').catch(() => {});
          files.forEach((f) => rmSync(f, { force: true }));
        }
      },
    },
  ];
}
