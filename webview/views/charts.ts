// 4. Charts of the fit (re-embedded per fit) with the parts that move during training (SGD
// trajectory, neuron weights) streamed in as changesets; 6. Export.
import * as l10n from '@vscode/l10n';
import type { FitPayload, LossLandscape, TrainingMessage } from '../../src/protocol';
import { Chart } from '../charts';
import { button, field, h, num, pValue, select, thousands, liveRedraw, reducedMotion } from '../dom';
import { saveChartButtons } from './chart-save';
import { ChartText, type ChartTable } from './chart-text';
import { DATA, isFiniteNumber, type Spec } from '../specs/common';
import { dataFitSpec, predictedVsActualSpec } from '../specs/fit';
import { contourLines, landscapeSpec } from '../specs/landscape';
import { likelihoodSpec } from '../specs/likelihood';
import { neuronEdges, neuronSpec } from '../specs/neuron';
import { leverageSpec, qqSpec, residualHistogramSpec, residualsFittedSpec } from '../specs/residuals';
import type { ReadyState } from '../state';
import type { ViewContext } from './context';

const MAX_TRAJECTORY = 1500;

interface ChartDef {
  readonly name: string;
  readonly caption: string;
  readonly spec: () => Spec;
  /** Canvas for charts that stream or hold thousands of marks; SVG otherwise (inspectable text). */
  readonly canvas?: boolean;
  /** Controls shown above the chart. */
  readonly controls?: () => HTMLElement;
  /** Data attributes of the chart box (what a canvas chart draws, for tests and tools). */
  readonly attrs?: () => Record<string, string>;
  /** The chart in words (the numbers that matter) and its data as a table. */
  readonly words: () => string;
  readonly table: () => ChartTable;
}

/** Indices 0…n−1. */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** Mean and standard deviation of a list (sample sd). */
function meanSd(xs: readonly number[]): [number, number] {
  const m = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
  const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1);
  return [m, Math.sqrt(v)];
}

/** One trajectory point: the full θ, so the landscape can change axes mid-run. */
interface TrajectoryPoint {
  readonly i: number;
  readonly theta: readonly number[];
}

/** The trajectory's rows over the landscape's two axes (non-finite coordinates skipped). */
function trajectoryRows(points: readonly TrajectoryPoint[], l: LossLandscape | null | undefined): { i: number; a: number; b: number }[] {
  if (!l) return [];
  const rows = [];
  for (const p of points) {
    const a = p.theta[l.aIndex];
    const b = p.theta[l.bIndex];
    if (isFiniteNumber(a) && isFiniteNumber(b)) rows.push({ i: p.i, a, b });
  }
  return rows;
}

/** Above this many points a scatter is drawn on a canvas (thousands of SVG nodes slow every frame). */
const SVG_POINT_LIMIT = 1500;

export class ChartsSection {
  readonly root = h('section', { class: 'section charts', 'aria-labelledby': 'charts-h', 'data-testid': 'charts-section' });
  private fit: FitPayload | null | undefined;
  private run = -1;
  private charts = new Map<string, Chart>();
  private defs: ChartDef[] = [];
  /** Each chart's words, kept current (the landscape's as SGD moves). */
  private readonly texts = new Map<string, { text: ChartText; words: () => string }>();
  private trajectory: TrajectoryPoint[] = [];
  private pending: TrajectoryPoint[] = [];
  private stride = 1;
  private theta: readonly number[] | undefined;
  private readonly grid = h('div', { class: 'chart-grid' });
  private readonly note = h('p', { class: 'sample-note', 'data-testid': 'sample-note', hidden: '' });

  constructor(private readonly ctx: ViewContext) {
    this.root.append(
      h('div', { class: 'section-head' },
        h('h2', { id: 'charts-h' }, l10n.t('4. Charts')),
        h('div', { class: 'row export', role: 'group', 'aria-label': l10n.t('export') },
          button(l10n.t('Export report'), () => void this.exportReport(), { testid: 'export-report', secondary: true }),
          button(l10n.t('Export predictions CSV'), () => this.ctx.post({ type: 'export', what: 'predictions' }), { testid: 'export-predictions', secondary: true }),
          button(l10n.t('Model as code'), () => this.ctx.post({ type: 'export', what: 'modelCode' }), { testid: 'export-code', secondary: true }))),
      this.note,
      this.grid,
    );
  }

  /** Every chart's SVG, for the report (`export` with `charts`). */
  async exportReport(): Promise<void> {
    const charts: Record<string, string> = {};
    for (const c of this.allCharts()) {
      const svg = await c.toSVG().catch(() => undefined);
      if (svg) charts[c.name] = svg;
    }
    this.ctx.post({ type: 'export', what: 'report', charts });
  }

