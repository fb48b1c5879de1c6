import { describe, expect, it } from 'vitest';
import { formatBenchTable, formatDuration, formatFactor, formatHover, formatVerdict } from '../../../src/bench/verdict';
import type { BenchSuccess, VariantResult } from '../../../src/bench/result';

function variant(name: string, medianNs: number, markerLine = 0): VariantResult {
  return {
    name,
    markerLine,
    samples: 12,
    medianNs,
    meanNs: medianNs * 1.01,
    sdNs: medianNs * 0.02,
    minNs: medianNs * 0.97,
    maxNs: medianNs * 1.2,
    p75Ns: medianNs * 1.02,
    p99Ns: medianNs * 1.15,
    rme: 1.3,
    iterationsPerSample: 1200,
    raw: { samplesNs: [], timer: { times: [], avg: NaN, sum: 0, cumsum: [] }, setupNs: 0 },
  };
}

function success(over: Partial<BenchSuccess> = {}): BenchSuccess {
  const variants = [variant('loop', 4.12e6, 3), variant('vectorized', 9.8e3, 8)];
  return {
    kind: 'ok',
    groupId: 'python:1',
    language: 'python',
    variants,
    ratio: { fastest: 'vectorized', slowest: 'loop', factor: 420.4, ci95: [408, 433] },
    relative: [
      { name: 'loop', factor: 420.4, ci95: [408, 433] },
      { name: 'vectorized', factor: 1, ci95: [1, 1] },
    ],
    baselineNs: 12,
    warnings: [],
    runtime: 'Python 3.11.7',
    method: { rounds: 12, sampleTargetMs: 10, warmupMs: 100, reentryMs: 0, budgetMs: 2000, setup: 'per-sample' },
    elapsedMs: 2010,
    ...over,
  };
}

describe('bench verdicts', () => {
  it('formats durations with three significant digits and a readable unit', () => {
    expect([9800, 4.123e6, 850, 0.42, 1.5e9, 12_345, 1e3].map(formatDuration)).toEqual(['9.8 µs', '4.12 ms', '850 ns', '0.42 ns', '1.5 s', '12.3 µs', '1 µs']);
    expect(formatDuration(NaN)).toBe('nan');
  });

  it('formats factors by size', () => {
    expect([420.4, 42.34, 1.234, 12_345].map(formatFactor)).toEqual(['420×', '42.3×', '1.23×', '12,345×']);
  });

  it('one line: times, the winner, and the interval as ±%', () => {
    expect(formatVerdict(success())).toBe('loop 4.12 ms · vectorized 9.8 µs · vectorized 420× faster (±3%)');
  });

  it('says "no clear difference" when the interval includes 1', () => {
    const r = success({ ratio: { fastest: 'vectorized', slowest: 'loop', factor: 1.03, ci95: [0.97, 1.09] } });
    expect(formatVerdict(r)).toMatch(/no clear difference \(1\.03×, 95% CI 0\.97×–1\.09×\)$/);
  });

  it('names the slowest with three variants, and flags warnings', () => {
    const r = success({
      variants: [variant('a', 3e6), variant('b', 2e6), variant('c', 1e6)],
      ratio: { fastest: 'c', slowest: 'a', factor: 3, ci95: [2.9, 3.1] },
      warnings: [{ variant: 'a', line: 0, message: 'noisy' }],
    });
    expect(formatVerdict(r)).toBe('a 3 ms · b 2 ms · c 1 ms · c 3.00× faster than a (±3%) ⚠');
  });

  it('errors and cancellation read as sentences with a 1-based line', () => {
    expect(formatVerdict({ kind: 'error', variant: 'loop', message: 'ReferenceError: c is not defined', line: 11 })).toBe('loop failed on line 12: ReferenceError: c is not defined');
    expect(formatVerdict({ kind: 'error', variant: null, message: 'Python was not found.', line: null })).toBe('benchmark failed: Python was not found.');
    expect(formatVerdict({ kind: 'cancelled' })).toBe('benchmark cancelled');
  });

  it('the hover has the full statistics table, escapes user names, and says how it measured', () => {
    const r = success({
      variants: [variant('loop|*x*', 4.12e6), variant('vectorized', 9.8e3)],
      ratio: { fastest: 'vectorized', slowest: 'loop|*x*', factor: 420.4, ci95: [408, 433] },
      relative: [
        { name: 'loop|*x*', factor: 420.4, ci95: [408, 433] },
        { name: 'vectorized', factor: 1, ci95: [1, 1] },
      ],
      warnings: [{ variant: null, line: null, message: 'The slowest sample took 5× as long' }],
    });
    const md = formatHover(r);
    expect(md).toContain('| variant | median | mean ± sd | min | p75 | p99 | rme | samples × runs | vs fastest |');
    expect(md).toContain('| loop\\|\\*x\\* | 4.12 ms | 4.16 ms ± 82.4 µs | 4 ms | 4.2 ms | 4.74 ms | ±1.3% | 12 × 1,200 | 420× slower (408×–433×) |');
    expect(md).toContain('| vectorized | 9.8 µs |');
    expect(md).toContain('Speed-up 420×, 95% CI 408×–433×');
    expect(md).toContain('- ⚠ The slowest sample took 5× as long');
    expect(md).toMatch(/Python 3\.11\.7, one process per variant; setup before each sample; warm-up 100 ms, samples of ≥ 10 ms in 12 interleaved rounds; empty loop 12 ns per run/);
    const err = formatHover({ kind: 'error', variant: 'b', message: 'boom', line: 2, output: 'x```y' });
    expect(err).toContain('**b failed (line 3)**');
    expect(err).not.toContain('x```y');
  });

  it('the terminal table lines up and ends with the comparison', () => {
    const lines = formatBenchTable(success()).split('\n');
    expect(lines[0]).toMatch(/^variant\s+median\s+mean\s+± sd\s+min\s+p75\s+p99\s+rme\s+samples$/);
    expect(lines[1]).toMatch(/^loop\s+4\.12 ms/);
    expect(new Set(lines.slice(0, 3).map((l) => l.length)).size).toBe(1);
    expect(lines[3]).toBe('vectorized is 420× faster than loop (95% CI 408×–433×)');
  });
});
