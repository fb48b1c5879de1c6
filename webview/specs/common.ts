// Shared pieces of the pure Vega-Lite spec builders: no DOM, no vega runtime.
import type { TopLevelSpec } from 'vega-lite';
import { formatCount, formatNumber } from '../../src/core/number-format';

export type Spec = TopLevelSpec;

/** Chart size used by the playground (the CSS grid fits two side by side). */
export const WIDTH = 340;
export const HEIGHT = 220;

export const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The data sources views update incrementally (vega View changesets). */
export const DATA = {
  steps: 'steps',
  epochs: 'epochs',
  optimum: 'optimum',
  distance: 'distance',
  trajectory: 'trajectory',
  neuronEdges: 'neuronEdges',
  neuronNodes: 'neuronNodes',
  curves: 'curves',
  sample: 'sample',
} as const;

/** min and max of the finite values, or undefined when there are none. */
export function finiteExtent(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** A short label for a number: 3 significant digits, written as the core writes every number. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? formatNumber(x, 3) : '—';
}

/**
 * The charts' number format, an expression function (`formatType: NUMBER_FORMAT` in a tooltip;
 * `format` is the significant digits, or "count" for whole things, grouped): tooltips read
 * numbers as the rest of the panel does (d3's "~g" wrote 1e+12).
 */
export const NUMBER_FORMAT = 'gaussNumber';
export function gaussNumber(x: unknown, format: unknown = '4'): string {
  if (typeof x !== 'number') return String(x ?? '—');
  if (!Number.isFinite(x)) return '—';
  return format === 'count' ? formatCount(x) : formatNumber(x, Number(format) || 4);
}
/** A tooltip entry of a number in `digits` significant digits by the policy, or of a count. */
export const tooltipNumber = (field: string, title: string, digits: number | 'count' = 4) => ({ field, type: 'quantitative', title, formatType: NUMBER_FORMAT, format: String(digits) }) as const;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A log axis that reads at a glance: labels only at powers of ten, all written 10⁻², 10⁰, 10¹²
 * (Vega's own labels mixed "1e+12" with "10000000000"); over less than a decade, where no power of
 * ten may fall, plain numbers in 2 significant digits.
 */
export function logAxis(channel: 'x' | 'y'): Record<string, unknown> {
  const exponent = 'round(log(datum.value) / LN10)';
  let sup = `replace('' + ${exponent}, '-', '⁻')`;
  for (let d = 0; d < 10; d++) sup = `replace(${sup}, regexp('${d}', 'g'), '${SUPERSCRIPT[d]}')`;
  const decades = `log(domain('${channel}')[1] / domain('${channel}')[0]) / LN10 >= 1`;
  const power = `abs(log(datum.value) / LN10 - ${exponent}) < 1e-6`;
  return { labelOverlap: 'greedy', labelExpr: `${decades} ? (${power} ? '10' + ${sup} : '') : format(datum.value, '.2~g')` };
}

/** An axis of whole things (steps, rows, draws): whole-number ticks only, grouped. */
export const COUNT_AXIS = { tickMinStep: 1, format: ',d' } as const;

/**
 * A Vega expression that shows `value` (a data value kept as a key, e.g. a series) by its label in
 * `labels`; a value not in it shows as it is. For a legend's `labelExpr` or a `calculate`.
 */
export function labelExpr(labels: Readonly<Record<string, string>>, value = 'datum.value'): string {
  return Object.entries(labels).reduceRight((rest, [k, v]) => `${value} === ${JSON.stringify(k)} ? ${JSON.stringify(v)} : ${rest}`, value);
}

/**
 * Equal-width histogram of the finite values as density (area 1).
 * @returns bins with [x0, x1) and density; empty for no finite values.
 */
export function densityHistogram(values: readonly number[], binCount?: number): { x0: number; x1: number; density: number; count: number }[] {
  const xs = values.filter((v) => Number.isFinite(v));
  const ext = finiteExtent(xs);
  if (!ext) return [];
  const n = xs.length;
  const k = binCount ?? Math.max(5, Math.min(50, Math.ceil(Math.sqrt(n))));
  let [lo, hi] = ext;
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / k;
  const counts = new Array<number>(k).fill(0);
  for (const x of xs) counts[Math.min(k - 1, Math.floor((x - lo) / width))]++;
  return counts.map((count, i) => ({ x0: lo + i * width, x1: lo + (i + 1) * width, density: count / (n * width), count }));
}

/** Point opacity that keeps dense scatters readable (and the fitted line visible over them). */
export function pointOpacity(n: number): number {
  return n <= 300 ? 0.6 : Math.max(0.15, 0.6 * Math.sqrt(300 / n));
}
