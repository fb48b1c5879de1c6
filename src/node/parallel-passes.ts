/**
 * Passes over a CSV file on every core: map and merge. Each range of the file (./csv-ranges.ts)
 * is read by a worker thread (dist/fit-worker.js) or by this thread, and mapped by a kernel:
 * `refine` accumulates the closed-form fit's sums into its own refinement state — a plain value
 * of typed arrays — merged in the ranges' order (`mergeRefines`); `collect` keeps the range's
 * rows, joined in order (the playground's table). The ranges never depend on the number of
 * threads, so the result is the same bit for bit with 1, 2 or 8 threads. How the same map and
 * merge would run on engines that spread work over machines: docs/parallel-fit.md.
 */
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { currentDisplayLanguage } from '../core/display-language';
import type { CsvReadOptions } from '../core/csv';
import type { CsvPlan } from '../core/csv/stream';
import type { DroppedRow } from '../core/data';
import { addRowsToRefine, emptyRefineState, mergeRefines, type RefineState } from '../core/least-squares-refine';
import { MAX_DROPPED_REASONS } from '../core/csv/text';
import { blockCollector, type RowBlock } from '../core/table';
import { nominalRanges, open, rangeBuffers, readRange, recordStartAfter, type RangeBuffers, type RangeRead } from './csv-ranges';

/** A refinement state without its plan: what crosses between threads for each range. */
export interface RefineSums {
  readonly n: number;
  readonly g: Float64Array;
  readonly sums: Float64Array;
  readonly gramSums: Float64Array;
}

/**
 * What a range's rows become: sums into a copy of the pass's state, or the rows themselves. A
 * `refine` template may come `later` (a LateTemplate): the first pass starts reading while this
 * thread still computes the head's solution.
 */
export type RangeKernel = { readonly kind: 'refine'; readonly template: RefineState | 'later' } | { readonly kind: 'collect' };

/**
 * The template of a pass whose reading began before it was known. The ranges read until it comes
 * keep their rows (copies, a range or so per worker) and add them when it does, in order: the
 * same blocks in the same order, so the same sums bit for bit.
 */
export class LateTemplate {
  current: RefineState | undefined;
  readonly arrived: Promise<RefineState>;
  private settle!: { resolve(t: RefineState): void; reject(e: unknown): void };
  constructor() {
    this.arrived = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // a failed head is reported by whoever computed it, not as an unhandled rejection here
    this.arrived.catch(() => {});
  }
  set(template: RefineState): void {
    this.current = template;
    this.settle.resolve(template);
  }
  fail(e: unknown): void {
    this.settle.reject(e);
  }
}

/** What a pass needs to read a range: the file, its plan, how to read it, and the kernel. */
export interface PassSetup {
  readonly path: string;
  readonly plan: CsvPlan;
  readonly read: CsvReadOptions;
  readonly kernel: RangeKernel;
  /** Bytes per range (default RANGE_BYTES; tests make them small to cross many borders). */
  readonly rangeBytes?: number;
}

/** A range's rows (the `collect` kernel): the kept columns, their row numbers, and each text column's levels in the range's codes. */
export interface RangeRows {
  readonly count: number;
  readonly columns: readonly Float64Array[];
  readonly rowNumbers?: Float64Array;
  readonly levels: Readonly<Record<string, readonly string[]>>;
}

export interface RangeJob {
  readonly index: number;
  /** Nominal offsets; the range is read from the first record boundary after `start`. */
  readonly start: number;
  readonly end: number;
  /** Read from exactly here (a checked boundary) instead of guessing one after `start`. */
  readonly from?: number;
}

export interface RangeDone {
  readonly index: number;
  readonly read: RangeRead;
  readonly sums?: RefineSums;
  readonly rows?: RangeRows;
}

/** An empty state of the template's pass. */
function emptyLike(template: RefineState): RefineState {
  return emptyRefineState(template.plan, template.keep, template.coefHi, template.coefLo, template.gram);
}

/** A block that outlives the reader's reuse of its arrays. */
function copyBlock(b: RowBlock): RowBlock {
  return { ...b, columns: b.columns.map((c) => c.slice(0, b.rowCount)), ...(b.rows ? { rows: b.rows.slice(0, b.rowCount) } : {}) };
}

/** A copy of the template's empty state with the given sums. */
export function withSums(template: RefineState, s: RefineSums): RefineState {
  const out = emptyLike(template);
  out.n = s.n;
  out.g.set(s.g);
  out.sums.set(s.sums);
  out.gramSums.set(s.gramSums);
  return out;
}

/**
 * Reads one range and maps it with the pass's kernel (the same code in a worker thread and here).
 * A `later` template comes through `late`.
 */
