// Words for results: the one-line verdict a lens or decoration shows, the hover's Markdown,
// and the CLI's table. Pure.
import * as l10n from '@vscode/l10n';
import { formatCount, formatNumber } from '../core/number-format';
import type { BenchGroupResult, BenchSuccess } from './result';

/**
 * A duration in nanoseconds with three significant digits and the unit that reads best:
 * `formatDuration(9800)` is "9.8 µs", `formatDuration(4.123e6)` is "4.12 ms".
 */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return formatNumber(ns);
  const a = Math.abs(ns);
  const [value, unit] = a >= 1e9 ? [ns / 1e9, 's'] : a >= 1e6 ? [ns / 1e6, 'ms'] : a >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  return `${formatNumber(value, 3)} ${unit}`;
}

/** A speed-up factor: `420×`, `42.3×`, `1.23×`. */
export function formatFactor(f: number): string {
  if (!Number.isFinite(f)) return `${formatNumber(f)}×`;
  if (f >= 100) return `${formatCount(f)}×`;
  if (f >= 10) return `${f.toFixed(1)}×`;
  return `${f.toFixed(2)}×`;
}

/** Half-width of the interval relative to the factor, in whole percent (at least 1). */
function plusMinus(factor: number, ci: readonly [number, number]): string {
  const h = Math.max(factor - ci[0], ci[1] - factor) / factor;
  return `±${Math.max(1, Math.round(h * 100))}%`;
}

/** True when the 95% interval of the fastest-vs-slowest factor includes 1 (no clear winner). */
export function isTie(result: BenchSuccess): boolean {
  return result.ratio.ci95[0] <= 1;
}

/** How an error's line is named: "line 12" in a file, "cell 3, line 2" in a notebook. */
export type LineName = (line: number) => string;
const defaultLineName: LineName = (line) => l10n.t('line {0}', String(line + 1));

/**
 * One line for a lens or an end-of-line decoration:
 * `loop 4.12 ms · vectorized 9.8 µs · vectorized 420× faster (±3%)`. With more than two variants
 * the winner is compared with the slowest; when the interval includes 1 it says so instead of
 * naming a winner. Errors read `loop failed on line 12: ReferenceError: c is not defined`.
 */
export function formatVerdict(result: BenchGroupResult, lineName: LineName = defaultLineName): string {
  if (result.kind === 'cancelled') return l10n.t('benchmark cancelled');
  if (result.kind === 'error') {
    const { variant, line, message } = result;
    if (variant === null) return line !== null ? l10n.t('benchmark failed on {0}: {1}', lineName(line), message) : l10n.t('benchmark failed: {0}', message);
    return line !== null ? l10n.t('{0} failed on {1}: {2}', variant, lineName(line), message) : l10n.t('{0} failed: {1}', variant, message);
  }
  const times = result.variants.map((v) => `${v.name} ${formatDuration(v.medianNs)}`).join(' · ');
  const { fastest, slowest, factor, ci95 } = result.ratio;
  if (isTie(result)) {
    return `${times} · ${l10n.t('no clear difference ({0}, 95% CI {1}–{2})', formatFactor(factor), formatFactor(ci95[0]), formatFactor(ci95[1]))}`;
  }
  const warn = result.warnings.length > 0 ? ' ⚠' : '';
  const verdict =
    result.variants.length > 2
      ? l10n.t('{0} {1} faster than {2} ({3})', fastest, formatFactor(factor), slowest, plusMinus(factor, ci95))
      : l10n.t('{0} {1} faster ({2})', fastest, formatFactor(factor), plusMinus(factor, ci95));
  return `${times} · ${verdict}${warn}`;
}

