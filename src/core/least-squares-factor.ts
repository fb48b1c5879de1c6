import * as l10n from '@vscode/l10n';
import type { DesignSpec } from './design-matrix';
import type { RowBlock } from './table';
import type { DesignPlan } from './least-squares-plan';
import { compilePlan, sourceLabel } from './least-squares-plan';
import { tsqrStep } from './qr';

/** Rows buffered before each TSQR step (2·rows·m² flops on a cache-resident block). */
export const FACTOR_BLOCK_ROWS = 256;

/**
 * The mergeable state of the factor pass: the triangular factor R of the design in the
 * shifted basis, augmented with y (so R's last column is Qᵀy and its last diagonal entry
 * is ±√RSS), plus rows waiting in a buffer. Plain data: typed arrays and numbers.
 *
 * Columns are multiplied by power-of-two scales (chosen from the first non-zero values
 * seen) so squares neither overflow nor underflow; powers of two are exact, so the
 * scales change no digit and states with different scales merge exactly.
 */
export interface FactorState {
  readonly kind: 'factor';
  readonly plan: DesignPlan;
  /** Rows absorbed so far (buffered ones included). */
  n: number;
  /** p + 1: the design columns and y. */
  readonly m: number;
  /** m×m upper triangular, column-major, scaled columns. */
  readonly r: Float64Array;
  /** Power-of-two scale per column; 0 until the column's first non-zero value. */
  readonly scale: Float64Array;
  /** FACTOR_BLOCK_ROWS × m, column-major: rows not yet folded into R. */
  readonly buffer: Float64Array;
  bufferRows: number;
}

/** An empty factor state for a compiled design. */
export function emptyFactorState(plan: DesignPlan): FactorState {
  const m = plan.p + 1;
  return {
    kind: 'factor',
    plan,
    n: 0,
    m,
    r: new Float64Array(m * m),
    scale: new Float64Array(m),
    buffer: new Float64Array(FACTOR_BLOCK_ROWS * m),
    bufferRows: 0,
  };
}

/**
 * An empty factor-pass state for `spec`.
 * @param shift reference value per source column (see FitOptions.shift); every worker of one fit must pass the same.
 * @throws RangeError for a spec with invalid terms, or a missing/non-finite shift for a shifted column.
 */
export function createFactorState(spec: DesignSpec, shift: Float64Array): FactorState {
  return emptyFactorState(compilePlan(spec, shift));
}

/** Checks that a block provides every column the design reads. */
export function checkBlock(plan: DesignPlan, block: RowBlock): void {
  if (block.columns.length <= plan.maxColumn) {
    throw new RangeError(
      `the data has ${block.columns.length} columns but the model reads column ${plan.maxColumn} (0-based)`,
    );
  }
  for (let j = 0; j < plan.p; j++) {
    const s = plan.source[j];
    if (s >= 0 && block.columns[s].length < block.rowCount) {
      throw new RangeError(`column "${sourceLabel(plan, j)}" has fewer values than the block's ${block.rowCount} rows`);
    }
  }
}

/** Throws a clear error for the first non-finite raw value or overflowing power in rows [from, to) of a block. */
export function reportNonFinite(plan: DesignPlan, block: RowBlock, from: number, to: number): never {
  for (let i = from; i < to; i++) {
    const row = block.firstRow + i + 1;
    const y = block.columns[plan.target][i];
    if (!Number.isFinite(y)) {
      throw new RangeError(l10n.t('the target "{0}" is {1} in data row {2}; remove or fix that row', plan.targetName, String(y), String(row)));
    }
    for (let j = 0; j < plan.p; j++) {
      const s = plan.source[j];
      if (s < 0) continue;
      const x = block.columns[s][i];
      if (!Number.isFinite(x)) {
        throw new RangeError(l10n.t('column "{0}" is {1} in data row {2}; remove or fix that row', sourceLabel(plan, j), String(x), String(row)));
      }
      const z = (x - plan.shift[j]) ** plan.power[j];
      if (!Number.isFinite(z)) {
        throw new RangeError(
          l10n.t('term "{0}" overflows double precision in data row {1} ({2} = {3}); rescale the column', plan.names[j], String(row), sourceLabel(plan, j), String(x)),
        );
      }
    }
  }
  throw new RangeError(l10n.t('a non-finite value was found in the data'));
}

/** Chooses a power-of-two scale bringing `max` near 1. */
function powerOfTwoScale(max: number): number {
  const e = Math.max(-1000, Math.min(1000, Math.floor(Math.log2(max))));
  return 2 ** -e;
}

