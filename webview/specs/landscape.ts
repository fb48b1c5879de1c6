// The loss landscape over two parameters as contour lines (marching squares on the exact
// grid, levels spaced so a quadratic bowl's rings are evenly spaced), with the SGD trajectory
// (streamed into `trajectory`) and the exact optimum marked.
import * as l10n from '@vscode/l10n';
import type { LossLandscape } from '../../src/protocol';
import { DATA, HEIGHT, WIDTH, finiteExtent, fmt, isFiniteNumber, type Spec, tooltipNumber } from './common';
import { shown } from '../text';

/** The trajectory stands out on every line colour of the (theme-independent) viridis ramp. */
export const TRAJECTORY_COLOR = '#ff2d55';

/** Number of contour levels. */
export const LANDSCAPE_LEVELS = 12;

/** One vertex of a contour polyline: `line` names the polyline, `seq` orders its vertices. */
export interface ContourVertex {
  readonly line: number;
  readonly level: number;
  readonly loss: number;
  readonly seq: number;
  readonly a: number;
  readonly b: number;
}

/**
 * The contour thresholds, strictly inside the grid's range: min + (max − min)·s² for s in
 * equal steps, so the rings of a quadratic loss (excess ∝ distance²) are evenly spaced and
 * the floor of the bowl gets as many lines as its rim.
 */
export function contourLevels(l: LossLandscape, levels = LANDSCAPE_LEVELS): number[] {
  const ext = finiteExtent(l.loss.flat().filter((v) => isFiniteNumber(v)));
  if (!ext) return [];
  const [lo, hi] = ext;
  if (!(hi > lo)) return [];
  return Array.from({ length: levels }, (_, k) => lo + (hi - lo) * ((k + 1) / (levels + 1)) ** 2);
}

/**
 * Contour polylines of `l.loss` at each level (marching squares, linear interpolation along
 * cell edges, saddles resolved by the cell's mean). Cells with a non-finite corner are skipped.
 * Segments are chained through their shared cell edges into polylines (open or closed).
 */
export function contourLines(l: LossLandscape, levels = LANDSCAPE_LEVELS): ContourVertex[] {
  const { a, b, loss } = l;
  const out: ContourVertex[] = [];
  if (a.length < 2 || b.length < 2 || !a.every(isFiniteNumber) || !b.every(isFiniteNumber)) return out;
  const val = (i: number, j: number): number => loss[i]?.[j] ?? NaN;
  let line = 0;
  for (const [level, t] of contourLevels(l, levels).entries()) {
    // edge key -> crossing point; segments as pairs of edge keys
    const points = new Map<string, [number, number]>();
    const segs: [string, string][] = [];
    const cross = (key: string, i0: number, j0: number, i1: number, j1: number): string => {
      if (!points.has(key)) {
        const v0 = val(i0, j0);
        const v1 = val(i1, j1);
        const f = v1 === v0 ? 0.5 : (t - v0) / (v1 - v0);
        points.set(key, [a[j0] + f * (a[j1] - a[j0]), b[i0] + f * (b[i1] - b[i0])]);
      }
      return key;
    };
    for (let i = 0; i + 1 < b.length; i++) {
      for (let j = 0; j + 1 < a.length; j++) {
        const v00 = val(i, j);
        const v01 = val(i, j + 1);
        const v11 = val(i + 1, j + 1);
        const v10 = val(i + 1, j);
        if (![v00, v01, v11, v10].every(isFiniteNumber)) continue;
        const bottom = v00 < t !== v01 < t ? cross(`h${i},${j}`, i, j, i, j + 1) : null;
        const right = v01 < t !== v11 < t ? cross(`v${i},${j + 1}`, i, j + 1, i + 1, j + 1) : null;
        const top = v10 < t !== v11 < t ? cross(`h${i + 1},${j}`, i + 1, j, i + 1, j + 1) : null;
        const left = v00 < t !== v10 < t ? cross(`v${i},${j}`, i, j, i + 1, j) : null;
        const hits = [bottom, right, top, left].filter((k): k is string => k !== null);
        if (hits.length === 2) segs.push([hits[0], hits[1]]);
        else if (hits.length === 4) {
          const centre = (v00 + v01 + v11 + v10) / 4;
          if (centre < t === v00 < t) segs.push([bottom!, right!], [top!, left!]);
          else segs.push([left!, bottom!], [right!, top!]);
        }
      }
    }
    // chain segments through shared edge keys
    const at = new Map<string, number[]>();
    segs.forEach(([p, q], s) => {
      for (const k of [p, q]) {
        const list = at.get(k);
        if (list) list.push(s);
        else at.set(k, [s]);
      }
    });
    const used = new Uint8Array(segs.length);
    const walk = (start: number, from: string): string[] => {
      const keys = [from];
      let s = start;
      let key = from;
      while (s >= 0 && !used[s]) {
        used[s] = 1;
        const [p, q] = segs[s];
        key = p === key ? q : p;
        keys.push(key);
        s = (at.get(key) ?? []).find((n) => !used[n]) ?? -1;
      }
      return keys;
    };
    const starts = [
      ...segs.flatMap(([p, q], s) => [[s, p], [s, q]] as [number, string][]).filter(([, k]) => at.get(k)!.length === 1),
      ...segs.map(([p], s) => [s, p] as [number, string]),
    ];
    for (const [s, k] of starts) {
      if (used[s]) continue;
      const keys = walk(s, k);
      keys.forEach((key, seq) => {
        const [pa, pb] = points.get(key)!;
        out.push({ line, level, loss: t, seq, a: pa, b: pb });
      });
      line++;
    }
  }
  return out;
}

export function landscapeSpec(l: LossLandscape): Spec {
  const aExt = finiteExtent(l.a) ?? [0, 1];
  const bExt = finiteExtent(l.b) ?? [0, 1];
  const [oa, ob] = l.optimum;
  const optimum = isFiniteNumber(oa) && isFiniteNumber(ob) ? [{ a: oa, b: ob, label: `θ* (${fmt(oa)}, ${fmt(ob)})` }] : [];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('loss landscape'),
    width: WIDTH,
    height: HEIGHT + 40,
    layer: [
      {
        name: 'contours',
        data: { values: contourLines(l) },
        mark: { type: 'line', strokeWidth: 1.4, clip: true, interpolate: 'linear' },
        encoding: {
          x: { field: 'a', type: 'quantitative', title: shown(l.aName), scale: { domain: aExt, nice: false, zero: false } },
          y: { field: 'b', type: 'quantitative', title: shown(l.bName), scale: { domain: bExt, nice: false, zero: false } },
          detail: { field: 'line', type: 'nominal' },
          order: { field: 'seq', type: 'quantitative' },
          color: {
            field: 'level',
            type: 'ordinal',
            scale: { scheme: 'viridis', reverse: true, domain: Array.from({ length: LANDSCAPE_LEVELS }, (_, k) => k) },
            legend: null,
          },
          tooltip: [tooltipNumber('loss', l10n.t('mean squared loss'), 4)],
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
        mark: { type: 'point', shape: 'cross', size: 260, filled: true, opacity: 1 },
        encoding: {
          x: { field: 'a', type: 'quantitative' },
          y: { field: 'b', type: 'quantitative' },
          tooltip: [{ field: 'label', type: 'nominal', title: l10n.t('exact optimum') }],
        },
      },
      {
        data: { values: optimum },
        mark: { type: 'text', dx: 10, dy: -10, align: 'left', fontWeight: 'bold' },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as Spec;
}