/** Escapes text for Markdown (variant names and messages are the user's text). */
function md(s: string): string {
  return s.replace(/[\\`*_[\]|<>#]/g, (c) => `\\${c}`);
}

/**
 * The hover: Markdown with the full statistics of every variant, the comparison with its
 * interval, the warnings, and how it was measured.
 */
export function formatHover(result: BenchGroupResult, lineName: LineName = defaultLineName): string {
  if (result.kind === 'cancelled') return l10n.t('Benchmark cancelled.');
  if (result.kind === 'error') {
    const { variant, line } = result;
    const title =
      variant === null
        ? line !== null
          ? l10n.t('Benchmark failed ({0})', lineName(line))
          : l10n.t('Benchmark failed')
        : line !== null
          ? l10n.t('{0} failed ({1})', md(variant), lineName(line))
          : l10n.t('{0} failed', md(variant));
    const lines = [`**${title}**`, '', md(result.message)];
    if (result.output) lines.push('', l10n.t('Output (end):'), '', '```text', result.output.replace(/```/g, "'''"), '```');
    return lines.join('\n');
  }
  const fastest = result.variants.find((v) => v.name === result.ratio.fastest)!;
  const rows = result.variants.map((v) => {
    const rel = result.relative.find((r) => r.name === v.name)!;
    const vs = v === fastest ? l10n.t('fastest') : l10n.t('{0} slower ({1}–{2})', formatFactor(rel.factor), formatFactor(rel.ci95[0]), formatFactor(rel.ci95[1]));
    return `| ${md(v.name)} | ${formatDuration(v.medianNs)} | ${formatDuration(v.meanNs)} ± ${formatDuration(v.sdNs)} | ${formatDuration(v.minNs)} | ${formatDuration(v.p75Ns)} | ${formatDuration(v.p99Ns)} | ±${formatNumber(v.rme, 2)}% | ${v.samples} × ${formatCount(v.iterationsPerSample)} | ${vs} |`;
  });
  const { method } = result;
  const lines = [
    `**${md(formatVerdict(result))}**`,
    '',
    l10n.t('| variant | median | mean ± sd | min | p75 | p99 | rme | samples × runs | vs fastest |'),
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    l10n.t(
      'Speed-up {0}, 95% CI {1}–{2} (bootstrap over paired rounds).',
      formatFactor(result.ratio.factor),
      formatFactor(result.ratio.ci95[0]),
      formatFactor(result.ratio.ci95[1]),
    ),
  ];
  if (result.warnings.length > 0) lines.push('', ...result.warnings.map((w) => `- ⚠ ${md(w.message)}`));
  const setup = method.setup === 'once' ? l10n.t('setup once per process') : l10n.t('setup before each sample');
  const warmup = formatNumber(method.warmupMs, 3);
  const sample = formatNumber(method.sampleTargetMs, 3);
  const rounds = formatCount(method.rounds);
  const sampling =
    method.reentryMs > 0
      ? l10n.t('warm-up {0} ms, samples of ≥ {1} ms (each after {2} ms of untimed calls) in {3} interleaved rounds', warmup, sample, formatNumber(method.reentryMs, 3), rounds)
      : l10n.t('warm-up {0} ms, samples of ≥ {1} ms in {2} interleaved rounds', warmup, sample, rounds);
  const total = md(formatDuration(result.elapsedMs * 1e6));
  const how =
    result.baselineNs !== null
      ? l10n.t('{0}, one process per variant; {1}; {2}; empty loop {3} per run; {4} in all.', md(result.runtime), setup, sampling, md(formatDuration(result.baselineNs)), total)
      : l10n.t('{0}, one process per variant; {1}; {2}; {3} in all.', md(result.runtime), setup, sampling, total);
  lines.push('', `_${how}_`);
  return lines.join('\n');
}

/** Plain-text table for the terminal (the CLI's: English, like all its output). */
export function formatBenchTable(result: BenchSuccess): string {
  const head = ['variant', 'median', 'mean', '± sd', 'min', 'p75', 'p99', 'rme', 'samples'];
  const rows = result.variants.map((v) => [
    v.name,
    formatDuration(v.medianNs),
    formatDuration(v.meanNs),
    formatDuration(v.sdNs),
    formatDuration(v.minNs),
    formatDuration(v.p75Ns),
    formatDuration(v.p99Ns),
    `±${formatNumber(v.rme, 2)}%`,
    `${v.samples} × ${v.iterationsPerSample}`,
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  const out = [line(head), ...rows.map(line)];
  const { fastest, slowest, factor, ci95 } = result.ratio;
  out.push(
    isTie(result)
      ? `no clear difference: ${slowest} / ${fastest} = ${formatFactor(factor)} (95% CI ${formatFactor(ci95[0])}–${formatFactor(ci95[1])})`
      : `${fastest} is ${formatFactor(factor)} faster than ${slowest} (95% CI ${formatFactor(ci95[0])}–${formatFactor(ci95[1])})`,
  );
  for (const w of result.warnings) out.push(`warning: ${w.message}`);
  return out.join('\n');
}
