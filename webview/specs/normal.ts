// The normal distribution explorer: d2l's pdf curves for several (μ, σ) pairs and a sample
// histogram of n draws against its pdf. Both sources are replaced as sliders move.
import * as l10n from '@vscode/l10n';
import { normalPdf } from '../../src/core/normal';
import { DATA, densityHistogram, fmt, type Spec, tooltipNumber } from './common';

export const pairLabel = ([mu, sigma]: readonly [number, number]) => `μ = ${fmt(mu)}, σ = ${fmt(sigma)}`;

/** The x range that shows every pair's bulk (μ ± 4σ), as d2l's plot of x ∈ [−7, 7]. */
export function normalRange(pairs: readonly (readonly [number, number])[]): [number, number] {
  let lo = -7;
  let hi = 7;
  for (const [mu, sigma] of pairs) {
    lo = Math.min(lo, mu - 4 * sigma);
    hi = Math.max(hi, mu + 4 * sigma);
  }
  return [lo, hi];
}

export function normalCurves(pairs: readonly (readonly [number, number])[], points = 200): { x: number; pdf: number; pair: string; order: number }[] {
  const [lo, hi] = normalRange(pairs);
  const rows = [];
  for (const [k, pair] of pairs.entries()) {
    const [mu, sigma] = pair;
    if (!Number.isFinite(mu) || !(sigma > 0)) continue;
    const label = `${k + 1}: ${pairLabel(pair)}`;
    for (let i = 0; i < points; i++) {
      const x = lo + ((hi - lo) * i) / (points - 1);
      rows.push({ x, pdf: normalPdf(x, mu, sigma), pair: label, order: i });
    }
  }
  return rows;
}

export function sampleBins(draws: ArrayLike<number>): { x0: number; x1: number; density: number; count: number }[] {
  return densityHistogram(Array.from(draws), Math.max(10, Math.min(60, Math.ceil(Math.sqrt(draws.length)))));
}

/** Dash patterns of the curves, in pair order: solid, long dashes, dots, dash-dot, … */
export const PAIR_DASHES = [[1, 0], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [14, 4]];

export function normalSpec(pairs: readonly (readonly [number, number])[], draws: ArrayLike<number>): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('normal distributions'),
    autosize: { type: 'pad', resize: true },
    width: 560,
    height: 300,
    layer: [
      {
        data: { name: DATA.sample, values: sampleBins(draws) },
        mark: { type: 'rect', opacity: 0.35, stroke: null, clip: true },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: 'x', scale: { nice: false } },
          x2: { field: 'x1' },
          y: { field: 'density', type: 'quantitative', title: 'p(x)' },
          color: { value: '#888888' },
          tooltip: [
            tooltipNumber('count', l10n.t('draws'), 'count'),
            tooltipNumber('x0', l10n.t('from'), 3),
            tooltipNumber('x1', l10n.t('to'), 3),
          ],
        },
      },
      {
        data: { name: DATA.curves, values: normalCurves(pairs) },
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'pdf', type: 'quantitative' },
          color: { field: 'pair', type: 'nominal', legend: { title: null, orient: 'top', symbolStrokeWidth: 2.5 } },
          // each curve has its own dash too: colour is never the only difference (WCAG 1.4.1);
          // on the same field, Vega-Lite draws one legend with both
          strokeDash: { field: 'pair', type: 'nominal', scale: { range: PAIR_DASHES } },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
  } as Spec;
}
