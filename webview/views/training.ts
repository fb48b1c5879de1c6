// 3. Live minibatch SGD: hyper-parameters, Play/Pause/Step/Reset, live loss and distance
// curves (streamed into the charts once per animation frame), divergence as a message.
import * as l10n from '@vscode/l10n';
import { inBound } from '../../src/core/bounds';
import { SGD_BOUNDS } from '../../src/core/choices';
import { formatAs } from '../../src/core/number-format';
import { LOSS_KINDS } from '../../src/core/linear-model';
import { SCHEDULE_KINDS } from '../../src/core/schedule';
import type { LossKind, ScheduleKind, SgdParams, TrainingMessage, TrainingStatus } from '../../src/protocol';
import { Chart } from '../charts';
import { button, field, h, num, numAs, numberInput, perFrame, select, setDisabled, setText, slider, textfield, thousands, nameControl, liveRedraw, reducedMotion } from '../dom';
import { DATA } from '../specs/common';
import { distanceSpec, lossCurveSpec, lossSeriesLabels, optimumRows, type DistanceRow, type LossRow } from '../specs/training';
import type { ReadyState } from '../state';
import { saveChartButtons } from './chart-save';
import { ChartText } from './chart-text';
import type { ViewContext } from './context';

const lossCaption = () => l10n.t('Loss per minibatch and per epoch, with the exact optimum of what SGD minimises');
const distanceCaption = () => l10n.t('Distance ‖θ − θ*‖ to the exact solution');

/** Most minibatch points a curve keeps: past this, every other one is dropped (stride doubles). */
const MAX_POINTS = 2000;
/** Labels of the core's losses and schedules (the compiler asks for a new one's label). */
const lossLabels = (): Record<LossKind, string> => ({
  squared: l10n.t('squared (½(ŷ − y)²)'),
  absolute: l10n.t('absolute |ŷ − y|'),
  huber: 'Huber',
});
const scheduleLabels = (): Record<ScheduleKind, string> => ({
  constant: l10n.t('constant'),
  step: l10n.t('step decay'),
  inverse: l10n.t('1/t decay'),
  cosine: l10n.t('cosine'),
});
const losses = () => {
  const labels = lossLabels();
  return LOSS_KINDS.map((value) => ({ value, label: labels[value] }));
};
const schedules = () => {
  const labels = scheduleLabels();
  return SCHEDULE_KINDS.map((value) => ({ value, label: labels[value] }));
};
/** The status badge's words (its data-status keeps the protocol's value). */
const statusLabels = (): Record<TrainingStatus, string> => ({
  idle: l10n.t('idle'),
  playing: l10n.t('playing'),
  paused: l10n.t('paused'),
  done: l10n.t('done'),
  diverged: l10n.t('diverged'),
  cancelled: l10n.t('cancelled'),
});

