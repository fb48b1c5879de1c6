// 5. Normal Distribution Explorer: d2l's (μ, σ) curves, add/remove pairs, μ/σ sliders, and a
// histogram of n seeded draws against the chosen pair's pdf. Computed here (cheap), drawn by
// replacing the chart's two data sources (no re-embedding while sliders move).
import * as l10n from '@vscode/l10n';
import { sampleNormal } from '../../src/core/normal';
import { createRng } from '../../src/core/random';
import { Chart } from '../charts';
import { button, field, h, num, perFrame, select, setText, slider, textfield, thousands, setDisabled } from '../dom';
import { DATA } from '../specs/common';
import { normalCurves, normalSpec, pairLabel, sampleBins } from '../specs/normal';
import type { NormalState, ReadyState } from '../state';
import { saveChartButtons } from './chart-save';
import { ChartText } from './chart-text';
import type { ViewContext } from './context';

// a function, not a constant: the display language is set after this module loads
const normalCaption = () => l10n.t('Densities, and a histogram of draws from the sampled pair');

const MAX_PAIRS = 8;
const MAX_DRAWS = 200_000;

export class NormalSection {
  readonly root = h('section', { class: 'section normal', 'aria-labelledby': 'normal-h', 'data-testid': 'normal-section' });
  private readonly pairsBox = h('div', { class: 'pairs', role: 'group', 'aria-label': l10n.t('(μ, σ) pairs') });
  private readonly sampleBox = h('div', { class: 'row sample-controls' });
  private readonly chartBox = h('div', { class: 'chart-box', 'data-testid': 'normal-chart' });
  private readonly stats = h('p', { class: 'muted', 'data-testid': 'sample-stats' });
  private chart: Chart | undefined;
  private sampled = 0;
  private seed = 0;
  private draws: Float64Array = new Float64Array();
  private shown: NormalState | undefined;

  private readonly text: ChartText;

