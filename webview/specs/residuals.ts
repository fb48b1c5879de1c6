// Residual diagnostics: histogram against the fitted N(0, σ̂²) density, and a normal Q-Q plot.
import * as l10n from '@vscode/l10n';
import { normalPdf, normalQuantile } from '../../src/core/normal';
import { HEIGHT, WIDTH, densityHistogram, finiteExtent, isFiniteNumber, pointOpacity, type Spec, tooltipNumber } from './common';

/** Points of the N(0, σ²) density over [lo, hi]. */
export function normalCurve(mu: number, sigma: number, lo: number, hi: number, points = 120): { x: number; pdf: number }[] {
  if (!(sigma > 0) || !Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) return [];
  const out = [];
  for (let i = 0; i < points; i++) {
    const x = lo + ((hi - lo) * i) / (points - 1);
    const pdf = normalPdf(x, mu, sigma);
    if (Number.isFinite(pdf)) out.push({ x, pdf });
  }
  return out;
}

export function residualHistogramSpec(residuals: readonly number[], sigma: number | null): Spec {
  const bins = densityHistogram(residuals);
  const ext = finiteExtent(residuals) ?? [-1, 1];
  const s = sigma !== null && sigma > 0 ? sigma : undefined;
  const lo = Math.min(ext[0], s ? -3.5 * s : ext[0]);
  const hi = Math.max(ext[1], s ? 3.5 * s : ext[1]);
  const curve = s ? normalCurve(0, s, lo, hi) : [];
  // the legend's entries (constants of the chart, not data values)
  const residualsLabel = l10n.t('residuals');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('residual histogram'),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: bins },
        mark: { type: 'rect', opacity: 0.75, stroke: null },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: l10n.t('residual y − ŷ') },
          x2: { field: 'x1' },
          y: { field: 'density', type: 'quantitative', title: l10n.t('density') },
          color: { datum: residualsLabel, type: 'nominal', scale: { domain: [residualsLabel, 'N(0, σ̂²)'] }, legend: { title: null, orient: 'top' } },
          tooltip: [
            tooltipNumber('count', l10n.t('rows'), 'count'),
            tooltipNumber('x0', l10n.t('from'), 4),
            tooltipNumber('x1', l10n.t('to'), 4),
          ],
        },
      },
      {
        data: { values: curve },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'pdf', type: 'quantitative' },
          color: { datum: 'N(0, σ̂²)', type: 'nominal' },
        },
      },
    ],
  } as Spec;
}

/** Normal Q-Q points: sorted residuals against the N(0, σ̂²) quantiles at (i + ½)/n. */
export function qqPoints(residuals: readonly number[], sigma: number | null): { theoretical: number; sample: number }[] {
  const xs = residuals.filter(isFiniteNumber).sort((a, b) => a - b);
  const n = xs.length;
  const s = sigma !== null && sigma > 0 ? sigma : 1;
  return xs.map((sample, i) => ({ theoretical: normalQuantile((i + 0.5) / n, 0, s), sample }));
}

export function qqSpec(residuals: readonly number[], sigma: number | null): Spec {
  const points = qqPoints(residuals, sigma);
  const ext = finiteExtent(points.flatMap((p) => [p.theoretical, p.sample])) ?? [-1, 1];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('normal Q-Q plot'),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ q: ext[0] }, { q: ext[1] }] },
        mark: { type: 'line', strokeDash: [4, 4], opacity: 0.8 },
        encoding: { x: { field: 'q', type: 'quantitative' }, y: { field: 'q', type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 12, opacity: pointOpacity(points.length) },
        encoding: {
          x: { field: 'theoretical', type: 'quantitative', title: l10n.t('N(0, σ̂²) quantile') },
          y: { field: 'sample', type: 'quantitative', title: l10n.t('residual quantile') },
        },
      },
    ],
  } as Spec;
}

/**
 * Residuals against fitted values, with y = 0: a curve says the model misses a shape, a funnel
 * says the noise grows with ŷ (then robust standard errors). Hover a point for its row.
 */
export function residualsFittedSpec(sample: { readonly yhat: readonly number[]; readonly residuals: readonly number[]; readonly rows: readonly number[] }): Spec {
  const points = sample.yhat.flatMap((f, i) => (isFiniteNumber(f) && isFiniteNumber(sample.residuals[i]) ? [{ fitted: f, residual: sample.residuals[i], row: sample.rows[i] }] : []));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('residuals against fitted values: {0} points', String(points.length)),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ r: 0 }] },
        mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.8 },
        encoding: { y: { field: 'r', type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, opacity: pointOpacity(points.length), size: 24 },
        encoding: {
          x: { field: 'fitted', type: 'quantitative', title: l10n.t('fitted ŷ'), scale: { zero: false } },
          y: { field: 'residual', type: 'quantitative', title: l10n.t('residual y − ŷ') },
          tooltip: [
            { field: 'row', type: 'quantitative', title: l10n.t('row') },
            tooltipNumber('fitted', 'ŷ', 6),
            tooltipNumber('residual', l10n.t('residual'), 6),
          ],
        },
      },
    ],
  } as Spec;
}

/**
 * Leverage hᵢ against Cook's distance Dᵢ: rows far right pull the fit by where they are, rows
 * high up moved it (above 4/n is the usual flag). Hover a point for its row.
 */
export function leverageSpec(sample: { readonly leverage: readonly (number | null)[]; readonly cooks: readonly (number | null)[]; readonly rows: readonly number[]; readonly residuals: readonly number[]; readonly total: number }): Spec {
  const points = sample.leverage.flatMap((h, i) => {
    const d = sample.cooks[i];
    const r = sample.residuals[i];
    return isFiniteNumber(h) && isFiniteNumber(d) && isFiniteNumber(r) ? [{ leverage: h, cooks: d, row: sample.rows[i], residual: r }] : [];
  });
  const flag = 4 / Math.max(1, sample.total);
  // a margin past the largest point, so none sits on the frame (and the 4/n line is inside)
  const maxH = Math.max(0, ...points.map((p) => p.leverage));
  const maxD = Math.max(flag, ...points.map((p) => p.cooks));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t("leverage against Cook's distance: {0} points, {1} above 4/n", String(points.length), String(points.filter((p) => p.cooks > flag).length)),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ d: flag, label: '4/n' }] },
        mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.8 },
        encoding: { y: { field: 'd', type: 'quantitative' }, tooltip: [{ field: 'label', type: 'nominal', title: l10n.t('flag') }] },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, opacity: pointOpacity(points.length), size: 24 },
        encoding: {
          x: { field: 'leverage', type: 'quantitative', title: l10n.t('leverage hᵢ'), scale: { zero: true, domainMax: maxH * 1.06 || 1 } },
          y: { field: 'cooks', type: 'quantitative', title: l10n.t('Cook’s distance Dᵢ'), scale: { domainMax: maxD * 1.08 } },
          tooltip: [
            { field: 'row', type: 'quantitative', title: l10n.t('row') },
            tooltipNumber('leverage', l10n.t('leverage'), 4),
            tooltipNumber('cooks', l10n.t('Cook’s D'), 4),
            tooltipNumber('residual', l10n.t('residual'), 6),
          ],
        },
      },
    ],
  } as Spec;
}