  extraCharts: () => Chart[] = () => [];

  private allCharts(): Chart[] {
    return [...this.extraCharts(), ...this.charts.values()];
  }

  update(s: ReadyState, msg?: TrainingMessage): void {
    if (s.fit !== this.fit) {
      this.fit = s.fit;
      this.define(s);
      this.embed();
    }
    if (s.training.run !== this.run) {
      this.run = s.training.run;
      this.trajectory = [];
      this.pending = [];
      this.stride = 1;
      this.theta = undefined;
      const traj = this.charts.get('landscape');
      if (traj) void traj.replace(DATA.trajectory, []);
      this.redrawNeuron();
    }
    if (msg && s.fit?.landscape) {
      for (const st of msg.steps) {
        if (st.globalStep % this.stride === 0) this.pending.push({ i: st.globalStep, theta: st.theta });
      }
    }
    if (msg?.steps.length) this.theta = msg.steps[msg.steps.length - 1].theta;
    if (msg) this.flush();
  }

  private readonly flush = liveRedraw(() => {
    const rows = this.pending;
    this.pending = [];
    this.trajectory.push(...rows);
    let drop: ((d: { i: number }) => boolean) | undefined;
    while (this.trajectory.length > MAX_TRAJECTORY) {
      this.stride *= 2;
      const stride = this.stride;
      this.trajectory = this.trajectory.filter((r) => r.i % stride === 0);
      drop = (d) => d.i % stride !== 0;
    }
    const land = this.charts.get('landscape');
    if (land && (rows.length || drop)) void land.append(DATA.trajectory, trajectoryRows(rows, this.fit?.landscape), drop);
    const words = this.texts.get('landscape');
    words?.text.update(words.words());
    this.redrawNeuron();
  }, () => reducedMotion(this.ctx.state().init?.reduceMotion));

  private redrawNeuron(): void {
    const s = this.ctx.state();
    const neuron = this.charts.get('neuron');
    if (!neuron || !s.fit || !s.design) return;
    const { names, intercept } = neuronInputs(s);
    void neuron.replace(DATA.neuronEdges, neuronEdges(names, intercept, this.theta ?? s.fit.coefficients));
  }

