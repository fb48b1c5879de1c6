// The webview's Vega-Lite spec builders: each compiles with vega-lite, parses to an AST and
// renders headless with vega-interpreter (the CSP-safe path the webview uses), never carries
// a non-finite number, and keeps data strings as text.
import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import type { FitPayload, LossLandscape, PlotSample } from '../../../src/protocol';
import { DATA, NUMBER_FORMAT, gaussNumber, densityHistogram, type Spec } from '../../../webview/specs/common';
import { dataFitSpec, predictedVsActualSpec } from '../../../webview/specs/fit';
import { contourLevels, contourLines, LANDSCAPE_LEVELS, landscapeSpec } from '../../../webview/specs/landscape';
import { likelihoodSpec } from '../../../webview/specs/likelihood';
import { neuronEdges, neuronNodes, neuronSpec } from '../../../webview/specs/neuron';
import { normalCurves, normalSpec, sampleBins } from '../../../webview/specs/normal';
import { leverageSpec, qqPoints, qqSpec, residualHistogramSpec, residualsFittedSpec } from '../../../webview/specs/residuals';
import { distanceSpec, lossCurveSpec, optimumRows } from '../../../webview/specs/training';

const HOSTILE = '<img src=x onerror=alert(1)>';
// what webview/charts.ts registers through vega-embed's expressionFunctions
vega.expressionFunction(NUMBER_FORMAT, gaussNumber);

async function render(spec: Spec, changes: Record<string, object[]> = {}): Promise<{ view: vega.View; svg: string }> {
  const vg = compile(spec).spec;
  const view = new vega.View(vega.parse(vg, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter } as never);
  for (const [name, rows] of Object.entries(changes)) view.change(name, vega.changeset().insert(rows));
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return { view, svg };
}

/** The visible tick labels of each axis of a rendered view, by axis title (an axis draws its labels, then its title). */
function axisLabels(view: vega.View): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let labels: string[] = [];
  const walk = (node: any) => {
    if (!node) return;
    if (node.role === 'axis-label') labels = (node.items ?? []).filter((it: any) => it.opacity !== 0 && it.text !== '').map((it: any) => String(it.text));
    if (node.role === 'axis-title') out[String(node.items?.[0]?.text)] = labels;
    for (const child of node.items ?? []) walk(child);
  };
  walk((view.scenegraph() as unknown as { root: unknown }).root);
  return out;
}

