// Data with the fitted line (one feature) and predicted-vs-actual (several features).
import * as l10n from '@vscode/l10n';
import type { FitCurve, PlotSample } from '../../src/protocol';
import { HEIGHT, WIDTH, finiteExtent, isFiniteNumber, pointOpacity, type Spec, tooltipNumber } from './common';
import { shown } from '../text';

/** Scatter of one feature against the target with the closed-form fit drawn over it. */
export function dataFitSpec(sample: PlotSample, curve: FitCurve | null, feature: string, target: string): Spec {
  const featureName = shown(feature);
  const targetName = shown(target);
  const xs = sample.features[0] ?? [];
  const points = [];
  for (let i = 0; i < sample.y.length; i++) {
    if (isFiniteNumber(xs[i]) && isFiniteNumber(sample.y[i])) points.push({ x: xs[i], y: sample.y[i] });
  }
  const line = [];
  if (curve) {
    for (let i = 0; i < curve.x.length; i++) {
      if (isFiniteNumber(curve.x[i]) && isFiniteNumber(curve.yhat[i])) line.push({ x: curve.x[i], yhat: curve.yhat[i] });
    }
  }
  // the legend's two entries (constants of the chart, not data values)
  const dataLabel = l10n.t('data');
  const fitLabel = l10n.t('closed-form fit');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('data with the fitted line'),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 14, opacity: pointOpacity(points.length) },
        encoding: {
          color: { datum: dataLabel, type: 'nominal' },
          x: { field: 'x', type: 'quantitative', title: featureName, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: targetName, scale: { zero: false } },
          tooltip: [
            tooltipNumber('x', featureName, 4),
            tooltipNumber('y', targetName, 4),
          ],
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          color: { datum: fitLabel, type: 'nominal', scale: { domain: [dataLabel, fitLabel] }, legend: { title: null, orient: 'top' } },
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'yhat', type: 'quantitative' },
          order: { field: 'x', type: 'quantitative' },
        },
      },
    ],
  } as Spec;
}

/** Predicted ŷ against actual y, with the ideal line y = ŷ. */
export function predictedVsActualSpec(sample: PlotSample, target: string): Spec {
  const targetName = shown(target);
  const points = [];
  for (let i = 0; i < sample.y.length; i++) {
    if (isFiniteNumber(sample.y[i]) && isFiniteNumber(sample.yhat[i])) points.push({ y: sample.y[i], yhat: sample.yhat[i] });
  }
  const ext = finiteExtent(points.flatMap((p) => [p.y, p.yhat])) ?? [0, 1];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('predicted against actual'),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ a: ext[0] }, { a: ext[1] }] },
        mark: { type: 'line', strokeDash: [4, 4], opacity: 0.7 },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'a', type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 14, opacity: pointOpacity(points.length) },
        encoding: {
          x: { field: 'y', type: 'quantitative', title: l10n.t('actual {0}', targetName), scale: { zero: false } },
          y: { field: 'yhat', type: 'quantitative', title: l10n.t('predicted {0}', targetName), scale: { zero: false } },
          tooltip: [
            tooltipNumber('y', l10n.t('actual'), 4),
            tooltipNumber('yhat', l10n.t('predicted'), 4),
          ],
        },
      },
    ],
  } as Spec;
}
