/**
 * The prediction of a fitted linear model, written once: ŷ = b + Σ_j c_j · x_{s_j}^{k_j} over
 * the spec's terms (intercept first in `coefficients`; a dropped term's coefficient is 0). The
 * panel's plot sample and fitted curve, the predictions export and the CLI all call this, so
 * they agree to the last bit.
 */
import type { DesignSpec } from './design-matrix';
import type { RowBlock } from './table';

/** `(value) => ŷ` where `value(source)` gives the row's raw value of data column `source`. */
export type Predict = (value: (source: number) => number) => number;

/**
 * @example predictor(designSpec(['y', 'x'], { target: 'y', features: ['x'], degree: 2 }), [1, 2, 3])(() => 2) // 1 + 2·2 + 3·4 = 17
 */
export function predictor(spec: DesignSpec, coefficients: ArrayLike<number>): Predict {
  const off = spec.intercept ? 1 : 0;
  const c = Array.from(coefficients, (x) => (Number.isFinite(x) ? x : 0));
  const b = spec.intercept ? c[0] : 0;
  const terms = spec.terms;
  return (value) => {
    let s = b;
    for (let j = 0; j < terms.length; j++) {
      const x = value(terms[j].source);
      s += c[off + j] * (terms[j].power === 1 ? x : x ** terms[j].power);
    }
    return s;
  };
}

/**
 * Each row's residual y − ŷ of a block the spec indexes (a file's kept columns, or a formula's
 * design block), in row order.
 */
export function blockResiduals(spec: DesignSpec, predict: Predict, block: RowBlock): Float64Array {
  const y = block.columns[spec.target];
  const out = new Float64Array(block.rowCount);
  let i = 0;
  const value = (source: number) => block.columns[source][i];
  for (; i < block.rowCount; i++) out[i] = y[i] - predict(value);
  return out;
}

