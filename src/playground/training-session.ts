/**
 * One minibatch-SGD run of the playground over a prepared fit, stepped by the worker in time
 * slices; the same setup as the CLI's `sgd` (./sgd-setup.ts), so the two give the same run.
 */
import * as l10n from '@vscode/l10n';
import { finiteOrNull } from '../core/fit-summary';
import { meanLoss } from '../core/linear-model';
import { SgdTrainer } from '../core/sgd';
import { describeRanges } from '../core/flat-bottom';
import { coefficientRanges, sgdOptimum } from '../core/sgd-optimum';
import type { SgdParams, TrainingEpoch } from '../protocol';
import type { PreparedFit } from './fit-view';
import { setupSgd, type SgdSetup } from './sgd-setup';
import type { StepDecimator } from './step-decimator';

/** What one call to {@link TrainingSession.advance} produced. */
export interface Advance {
  readonly steps: number;
  readonly epochs: TrainingEpoch[];
}

/**
 * One SGD run over a prepared fit: seeded split, optional z-scoring of the training
 * features, an {@link SgdTrainer}; θ is reported in original units, intercept first, in
 * the order of `FitPayload.coefficients`. The same params give the same run.
 * @throws RangeError for invalid hyper-parameters (from the trainer) or no training rows.
 */
export class TrainingSession {
  readonly trainer: SgdTrainer;
  readonly params: SgdParams;
  readonly setup: SgdSetup;
  /**
   * The exact minimiser of this run's objective on its training rows (its loss and δ, its weight
   * decay, on the features as SGD sees them): its mean loss, the chart's reference line.
   */
  readonly optimumLoss: number;
  /** What the reference is ("ridge optimum, λ = 0.1", "LAD optimum", …). */
  readonly optimumLabel: string;
  /** The reference's mean loss on the validation rows (NaN without a split): the validation curve's reference. */
  readonly optimumValidationLoss: number;
  /**
   * When the minimiser is not unique (LAD's flat bottom): each moving coefficient's range over all
   * minimisers, in the data's units ("Intercept ∈ [0, 1], x ∈ [−1, 1]"); "" when it could not be
   * computed; undefined for a unique optimum.
   */
  readonly optimumExtent: string | undefined;
  /** θ* in original units, intercept first: ‖θ − θ*‖ is measured to it. */
  private readonly optimum: readonly number[];

  constructor(fit: PreparedFit, params: SgdParams) {
    this.params = params;
    this.setup = setupSgd(fit.columns, fit.y, fit.design, params);
    this.trainer = new SgdTrainer(this.setup.train, this.setup.options, this.setup.validation);
    const o = { loss: params.loss, huberDelta: params.huberDelta, weightDecay: params.weightDecay, intercept: fit.design.intercept };
    let reference: { w: ArrayLike<number>; b: number; label: string };
    let extent: string | undefined;
    try {
      const exact = sgdOptimum(this.setup.train, o);
      reference = { ...exact, label: fit.design.validationFraction > 0 ? l10n.t('{0} on the training rows', exact.label) : exact.label };
      // absolute loss can have a flat bottom: say how far it reaches rather than pretend this θ* is the one
      if (!exact.unique) {
        const ranges = coefficientRanges(exact, (w, b) => this.setup.toOriginal(w, b));
        extent = ranges ? describeRanges(fit.payload.termNames, ranges) : '';
      }
    } catch {
      // no certified minimiser (a degenerate design): the closed form, said as such
      const opt = this.setup.toTraining(fit.payload.coefficients);
      reference = { w: opt.w, b: opt.b, label: l10n.t('least squares on all rows (the exact optimum of this objective could not be certified)') };
    }
    this.optimum = this.setup.toOriginal(reference.w, reference.b);
    this.optimumLabel = reference.label;
    this.optimumExtent = extent;
    this.optimumLoss = meanLoss(this.setup.train, reference.w, reference.b, params.loss, params.huberDelta);
    const v = this.setup.validation;
    this.optimumValidationLoss = v ? meanLoss(v, reference.w, reference.b, params.loss, params.huberDelta) : NaN;
  }

  get done(): boolean {
    return this.trainer.done;
  }

  get totalSteps(): number {
    return this.trainer.totalSteps;
  }

  /** Current θ in original units, intercept first. */
  theta(): number[] {
    return this.setup.toOriginal(this.trainer.w, this.trainer.b);
  }

  /** ‖θ − θ*‖ in original units. */
  distance(theta: readonly number[] = this.theta()): number {
    let s = 0;
    for (let k = 0; k < theta.length; k++) s += (theta[k] - this.optimum[k]) ** 2;
    return Math.sqrt(s);
  }

  /** Sets η for the next steps (takes effect without a reset). */
  setLearningRate(eta: number): void {
    if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(l10n.t('learning rate must be a positive number, got {0}', String(eta)));
    this.trainer.learningRate = eta;
  }

  /**
   * Runs up to `maxSteps` minibatch steps (stopping early when `keepGoing` says so or the
   * run ends); recorded steps go to `sink`.
   */
  advance(maxSteps: number, sink: StepDecimator, keepGoing: () => boolean = () => true): Advance {
    const epochs: TrainingEpoch[] = [];
    let steps = 0;
    while (steps < maxSteps && !this.trainer.done) {
      if ((steps & 63) === 63 && !keepGoing()) break;
      const r = this.trainer.next();
      if (!r) break;
      steps++;
      const last = this.trainer.done || steps === maxSteps;
      if (sink.wants(r.step.globalStep) || last || r.epoch) {
        const theta = this.theta();
        sink.add({
          globalStep: r.step.globalStep,
          epoch: r.step.epoch,
          step: r.step.step,
          learningRate: r.step.learningRate,
          batchLoss: r.step.batchLoss,
          theta,
          distance: this.distance(theta),
        });
      }
      if (r.epoch && !this.trainer.diverged) {
        epochs.push({
          epoch: r.epoch.epoch,
          trainLoss: r.epoch.trainLoss,
          validationLoss: finiteOrNull(r.epoch.validationLoss),
          distance: this.distance(),
        });
      }
    }
    return { steps, epochs };
  }
}
