/**
 * How a design is set up for minibatch SGD, once for the panel and the CLI: the seeded split
 * into training and validation rows, optional z-scoring of the training features, the row-major
 * examples, the trainer's options, and the map between the weights SGD trains and the
 * coefficients in the data's units.
 *
 * Standardizing never changes which model is fitted, only how fast SGD gets there: with an
 * intercept the features are centred and scaled (the intercept absorbs the centring); without
 * one they are only scaled, since centring would need the intercept the model does not have.
 * (The CLI once centred there too and trained a different model than without --standardize.)
 */
import * as l10n from '@vscode/l10n';
import { TooFewRowsError } from '../core/rows-error';
import { fitStandardization, standardize, type Standardization } from '../core/design-matrix';
import { packRows, type Examples } from '../core/linear-model';
import { createRng } from '../core/random';
import { scheduleFor } from '../core/schedule';
import type { SgdOptions } from '../core/sgd';
import { splitRows } from '../core/split';
import type { DesignChoice, SgdParams } from '../protocol';

export interface SgdSetup {
  readonly train: Examples;
  /** Undefined without a validation split. */
  readonly validation: Examples | undefined;
  readonly options: SgdOptions;
  /** The z-score parameters of the training features (means 0 without an intercept), if any. */
  readonly scaling: Standardization | undefined;
  /** θ in the data's units, intercept first, from the weights SGD trains. */
  toOriginal(w: ArrayLike<number>, b: number): number[];
  /** The weights SGD trains, from θ in the data's units (intercept first). */
  toTraining(theta: readonly number[]): { w: Float64Array; b: number };
}

/**
 * @param columns the design's term columns (powers applied), every row
 * @param y the target, every row
 * @throws RangeError when no training rows are left
 */
export function setupSgd(
  columns: readonly Float64Array[],
  y: Float64Array,
  model: Pick<DesignChoice, 'intercept' | 'standardize' | 'validationFraction'>,
  params: SgdParams,
): SgdSetup {
  const { train, validation } = splitRows(y.length, model.validationFraction, createRng(params.seed >>> 0));
  if (train.length === 0) throw new TooFewRowsError(l10n.t('no training rows: lower the validation fraction'));
  const take = (c: Float64Array, idx: Uint32Array) => Float64Array.from(idx, (i) => c[i]);
  let trainCols: Float64Array[] = columns.map((c) => take(c, train));
  let valCols: Float64Array[] = columns.map((c) => take(c, validation));
  let scaling: Standardization | undefined;
  if (model.standardize && trainCols.length > 0) {
    const s = fitStandardization(trainCols);
    scaling = model.intercept ? s : { means: new Float64Array(s.means.length), scales: s.scales };
    trainCols = standardize(trainCols, scaling);
    valCols = standardize(valCols, scaling);
  }
  const intercept = model.intercept;
  const off = intercept ? 1 : 0;
  return {
    train: packRows(trainCols, take(y, train)),
    validation: validation.length > 0 ? packRows(valCols, take(y, validation)) : undefined,
    options: {
      learningRate: params.learningRate,
      batchSize: params.batchSize,
      epochs: params.epochs,
      seed: params.seed >>> 0,
      schedule: scheduleFor(params.schedule),
      loss: params.loss,
      huberDelta: params.huberDelta,
      weightDecay: params.weightDecay,
      intercept,
    },
    scaling,
    toOriginal(w, b) {
      const out = new Array<number>(w.length + off);
      let bias = b;
      for (let j = 0; j < w.length; j++) {
        const wj = scaling ? w[j] / scaling.scales[j] : w[j];
        if (scaling) bias -= wj * scaling.means[j];
        out[off + j] = wj;
      }
      if (intercept) out[0] = bias;
      return out;
    },
    toTraining(theta) {
      const d = theta.length - off;
      const w = new Float64Array(d);
      let b = intercept ? theta[0] : 0;
      for (let j = 0; j < d; j++) {
        const wj = theta[off + j];
        w[j] = scaling ? wj * scaling.scales[j] : wj;
        if (scaling) b += wj * scaling.means[j];
      }
      return { w, b };
    },
  };
}
