// Bench groups in a Jupyter notebook, across its cells. Pure: no 'vscode'. Two ways in:
//  - markers: a setup cell (`# @bench setup` on its first line), then variant cells
//    (`# @bench loop`, `# @bench vectorized`), exactly as `# %% @bench …` cells of a .py file;
//  - d2l's one-shot timing: cells that time themselves once with `t = time.time()` … `time.time() - t`
//    (or d2l's `Timer()` … `.stop()`), as "Vectorization for Speed" does. One run is noise (timer
//    resolution, a cold cache, whatever else the machine does); the lens offers to time the same
//    code properly: many runs, each variant in its own process, with the statistics.
// The notebook is seen as one Python text (its "view"): code cells joined with `# %%` lines, so the
// marker rules of ./markers.ts apply unchanged, and every view line knows its cell and line.
import * as l10n from '@vscode/l10n';
import { findBenchGroups, type BenchGroup, type BenchRegion } from './markers';

export interface NotebookCellText {
  readonly kind: 'code' | 'markup';
  readonly languageId: string;
  readonly text: string;
}

/** The notebook as one Python text, with the way back to its cells. */
export interface NotebookView {
  readonly text: string;
  /** Per view line: its cell's index, and its line in the cell (-1: a separator the view added). */
  readonly cell: readonly number[];
  readonly line: readonly number[];
}

const MARKER_FIRST_LINE = /^\s*#(?!\s*%%)\s*(@bench\b.*)$/;
const CELL_LINE = /^\s*#\s*%%/;
/** IPython magics and shell escapes (`%matplotlib inline`, `!pip install d2l`): not Python. */
const MAGIC = /^\s*[%!]/;

/**
 * The notebook's Python code cells as one text. A cell whose first line is a marker
 * (`# @bench loop`) becomes a `# %% @bench loop` cell; any other code cell starts with a plain
 * `# %%` (which ends a group, as in a .py file); Markdown cells are left out (prose between marked
 * cells does not end a group); a cell in another language is a plain `# %%` alone.
 */
export function notebookView(cells: readonly NotebookCellText[]): NotebookView {
  const text: string[] = [];
  const cell: number[] = [];
  const line: number[] = [];
  const push = (t: string, c: number, l: number) => {
    text.push(t);
    cell.push(c);
    line.push(l);
  };
  cells.forEach((c, k) => {
    if (c.kind !== 'code') return;
    if (c.languageId !== 'python') {
      push('# %%', k, -1);
      return;
    }
    const lines = c.text.split(/\r\n|\r|\n/);
    const marker = MARKER_FIRST_LINE.exec(lines[0]);
    let from = 0;
    if (marker) {
      push(`# %% ${marker[1]}`, k, 0);
      from = 1;
    } else if (CELL_LINE.test(lines[0])) {
      push(lines[0], k, 0);
      from = 1;
    } else {
      push('# %%', k, -1);
    }
    for (let i = from; i < lines.length; i++) push(MAGIC.test(lines[i]) ? '' : lines[i], k, i);
  });
  return { text: text.join('\n'), cell, line };
}

/** The first view line of cell `k`'s line `l` (undefined when the view does not hold it). */
export function viewLineOf(view: NotebookView, k: number, l: number): number | undefined {
  for (let v = 0; v < view.cell.length; v++) if (view.cell[v] === k && view.line[v] === l) return v;
  return undefined;
}

/** Every bench group of the notebook: its marked groups, then the groups of its one-shot timing cells. */
export function notebookGroups(cells: readonly NotebookCellText[], view = notebookView(cells)): BenchGroup[] {
  const marked = findBenchGroups(view.text, 'python');
  return [...marked, ...oneShotGroups(view)].sort((a, b) => a.startLine - b.startLine);
}