  constructor(private readonly ctx: ViewContext) {
    const captionText = normalCaption();
    const caption = h('figcaption', {}, captionText);
    this.text = new ChartText(this.chartBox, 'normal', caption, () => {
      const pairs = this.normal().pairs;
      // each density at x = −8, −7.5, …, 8 (the chart's axis)
      return {
        columns: ['x', ...pairs.map((p) => `p(x), ${pairLabel(p)}`)],
        rows: Array.from({ length: 33 }, (_, i) => -8 + i / 2).map((x) => [x, ...pairs.map(([mu, sigma]) => Math.exp(-((x - mu) ** 2) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI)))]),
      };
    });
    this.root.append(
      h('h2', { id: 'normal-h' }, l10n.t('The normal distribution')),
      h('p', { class: 'muted' }, l10n.t('p(x) = 1/√(2πσ²) · exp(−(x − μ)² / (2σ²)). Changing μ shifts the curve; increasing σ spreads it out and lowers its peak.')),
      this.pairsBox,
      this.sampleBox,
      h('figure', {}, caption, this.chartBox, this.text.summary, saveChartButtons('normal', captionText, () => this.chart, this.ctx.post), this.text.details),
      this.stats,
    );
  }

  /** The chart in words: each curve's centre and peak, and the sample. */
  private describe(n: NormalState): void {
    const curves = n.pairs.map(([mu, sigma]) => l10n.t('N({0}, {1}²) peaks at x = {0} with p = {2}', num(mu, 3), num(sigma, 3), num(1 / (sigma * Math.sqrt(2 * Math.PI)), 3)));
    this.text.update(l10n.t('{0} normal densities: {1}. The grey bars: a histogram of {2} draws.', thousands(curves.length), curves.join(l10n.t('; ')), thousands(this.draws.length)));
  }

  private normal(): NormalState {
    return this.ctx.state().normal;
  }

  private set(normal: NormalState, rebuild = false): void {
    this.ctx.dispatch({ type: 'local/normal', normal });
    if (rebuild) this.buildControls(normal);
    this.redraw();
  }

  update(s: ReadyState): void {
    if (!this.chart) {
      this.buildControls(s.normal);
      this.resample(s.normal);
      this.embed();
    }
    this.shown = s.normal;
  }

  embed(): void {
    this.chart?.finalize();
    const n = this.normal();
    this.chart = new Chart(this.chartBox, 'normal', normalSpec(n.pairs, this.draws), this.ctx.fail);
    this.chartBox.dataset.curves = String(n.pairs.length);
  }

  private resample(n: NormalState): void {
    const k = Math.min(this.sampled, n.pairs.length - 1);
    const pair = n.pairs[k];
    if (!pair) {
      this.draws = new Float64Array();
    } else {
      this.draws = sampleNormal(Math.min(n.n, MAX_DRAWS), pair[0], pair[1], createRng(this.seed));
    }
    let mean = 0;
    for (const x of this.draws) mean += x;
    mean /= this.draws.length || 1;
    let ss = 0;
    for (const x of this.draws) ss += (x - mean) ** 2;
    this.describe(n);
    setText(this.stats, pair
      ? l10n.t('{0} draws from N({1}, {2}²) with seed {3}: sample mean {4}, sample std. dev. {5}', thousands(this.draws.length), num(pair[0], 3), num(pair[1], 3), String(this.seed), num(mean), num(Math.sqrt(ss / Math.max(1, this.draws.length - 1))))
      : l10n.t('no pair to sample from'));
  }

  private readonly redraw = perFrame(() => {
    const n = this.normal();
    this.resample(n);
    if (!this.chart) return;
    void this.chart.replace(DATA.curves, normalCurves(n.pairs));
    void this.chart.replace(DATA.sample, sampleBins(this.draws));
    this.chartBox.dataset.curves = String(n.pairs.length);
  });

  private buildControls(n: NormalState): void {
    const rows = n.pairs.map((pair, k) => {
      const [mu, sigma] = pair;
      const label = h('span', { class: 'pair-label', 'data-testid': 'pair-label' }, `${k + 1}: ${pairLabel(pair)}`);
      const update = (next: readonly [number, number]) => {
        const pairs = this.normal().pairs.map((p, i) => (i === k ? next : p));
        setText(label, `${k + 1}: ${pairLabel(next)}`);
        this.set({ ...this.normal(), pairs });
      };
      const muSlider = slider(-5, 5, 0.1, mu, (v) => update([v, this.normal().pairs[k][1]]), `mu-${k + 1}`);
      const sigmaSlider = slider(0.1, 5, 0.1, sigma, (v) => update([this.normal().pairs[k][0], v]), `sigma-${k + 1}`);
      const remove = button(l10n.t('Remove'), () => {
        const pairs = this.normal().pairs.filter((_, i) => i !== k);
        this.sampled = Math.min(this.sampled, Math.max(0, pairs.length - 1));
        this.set({ ...this.normal(), pairs }, true);
      }, { testid: `remove-pair-${k + 1}`, secondary: true });
      if (n.pairs.length <= 1) setDisabled(remove, true);
      return h('div', { class: 'pair', 'data-testid': 'pair' }, label, field(l10n.t('μ of curve {0}', String(k + 1)), muSlider), field(l10n.t('σ of curve {0}', String(k + 1)), sigmaSlider), remove);
    });
    const add = button(l10n.t('Add a (μ, σ) pair'), () => {
      const pairs = this.normal().pairs;
      if (pairs.length >= MAX_PAIRS) return;
      this.set({ ...this.normal(), pairs: [...pairs, [pairs.length - 2, 1.5]] }, true);
    }, { testid: 'add-pair', secondary: true });
    if (n.pairs.length >= MAX_PAIRS) setDisabled(add, true);
    this.pairsBox.replaceChildren(...rows, h('div', { class: 'row' }, add));

    const which = select(n.pairs.map((p, i) => ({ value: String(i), label: `${i + 1}: ${pairLabel(p)}` })), String(Math.min(this.sampled, n.pairs.length - 1)), (v) => {
      this.sampled = Number(v);
      this.redraw();
    }, 'sample-pair');
    const size = textfield(String(n.n), (v) => {
      const count = Math.round(Number(v));
      if (count >= 1 && count <= MAX_DRAWS) this.set({ ...this.normal(), n: count });
    }, { testid: 'sample-size', type: 'number', min: 1, max: MAX_DRAWS, step: 1 });
    const again = button(l10n.t('New sample'), () => {
      this.seed++;
      this.redraw();
    }, { testid: 'resample', secondary: true });
    this.sampleBox.replaceChildren(field(l10n.t('Sample from'), which), field(l10n.t('Draws n'), size), again);
  }
}
