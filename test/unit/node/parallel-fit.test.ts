// The parallel fit of a CSV file (issue 17): ranges read by worker threads and merged in order.
// The answer does not depend on the number of threads (bit for bit), equals the ordered read's
// (counts, dropped rows numbered as the file's rows, coefficients to rounding), survives quoted
// fields with line breaks across range borders, and a problem in the data gets the ordered
// read's own message. Small ranges (4 KiB) make a 1 MB file cross hundreds of borders.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designSpec } from '../../../src/core/design-matrix';
import { onePassTemplate } from '../../../src/core/least-squares';
import type { RefineState } from '../../../src/core/least-squares-refine';
import type { RowBlock } from '../../../src/core/table';
import { createRng } from '../../../src/core/random';
import { readTableFile } from '../../../src/node/table-file';
import { fitTableFile } from '../../../src/node/fit-file';
import { planFile } from '../../../src/node/parallel-fit';
import { LateTemplate, runRange, type PassSetup } from '../../../src/node/parallel-passes';
import { parallelReadCsv } from '../../../src/node/parallel-read';
import { readTableFileTable } from '../../../src/node/table-file';

const dir = mkdtempSync(join(tmpdir(), 'gauss-parallel-'));
const workerScript = join(dir, 'fit-worker.js');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await build({ entryPoints: ['src/worker/fit-worker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: workerScript, logLevel: 'silent' });
});

/**
 * ~1 MB of CSV: y = 1 + 2·x1 − 3·x2 + noise; a text column with commas, doubled quotes and line
 * breaks (one value 12 KB long, across several ranges); blank lines; every 997th row missing x2.
 */
function writeData(name: string, eol: '\n' | '\r\n', extra: (i: number) => string | undefined = () => undefined): string {
  const r = createRng(11);
  const lines = ['x1,note,x2,y'];
  for (let i = 0; i < 12_000; i++) {
    const x1 = r.normal();
    const x2 = r.uniform() * 10;
    const y = 1 + 2 * x1 - 3 * x2 + 0.1 * r.normal();
    const note = i === 5_000 ? `"${'a long note,\nwith "" quotes\n'.repeat(400)}"` : i % 7 === 0 ? `"line one${eol}line, two"` : i % 5 === 0 ? '"say ""hi"""' : `n${i}`;
    lines.push(extra(i) ?? `${x1},${note},${i % 997 === 0 ? '' : x2},${y}`);
    if (i % 1_000 === 999) lines.push('');
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join(eol) + eol);
  return path;
}

const fit = (path: string, threads: number, rangeBytes?: number) =>
  fitTableFile(path, { target: 'y', diagnostics: false, threads, workerScript, ...(rangeBytes ? { rangeBytes } : {}) });

describe('the parallel fit of a CSV file', () => {
  for (const eol of ['\n', '\r\n'] as const) {
    it(`the same coefficients bit for bit with 1, 2 and 8 threads, and the ordered read's counts and dropped rows (${eol === '\n' ? 'LF' : 'CRLF'})`, async () => {
      const path = writeData(`data-${eol.length}.csv`, eol);
      const ordered = await fit(path, 1, Infinity);
      const runs = [await fit(path, 1, 4096), await fit(path, 2, 4096), await fit(path, 8, 4096)];
      for (const run of runs) {
        // toEqual on numbers is Object.is: bit for bit
        expect(run.fit.terms.map((t) => [t.estimate, t.stdError])).toEqual(runs[0].fit.terms.map((t) => [t.estimate, t.stdError]));
        expect([run.fit.rss, run.fit.tss, run.fit.n]).toEqual([runs[0].fit.rss, runs[0].fit.tss, runs[0].fit.n]);
        // the ordered read's summary: rows, drops (numbered as the file's rows), columns, warnings
        expect({ ...run.data, bytes: 0 }).toEqual({ ...ordered.data, bytes: 0 });
      }
      // the ranges were read in parallel (hundreds of them; the 12 KB quoted value made some be read
      // again joined with the next); the ordered read was the one-range fit
      expect(ordered.ranges).toBeUndefined();
      // the model of every numeric column but the target: chosen from the head's plan in the
      // parallel fit, from inspecting the file in the ordered one; the same (the text column out)
      expect(runs[0].spec.terms.map((t) => t.name)).toEqual(['x1', 'x2']);
      expect(ordered.spec.terms.map((t) => t.name)).toEqual(['x1', 'x2']);
      expect(runs[0].ranges!.count).toBeGreaterThan(150);
      expect(runs[0].ranges!.joined).toBeGreaterThan(0);
      expect(ordered.data.rowsDropped).toBe(13);
      expect(ordered.data.dropped[1].row).toBe(2 + 997 + Math.floor(997 / 1000));
      ordered.fit.terms.forEach((t, j) => expect(Math.abs(runs[0].fit.terms[j].estimate - t.estimate)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(t.estimate))));
    });
  }

  it('a feature that is not a column, or not numeric, gets the ordered read\'s message', async () => {
    const path = writeData('names.csv', '\n');
    for (const features of [['x1', 'x3'], ['note']]) {
      const run = (threads: number, rangeBytes: number) =>
        fitTableFile(path, { target: 'y', features, diagnostics: false, threads, workerScript, rangeBytes }).catch((e: unknown) => e);
      const ordered = await run(1, Infinity);
      expect(ordered).toBeInstanceOf(Error);
      expect(await run(2, 4096)).toEqual(ordered);
    }
  });

  it('a problem in the data gets the ordered read\'s message, with the file\'s row number', async () => {
    const bad = writeData('bad.csv', '\n', (i) => (i === 9_000 ? '1.5,note,abc,2' : undefined));
    const ordered = await fit(bad, 1, Infinity).catch((e: unknown) => e);
    const parallel = await fit(bad, 2, 4096).catch((e: unknown) => e);
    expect((ordered as Error).message).toMatch(/row [\d,]+, column "x2": "abc" is not a number/);
    expect((parallel as Error).message).toBe((ordered as Error).message);
    const open = writeData('open.csv', '\n', (i) => (i === 11_999 ? '1,"never closed,2,3' : undefined));
    const a = await fit(open, 1, Infinity).catch((e: unknown) => e);
    const b = await fit(open, 8, 4096).catch((e: unknown) => e);
    expect((a as Error).message).toMatch(/quote/);
    expect((b as Error).message).toBe((a as Error).message);
  });

  it('a range read before its template came keeps its rows and adds them when it comes: the same sums bit for bit', async () => {
    // the first pass starts reading while the head's solution is computed (parallel-fit.ts)
    const path = writeData('late.csv', '\n');
    const read = { fileName: 'late.csv', columns: ['x1', 'x2', 'y'] };
    const size = statSync(path).size;
    const plan = await planFile(path, read, size);
    const head: RowBlock[] = [];
    await readTableFile(path, read, (b) => head.push({ ...b, columns: b.columns.map((c) => c.slice(0, b.rowCount)) }));
    const template = onePassTemplate(designSpec(['x1', 'x2', 'y'], { target: 'y', features: ['x1', 'x2'] }), head, { headRows: 500 });
    const setup = (t: RefineState | 'later'): PassSetup => ({ path, plan, read, kernel: { kind: 'refine', template: t } });
    // one range of the whole file in blocks of 8,192 rows: two blocks
    const job = { index: 0, start: plan.dataStart, end: size };
    const known = await runRange(setup(template), job, size);
    // the template comes after the whole range was read: every block kept, added at the end
    const after = { current: undefined, arrived: Promise.resolve(template) } as unknown as LateTemplate;
    // the template comes between the range's blocks: it is asked for at each block until it is there
    let asked = 0;
    const between = { get current() {
      return ++asked > 1 ? template : undefined;
    }, arrived: Promise.resolve(template) } as unknown as LateTemplate;
    for (const late of [await runRange(setup('later'), job, size, undefined, after), await runRange(setup('later'), job, size, undefined, between)]) {
      expect(late.read).toEqual(known.read);
      expect(late.sums!.n).toBe(12_000 - 13);
      // toEqual on numbers is Object.is: bit for bit
      expect([...late.sums!.g, ...late.sums!.sums, ...late.sums!.gramSums]).toEqual([...known.sums!.g, ...known.sums!.sums, ...known.sums!.gramSums]);
    }
    expect(asked).toBe(2);
    // the class the passes use: set gives the template now and to whoever waits; fail rejects
    const late = new LateTemplate();
    expect(late.current).toBeUndefined();
    late.set(template);
    expect(late.current).toBe(template);
    await expect(late.arrived).resolves.toBe(template);
    const failed = new LateTemplate();
    failed.fail(new Error('no head'));
    await expect(failed.arrived).rejects.toThrow('no head');
  });

  it("reading a file into memory (the playground's table): the ordered read's table, row numbers, category codes and summary, with any number of threads", async () => {
    const path = writeData('table.csv', '\n', (i) => (i % 13 === 0 ? `${i / 1000},"city ${i % 5}",,${i}` : `${i / 1000},"city ${(i * 7) % 11}",${i % 3},${i}`));
    const read = { fileName: 'table.csv', columns: ['x1', 'note', 'x2', 'y'], text: ['note'], missing: 'keep' as const, rowNumbers: true };
    const ordered = await readTableFileTable(path, read);
    for (const threads of [1, 2, 8]) {
      const parallel = await parallelReadCsv(path, read, { threads, workerScript, rangeBytes: 4096 });
      expect(parallel.table).toEqual(ordered.table);
      expect(parallel.rowNumbers).toEqual(ordered.rowNumbers);
      expect({ ...parallel.summary, bytes: 0 }).toEqual({ ...ordered.summary, bytes: 0 });
    }
    expect(ordered.summary.levels.note.length).toBe(11);
    expect(ordered.summary.rowsWithMissing).toBeGreaterThan(900);
  });
});