/**
 * Folds a block of rows into the factor (mutates `state`, never the block).
 * @throws RangeError naming the row and column of a non-finite value, or a missing column.
 */
export function addRowsToFactor(state: FactorState, block: RowBlock): void {
  const { plan, m, buffer, scale } = state;
  checkBlock(plan, block);
  const B = FACTOR_BLOCK_ROWS;
  const p = plan.p;
  const y = block.columns[plan.target];
  let start = 0;
  while (start < block.rowCount) {
    const count = Math.min(B - state.bufferRows, block.rowCount - start);
    const o = state.bufferRows;
    let bad = 0;
    for (let j = 0; j <= p; j++) {
      const col = j * B + o;
      const src = j === p ? y : plan.source[j] >= 0 ? block.columns[plan.source[j]] : null;
      if (src === null) {
        for (let i = 0; i < count; i++) buffer[col + i] = 1;
      } else {
        const c = j === p ? 0 : plan.shift[j];
        const k = j === p ? 1 : plan.power[j];
        if (k === 1) {
          for (let i = 0; i < count; i++) buffer[col + i] = src[start + i] - c;
        } else {
          for (let i = 0; i < count; i++) {
            const d = src[start + i] - c;
            let z = d;
            for (let q = 1; q < k; q++) z *= d;
            buffer[col + i] = z;
          }
        }
      }
      let acc = 0;
      let max = 0;
      for (let i = 0; i < count; i++) {
        const v = buffer[col + i];
        acc += v * 0; // NaN when v is NaN or ±Infinity
        const a = Math.abs(v);
        if (a > max) max = a;
      }
      bad += acc;
      if (scale[j] === 0 && max > 0 && Number.isFinite(max)) scale[j] = powerOfTwoScale(max);
      const sc = scale[j];
      if (sc !== 0 && sc !== 1) for (let i = 0; i < count; i++) buffer[col + i] *= sc;
    }
    if (bad !== 0) reportNonFinite(plan, block, start, start + count);
    state.bufferRows += count;
    state.n += count;
    start += count;
    if (state.bufferRows === B) {
      tsqrStep(state.r, m, buffer, B, B);
      state.bufferRows = 0;
    }
  }
}

/** Folds buffered rows into R (mutates the state). */
export function flushFactor(state: FactorState): void {
  if (state.bufferRows > 0) {
    tsqrStep(state.r, state.m, state.buffer, state.bufferRows, FACTOR_BLOCK_ROWS);
    state.bufferRows = 0;
  }
}

/** A deep copy of a factor state. */
export function cloneFactorState(s: FactorState): FactorState {
  return {
    kind: 'factor',
    plan: s.plan,
    n: s.n,
    m: s.m,
    r: Float64Array.from(s.r),
    scale: Float64Array.from(s.scale),
    buffer: Float64Array.from(s.buffer),
    bufferRows: s.bufferRows,
  };
}

/** Whether two plans describe the same design (same columns, same shifts). */
export function samePlan(a: DesignPlan, b: DesignPlan): boolean {
  if (a.p !== b.p || a.intercept !== b.intercept || a.centered !== b.centered || a.target !== b.target) return false;
  for (let j = 0; j < a.p; j++) {
    if (a.source[j] !== b.source[j] || a.power[j] !== b.power[j] || !Object.is(a.shift[j], b.shift[j])) return false;
  }
  return Object.is(a.targetShift, b.targetShift);
}

/**
 * The factor of the rows of both states (a new state; the inputs are not modified):
 * stack b's R under a's and re-triangularize (one TSQR step).
 * @throws RangeError when the states were created for different designs or shifts.
 */
export function mergeFactors(a: FactorState, b: FactorState): FactorState {
  if (!samePlan(a.plan, b.plan)) {
    throw new RangeError('cannot merge factor states of different designs or different shifts');
  }
  const out = cloneFactorState(a);
  const other = cloneFactorState(b);
  flushFactor(out);
  flushFactor(other);
  const m = out.m;
  for (let j = 0; j < m; j++) {
    const sa = out.scale[j];
    const sb = other.scale[j];
    if (sb === 0 || sa === sb) continue;
    if (sa === 0) {
      // a's column j has been all zeros: adopt b's scale (zeros stay zeros)
      out.scale[j] = sb;
      continue;
    }
    const f = sa / sb; // a power of two: exact
    for (let i = 0; i <= j; i++) other.r[i + j * m] *= f;
  }
  tsqrStep(out.r, m, other.r, m, m);
  out.n += other.n;
  return out;
}
