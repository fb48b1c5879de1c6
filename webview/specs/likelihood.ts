// The Gaussian negative log-likelihood and the MSE along one coefficient: both reach their
// minimum at the same value (d2l's "maximum likelihood = least squares" argument).
import type { LikelihoodProfile } from '../../src/protocol';
import { HEIGHT, WIDTH, fmt, isFiniteNumber, type Spec } from './common';

export function profileRows(p: LikelihoodProfile): { value: number; measure: string; y: number }[] {
  const rows = [];
  for (let i = 0; i < p.values.length; i++) {
    if (!isFiniteNumber(p.values[i])) continue;
    if (isFiniteNumber(p.mse[i])) rows.push({ value: p.values[i], measure: 'MSE', y: p.mse[i] });
    if (isFiniteNumber(p.nll[i])) rows.push({ value: p.values[i], measure: 'Gaussian NLL', y: p.nll[i] });
  }
  return rows;
}

/** MSE (left axis) and NLL (right axis) along one coefficient, with both argmins marked. */
export function likelihoodSpec(p: LikelihoodProfile): Spec {
  const rows = profileRows(p);
  // argmins are indices into `values` (see the protocol).
  const atMse = p.values[p.argminMse];
  const atNll = p.values[p.argminNll];
  const marks = [
    isFiniteNumber(atMse) && { at: atMse, measure: 'MSE', label: `argmin MSE = ${fmt(atMse)}` },
    isFiniteNumber(atNll) && { at: atNll, measure: 'Gaussian NLL', label: `argmin NLL = ${fmt(atNll)}` },
  ].filter(Boolean);
  const color = { field: 'measure', type: 'nominal', scale: { domain: ['MSE', 'Gaussian NLL'] }, legend: { title: null, orient: 'top' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'likelihood and MSE profiles',
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: rows.filter((r) => r.measure === 'MSE') },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: p.name, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: 'MSE', scale: { zero: false } },
          color,
        },
      },
      {
        data: { values: rows.filter((r) => r.measure === 'Gaussian NLL') },
        mark: { type: 'line', strokeWidth: 2.5, strokeDash: [6, 3] },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative', title: 'Gaussian NLL', scale: { zero: false }, axis: { orient: 'right' } },
          color,
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [2, 2] },
        encoding: {
          x: { field: 'at', type: 'quantitative' },
          color: { field: 'measure', type: 'nominal' },
          tooltip: [{ field: 'label', type: 'nominal', title: 'minimum' }],
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  } as Spec;
}
