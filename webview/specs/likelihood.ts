// The Gaussian negative log-likelihood and the MSE along one coefficient: both reach their
// minimum at the same value (d2l's "maximum likelihood = least squares" argument).
import * as l10n from '@vscode/l10n';
import type { LikelihoodProfile } from '../../src/protocol';
import { HEIGHT, WIDTH, fmt, isFiniteNumber, type Spec } from './common';

/** The two measures as the legend names them (a measure is only a label: nothing matches it but this file). */
const MSE = 'MSE';
const nllLabel = () => l10n.t('Gaussian NLL');

export function profileRows(p: LikelihoodProfile): { value: number; measure: string; y: number }[] {
  const nll = nllLabel();
  const rows = [];
  for (let i = 0; i < p.values.length; i++) {
    if (!isFiniteNumber(p.values[i])) continue;
    if (isFiniteNumber(p.mse[i])) rows.push({ value: p.values[i], measure: MSE, y: p.mse[i] });
    if (isFiniteNumber(p.nll[i])) rows.push({ value: p.values[i], measure: nll, y: p.nll[i] });
  }
  return rows;
}

/** MSE (left axis) and NLL (right axis) along one coefficient, with both argmins marked. */
export function likelihoodSpec(p: LikelihoodProfile): Spec {
  const rows = profileRows(p);
  const nll = nllLabel();
  // argmins are indices into `values` (see the protocol).
  const atMse = p.values[p.argminMse];
  const atNll = p.values[p.argminNll];
  const marks = [
    isFiniteNumber(atMse) && { at: atMse, measure: MSE, label: `argmin MSE = ${fmt(atMse)}` },
    isFiniteNumber(atNll) && { at: atNll, measure: nll, label: `argmin NLL = ${fmt(atNll)}` },
  ].filter(Boolean);
  const color = { field: 'measure', type: 'nominal', scale: { domain: [MSE, nll] }, legend: { title: null, orient: 'top' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('likelihood and MSE profiles'),
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: rows.filter((r) => r.measure === MSE) },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: p.name, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: 'MSE', scale: { zero: false } },
          color,
        },
      },
      {
        data: { values: rows.filter((r) => r.measure === nll) },
        mark: { type: 'line', strokeWidth: 2.5, strokeDash: [6, 3] },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative', title: nll, scale: { zero: false }, axis: { orient: 'right' } },
          color,
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [2, 2] },
        encoding: {
          x: { field: 'at', type: 'quantitative' },
          color: { field: 'measure', type: 'nominal' },
          tooltip: [{ field: 'label', type: 'nominal', title: l10n.t('minimum') }],
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  } as Spec;
}
