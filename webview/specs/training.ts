// Live training curves: minibatch and epoch losses with the closed-form optimum as a reference
// line, and the distance ‖θ − θ*‖. The data sources start empty; the view streams rows in.
import * as l10n from '@vscode/l10n';
import { COUNT_AXIS, DATA, HEIGHT, WIDTH, labelExpr, logAxis, type Spec, tooltipNumber } from './common';

/** Row of the `steps` source: one minibatch (or one epoch, plotted at its last step). */
export interface LossRow {
  readonly step: number;
  readonly loss: number;
  readonly series: 'minibatch' | 'training (epoch)' | 'validation (epoch)';
}

export const LOSS_SERIES = ['minibatch', 'training (epoch)', 'validation (epoch)'] as const;

/** The reference's series in the legend: the exact minimiser of what SGD minimises (its label says which). */
export const OPTIMUM_SERIES = 'exact optimum';

/** The same optimum's loss on the held-out rows: the validation curve's reference. */
export const OPTIMUM_VALIDATION_SERIES = 'exact optimum (validation)';

/** What the legend, the tooltips and the chart's table call each series (the rows keep the keys). */
export const lossSeriesLabels = (): Record<LossRow['series'] | typeof OPTIMUM_SERIES | typeof OPTIMUM_VALIDATION_SERIES, string> => ({
  minibatch: l10n.t('minibatch'),
  'training (epoch)': l10n.t('training (epoch)'),
  'validation (epoch)': l10n.t('validation (epoch)'),
  [OPTIMUM_SERIES]: l10n.t('exact optimum'),
  [OPTIMUM_VALIDATION_SERIES]: l10n.t('exact optimum (validation)'),
});

/** The loss axis's title for a loss (the protocol's name of it otherwise). */
function lossAxisTitle(lossName: string): string {
  switch (lossName) {
    case 'squared':
      return l10n.t('squared loss (log)');
    case 'absolute':
      return l10n.t('absolute loss (log)');
    case 'huber':
      return l10n.t('huber loss (log)');
    default:
      return l10n.t('{0} loss (log)', lossName);
  }
}

/** The `optimum` source's rows: the reference losses and what they are (none when unknown). */
export function optimumRows(
  optimumLoss: number | null,
  label: string | null,
  validationLoss: number | null = null,
): { loss: number; series: string; label: string }[] {
  const ok = (x: number | null): x is number => x !== null && Number.isFinite(x) && x > 0;
  const name = label ?? l10n.t('least squares optimum');
  return [
    ...(ok(optimumLoss) ? [{ loss: optimumLoss, series: OPTIMUM_SERIES, label: name }] : []),
    ...(ok(validationLoss) ? [{ loss: validationLoss, series: OPTIMUM_VALIDATION_SERIES, label: l10n.t('{0}, on the validation rows', name) }] : []),
  ];
}

/**
 * The loss chart. `optimumLoss` (the loss of the exact minimiser of the run's objective) is
 * drawn as a dashed rule from the `optimum` source so it can change without re-embedding.
 */
export function lossCurveSpec(optimumLoss: number | null, lossName: string, optimumLabel: string | null = null, optimumValidationLoss: number | null = null, validation = true): Spec {
  const labels = lossSeriesLabels();
  // the legend lists what can appear: no validation entries when no rows are held out
  const series = [...LOSS_SERIES, OPTIMUM_SERIES, OPTIMUM_VALIDATION_SERIES].filter((k) => validation || (k !== 'validation (epoch)' && k !== OPTIMUM_VALIDATION_SERIES));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('training loss'),
    autosize: { type: 'pad', resize: true },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { name: DATA.steps, values: [] },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: l10n.t('minibatch step'), scale: { nice: false }, axis: COUNT_AXIS },
          y: { field: 'loss', type: 'quantitative', title: lossAxisTitle(lossName), scale: { type: 'log' }, axis: logAxis('y') },
          // the series stay keys (the view and the filter below match them): the legend shows their labels
          color: { field: 'series', type: 'nominal', scale: { domain: series }, legend: { title: null, orient: 'top', columns: 2, labelExpr: labelExpr(labels) } },
        },
        layer: [
          { mark: { type: 'line', strokeWidth: 1.2, clip: true } },
          {
            transform: [{ filter: "datum.series !== 'minibatch'" }, { calculate: labelExpr(labels, 'datum.series'), as: 'seriesLabel' }],
            mark: { type: 'point', filled: true, size: 45, clip: true },
            // training's epochs are circles, validation's squares: colour is never the only difference
            encoding: {
              shape: { field: 'series', type: 'nominal', scale: { domain: ['training (epoch)', 'validation (epoch)'], range: ['circle', 'square'] }, legend: null },
              tooltip: [
                { field: 'seriesLabel', type: 'nominal', title: l10n.t('loss') },
                tooltipNumber('loss', l10n.t('value'), 4),
                tooltipNumber('step', l10n.t('after step'), 'count'),
              ],
            },
          },
        ],
      },
      {
        data: { name: DATA.optimum, values: optimumRows(optimumLoss, optimumLabel, optimumValidationLoss) },
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y: { field: 'loss', type: 'quantitative' },
          color: { field: 'series', type: 'nominal' },
          // dashes for the training optimum, dots for the validation one
          strokeDash: { field: 'series', type: 'nominal', scale: { domain: validation ? [OPTIMUM_SERIES, OPTIMUM_VALIDATION_SERIES] : [OPTIMUM_SERIES], range: validation ? [[6, 4], [2, 3]] : [[6, 4]] }, legend: null },
          tooltip: [{ field: 'label', type: 'nominal', title: l10n.t('reference') }, tooltipNumber('loss', l10n.t('its loss'), 6)],
        },
      },
    ],
  } as Spec;
}

/** Row of the `distance` source. */
export interface DistanceRow {
  readonly step: number;
  readonly distance: number;
}

/** ‖θ − θ*‖ per minibatch step, log scale. */
export function distanceSpec(): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('distance to the exact solution'),
    autosize: { type: 'pad', resize: true },
    width: WIDTH,
    height: HEIGHT,
    data: { name: DATA.distance, values: [] },
    mark: { type: 'line', strokeWidth: 1.5, clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: l10n.t('minibatch step'), scale: { nice: false }, axis: COUNT_AXIS },
      y: { field: 'distance', type: 'quantitative', title: l10n.t('‖θ − θ*‖ (log)'), scale: { type: 'log' }, axis: logAxis('y') },
    },
  } as Spec;
}
