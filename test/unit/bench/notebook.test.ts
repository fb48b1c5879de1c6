// Bench groups across a notebook's cells (src/bench/notebook.ts): marked cells, and d2l's one-shot
// time.time() cells timed properly — found, mapped back to their cells, and run by the real engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notebookGroups, notebookView, viewLineOf, type NotebookCellText } from '../../../src/bench/notebook';
import { runBenchGroup } from '../../../src/bench/runner';

const code = (text: string): NotebookCellText => ({ kind: 'code', languageId: 'python', text });
const markdown = (text: string): NotebookCellText => ({ kind: 'markup', languageId: 'markdown', text });
const dir = mkdtempSync(join(tmpdir(), 'gauss-notebook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** d2l's "Vectorization for Speed" (3.1.2), NumPy flavour, as the chapter's notebook has it. */
const D2L_CELLS = [
  code('%matplotlib inline\nimport math\nimport time\nimport numpy as np'),
  markdown('## Vectorization for Speed\n\nWe instantiate two 10,000-dimensional vectors containing all ones.'),
  code('n = 10000\na = np.ones(n)\nb = np.ones(n)'),
  markdown('Now we can benchmark the workloads. First, we add them, one coordinate at a time, using a for-loop.'),
  code("c = np.zeros(n)\nt = time.time()\nfor i in range(n):\n    c[i] = a[i] + b[i]\nf'{time.time() - t:.5f} sec'"),
  markdown('Alternatively, we rely on the reloaded `+` operator to compute the elementwise sum.'),
  code("t = time.time()\nd = a + b\nf'{time.time() - t:.5f} sec'"),
];

describe('bench groups across notebook cells', () => {
  it('a setup cell, Markdown, then variant cells form one group; every line maps back to its cell', () => {
    const cells = [
      code('# @bench setup\nxs = list(range(1000))'),
      markdown('Some prose between the cells.'),
      code('# @bench loop\ntotal = 0\nfor x in xs:\n    total += x'),
      code('# @bench builtin\ntotal = sum(xs)'),
    ];
    const view = notebookView(cells);
    const [g, ...rest] = notebookGroups(cells, view);
    expect(rest).toEqual([]);
    expect(g.runnable).toBe(true);
    expect(g.setup!.code).toBe('xs = list(range(1000))');
    expect(g.variants.map((v) => [v.name, v.code])).toEqual([
      ['loop', 'total = 0\nfor x in xs:\n    total += x'],
      ['builtin', 'total = sum(xs)'],
    ]);
    // the markers are the cells' first lines; the group's lens sits on the setup cell's
    expect([g.startLine, ...g.variants.map((v) => v.markerLine)].map((v) => [view.cell[v], view.line[v]])).toEqual([[0, 0], [2, 0], [3, 0]]);
    expect(viewLineOf(view, 3, 1)).toBe(g.variants[1].startLine);
  });

  it('an unmarked code cell between marked cells ends the group (as an unmarked # %% cell does in a .py file)', () => {
    const groups = notebookGroups([code('# @bench loop\nf()'), code('print("hello")'), code('# @bench fast\ng()')]);
    expect(groups.map((g) => [g.runnable, g.variants.map((v) => v.name)])).toEqual([
      [false, ['loop']],
      [false, ['fast']],
    ]);
  });

  it("d2l's one-shot time.time() cells become one group: the cells above and the untimed lines as setup, each cell's timed lines a variant", () => {
    const view = notebookView(D2L_CELLS);
    const [g, ...rest] = notebookGroups(D2L_CELLS, view);
    expect(rest).toEqual([]);
    expect(g.oneShot).toBe(true);
    expect(g.runnable).toBe(true);
    // the magic is blanked (it is not Python), the imports and the data kept, then `c = np.zeros(n)`
    expect(g.setup!.code.split('\n')).toEqual(['', 'import math', 'import time', 'import numpy as np', 'n = 10000', 'a = np.ones(n)', 'b = np.ones(n)', 'c = np.zeros(n)']);
    expect(g.variants.map((v) => [v.name, v.code])).toEqual([
      ['loop', 'for i in range(n):\n    c[i] = a[i] + b[i]'],
      ['vectorized', 'd = a + b'],
    ]);
    // the lens and the medians sit on each cell's `t = time.time()`
    expect(g.variants.map((v) => [view.cell[v.markerLine], view.line[v.markerLine]])).toEqual([[4, 1], [6, 0]]);
    // an error in the setup names its cell's line: line 3 of cell 3 is `b = np.ones(n)`
    expect(g.setup!.lines!.map((v) => [view.cell[v], view.line[v]])[6]).toEqual([2, 2]);
  });

  it("d2l's Timer() … timer.stop() is the same pattern; a single timed cell, or a cell with markers, is not a group", () => {
    const timer = [code('n = 100\na = [1] * n'), code('timer = d2l.Timer()\ns = 0\nfor x in a:\n    s += x\nf"{timer.stop():.5f} sec"'), code('timer = Timer()\ns = sum(a)\nprint(timer.stop())')];
    expect(notebookGroups(timer).map((g) => g.variants.map((v) => v.name))).toEqual([['loop', 'vectorized']]);
    expect(notebookGroups(timer.slice(0, 2))).toEqual([]);
    expect(notebookGroups([timer[0], code('# @bench loop\nt = time.time()\nf()\ntime.time() - t'), timer[2]]).every((g) => !g.oneShot)).toBe(true);
  });

  it('the one-shot group runs in the real engine: both variants timed, each in its own process', async () => {
    const [g] = notebookGroups(D2L_CELLS);
    const r = await runBenchGroup(g, { timeoutMs: 60_000, budgetMs: 300, filePath: join(dir, 'chapter.ipynb') });
    expect(r.kind, JSON.stringify(r)).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.variants.map((v) => v.name)).toEqual(['loop', 'vectorized']);
    // which variant wins is the bench's figure, not a test's: a busy machine may honestly blur it
    for (const v of r.variants) expect(v.medianNs).toBeGreaterThan(0);
  });
});