/** Every number inside `value` (deeply), to prove no NaN/Infinity reaches a chart. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

// d2l's synthetic data: y = 2 x1 − 3.4 x2 + 4.2 + ε, with a NaN and an Infinity slipped in.
function d2lSample(): PlotSample {
  const x1: number[] = [];
  const x2: number[] = [];
  const y: number[] = [];
  const yhat: number[] = [];
  const residuals: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = Math.sin(i * 1.7) * 2;
    const b = Math.cos(i * 0.9);
    const e = 0.01 * Math.sin(i * 13.1);
    x1.push(a);
    x2.push(b);
    y.push(2 * a - 3.4 * b + 4.2 + e);
    yhat.push(2 * a - 3.4 * b + 4.2);
    residuals.push(e);
  }
  x1[3] = NaN;
  y[5] = Infinity;
  residuals[7] = NaN;
  return { shown: 200, total: 1_000_000, features: [x1, x2], y, yhat, residuals, rows: y.map((_, i) => i + 2), leverage: y.map((_, i) => (i === 9 ? null : 0.01 + i / 1000)), cooks: y.map((_, i) => (i === 11 ? null : i / 5000)) };
}

function landscape(): LossLandscape {
  const a = Array.from({ length: 21 }, (_, i) => i / 5 - 0);
  const b = Array.from({ length: 21 }, (_, i) => i / 2.5);
  const loss = b.map((bb) => a.map((aa) => 0.5 * ((aa - 2) ** 2 + (bb - 4.2) ** 2) + 1e-4));
  loss[0][0] = NaN;
  return { aName: HOSTILE, bName: 'b', aIndex: 1, bIndex: 0, a, b, loss, optimum: [2, 4.2] };
}

const profile: FitPayload['profiles'][number] = {
  name: 'w (x1)',
  values: [1, 1.5, 2, 2.5, 3, NaN],
  mse: [1, 0.25, 0.0001, 0.25, 1, 5],
  nll: [100, 30, 2, 30, 100, NaN],
  argminMse: 2,
  argminNll: 2,
};

describe('webview chart specs', () => {
  const cases: [string, () => Spec][] = [
    ['data with fitted line', () => dataFitSpec(d2lSample(), { x: [-2, 0, 2], yhat: [0, 4.2, NaN], feature: HOSTILE, degree: 1 }, HOSTILE, 'y')],
    ['predicted vs actual', () => predictedVsActualSpec(d2lSample(), HOSTILE)],
    ['loss curves', () => lossCurveSpec(5e-5, 'squared')],
    ['distance', () => distanceSpec()],
    ['landscape', () => landscapeSpec(landscape())],
    ['residual histogram', () => residualHistogramSpec(d2lSample().residuals, 0.01)],
    ['Q-Q plot', () => qqSpec(d2lSample().residuals, 0.01)],
    ['residuals against fitted', () => residualsFittedSpec(d2lSample())],
    ['leverage and Cook\'s distance', () => leverageSpec(d2lSample())],
    ['NLL vs MSE', () => likelihoodSpec(profile)],
    ['neuron', () => neuronSpec([HOSTILE, 'x2'], true, [4.2, 2, -3.4])],
    ['normal explorer', () => normalSpec([[0, 1], [0, 2], [3, 1]], [0.1, -0.3, 1.2, NaN])],
  ];

  for (const [name, build] of cases) {
    it(`${name}: compiles, renders headless with the interpreter, no non-finite numbers`, async () => {
      const spec = build();
      expect(numbersIn(spec).every(Number.isFinite)).toBe(true);
      const { svg } = await render(spec);
      expect(svg.startsWith('<svg')).toBe(true);
      // A data string is text: escaped in the SVG, never markup.
      expect(svg).not.toContain('<img');
    });
  }

  it('the diagnostics plots keep each point\'s row for the hover and leave out points they cannot place', () => {
    const sample = d2lSample();
    const rf = residualsFittedSpec(sample) as unknown as { layer: { data: { values: { row: number }[] } }[] };
    // residuals[7] is NaN: that point is left out, the others keep their rows
    expect(rf.layer[1].data.values.length).toBe(199);
    expect(rf.layer[1].data.values.some((p) => p.row === 9)).toBe(false);
    expect(rf.layer[1].data.values[0].row).toBe(2);
    const lv = leverageSpec(sample) as unknown as { layer: { data: { values: { row: number; cooks: number }[] } }[]; description: string };
    // leverage[9] and cooks[11] are null, residuals[7] NaN
    expect(lv.layer[1].data.values.length).toBe(197);
    expect(lv.layer[0].data.values[0]).toEqual({ d: 4 / 1_000_000, label: '4/n' });
    expect(lv.description).toMatch(/leverage against Cook's distance: 197 points, \d+ above 4\/n/);
  });

  it('a hostile column name appears as escaped text in axis titles', async () => {
    const { svg } = await render(dataFitSpec(d2lSample(), null, HOSTILE, 'y'));
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the loss chart\'s reference rows: the optimum, and its loss on the validation rows when there are some', () => {
    expect(optimumRows(0.5, 'LAD optimum on the training rows', 0.7)).toEqual([
      { loss: 0.5, series: 'exact optimum', label: 'LAD optimum on the training rows' },
      { loss: 0.7, series: 'exact optimum (validation)', label: 'LAD optimum on the training rows, on the validation rows' },
    ]);
    expect(optimumRows(0.5, null)).toEqual([{ loss: 0.5, series: 'exact optimum', label: 'least squares optimum' }]);
    expect(optimumRows(null, 'x', NaN)).toEqual([]);
  });

  it('the loss chart streams rows through a changeset and draws the optimum line', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ step: i + 1, loss: 10 * Math.exp(-i / 10), series: 'minibatch' }));
    const { svg } = await render(lossCurveSpec(5e-5, 'squared'), { [DATA.steps]: rows });
    expect(svg).toMatch(/<path[^>]+d="M[^"]{40,}/);
    expect(svg).toContain('exact optimum');
  });

  it('log axes label powers of ten one way (10⁻⁵ … 10¹²), step axes whole steps, and a short run still has labels', async () => {
    // a divergence-like run: the loss climbs from 1e-5 to 1e12 over 3 steps
    const rows = [1e-5, 3e-2, 4e4, 2e8, 1e12].map((loss, i) => ({ step: (i + 2) / 2, loss, series: 'minibatch' }));
    const spec = lossCurveSpec(null, 'squared');
    const { view } = await render(spec, { [DATA.steps]: rows });
    const labels = axisLabels(view);
    const y = Object.entries(labels).find(([t]) => t.includes('log'))![1];
    const x = Object.entries(labels).find(([t]) => t.includes('minibatch step'))![1];
    expect(y.length).toBeGreaterThanOrEqual(3);
    expect(y.every((l) => /^10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l))).toBe(true);
    expect(x.length).toBeGreaterThan(0);
    expect(x.every((l) => /^\d+$/.test(l))).toBe(true);
    // less than a decade of data: the log scale still spans whole decades, so there are labels
    const narrow = axisLabels((await render(distanceSpec(), { [DATA.distance]: [{ step: 1, distance: 0.3 }, { step: 2, distance: 0.8 }] })).view);
    const d = Object.entries(narrow).find(([t]) => t.includes('θ'))![1];
    expect(d.length).toBeGreaterThan(0);
    expect(d).toEqual(['10⁻¹', '10⁰']);
  });

  it('tooltips read numbers by the panel\'s policy: no 1e+12, whole numbers grouped', async () => {
    const rows = [{ step: 5, loss: 1.234567e12, series: 'validation (epoch)' }, { step: 1200, loss: 0.5, series: 'training (epoch)' }];
    const { view } = await render(lossCurveSpec(null, 'squared'), { [DATA.steps]: rows });
    const tips: unknown[] = [];
    const walk = (node: any) => {
      if (!node) return;
      for (const it of node.items ?? []) {
        if (it.tooltip) tips.push(it.tooltip);
        walk(it);
      }
    };
    walk((view.scenegraph() as unknown as { root: unknown }).root);
    const values = tips.flatMap((t) => Object.values(t as Record<string, string>));
    expect(values).toContain('1.235e12');
    expect(values).toContain('0.5');
    expect(values).toContain('1,200');
    expect(values.some((v) => /e\+/.test(String(v)))).toBe(false);
  });

  it('the loss legend lists validation entries only when rows are held out', () => {
    const domain = (spec: any) => spec.layer[0].encoding.color.scale.domain;
    expect(domain(lossCurveSpec(1, 'squared'))).toContain('validation (epoch)');
    expect(domain(lossCurveSpec(1, 'squared', null, null, false))).toEqual(['minibatch', 'training (epoch)', 'exact optimum']);
  });

  it('the NLL-vs-MSE chart marks both minima at values[argmin] (argmins are indices)', async () => {
    const { svg } = await render(likelihoodSpec(profile));
    const rules = likelihoodSpec(profile) as unknown as { layer: { data: { values: { at: number }[] } }[] };
    expect(rules.layer[2].data.values.map((r) => r.at)).toEqual([2, 2]);
    expect(svg).toContain('Gaussian NLL');
  });

  it('the landscape takes the trajectory as a changeset', async () => {
    const { svg } = await render(landscapeSpec(landscape()), { [DATA.trajectory]: [{ i: 0, a: 0, b: 0 }, { i: 1, a: 1, b: 2 }, { i: 2, a: 1.8, b: 4 }] });
    expect(svg).toContain('θ*');
    // one <path> per contour polyline in the contours line mark, plus the trajectory's line
    const contours = svg.match(/class="mark-line role-mark contours_marks"[^>]*><path/g) ?? [];
    expect(contours.length).toBe(new Set(contourLines(landscape()).map((r) => r.line)).size);
    expect(contours.length).toBeGreaterThanOrEqual(LANDSCAPE_LEVELS);
    expect(svg.match(/<path[^>]*stroke="#ff2d55"/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('the normal explorer draws one line per (μ, σ) pair', async () => {
    const { svg } = await render(normalSpec([[0, 1], [0, 2], [3, 1]], []));
    // one <path> per series inside a line mark group, as the UI test counts them in the webview
    const lines = svg.match(/class="mark-line role-mark[^"]*"[^>]*><path/g) ?? [];
    expect(new Set(normalCurves([[0, 1], [0, 2], [3, 1]]).map((r) => r.pair)).size).toBe(3);
    expect(svg).toContain('μ = 3, σ = 1');
    expect(lines.length).toBe(3);
  });
});

describe('spec helpers', () => {
  it('densityHistogram integrates to 1 and ignores non-finite values', () => {
    const bins = densityHistogram([0, 1, 1, 2, 3, NaN, Infinity], 3);
    const area = bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0);
    expect(area).toBeCloseTo(1, 12);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(5);
  });

  it('densityHistogram of a constant column is one finite bin', () => {
    const bins = densityHistogram([2, 2, 2]);
    expect(numbersIn(bins).every(Number.isFinite)).toBe(true);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(3);
  });

  it('qqPoints sorts the residuals against N(0, σ²) quantiles', () => {
    const q = qqPoints([0.3, -0.1, 0.1, NaN], 1);
    expect(q.map((p) => p.sample)).toEqual([-0.1, 0.1, 0.3]);
    expect(q[1].theoretical).toBeCloseTo(0, 12);
    expect(q[0].theoretical).toBeCloseTo(-q[2].theoretical, 12);
  });

  it('contourLines: closed rings of the quadratic bowl, each vertex on its level (exact interpolation)', () => {
    const l = landscape();
    const levels = contourLevels(l);
    expect(levels.length).toBe(LANDSCAPE_LEVELS);
    const rows = contourLines(l);
    expect(rows.length).toBeGreaterThan(0);
    expect(numbersIn(rows).every(Number.isFinite)).toBe(true);
    const lines = new Map<number, typeof rows>();
    for (const r of rows) lines.set(r.line, [...(lines.get(r.line) ?? []), r]);
    for (const pts of lines.values()) {
      expect(pts.length).toBeGreaterThanOrEqual(2);
      expect(pts.map((p) => p.seq)).toEqual(pts.map((_, k) => k));
      for (const p of pts) {
        // the loss is linear along a grid edge only approximately: within the bowl's curvature over one cell
        const exact = 0.5 * ((p.a - 2) ** 2 + (p.b - 4.2) ** 2) + 1e-4;
        expect(Math.abs(exact - p.loss)).toBeLessThan(0.5 * (0.2 ** 2 + 0.4 ** 2));
      }
    }
    // an inner level (well inside the grid, away from the NaN corner) is one closed ring
    const inner = rows.filter((r) => r.level === 0);
    expect(new Set(inner.map((r) => r.line)).size).toBe(1);
    expect(inner[0].a).toBeCloseTo(inner[inner.length - 1].a, 12);
    expect(inner[0].b).toBeCloseTo(inner[inner.length - 1].b, 12);
  });

  it('contourLines of a flat or tiny grid is empty', () => {
    const flat: LossLandscape = { aName: 'a', bName: 'b', aIndex: 0, bIndex: 1, a: [0, 1], b: [0, 1], loss: [[1, 1], [1, 1]], optimum: [0, 0] };
    expect(contourLines(flat)).toEqual([]);
    expect(contourLines({ ...flat, a: [0], loss: [[1], [2]] })).toEqual([]);
  });

  it('neuron layout: one node per input, the bias and the output; labels carry current values', () => {
    expect(neuronNodes(['x1', 'x2'], true).map((n) => n.label)).toEqual(['x₁', 'x₂', '1', 'ŷ']);
    expect(neuronEdges(['x1', 'x2'], true, [4.2, 2, -3.4]).map((e) => e.label)).toEqual(['w₁ = 2', 'w₂ = -3.4', 'b = 4.2']);
    expect(neuronEdges(['x1'], false, [NaN]).map((e) => e.label)).toEqual(['w₁ = —']);
  });

  it('sampleBins takes typed arrays', () => {
    expect(sampleBins(new Float64Array([0, 1, 2])).reduce((s, b) => s + b.count, 0)).toBe(3);
  });
});

describe('shown: bidirectional controls are made visible, everything else is kept', () => {
  it('turns overrides, isolates and marks into ⟨U+XXXX⟩ and leaves markup as the text it is', async () => {
    const { shown } = await import('../../../webview/text');
    expect(shown('\u202Eevil.exe')).toBe('⟨U+202E⟩evil.exe');
    expect(shown('a\u2066b\u2069c\u200F')).toBe('a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩');
    expect(shown('<img src=x onerror=alert(1)> & "q" ∑ 😀')).toBe('<img src=x onerror=alert(1)> & "q" ∑ 😀');
    expect(shown(shown('\u202E'))).toBe(shown('\u202E'));
    const spec = JSON.stringify(dataFitSpec(d2lSample(), null, '\u202Ex', 'y'));
    expect(spec).toContain('⟨U+202E⟩x');
    expect(spec).not.toContain('\u202E');
  });
});
