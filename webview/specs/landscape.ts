// The loss landscape over two parameters as binned-colour contour bands, with the SGD
// trajectory (streamed into `trajectory`) and the exact optimum marked.
import type { LossLandscape } from '../../src/protocol';
import { DATA, HEIGHT, WIDTH, finiteExtent, fmt, isFiniteNumber, type Spec } from './common';

/** The trajectory stands out on every band of the (theme-independent) viridis ramp. */
export const TRAJECTORY_COLOR = '#ff2d55';

/** Number of colour bands (contour levels). */
export const LANDSCAPE_LEVELS = 12;

/** Grid cells with their band: levels are equal steps of log(loss), so the bowl's floor shows. */
export function landscapeCells(l: LossLandscape): { a0: number; a1: number; b0: number; b1: number; loss: number; level: number }[] {
  const ext = finiteExtent(l.loss.flat().filter((v) => v > 0).map(Math.log));
  if (!ext) return [];
  const [lo, hi] = ext;
  const span = hi - lo || 1;
  const edges = (xs: readonly number[], i: number): [number, number] => {
    const left = i > 0 ? (xs[i - 1] + xs[i]) / 2 : xs[i] - (xs[1] - xs[0]) / 2;
    const right = i < xs.length - 1 ? (xs[i] + xs[i + 1]) / 2 : xs[i] + (xs[i] - xs[i - 1]) / 2;
    return [left, right];
  };
  const cells = [];
  for (let i = 0; i < l.b.length; i++) {
    const row = l.loss[i] ?? [];
    const [b0, b1] = l.b.length > 1 ? edges(l.b, i) : [l.b[i] - 0.5, l.b[i] + 0.5];
    for (let j = 0; j < l.a.length; j++) {
      const loss = row[j];
      if (!isFiniteNumber(loss) || loss <= 0 || !isFiniteNumber(l.a[j]) || !isFiniteNumber(l.b[i])) continue;
      const [a0, a1] = l.a.length > 1 ? edges(l.a, j) : [l.a[j] - 0.5, l.a[j] + 0.5];
      const level = Math.min(LANDSCAPE_LEVELS - 1, Math.floor(((Math.log(loss) - lo) / span) * LANDSCAPE_LEVELS));
      cells.push({ a0, a1, b0, b1, loss, level });
    }
  }
  return cells;
}

export function landscapeSpec(l: LossLandscape): Spec {
  const aExt = finiteExtent(l.a) ?? [0, 1];
  const bExt = finiteExtent(l.b) ?? [0, 1];
  const [oa, ob] = l.optimum;
  const optimum = isFiniteNumber(oa) && isFiniteNumber(ob) ? [{ a: oa, b: ob, label: `θ* (${fmt(oa)}, ${fmt(ob)})` }] : [];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'loss landscape',
    width: WIDTH,
    height: HEIGHT + 40,
    layer: [
      {
        data: { values: landscapeCells(l) },
        mark: { type: 'rect', stroke: null },
        encoding: {
          x: { field: 'a0', type: 'quantitative', title: l.aName, scale: { domain: aExt, nice: false, zero: false } },
          x2: { field: 'a1' },
          y: { field: 'b0', type: 'quantitative', title: l.bName, scale: { domain: bExt, nice: false, zero: false } },
          y2: { field: 'b1' },
          color: { field: 'level', type: 'ordinal', scale: { scheme: 'viridis', reverse: true }, legend: null },
          tooltip: [{ field: 'loss', type: 'quantitative', title: 'mean squared loss', format: '.4~g' }],
        },
      },
      {
        data: { name: DATA.trajectory, values: [] },
        mark: { type: 'line', clip: true, strokeWidth: 1.5, point: { size: 10, filled: true } },
        encoding: {
          x: { field: 'a', type: 'quantitative' },
          y: { field: 'b', type: 'quantitative' },
          order: { field: 'i', type: 'quantitative' },
          color: { value: TRAJECTORY_COLOR },
        },
      },
      {
        data: { values: optimum },
        mark: { type: 'point', shape: 'cross', size: 260, filled: true, fill: '#ffffff', stroke: '#000000', strokeWidth: 1.2, opacity: 1 },
        encoding: {
          x: { field: 'a', type: 'quantitative' },
          y: { field: 'b', type: 'quantitative' },
          tooltip: [{ field: 'label', type: 'nominal', title: 'exact optimum' }],
        },
      },
      {
        data: { values: optimum },
        mark: { type: 'text', dx: 10, dy: -10, align: 'left', fontWeight: 'bold', fill: '#ffffff', stroke: '#000000', strokeWidth: 0.4 },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as Spec;
}