const TIMER_START = /^\s*([A-Za-z_]\w*)\s*=\s*(?:time\.(?:time|perf_counter|monotonic)\(\)|(?:d2l\.)?Timer\(\))\s*(?:#.*)?$/;

interface TimedCell {
  readonly cell: number;
  /** View lines of the cell's code before the timer starts (untimed). */
  readonly before: number[];
  /** View line of `t = time.time()`. */
  readonly startLine: number;
  /** View lines of the code it times. */
  readonly timed: number[];
}

/** A cell that times its own code once, or undefined. */
function timedCell(view: NotebookView, lines: readonly string[], cellViewLines: readonly number[], cell: number): TimedCell | undefined {
  const code = cellViewLines.filter((v) => view.line[v] >= 0);
  if (code.some((v) => /@bench\b/.test(lines[v]))) return undefined; // marked: the markers decide
  const at = code.findIndex((v) => TIMER_START.test(lines[v]));
  if (at < 0) return undefined;
  const name = TIMER_START.exec(lines[code[at]])![1];
  const stop = new RegExp(`\\btime\\.(?:time|perf_counter|monotonic)\\(\\)\\s*-\\s*${name}\\b|\\b${name}\\.stop\\(\\)`);
  const end = code.findIndex((v, i) => i > at && stop.test(lines[v]));
  if (end < 0) return undefined;
  const timed = code.slice(at + 1, end);
  if (!timed.some((v) => lines[v].trim() !== '' && !lines[v].trim().startsWith('#'))) return undefined;
  return { cell, before: code.slice(0, at), startLine: code[at], timed };
}

/** What a timed cell's code does: "loop" when it loops, else "vectorized". */
function variantName(lines: readonly string[], t: TimedCell): string {
  return t.timed.some((v) => /^\s*(for|while)\b/.test(lines[v])) ? 'loop' : 'vectorized';
}

/**
 * Groups of consecutive one-shot timing cells (Markdown between them allowed; any other code cell
 * ends a run): the setup is every code cell above the first (the notebook's imports and data, as a
 * reader ran them) plus the untimed lines of the timing cells; each cell's timed lines are a variant.
 */
function oneShotGroups(view: NotebookView): BenchGroup[] {
  const lines = view.text.split('\n');
  const byCell = new Map<number, number[]>();
  view.cell.forEach((c, v) => byCell.set(c, [...(byCell.get(c) ?? []), v]));
  const order = [...byCell.keys()];
  const codeLines = (c: number) => byCell.get(c)!.filter((v) => view.line[v] >= 0);
  const groups: BenchGroup[] = [];
  let run: TimedCell[] = [];
  let setupCells: number[] = [];
  const flush = () => {
    if (run.length >= 2) groups.push(oneShotGroup(lines, setupCells.flatMap(codeLines), run));
    run = [];
  };
  for (const c of order) {
    const t = timedCell(view, lines, byCell.get(c)!, c);
    if (t) {
      if (run.length === 0) setupCells = order.slice(0, order.indexOf(c)).filter((k) => !byCell.get(k)!.some((v) => /@bench\b/.test(lines[v])));
      run.push(t);
    } else {
      flush();
    }
  }
  flush();
  return groups;
}

/** `above`: the view lines of the code cells above the run (separators left out). */
function oneShotGroup(lines: readonly string[], above: readonly number[], run: readonly TimedCell[]): BenchGroup {
  // the code above, then each timed cell's untimed lines (`c = torch.zeros(n)`)
  const setupLines = [...above, ...run.flatMap((t) => t.before)];
  const names = run.map((t) => variantName(lines, t));
  const unique = names.map((n, i) => (names.indexOf(n) === names.lastIndexOf(n) ? n : l10n.t('{0} (cell {1})', n, String(run[i].cell + 1))));
  const region = (name: string, role: 'setup' | 'timed', markerLine: number, at: readonly number[]): BenchRegion => ({
    name,
    role,
    markerLine,
    startLine: at[0] ?? markerLine,
    endLine: (at[at.length - 1] ?? markerLine) + 1,
    code: at.map((v) => lines[v]).join('\n'),
    lines: at,
  });
  const first = run[0].startLine;
  return {
    id: `python:one-shot:${first}`,
    language: 'python',
    startLine: first,
    endLine: run[run.length - 1].timed[run[run.length - 1].timed.length - 1] + 1,
    setup: setupLines.length ? region('setup', 'setup', first, setupLines) : undefined,
    variants: run.map((t, i) => region(unique[i], 'timed', t.startLine, t.timed)),
    runnable: true,
    diagnostics: [],
    oneShot: true,
  };
}
