/**
 * One minibatch-SGD run of the playground over a prepared fit, stepped by the worker in time
 * slices; the same setup as the CLI's `sgd` (./sgd-setup.ts), so the two give the same run.
 */
import { finiteOrNull } from '../core/fit-summary';
import { meanLoss } from '../core/linear-model';
import { SgdTrainer } from '../core/sgd';
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
  /** The closed-form optimum's mean loss on the training rows under the run's loss. */
  readonly optimumLoss: number;
  private readonly optimum: readonly number[];

  constructor(fit: PreparedFit, params: SgdParams) {
    this.params = params;
    this.optimum = fit.payload.coefficients;
    this.setup = setupSgd(fit.columns, fit.y, fit.design, params);
    this.trainer = new SgdTrainer(this.setup.train, this.setup.options, this.setup.validation);
    const opt = this.setup.toTraining(this.optimum);
    this.optimumLoss = meanLoss(this.setup.train, opt.w, opt.b, params.loss, params.huberDelta);
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
    if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`learning rate must be a positive number, got ${eta}`);
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