  private define(s: ReadyState): void {
    const fit = s.fit;
    const design = s.design;
    this.defs = [];
    if (!fit || !design) return;
    const sample = fit.sample;
    const many = sample.y.length > SVG_POINT_LIMIT;
    // ŷ = b + w₁·x₁ + … in the fitted terms' names (the neuron's and the data chart's words)
    const equation = `${fit.target} ≈ ` + fit.termNames.map((n, k) => (k === 0 && fit.intercept ? num(fit.coefficients[k]) : `${num(fit.coefficients[k])}·${n}`)).join(' + ').replace(/\+ -/g, '− ');
    // one feature (a column or a transform of one, with its powers): the data and the fitted curve
    const curve = fit.curve;
    if (curve && sample.features.length === 1) {
      const line = curve.degree <= 1;
      const degree = String(curve.degree);
      this.defs.push({
        name: 'data-fit',
        caption: line ? l10n.t('Data and the fitted line') : l10n.t('Data and the fitted degree-{0} polynomial', degree),
        spec: () => dataFitSpec(sample, curve, curve.feature, fit.target), canvas: many,
        words: () => line
          ? l10n.t('{0} points of {1} against {2}, and the fitted line: {3}; R² = {4}.', thousands(sample.shown), fit.target, curve.feature, equation, num(fit.summary.rSquared))
          : l10n.t('{0} points of {1} against {2}, and the fitted degree-{3} polynomial: {4}; R² = {5}.', thousands(sample.shown), fit.target, curve.feature, degree, equation, num(fit.summary.rSquared)),
        table: () => ({ columns: [l10n.t('row'), curve.feature, fit.target, l10n.t('fitted {0}', fit.target)], rows: range(sample.shown).map((i) => [sample.rows[i], sample.features[0]?.[i] ?? null, sample.y[i], sample.yhat[i]]) }),
      });
    } else {
      this.defs.push({
        name: 'predicted-actual', caption: fit.termNames.length > (fit.intercept ? 1 : 0) ? l10n.t('Predicted against actual') : l10n.t('Predicted (the mean) against actual'), spec: () => predictedVsActualSpec(sample, fit.target), canvas: many,
        words: () => l10n.t('{0} points: the predicted {1} against the actual; on the diagonal a prediction is exact; R² = {2}.', thousands(sample.shown), fit.target, num(fit.summary.rSquared)),
        table: () => ({ columns: [l10n.t('row'), fit.target, l10n.t('predicted {0}', fit.target)], rows: range(sample.shown).map((i) => [sample.rows[i], sample.y[i], sample.yhat[i]]) }),
      });
    }
    if (fit.landscape) {
      const l = fit.landscape;
      this.defs.push({
        name: 'landscape',
        caption: l10n.t('Loss landscape over {0} and {1}: contours of the mean squared loss, the SGD trajectory and the exact optimum', l.aName, l.bName),
        spec: () => landscapeSpec(l),
        canvas: true,
        controls: () => this.landscapeControls(fit, l),
        attrs: () => ({
          'data-x-title': l.aName,
          'data-y-title': l.bName,
          'data-contour-lines': String(new Set(contourLines(l).map((r) => r.line)).size),
        }),
        words: () => {
          const path = trajectoryRows(this.trajectory, l);
          const end = path.at(-1);
          return end
            ? l10n.t('Contours of the mean squared loss over {0} and {1}, the others at the optimum; the exact optimum is at ({2}, {3}); the SGD path has {4} points and is now at ({5}, {6}).',
              l.aName, l.bName, num(l.optimum[0]), num(l.optimum[1]), thousands(path.length), num(end.a), num(end.b))
            : l10n.t('Contours of the mean squared loss over {0} and {1}, the others at the optimum; the exact optimum is at ({2}, {3}); Play draws the SGD path.',
              l.aName, l.bName, num(l.optimum[0]), num(l.optimum[1]));
        },
        table: () => ({ columns: [l10n.t('step'), l.aName, l.bName], rows: trajectoryRows(this.trajectory, l).map((r) => [r.i + 1, r.a, r.b]) }),
      });
    }
    const [rMean, rSd] = meanSd(sample.residuals);
    const residualRows = () => range(sample.shown).map((i) => [sample.rows[i], sample.yhat[i], sample.residuals[i]]);
    this.defs.push({
      name: 'residuals', caption: l10n.t('Residuals with the fitted N(0, σ̂²) density'), spec: () => residualHistogramSpec(sample.residuals, fit.sigma),
      words: () => l10n.t('A histogram of {0} residuals: mean {1}, standard deviation {2}; the curve is N(0, σ̂²) with σ̂ = {3}; skew {4}, kurtosis {5}.',
        thousands(sample.shown), num(Math.abs(rMean) < 1e-9 * rSd ? 0 : rMean), num(rSd), num(fit.sigma), num(fit.diagnostics.skew), num(fit.diagnostics.kurtosis)),
      table: () => ({ columns: [l10n.t('row'), l10n.t('fitted'), l10n.t('residual')], rows: residualRows() }),
    });
    this.defs.push({
      name: 'qq', caption: l10n.t('Normal Q-Q plot of the residuals'), spec: () => qqSpec(sample.residuals, fit.sigma), canvas: many,
      words: () => l10n.t('The {0} residuals sorted against the quantiles of N(0, σ̂²): on the line where they are normal; Jarque–Bera p = {1}.', thousands(sample.shown), pValue(fit.diagnostics.jarqueBeraPValue)),
      table: () => ({ columns: [l10n.t('residual (sorted)')], rows: [...sample.residuals].sort((a, b) => a - b).map((r) => [r]) }),
    });
    this.defs.push({
      name: 'residuals-fitted', caption: l10n.t('Residuals against fitted values (hover a point for its row)'), spec: () => residualsFittedSpec(sample), canvas: many,
      words: () => l10n.t('{0} residuals against the fitted values: a curve or a funnel would show a missed shape or unequal noise; Durbin–Watson {1}.', thousands(sample.shown), num(fit.diagnostics.durbinWatson)),
      table: () => ({ columns: [l10n.t('row'), l10n.t('fitted'), l10n.t('residual')], rows: residualRows() }),
    });
    const flag = 4 / Math.max(1, sample.total);
    this.defs.push({
      name: 'leverage', caption: l10n.t('Leverage and Cook’s distance (hover a point for its row; dashed: 4/n)'), spec: () => leverageSpec(sample), canvas: many,
      words: () => l10n.t("{0} points' leverage and Cook's distance; {1} above 4/n = {2}.", thousands(sample.shown), thousands(sample.cooks.filter((c) => c !== null && c > flag).length), num(flag)),
      table: () => ({ columns: [l10n.t('row'), l10n.t('leverage'), l10n.t('Cook’s distance')], rows: range(sample.shown).map((i) => [sample.rows[i], sample.leverage[i], sample.cooks[i]]) }),
    });
    for (const [k, p] of fit.profiles.slice(0, 2).entries()) {
      this.defs.push({
        name: `likelihood-${k + 1}`, caption: l10n.t('Gaussian NLL and MSE are minimal at the same parameter'), spec: () => likelihoodSpec(p),
        words: () => l10n.t('The Gaussian negative log-likelihood and the mean squared error along {0}, the others at the optimum: both are smallest at {0} = {1} (MSE: {2}).', p.name, num(p.values[p.argminNll]), num(p.values[p.argminMse])),
        table: () => ({ columns: [p.name, 'NLL', 'MSE'], rows: p.values.map((v, i) => [v, p.nll[i], p.mse[i]]) }),
      });
    }
    const { names, intercept } = neuronInputs(s);
    this.defs.push({
      name: 'neuron', caption: l10n.t('Linear regression as a single neuron (current weights)'), spec: () => neuronSpec(names, intercept, fit.coefficients),
      words: () => {
        const inputs = names.join(', ') || l10n.t('(none)');
        return intercept
          ? l10n.t('One neuron: the inputs {0} are weighted and summed with a bias into {1}: {2}.', inputs, fit.target, equation)
          : l10n.t('One neuron: the inputs {0} are weighted and summed into {1}: {2}.', inputs, fit.target, equation);
      },
      table: () => ({ columns: [l10n.t('input'), l10n.t('weight')], rows: fit.termNames.map((n, k) => [k === 0 && fit.intercept ? l10n.t('bias') : n, fit.coefficients[k]]) }),
    });

    if (sample.shown < sample.total) {
      this.note.textContent = l10n.t('showing {0} of {1} rows (a uniform sample; the statistics use every row)', thousands(sample.shown), thousands(sample.total));
      this.note.hidden = false;
    } else {
      this.note.hidden = true;
    }
  }

