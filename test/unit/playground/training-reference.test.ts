// The playground's reference line is the exact minimiser of the objective the run minimises
// (issue 15): with weight decay, absolute or Huber loss, or a validation split, the line and
// ‖θ − θ*‖ follow it, and SGD never ends below it.
import { describe, expect, it } from 'vitest';
import { meanLoss } from '../../../src/core/linear-model';
import { createRng } from '../../../src/core/random';
import { sgdOptimum } from '../../../src/core/sgd-optimum';
import { makeTable } from '../../../src/core/table';
import type { DesignChoice, SgdParams } from '../../../src/protocol';
import { computeFit } from '../../../src/playground/fit-view';
import { StepDecimator } from '../../../src/playground/step-decimator';
import { TrainingSession } from '../../../src/playground/training-session';
import { sgdParams } from '../../shared/messages';

/** y = 4 + 3x + noise with 10% outliers. */
function outliers() {
  const r = createRng(11);
  const n = 400;
  const x = Float64Array.from({ length: n }, () => r.uniform() * 4 - 2);
  const y = Float64Array.from(x, (v) => 4 + 3 * v + (r.uniform() - 0.5) + (r.uniform() < 0.1 ? (r.uniform() - 0.5) * 30 : 0));
  return makeTable(['x', 'y'], [x, y]);
}

const design = (over: Partial<DesignChoice> = {}): DesignChoice => ({ target: 'y', features: ['x'], degree: 1, intercept: true, standardize: false, validationFraction: 0, ...over });

describe('the training reference', () => {
  it("LAD's flat bottom: the panel says it is not unique and how far each coefficient ranges", async () => {
    const square = makeTable(['x', 'y'], [Float64Array.of(0, 0, 1, 1), Float64Array.of(0, 1, 0, 1)]);
    const fit = await computeFit(square, design(), { maxPlotPoints: 100, seed: 0 });
    expect(new TrainingSession(fit, sgdParams({ loss: 'absolute' })).optimumExtent).toBe('(intercept) ∈ [0, 1], x ∈ [-1, 1]');
    // least squares here is unique: no extent
    expect(new TrainingSession(fit, sgdParams({})).optimumExtent).toBeUndefined();
  });

  const cases: [string, Partial<DesignChoice>, Partial<SgdParams>, RegExp][] = [
    ['least squares', {}, {}, /^least squares optimum$/],
    ['ridge', {}, { weightDecay: 0.1 }, /^ridge optimum, λ = 0\.1$/],
    ['LAD', {}, { loss: 'absolute' }, /^LAD optimum$/],
    ['Huber', {}, { loss: 'huber', huberDelta: 0.5 }, /^Huber optimum \(δ = 0\.5\)$/],
    ['validation', { validationFraction: 0.3 }, {}, /^least squares optimum on the training rows$/],
    ['LAD with decay, standardized', { standardize: true }, { loss: 'absolute', weightDecay: 0.05 }, /^LAD optimum, λ = 0\.05$/],
  ];
  for (const [name, d, p, label] of cases) {
    it(`${name}: the line is the exact minimiser's loss on the training rows, named`, async () => {
      const fit = await computeFit(outliers(), design(d), { maxPlotPoints: 100, seed: 0 });
      const params: SgdParams = sgdParams({ learningRate: 0.05, epochs: 200, schedule: 'inverse', ...p });
      const session = new TrainingSession(fit, params);
      expect(session.optimumLabel).toMatch(label);
      const exact = sgdOptimum(session.setup.train, { loss: params.loss, huberDelta: params.huberDelta, weightDecay: params.weightDecay, intercept: true });
      expect(session.optimumLoss).toBe(meanLoss(session.setup.train, exact.w, exact.b, params.loss, params.huberDelta));
      // θ* in the data's units is where the distance is measured from
      const star = session.setup.toOriginal(exact.w, exact.b);
      const sink = new StepDecimator(10);
      while (!session.done) session.advance(100_000, sink);
      const theta = session.theta();
      expect(session.distance(theta)).toBeCloseTo(Math.hypot(theta[0] - star[0], theta[1] - star[1]), 12);
      // SGD's objective never ends below the reference's
      const w = session.trainer.w;
      const objective = (ww: ArrayLike<number>, b: number) => meanLoss(session.setup.train, ww, b, params.loss, params.huberDelta) + (params.weightDecay / 2) * Array.from(ww).reduce((a, v) => a + v * v, 0);
      expect(objective(w, session.trainer.b)).toBeGreaterThanOrEqual(objective(exact.w, exact.b) * (1 - 1e-12));
      // the validation curve's reference: the same optimum's loss on the held-out rows
      const v = session.setup.validation;
      if (v) expect(session.optimumValidationLoss).toBe(meanLoss(v, exact.w, exact.b, params.loss, params.huberDelta));
      else expect(session.optimumValidationLoss).toBeNaN();
      // and the old reference, the closed form on all rows, is not it whenever the objective differs
      if (name !== 'least squares') expect(session.distance(fit.payload.coefficients)).toBeGreaterThan(1e-6);
    });
  }
});

describe('exercise 3: Laplace noise and the absolute loss', () => {
  it('with a constant η SGD hovers around the LAD optimum; with a 1/t schedule it settles much closer', async () => {
    const { laplaceData } = await import('../../../src/core/synthetic');
    const table = laplaceData(1000, createRng(0));
    const fit = await computeFit(table, { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0 }, { maxPlotPoints: 100, seed: 0 });
    const run = (schedule: SgdParams['schedule']) => {
      const session = new TrainingSession(fit, sgdParams({ loss: 'absolute', learningRate: 0.1, epochs: 60, schedule }));
      expect(session.optimumLabel).toBe('LAD optimum');
      const sink = new StepDecimator(10);
      const tail: number[] = [];
      while (!session.done) {
        const a = session.advance(100, sink);
        if (session.trainer.epoch >= 50 && a.steps > 0) tail.push(session.distance());
      }
      return { last: tail[tail.length - 1], min: Math.min(...tail), max: Math.max(...tail) };
    };
    const constant = run('constant');
    const decaying = run('inverse');
    // hovering: over the last epochs the distance keeps moving and stays away from 0
    expect(constant.max).toBeGreaterThan(1.5 * constant.min);
    expect(constant.min).toBeGreaterThan(1e-3);
    // settling: the decaying schedule ends several times closer
    expect(decaying.last).toBeLessThan(constant.last / 3);
  });
});
