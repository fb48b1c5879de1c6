// The bench lens across a notebook's cells, in VS Code's own notebook editor (issue 16): d2l's
// "Vectorization for Speed" cells, which time themselves once with time.time(), get a lens that
// times them properly (the cells above as setup, each cell's timed lines a variant, each in its own
// process), with the verdict on the first timing cell and a median at the end of each timer line;
// and a setup cell followed by marked variant cells forms one group, its verdict on the setup cell.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile, runCommand } from '../../../scripts/e2e/workbench.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { afterTexts } from './bench-lens.mjs';
import { openCsv } from './panel.mjs';

export const BENCH_IPYNB = 'e2e-vectorization.ipynb';
const lens = (page, text) => page.locator('.codelens-decoration a[role="button"]', { hasText: text });

const cell = (cell_type, source) => ({ cell_type, metadata: {}, source: source.split(/(?<=\n)/), ...(cell_type === 'code' ? { execution_count: null, outputs: [] } : {}) });
/** d2l 3.1.2 as its notebook has it (NumPy), then the same idea as marked cells. */
const NOTEBOOK = JSON.stringify({
  cells: [
    cell('code', '%matplotlib inline\nimport time\nimport numpy as np'),
    cell('markdown', '## Vectorization for Speed'),
    cell('code', 'n = 10000\na = np.ones(n)\nb = np.ones(n)'),
    cell('code', "c = np.zeros(n)\nt = time.time()\nfor i in range(n):\n    c[i] = a[i] + b[i]\nf'{time.time() - t:.5f} sec'"),
    cell('code', "t = time.time()\nd = a + b\nf'{time.time() - t:.5f} sec'"),
    cell('markdown', '## The same, marked for the bench'),
    cell('code', '# @bench setup\nxs = list(range(2000))'),
    cell('code', '# @bench loop\ntotal = 0\nfor x in xs:\n    total += x'),
    cell('code', '# @bench builtin\ntotal = sum(xs)'),
  ],
  metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
});

export function notebookBenchUiTests(workspaceDir) {
  return [
    {
      name: "a notebook: d2l's one-shot time.time() cells get \"time properly\" (verdict and medians in their cells); a setup cell and marked variant cells form one group",
      timeoutMs: 180_000,
      fn: async ({ page, shot }) => {
        writeFileSync(join(workspaceDir, BENCH_IPYNB), NOTEBOOK);
        try {
          await openFile(page, BENCH_IPYNB);
          await page.locator('.notebook-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
          const properly = lens(page, 'Time loop vs vectorized properly').first();
          await properly.waitFor({ state: 'visible', timeout: 30_000 });
          await shot('the time-properly lens above the one-shot timing cells');
          await properly.click();
          const verdict = lens(page, /^\$?.*loop [\d.,]+ [mµn]?s · vectorized [\d.,]+ [mµn]?s · /).first();
          await verdict.waitFor({ state: 'visible', timeout: 120_000 });
          const text = await verdict.innerText();
          check(/vectorized [\d,.]+× faster|no clear difference/.test(text), `a verdict on the two cells' timed lines (got "${text}")`);
          const after = await until(() => afterTexts(page), (t) => t.filter((x) => /^median \d/.test(x)).length >= 2, 'a median at the end of each timer line');
          check(after.some((t) => t.endsWith('· fastest')), `one of them the fastest (got ${JSON.stringify(after)})`);
          await shot('the one-shot cells timed properly');

          // the marked cells: one group across three cells, its lens on the setup cell
          const marked = lens(page, 'Time loop vs builtin').first();
          await marked.scrollIntoViewIfNeeded();
          await marked.waitFor({ state: 'visible', timeout: 30_000 });
          await marked.click();
          const markedVerdict = lens(page, /loop [\d.,]+ [mµn]?s · builtin [\d.,]+ [mµn]?s · /).first();
          await markedVerdict.waitFor({ state: 'visible', timeout: 120_000 });
          await markedVerdict.scrollIntoViewIfNeeded();
          await shot('the marked cells timed as one group');
        } finally {
          await runCommand(page, 'View: Close All Editors').catch(() => {});
          await openCsv(page, 'd2l-synthetic.csv').catch(() => {});
          rmSync(join(workspaceDir, BENCH_IPYNB), { force: true });
        }
      },
    },
  ];
}