export async function runRange(setup: PassSetup, job: RangeJob, size: number, buffers: RangeBuffers = rangeBuffers(), late?: LateTemplate): Promise<RangeDone> {
  const fh = await open(setup.path, 'r');
  try {
    const from = job.from ?? (job.start === setup.plan.dataStart ? job.start : await recordStartAfter(fh, job.start, size, buffers));
    const to = job.end >= size ? size : await recordStartAfter(fh, job.end, size, buffers);
    const { kernel } = setup;
    const template = (): RefineState | undefined => (kernel.kind !== 'refine' ? undefined : kernel.template === 'later' ? late?.current : kernel.template);
    let state: RefineState | undefined;
    /** Blocks read before a late template came (refine only). */
    const waiting: RowBlock[] = [];
    const rows = kernel.kind === 'collect' ? blockCollector() : undefined;
    let failed: string | undefined;
    const add = (block: RowBlock) => {
      try {
        addRowsToRefine(state!, block);
      } catch (e) {
        // non-finite values: the ordered read names the row
        failed = e instanceof Error ? e.message : String(e);
      }
    };
    const startState = (t: RefineState) => {
      state = emptyLike(t);
      for (const b of waiting) if (failed === undefined) add(b);
      waiting.length = 0;
    };
    const read = await readRange(fh, setup.plan, setup.read, from, Math.max(from, to), (block) => {
      if (failed !== undefined) return;
      if (rows) return rows.add(block);
      if (!state) {
        const t = template();
        if (!t) return void waiting.push(copyBlock(block));
        startState(t);
      }
      if (failed === undefined) add(block);
    }, buffers);
    if (kernel.kind === 'refine' && !state) {
      // no rows (an empty range), or all of them read before a late template came
      const t = template() ?? (await late?.arrived);
      if (!t) throw new Error('a range of a later template was read without it');
      startState(t);
    }
    const out = { index: job.index, read: failed !== undefined && read.error === undefined ? { ...read, error: failed } : read };
    if (state) return { ...out, sums: { n: state.n, g: state.g, sums: state.sums, gramSums: state.gramSums } };
    const kept = setup.plan.kept.map((j) => setup.plan.schema.columns[j].name);
    const numbers = rows!.rowNumbers();
    return { ...out, rows: { count: rows!.rows, columns: rows!.table(kept).columns, ...(numbers ? { rowNumbers: numbers } : {}), levels: read.levels } };
  } finally {
    await fh.close();
  }
}

/** Something in the data the ordered read must report (with its row number): run it. */
export class NeedsOrderedRead extends Error {}

/** Counts of the whole file, put together from its ranges (row numbers made the file's). */
export interface PassTotals {
  readonly rowsRead: number;
  readonly rowsDropped: number;
  readonly rowsWithMissing: number;
  readonly dropped: readonly DroppedRow[];
  readonly bytes: number;
  /** Ranges read, and how many were read again joined with the one before (a quoted field across their border). */
  readonly ranges: number;
  readonly joined: number;
}

/** The machine's cores: the default number of threads. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The worker threads of a fit: started first (a worker takes ~30 ms to load, overlapping the
 * head's work on this thread), given each pass's setup, closed at the end.
 */
export class RangePool {
  private readonly workers: Worker[] = [];