/** The closed form's loss when the extension does not send it: ½·RSS/n for the squared loss. */
export function fallbackOptimumLoss(s: ReadyState): number | null {
  const sm = s.fit?.summary;
  if (!sm || s.sgd.loss !== 'squared' || sm.residualStdDev === null || sm.n <= 0) return null;
  const v = (0.5 * sm.residualStdDev ** 2 * sm.dfResidual) / sm.n;
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** The training controls' keys (aria-keyshortcuts values), and the hover that lists them. */
const SHORTCUTS = { play: 'Space', pause: 'Space', step: 'ArrowRight', reset: 'R' } as const;
const shortcutsHelp = () => l10n.t('Keyboard shortcuts in this panel (when no field has focus): Space plays or pauses, → takes one minibatch step, R resets.');

export class TrainingSection {
  readonly root = h('section', { class: 'section training', 'aria-labelledby': 'training-h', 'data-testid': 'training-section' });
  private readonly status = h('span', { class: 'badge status-badge', 'data-testid': 'training-status', 'data-status': 'idle', role: 'status' }, statusLabels().idle);
  private readonly stepCount = h('span', { 'data-testid': 'step-count', 'data-steps': '0' }, l10n.t('step {0}', '0'));
  private readonly metrics = h('span', { class: 'metrics', 'data-testid': 'training-metrics' });
  private readonly divergence = h('div', { class: 'divergence', role: 'alert', 'data-testid': 'divergence', hidden: '' });
  private readonly lrText;
  private readonly lrSlider;
  private readonly controls: Record<'play' | 'pause' | 'step' | 'reset', HTMLElement>;
  private readonly lossBox = h('div', { class: 'chart-box', 'data-testid': 'loss-chart', 'data-points': '0' });
  private readonly distBox = h('div', { class: 'chart-box', 'data-testid': 'distance-chart' });
  private readonly paramsBox = h('div', { class: 'form-grid sgd-params' });
  private readonly lossText: ChartText;
  private readonly distText: ChartText;
  private lossChart: Chart | undefined;
  private distChart: Chart | undefined;
  private rows: LossRow[] = [];
  /** Each series' latest row (the chart's words; the rows themselves are thinned as they grow). */
  private latest: Partial<Record<LossRow['series'], LossRow>> = {};
  private dist: DistanceRow[] = [];
  private stride = 1;
  private pendingLoss: LossRow[] = [];
  private pendingDist: DistanceRow[] = [];
  private pendingRemoval = false;
  private run = -1;
  private optimum: number | null = null;
  private optimumLabel: string | null = null;
  private optimumValidation: number | null = null;
  private readonly reference = h('p', { class: 'muted optimum-label', 'data-testid': 'optimum-label' });
  private readonly extent = h('p', { class: 'muted optimum-extent', 'data-testid': 'optimum-extent', hidden: '' });
  private sgdShown: SgdParams | undefined;
  private lastEpochStep = 0;

  constructor(private readonly ctx: ViewContext) {
    const s = ctx.state();
    this.lrText = textfield(String(s.sgd.learningRate), (v) => {
      const lr = Number(v);
      if (lr > 0 && Number.isFinite(lr)) this.setLearningRate(lr);
    }, { testid: 'learning-rate' });
    this.lrSlider = slider(-5, 1, 0.01, Math.log10(s.sgd.learningRate), (v) => this.setLearningRate(Number((10 ** v).toPrecision(3))), 'learning-rate-slider');
    this.lrSlider.setAttribute('aria-valuetext', `η = ${formatAs('learningRate', s.sgd.learningRate)}`);
    this.controls = {
      play: button(l10n.t('Play'), () => this.command('play'), { testid: 'play', title: l10n.t('Play (Space)') }),
      pause: button(l10n.t('Pause'), () => this.command('pause'), { testid: 'pause', secondary: true, title: l10n.t('Pause (Space)') }),
      step: button(l10n.t('Step'), () => this.command('step'), { testid: 'step', secondary: true, title: l10n.t('one minibatch (→)') }),
      reset: button(l10n.t('Reset'), () => this.command('reset'), { testid: 'reset', secondary: true, title: l10n.t('same seed ⇒ same initial weights and batch order (R)') }),
    };
    for (const [k, keys] of Object.entries(SHORTCUTS)) this.controls[k as keyof typeof SHORTCUTS].setAttribute('aria-keyshortcuts', keys);
    const lrField = h('div', { class: 'field lr-field' },
      h('label', { for: (this.lrSlider.id = 'lr-slider'), class: 'field-label' }, l10n.t('Learning rate η (log scale)')),
      h('div', { class: 'lr-row' }, this.lrSlider, this.lrText));
    nameControl(this.lrText, l10n.t('Learning rate η'));
    const lossCaptionText = lossCaption();
    const distCaptionText = distanceCaption();
    const lossCaptionEl = h('figcaption', {}, lossCaptionText);
    const distCaptionEl = h('figcaption', {}, distCaptionText);
    this.lossText = new ChartText(this.lossBox, 'loss', lossCaptionEl, () => {
      const series = lossSeriesLabels();
      return {
        columns: [l10n.t('step'), l10n.t('series'), l10n.t('loss')],
        rows: this.rows.map((r) => [r.step, series[r.series], r.loss]),
      };
    });
    this.distText = new ChartText(this.distBox, 'distance', distCaptionEl, () => ({
      columns: [l10n.t('step'), '‖θ − θ*‖'],
      rows: this.dist.map((r) => [r.step, r.distance]),
    }));
    this.root.append(
      h('h2', { id: 'training-h' }, l10n.t('3. Live minibatch SGD')),
      lrField,
      this.paramsBox,
      h('div', { class: 'row controls', role: 'group', 'aria-label': l10n.t('training controls') }, this.controls.play, this.controls.pause, this.controls.step, this.controls.reset,
        h('span', { class: 'muted shortcuts', 'data-testid': 'shortcuts', title: shortcutsHelp() }, l10n.t('Keys: Space play/pause · → step · R reset'))),
      h('p', { class: 'training-line' }, this.status, ' ', this.stepCount, ' ', this.metrics),
      this.divergence,
      h('div', { class: 'chart-grid' },
        h('figure', {}, lossCaptionEl, this.reference, this.extent, this.lossBox, this.lossText.summary, saveChartButtons('loss', lossCaptionText, () => this.lossChart, this.ctx.post), this.lossText.details),
        h('figure', {}, distCaptionEl, this.distBox, this.distText.summary, saveChartButtons('distance', distCaptionText, () => this.distChart, this.ctx.post), this.distText.details)),
    );
    this.describe();
  }

  /** The training charts in words: where the run is, in the numbers the charts show. */
  private describe(): void {
    const { minibatch: last, 'training (epoch)': epoch, 'validation (epoch)': validation } = this.latest;
    const optimum = this.optimum;
    if (last) {
      // the clauses in the order Chinese reads them too; the sentence ends with the optimum, if any
      const said =
        l10n.t('After {0} minibatch steps the minibatch loss is {1}', thousands(last.step), num(last.loss)) +
        (epoch ? l10n.t(', the training loss of the last epoch {0}', num(epoch.loss)) : '') +
        (validation ? l10n.t(', the validation loss {0}', num(validation.loss)) : '');
      this.lossText.update(optimum !== null ? l10n.t('{0}; the exact optimum is {1}.', said, num(optimum)) : l10n.t('{0}.', said));
    } else {
      this.lossText.update(optimum !== null
        ? l10n.t('No training yet: Play or Step trains the model; the exact optimum is {0}.', num(optimum))
        : l10n.t('No training yet: Play or Step trains the model.'));
    }
    const d = this.dist.at(-1);
    this.distText.update(d
      ? l10n.t('‖θ − θ*‖ is {0} after {1} steps ({2} after the first).', num(d.distance), thousands(d.step), num(this.dist[0].distance))
      : l10n.t('No training yet: the distance to the exact solution appears as SGD steps.'));
  }

  private sgd(): SgdParams {
    return this.ctx.state().sgd;
  }

  private setSgd(patch: Partial<SgdParams>): void {
    this.ctx.dispatch({ type: 'local/sgd', sgd: { ...this.sgd(), ...patch } });
  }

  private readonly tune = perFrame(() => {
    const { learningRate, stepsPerSecond } = this.sgd();
    this.ctx.post({ type: 'tune', learningRate, stepsPerSecond });
  });

  /** η changes take effect while training, without a reset. */
  private setLearningRate(lr: number): void {
    this.setSgd({ learningRate: lr });
    if (this.ctx.state().training.status === 'playing') this.tune();
  }

  /**
   * The panel's keyboard shortcuts (Space play/pause, → step, R reset), when the key is not meant
   * for a control: typing in a field, or Space on a focused button, keeps its usual meaning.
   * @returns whether the key was a shortcut (the caller prevents its default)
   */
  handleKey(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('input, textarea, select, button, vscode-textfield, vscode-single-select, vscode-checkbox, vscode-button, [contenteditable]')) return false;
    const t = this.ctx.state().training;
    const fitted = !!this.ctx.state().fit;
    if (e.key === ' ') {
      if (t.status === 'playing') this.command('pause');
      else if (fitted) this.command('play');
      return true;
    }
    if (e.key === 'ArrowRight' && fitted && t.status !== 'playing' && t.status !== 'diverged') {
      this.command('step');
      return true;
    }
    if ((e.key === 'r' || e.key === 'R') && fitted) {
      this.command('reset');
      return true;
    }
    return false;
  }

  private command(command: 'play' | 'pause' | 'step' | 'reset'): void {
    this.ctx.post({ type: 'train', command, params: this.sgd() });
  }

  private buildParams(p: SgdParams): void {
    // a field takes what the core's bound allows (the same bound the extension checks)
    const bounded = (key: 'batchSize' | 'epochs' | 'seed' | 'weightDecay' | 'huberDelta') => (v: string) => {
      const x = SGD_BOUNDS[key].integer ? Math.round(Number(v)) : Number(v);
      if (v.trim() !== '' && inBound(x, SGD_BOUNDS[key])) this.setSgd({ [key]: x });
    };
    const pace = slider(0, 240, 1, p.stepsPerSecond, (v) => {
      this.setSgd({ stepsPerSecond: v });
      setText(paceLabel, v === 0 ? l10n.t('as fast as possible') : l10n.t('{0} steps/s', String(v)));
      if (this.ctx.state().training.status === 'playing') this.tune();
    }, 'pace');
    const paceLabel = h('span', { class: 'field-hint' }, p.stepsPerSecond === 0 ? l10n.t('as fast as possible') : l10n.t('{0} steps/s', String(p.stepsPerSecond)));
    const huber = field('Huber δ', textfield(String(p.huberDelta), bounded('huberDelta'), { testid: 'huber-delta' }));
    if (p.loss !== 'huber') huber.hidden = true;
    this.paramsBox.replaceChildren(
      field(l10n.t('Batch size'), textfield(String(p.batchSize), bounded('batchSize'), { testid: 'batch-size', ...numberInput(SGD_BOUNDS.batchSize) })),
      field(l10n.t('Epochs'), textfield(String(p.epochs), bounded('epochs'), { testid: 'epochs', ...numberInput(SGD_BOUNDS.epochs) })),
      field(l10n.t('Schedule'), select(schedules(), p.schedule, (v) => this.setSgd({ schedule: v }), 'schedule')),
      field(l10n.t('Loss'), select(losses(), p.loss, (v) => this.setSgd({ loss: v }), 'loss')),
      huber,
      field(l10n.t('L2 weight decay λ'), textfield(String(p.weightDecay), bounded('weightDecay'), { testid: 'weight-decay' })),
      field(l10n.t('Seed'), textfield(String(p.seed), bounded('seed'), { testid: 'seed', ...numberInput(SGD_BOUNDS.seed) })),
      h('div', { class: 'field' }, h('label', { for: (pace.id = 'pace-slider'), class: 'field-label' }, l10n.t('Pace')), pace, paceLabel),
    );
  }

  /** (Re)creates the charts, e.g. for a new fit or a theme change; keeps the streamed rows. */
  embedCharts(s: ReadyState): void {
    this.lossChart?.finalize();
    this.distChart?.finalize();
    this.optimum = s.training.optimumLoss ?? fallbackOptimumLoss(s);
    this.lossChart = new Chart(this.lossBox, 'loss', lossCurveSpec(this.optimum, s.sgd.loss, s.training.optimumLabel, s.training.optimumValidationLoss, (s.design?.validationFraction ?? 0) > 0), this.ctx.fail, 'canvas');
    this.optimumLabel = s.training.optimumLabel;
    this.optimumValidation = s.training.optimumValidationLoss;
    this.distChart = new Chart(this.distBox, 'distance', distanceSpec(), this.ctx.fail, 'canvas');
    if (this.rows.length) void this.lossChart.append(DATA.steps, this.rows);
    if (this.dist.length) void this.distChart.append(DATA.distance, this.dist);
  }

  update(s: ReadyState, msg?: TrainingMessage): void {
    if (s.sgd !== this.sgdShown) {
      const rebuild = !this.sgdShown || s.sgd.loss !== this.sgdShown.loss || !this.paramsBox.contains(document.activeElement);
      this.sgdShown = s.sgd;
      if (rebuild) this.buildParams(s.sgd);
      if (document.activeElement !== this.lrText) this.lrText.value = String(s.sgd.learningRate);
      if (document.activeElement !== this.lrSlider) this.lrSlider.value = String(Math.log10(s.sgd.learningRate));
      this.lrSlider.setAttribute('aria-valuetext', `η = ${formatAs('learningRate', s.sgd.learningRate)}`);
    }
    const t = s.training;
    if (t.run !== this.run || !this.lossChart) {
      this.run = t.run;
      this.rows = [];
      this.dist = [];
      this.latest = {};
      this.stride = 1;
      this.pendingLoss = [];
      this.pendingDist = [];
      this.lastEpochStep = 0;
      this.embedCharts(s);
      this.describe();
    }
    if (msg) this.take(msg);
    const optimum = t.optimumLoss ?? fallbackOptimumLoss(s);
    if ((optimum !== this.optimum || t.optimumLabel !== this.optimumLabel || t.optimumValidationLoss !== this.optimumValidation) && this.lossChart) {
      this.optimum = optimum;
      this.optimumLabel = t.optimumLabel;
      this.optimumValidation = t.optimumValidationLoss;
      void this.lossChart.replace(DATA.optimum, optimumRows(optimum, t.optimumLabel, t.optimumValidationLoss));
    }
    // what the dashed line is, in words (the legend says "exact optimum")
    setText(this.reference, t.optimumLabel ? l10n.t('Dashed line: {0}; ‖θ − θ*‖ is measured to it.', t.optimumLabel) : '');
    this.reference.dataset.label = t.optimumLabel ?? '';
    // LAD's flat bottom: every θ in these ranges reaches the same minimum
    const extent = t.optimumExtent;
    this.extent.hidden = extent === null;
    setText(
      this.extent,
      extent === null
        ? ''
        : extent
          ? l10n.t('Not unique: the minimisers range over {0}; ‖θ − θ*‖ is measured to one of them, so it need not reach 0.', extent)
          : l10n.t('Not unique: other θ reach the same minimum; ‖θ − θ*‖ is measured to one of them, so it need not reach 0.'),
    );

    this.status.dataset.status = t.status;
    setText(this.status, statusLabels()[t.status] ?? t.status);
    this.stepCount.dataset.steps = String(t.stepsTaken);
    setText(this.stepCount, t.totalSteps ? l10n.t('step {0} of {1}', thousands(t.stepsTaken), thousands(t.totalSteps)) : l10n.t('step {0}', thousands(t.stepsTaken)));
    const last = t.last;
    // a list of readings, " · " apart (their order reads the same in every language)
    const metrics = last
      ? [
          l10n.t('epoch {0}', String(last.epoch + 1)),
          `η ${numAs('learningRate', last.learningRate)}`,
          l10n.t('batch loss {0}', numAs('loss', last.batchLoss)),
          `‖θ\u00a0−\u00a0θ*‖ ${numAs('loss', last.distance)}`,
          ...(t.lastEpoch ? [l10n.t('train {0}', numAs('loss', t.lastEpoch.trainLoss))] : []),
          ...(t.lastEpoch && t.lastEpoch.validationLoss !== null ? [l10n.t('validation {0}', numAs('loss', t.lastEpoch.validationLoss))] : []),
        ]
      : [];
    // one separator between the step count and each reading
    setText(this.metrics, metrics.length ? `· ${metrics.join(' · ')}` : '');
    const playing = t.status === 'playing';
    const noFit = !s.fit;
    setDisabled(this.controls.play, playing || noFit);
    setDisabled(this.controls.pause, !playing);
    setDisabled(this.controls.step, playing || noFit || t.status === 'diverged');
    setDisabled(this.controls.reset, noFit);

    if (t.divergence) {
      const d = t.divergence;
      if (this.divergence.hidden || this.divergence.dataset.message !== d.message) {
        this.divergence.dataset.message = d.message;
        this.divergence.dataset.suggested = String(d.suggestedLearningRate);
        this.divergence.replaceChildren(
          // the message names the divergence itself: no heading that says it again
          d.message,
          h('div', { class: 'row' }, button(l10n.t('Use η = {0} and reset', formatAs('learningRate', d.suggestedLearningRate)), () => {
            this.setSgd({ learningRate: Number(d.suggestedLearningRate.toPrecision(3)) });
            this.command('reset');
          }, { testid: 'use-suggested-lr' })),
        );
        this.divergence.hidden = false;
      }
    } else if (!this.divergence.hidden) {
      this.divergence.hidden = true;
      this.divergence.replaceChildren();
    }
  }

  /** Queues a message's points for the next frame (several messages per frame coalesce). */
  private take(msg: TrainingMessage): void {
    for (const st of msg.steps) {
      this.lastEpochStep = st.globalStep + 1;
      if (st.globalStep % this.stride !== 0) continue;
      if (st.batchLoss > 0 && Number.isFinite(st.batchLoss)) this.pendingLoss.push({ step: st.globalStep + 1, loss: st.batchLoss, series: 'minibatch' });
      if (st.distance > 0 && Number.isFinite(st.distance)) this.pendingDist.push({ step: st.globalStep + 1, distance: st.distance });
    }
    for (const e of msg.epochs) {
      if (e.trainLoss > 0 && Number.isFinite(e.trainLoss)) this.pendingLoss.push({ step: this.lastEpochStep, loss: e.trainLoss, series: 'training (epoch)' });
      if (e.validationLoss !== null && e.validationLoss > 0 && Number.isFinite(e.validationLoss)) {
        this.pendingLoss.push({ step: this.lastEpochStep, loss: e.validationLoss, series: 'validation (epoch)' });
      }
    }
    this.flush();
  }

  private readonly flush = liveRedraw(() => {
    const loss = this.pendingLoss;
    const dist = this.pendingDist;
    this.pendingLoss = [];
    this.pendingDist = [];
    this.rows.push(...loss);
    this.dist.push(...dist);
    for (const r of loss) this.latest[r.series] = r;
    let removal = this.pendingRemoval;
    while (this.dist.length > MAX_POINTS) {
      this.stride *= 2;
      const keep = (step: number) => (step - 1) % this.stride === 0;
      this.rows = this.rows.filter((r) => r.series !== 'minibatch' || keep(r.step));
      this.dist = this.dist.filter((r) => keep(r.step));
      removal = true;
    }
    this.pendingRemoval = false;
    const stride = this.stride;
    const drop = removal ? (d: LossRow | DistanceRow) => ('series' in d ? d.series === 'minibatch' : true) && (d.step - 1) % stride !== 0 : undefined;
    if (loss.length || drop) void this.lossChart?.append(DATA.steps, loss, drop);
    if (dist.length || drop) void this.distChart?.append(DATA.distance, dist, drop);
    this.lossBox.dataset.points = String(this.rows.length);
    this.lossBox.dataset.draws = String(Number(this.lossBox.dataset.draws ?? 0) + 1);
    this.lossBox.dataset.drawnAt = String(performance.now());
    this.describe();
  }, () => reducedMotion(this.ctx.state().init?.reduceMotion));

  charts(): Chart[] {
    return [this.lossChart, this.distChart].filter((c): c is Chart => c !== undefined);
  }
}
