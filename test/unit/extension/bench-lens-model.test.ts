import { describe, expect, it } from 'vitest';
import { findBenchGroups } from '../../../src/bench/markers';
import type { BenchSuccess, VariantResult } from '../../../src/bench/result';
import { formatVerdict } from '../../../src/bench/verdict';
import {
  countLineBreaks,
  doneTitle,
  entryFor,
  idleTitle,
  markerDecorations,
  notRunnableTitle,
  progressTitle,
  runAllTitle,
  shiftEntries,
  type BenchEntry,
} from '../../../src/extension/bench-lens-model';

const JS = '// intro\n// @bench setup\nconst n = 10;\n\n// @bench loop\nf()\n\n// @bench vectorized\ng()\n';

function variant(name: string, medianNs: number, markerLine: number): VariantResult {
  return {
    name, markerLine, samples: 12, medianNs, meanNs: medianNs, sdNs: 0, minNs: medianNs, maxNs: medianNs, p75Ns: medianNs, p99Ns: medianNs, rme: 1, iterationsPerSample: 10,
    raw: { samplesNs: [], timer: { times: [], avg: 0, sum: 0, cumsum: [] }, setupNs: 0 },
  };
}

const ok: BenchSuccess = {
  kind: 'ok', groupId: 'javascript:1', language: 'javascript',
  variants: [variant('loop', 4.12e6, 4), variant('vectorized', 9.8e3, 7)],
  ratio: { fastest: 'vectorized', slowest: 'loop', factor: 420, ci95: [410, 430] },
  relative: [{ name: 'loop', factor: 420, ci95: [410, 430] }, { name: 'vectorized', factor: 1, ci95: [1, 1] }],
  baselineNs: 1, warnings: [], runtime: 'Node v20', elapsedMs: 2000,
  method: { rounds: 10, sampleTargetMs: 10, warmupMs: 20, reentryMs: 20, budgetMs: 2000, setup: 'once' },
};

function entry(over: Partial<BenchEntry> = {}): BenchEntry {
  const group = findBenchGroups(JS, 'javascript')[0];
  return { group, shift: 0, version: 3, state: 'done', progress: undefined, result: ok, index: 1, total: 1, abort: new AbortController(), startedAt: 0, ...over };
}

describe('bench lens model', () => {
  it('titles: the group names, run all, a single variant explains itself', () => {
    expect(idleTitle(findBenchGroups(JS, 'javascript')[0])).toBe('$(watch) Time loop vs vectorized');
    expect(runAllTitle()).toBe('$(watch) Run all benchmarks');
    const single = findBenchGroups('# @bench loop\nx = 1\n', 'python')[0];
    expect(single.runnable).toBe(false);
    expect(notRunnableTitle(single)).toMatch(/^\$\(watch\) A group needs two timed variants/);
  });

  it('progress reads queued, then running n/m with a percentage', () => {
    expect(progressTitle(entry({ state: 'queued', index: 2, total: 3 }))).toBe('$(watch) queued… (2/3)');
    expect(progressTitle(entry({ state: 'running', progress: { phase: 'sampling', fraction: 0.42 } }))).toBe('$(watch) running… 42% (1/1)');
  });

  it('the verdict, and stale once the version moves on', () => {
    expect(doneTitle(entry(), 3)).toBe(`$(watch) ${formatVerdict(ok)}`);
    expect(doneTitle(entry(), 3)).toBe('$(watch) loop 4.12 ms · vectorized 9.8 µs · vectorized 420× faster (±2%)');
    expect(doneTitle(entry(), 4)).toMatch(/\(stale: edited since\)$/);
  });

  it('end-of-line medians on each marker, following the shift', () => {
    expect(markerDecorations(entry(), 3)).toEqual([
      { line: 4, text: 'median 4.12 ms' },
      { line: 7, text: 'median 9.8 µs · fastest' },
    ]);
    expect(markerDecorations(entry({ shift: 2 }), 5).map((d) => [d.line, d.text.endsWith('(stale)')])).toEqual([[6, true], [9, true]]);
    expect(markerDecorations(entry({ result: { kind: 'cancelled' } }), 3)).toEqual([]);
  });

  it('edits above a group move its entry; edits below or inside do not', () => {
    const e = entry();
    expect(e.group.startLine).toBe(1);
    shiftEntries([e], { startLine: 0, endLine: 0, endCharacter: 0, newLines: 2 }); // two lines inserted at the top
    expect(e.shift).toBe(2);
    shiftEntries([e], { startLine: 5, endLine: 5, endCharacter: 3, newLines: 1 }); // below the first marker
    expect(e.shift).toBe(2);
    shiftEntries([e], { startLine: 0, endLine: 1, endCharacter: 0, newLines: 0 }); // a line deleted above
    expect(e.shift).toBe(1);
    const moved = findBenchGroups('\n' + JS, 'javascript')[0];
    expect(entryFor([e], moved)).toBe(e);
    expect(entryFor([e], findBenchGroups(JS, 'javascript')[0])).toBeUndefined();
  });

  it('counts line breaks of every kind', () => {
    expect(countLineBreaks('a\r\nb\nc\rd')).toBe(3);
    expect(countLineBreaks('')).toBe(0);
  });
});