  /** `threads` counts this thread; without its worker script (a CLI bundle copied alone) only this one reads. */
  constructor(threads: number, workerScript: string) {
    const extra = existsSync(workerScript) ? Math.max(0, threads - 1) : 0;
    for (let w = 0; w < extra; w++) this.workers.push(new Worker(workerScript, { workerData: { language: currentDisplayLanguage() } }));
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * One pass over the file: every range mapped by the kernel, then handed to `merge` in file
   * order with the file's row number of the line before its first (`rowBase`).
   * @throws NeedsOrderedRead when the data has a problem (the ordered read names it), or a quoted
   *   field is never closed; Error when a worker thread fails.
   */
  async pass(setup: PassSetup, merge: (part: RangeDone, rowBase: number) => void, late?: LateTemplate): Promise<PassTotals> {
    const size = (await stat(setup.path)).size;
    const jobs: RangeJob[] = nominalRanges(setup.plan.dataStart, size, setup.rangeBytes).map((r, index) => ({ index, ...r }));
    const done: (RangeDone | undefined)[] = new Array(jobs.length);
    let next = 0;
    const take = () => (next < jobs.length ? jobs[next++] : undefined);
    const lanes = this.workers.slice(0, Math.max(0, jobs.length - 1)).map((w) => workerLane(w, setup, take, done, size, late));
    // this thread reads ranges too, once it has the template
    const buffers = rangeBuffers();
    // the pass's setup with its template, once it has one
    const known: Promise<PassSetup> = late ? late.arrived.then((template) => ({ ...setup, kernel: { kind: 'refine', template } })) : Promise.resolve(setup);
    lanes.push(
      (async () => {
        const mine = await known;
        for (let job = take(); job; job = take()) done[job.index] = await runRange(mine, job, size, buffers);
      })(),
    );
    await Promise.all(lanes);
    return mergeInOrder(await known, jobs, done as RangeDone[], size, merge);
  }

  /**
   * A pass of the `refine` kernel: the ranges' states merged in order. Given the template as a
   * promise, the workers start reading at once and this thread joins them when it resolves.
   */
  async refine(setup: Omit<PassSetup, 'kernel'>, template: RefineState | Promise<RefineState>): Promise<{ state: RefineState; totals: PassTotals }> {
    let late: LateTemplate | undefined;
    if (template instanceof Promise) {
      const l = (late = new LateTemplate());
      template.then((t) => l.set(t), (e: unknown) => l.fail(e));
    }
    // parts are merged after every range was read: by then a late template has come
    const known = (): RefineState => (late ? late.current! : (template as RefineState));
    let state: RefineState | undefined;
    const totals = await this.pass({ ...setup, kernel: { kind: 'refine', template: late ? 'later' : known() } }, (part) => {
      const s = withSums(known(), part.sums!);
      state = state ? mergeRefines(state, s) : s;
    }, late);
    const t = known();
    return { state: state ?? withSums(t, { n: 0, g: t.g, sums: t.sums, gramSums: t.gramSums }), totals };
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function workerLane(worker: Worker, setup: PassSetup, take: () => RangeJob | undefined, done: (RangeDone | undefined)[], size: number, late?: LateTemplate): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.off('message', onMessage);
      worker.off('error', reject);
      worker.off('exit', onExit);
    };
    const send = () => {
      const job = take();
      if (job) worker.postMessage({ job, size });
      else {
        stop();
        resolve();
      }
    };
    const onMessage = (m: RangeDone | { error: string }) => {
      if ('error' in m) {
        stop();
        return reject(new Error(l10n.t('a fit worker failed: {0}', m.error)));
      }
      done[m.index] = m;
      send();
    };
    const onExit = (code: number) => reject(new Error(l10n.t('a fit worker stopped (exit code {0})', String(code))));
    worker.on('message', onMessage);
    worker.on('error', reject);
    worker.on('exit', onExit);
    worker.postMessage({ setup });
    send();
    // the worker finishes its first range once the template comes (a failed head ends the pass with the pool)
    late?.arrived.then((template) => worker.postMessage({ template }), () => {});
  });
}

/**
 * Puts the ranges together in order: checks each range began at a record boundary (the one
 * before ended cleanly there), reads a range joined with the next when a quoted field crossed
 * their border, merges the states, and numbers the dropped rows as the file's rows.
 */
async function mergeInOrder(setup: PassSetup, jobs: readonly RangeJob[], done: RangeDone[], size: number, merge: (part: RangeDone, rowBase: number) => void): Promise<PassTotals> {
  let rowBase = setup.plan.firstRow - 1;
  let rowsRead = 0;
  let rowsDropped = 0;
  let rowsWithMissing = 0;
  const dropped: DroppedRow[] = [];
  let joined = 0;
  for (let k = 0; k < jobs.length; k++) {
    let d = done[k];
    // a quoted field open at the range's end: its end was no boundary; read on into the next
    let last = k;
    while (!d.read.clean) {
      if (last + 1 >= jobs.length) throw new NeedsOrderedRead('a quoted field is never closed');
      last++;
      joined++;
      d = await runRange(setup, { index: k, start: jobs[k].start, end: jobs[last].end, from: d.read.from }, size);
    }
    if (d.read.error !== undefined) throw new NeedsOrderedRead(d.read.error);
    merge(d, rowBase);
    // merged: its arrays can go (the fit's peak memory is at this merge)
    done[k] = undefined as unknown as RangeDone;
    rowsRead += d.read.rowsRead;
    rowsDropped += d.read.rowsDropped;
    rowsWithMissing += d.read.rowsWithMissing;
    for (const r of d.read.dropped) if (dropped.length < MAX_DROPPED_REASONS) dropped.push({ ...r, row: r.row + rowBase });
    rowBase += d.read.lines;
    // the ranges joined into this one are done; the next begins where this one ended
    if (last > k) {
      k = last;
      if (k + 1 < jobs.length && done[k + 1].read.from !== d.read.to) done[k + 1] = await runRange(setup, { ...jobs[k + 1], from: d.read.to }, size);
    }
  }
  return { rowsRead, rowsDropped, rowsWithMissing, dropped, bytes: size, ranges: jobs.length, joined };
}