  /** Two selectors of the landscape's parameters (fitted terms only); choosing one's partner swaps them. */
  private landscapeControls(fit: FitPayload, l: LossLandscape): HTMLElement {
    const options = fit.termNames
      .map((name, k) => ({ value: String(k), label: k === 0 && fit.intercept ? l10n.t('b (intercept)') : `w (${name})` }))
      .filter((_, k) => !fit.summary.terms[k]?.dropped);
    const choose = (a: number, b: number) => this.ctx.post({ type: 'setLandscapeAxes', a, b });
    const horizontal = select(options, String(l.aIndex), (v) => {
      const a = Number(v);
      choose(a, a === l.bIndex ? l.aIndex : l.bIndex);
    }, 'landscape-a');
    const vertical = select(options, String(l.bIndex), (v) => {
      const b = Number(v);
      choose(b === l.aIndex ? l.bIndex : l.aIndex, b);
    }, 'landscape-b');
    return h('div', { class: 'row landscape-axes', role: 'group', 'aria-label': l10n.t('landscape parameters'), 'data-testid': 'landscape-axes' },
      field(l10n.t('Horizontal'), horizontal),
      field(l10n.t('Vertical'), vertical));
  }

  /** (Re)embeds every chart: per fit, and when the theme changes. */
  embed(): void {
    for (const c of this.charts.values()) c.finalize();
    this.charts.clear();
    this.texts.clear();
    const figures: HTMLElement[] = [];
    for (const d of this.defs) {
      const box = h('div', { class: 'chart-box', 'data-testid': `chart-${d.name}`, ...d.attrs?.() });
      const save = saveChartButtons(d.name, d.caption, () => this.charts.get(d.name), this.ctx.post);
      const caption = h('figcaption', {}, d.caption);
      const text = new ChartText(box, d.name, caption, d.table);
      text.update(d.words());
      this.texts.set(d.name, { text, words: d.words });
      figures.push(h('figure', { class: `fig-${d.name}` }, caption, d.controls?.() ?? null, box, text.summary, save, text.details));
      this.charts.set(d.name, new Chart(box, d.name, d.spec(), this.ctx.fail, d.canvas ? 'canvas' : 'svg'));
    }
    this.grid.replaceChildren(...(figures.length ? figures : [h('p', { class: 'muted' }, l10n.t('Charts appear once the data is fitted.'))]));
    const land = this.charts.get('landscape');
    if (land && this.trajectory.length) void land.append(DATA.trajectory, trajectoryRows(this.trajectory, this.fit?.landscape));
    if (this.theta) this.redrawNeuron();
  }

  chartList(): Chart[] {
    return [...this.charts.values()];
  }
}

/** The neuron's inputs: the fitted terms without the intercept. */
function neuronInputs(s: ReadyState): { names: string[]; intercept: boolean } {
  const intercept = s.fit?.intercept ?? true;
  const terms = s.fit?.termNames ?? [];
  return { names: intercept ? terms.slice(1) : [...terms], intercept };
}
