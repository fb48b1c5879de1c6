// Words for results: the one-line verdict a lens or decoration shows, the hover's Markdown,
// and the CLI's table. Pure.
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
const defaultLineName: LineName = (line) => `line ${line + 1}`;

/**
 * One line for a lens or an end-of-line decoration:
 * `loop 4.12 ms · vectorized 9.8 µs · vectorized 420× faster (±3%)`. With more than two variants
 * the winner is compared with the slowest; when the interval includes 1 it says so instead of
 * naming a winner. Errors read `loop failed on line 12: ReferenceError: c is not defined`.
 */
export function formatVerdict(result: BenchGroupResult, lineName: LineName = defaultLineName): string {
  if (result.kind === 'cancelled') return 'benchmark cancelled';
  if (result.kind === 'error') {
    const where = result.line !== null ? ` on ${lineName(result.line)}` : '';
    return `${result.variant ?? 'benchmark'} failed${where}: ${result.message}`;
  }
  const times = result.variants.map((v) => `${v.name} ${formatDuration(v.medianNs)}`).join(' · ');
  const { fastest, slowest, factor, ci95 } = result.ratio;
  if (isTie(result)) return `${times} · no clear difference (${formatFactor(factor)}, 95% CI ${formatFactor(ci95[0])}–${formatFactor(ci95[1])})`;
  const than = result.variants.length > 2 ? ` than ${slowest}` : '';
  const warn = result.warnings.length > 0 ? ' ⚠' : '';
  return `${times} · ${fastest} ${formatFactor(factor)} faster${than} (${plusMinus(factor, ci95)})${warn}`;
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
  if (result.kind === 'cancelled') return 'Benchmark cancelled.';
  if (result.kind === 'error') {
    const where = result.line !== null ? ` (${lineName(result.line)})` : '';
    const lines = [`**${md(result.variant ?? 'Benchmark')} failed${where}**`, '', md(result.message)];
    if (result.output) lines.push('', 'Output (end):', '', '```text', result.output.replace(/```/g, "'''"), '```');
    return lines.join('\n');
  }
  const fastest = result.variants.find((v) => v.name === result.ratio.fastest)!;
  const rows = result.variants.map((v) => {
    const rel = result.relative.find((r) => r.name === v.name)!;
    const vs = v === fastest ? 'fastest' : `${formatFactor(rel.factor)} slower (${formatFactor(rel.ci95[0])}–${formatFactor(rel.ci95[1])})`;
    return `| ${md(v.name)} | ${formatDuration(v.medianNs)} | ${formatDuration(v.meanNs)} ± ${formatDuration(v.sdNs)} | ${formatDuration(v.minNs)} | ${formatDuration(v.p75Ns)} | ${formatDuration(v.p99Ns)} | ±${formatNumber(v.rme, 2)}% | ${v.samples} × ${formatCount(v.iterationsPerSample)} | ${vs} |`;
  });
  const { method } = result;
  const lines = [
    `**${md(formatVerdict(result))}**`,
    '',
    '| variant | median | mean ± sd | min | p75 | p99 | rme | samples × runs | vs fastest |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `Speed-up ${formatFactor(result.ratio.factor)}, 95% CI ${formatFactor(result.ratio.ci95[0])}–${formatFactor(result.ratio.ci95[1])} (bootstrap over paired rounds).`,
  ];
  if (result.warnings.length > 0) lines.push('', ...result.warnings.map((w) => `- ⚠ ${md(w.message)}`));
  lines.push(
    '',
    `_${md(result.runtime)}, one process per variant; setup ${method.setup === 'once' ? 'once per process' : 'before each sample'}; warm-up ${formatNumber(method.warmupMs, 3)} ms, samples of ≥ ${formatNumber(method.sampleTargetMs, 3)} ms${method.reentryMs > 0 ? ` (each after ${formatNumber(method.reentryMs, 3)} ms of untimed calls)` : ''} in ${method.rounds} interleaved rounds` +
      (result.baselineNs !== null ? `; empty loop ${md(formatDuration(result.baselineNs))} per run` : '') +
      `; ${md(formatDuration(result.elapsedMs * 1e6))} in all._`,
  );
  return lines.join('\n');
}

/** Plain-text table for the terminal. */
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
