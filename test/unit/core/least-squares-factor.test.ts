import { describe, expect, it } from 'vitest';
import { designSpec, type DesignSpec } from '../../../src/core/design-matrix';
import { makeTable, tableBlocks, type RowBlock, type Table } from '../../../src/core/table';
import { beginRefinement, fitLeastSquares, fitLeastSquaresStream } from '../../../src/core/least-squares';
import { addRowsToFactor, createFactorState, mergeFactors, type FactorState } from '../../../src/core/least-squares-factor';
import { mulberry32 } from '../../shared/seeded';

/** A table whose feature `x` is the FIRST column (index 0) and target `y` the second: y = 1 + 2x − 0.5x² + noise. */
function xFirstTable(seed: number, n: number): Table {
  const rand = mulberry32(seed);
  const x = Float64Array.from({ length: n }, () => 3 + 4 * rand());
  const y = Float64Array.from(x, (v) => 1 + 2 * v - 0.5 * v * v + 0.1 * (rand() - 0.5));
  return makeTable(['x', 'y'], [x, y]);
}

const rows = (table: Table, from: number, to: number): RowBlock => ({
  columns: table.columns.map((c) => c.subarray(from, to)),
  rowCount: to - from,
  firstRow: from,
});

const factorOf = (spec: DesignSpec, shift: Float64Array, ...blocks: RowBlock[]): FactorState => {
  const f = createFactorState(spec, shift);
  for (const b of blocks) addRowsToFactor(f, b);
  return f;
};

const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

describe('factor pass: checking the blocks', () => {
  const table = xFirstTable(1, 10);
  const spec = designSpec(table.names, { target: 'y', features: ['x'] });

  it('rejects a block without a column the design reads', () => {
    const f = createFactorState(spec, Float64Array.of(0, 0));
    const oneColumn: RowBlock = { columns: [table.columns[0]], rowCount: 10, firstRow: 0 };
    expect(() => addRowsToFactor(f, oneColumn)).toThrow(/the data has 1 columns but the model reads column 1/);
  });

  it('rejects a block whose feature column is shorter than its row count (the first column included)', () => {
    const f = createFactorState(spec, Float64Array.of(0, 0));
    const short: RowBlock = { columns: [table.columns[0].subarray(0, 4), table.columns[1]], rowCount: 10, firstRow: 0 };
    expect(() => addRowsToFactor(f, short)).toThrow(/column "x" has fewer values than the block's 10 rows/);
  });

  it('names the row and column of a non-finite feature value, the first data column included', () => {
    const bad = makeTable(table.names, [table.columns[0].map((v, i) => (i === 2 ? NaN : v)), table.columns[1]]);
    const f = createFactorState(spec, Float64Array.of(0, 0));
    expect(() => addRowsToFactor(f, rows(bad, 0, 10))).toThrow(/column "x" is NaN in data row 3/);
    expect(() => fitLeastSquares(bad, spec, { onePass: false })).toThrow(/column "x" is NaN in data row 3/);
    expect(() => fitLeastSquares(bad, spec)).toThrow(/column "x" is NaN in data row 3/);
  });

  it('names a column whose own name ends in ^1 in full', () => {
    const named = makeTable(['z^1', 'y'], [table.columns[0].map((v, i) => (i === 6 ? Infinity : v)), table.columns[1]]);
    const s = designSpec(named.names, { target: 'y', features: ['z^1'] });
    expect(() => fitLeastSquares(named, s)).toThrow(/column "z\^1" is Infinity in data row 7/);
  });

  it('names the data column (not the term) whose power overflows', () => {
    const big = makeTable(table.names, [table.columns[0].map((v, i) => (i === 4 ? 1e200 : v)), table.columns[1]]);
    const quad = designSpec(table.names, { target: 'y', features: ['x'], degree: 2 });
    expect(() => fitLeastSquares(big, quad)).toThrow(/term "x\^2" overflows double precision in data row 5 \(x = 1e\+200\)/);
  });
});

describe('factor pass: merging', () => {
  it('refuses to merge states of different designs or shifts, in either order', () => {
    // data columns: y, x1, x2, z; the shifts are chosen so that each case differs in one thing only
    const names = ['y', 'x1', 'x2', 'z'];
    const shift = Float64Array.of(1, 0, 0, 1);
    const one = (features: string[], target = 'y') => designSpec(names, { target, features });
    const base = one(['x1']);
    const a = createFactorState(base, shift);
    const others: [string, FactorState][] = [
      ['one more term', createFactorState(one(['x1', 'x2']), shift)],
      ['another target with the same reference value', createFactorState(one(['x1'], 'z'), shift)],
      ['another source with the same reference value', createFactorState(one(['x2']), shift)],
      ['another power of the same source', createFactorState({ ...base, terms: [{ name: 'x1^2', source: 1, power: 2 }] }, shift)],
      ['another feature shift', createFactorState(base, Float64Array.of(1, 0.5, 0, 1))],
      ['another target shift', createFactorState(base, Float64Array.of(2, 0, 0, 1))],
    ];
    for (const [what, b] of others) {
      expect(() => mergeFactors(a, b), what).toThrow(/cannot merge factor states of different designs or different shifts/);
      expect(() => mergeFactors(b, a), what).toThrow(/cannot merge factor states of different designs or different shifts/);
    }
    expect(() => mergeFactors(a, createFactorState(one(['x1']), Float64Array.from(shift)))).not.toThrow();
  });

  it('merging states whose columns got different scales (or are all zero in one part) equals factoring all rows', () => {
    const rand = mulberry32(5);
    // part A: x within 1e-3 of its reference value; part B: x spread over ±1000; part Z: x exactly at the reference value
    const n = 40;
    const c = 10;
    const x = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      x[i] = c + 1e-3 * (rand() - 0.5);
      x[n + i] = c + 2000 * (rand() - 0.5);
      x[2 * n + i] = c;
    }
    const y = Float64Array.from(x, (v) => 0.25 + 1.5 * v + (rand() - 0.5));
    const table = makeTable(['y', 'x'], [y, x]);
    const spec = designSpec(table.names, { target: 'y', features: ['x'] });
    const shift = Float64Array.of(y[0], c);
    const A = rows(table, 0, n);
    const B = rows(table, n, 2 * n);
    const Z = rows(table, 2 * n, 3 * n);
    const whole = beginRefinement(factorOf(spec, shift, A, B, Z));
    for (const [what, merged] of [
      ['A + B, then Z', mergeFactors(mergeFactors(factorOf(spec, shift, A), factorOf(spec, shift, B)), factorOf(spec, shift, Z))],
      ['Z + (B + A)', mergeFactors(factorOf(spec, shift, Z), mergeFactors(factorOf(spec, shift, B), factorOf(spec, shift, A)))],
    ] as const) {
      const s = beginRefinement(merged);
      expect(s.n, what).toBe(3 * n);
      expect(Array.from(s.keep), what).toEqual(Array.from(whole.keep));
      s.coefHi.forEach((v, q) => expect(relErr(v, whole.coefHi[q]), what).toBeLessThan(1e-9));
      expect(relErr(s.kappaShifted, whole.kappaShifted), what).toBeLessThan(1e-9);
    }
  });
});

describe('factor pass: the first solution', () => {
  it('is good enough that the multi-pass mode needs one refinement pass on well-conditioned data, however the blocks are cut', async () => {
    const table = xFirstTable(3, 1000);
    for (const spec of [
      designSpec(table.names, { target: 'y', features: ['x'] }),
      designSpec(table.names, { target: 'y', features: ['x'], degree: 2 }),
    ]) {
      for (const blockRows of [100, 256, 1000]) {
        let passes = 0;
        const fit = await fitLeastSquaresStream(
          () => {
            passes++;
            return tableBlocks(table, blockRows);
          },
          spec,
          { onePass: false },
        );
        expect(fit.refinement, `${spec.terms.length} terms, blocks of ${blockRows}`).toEqual({ iterations: 1, converged: true, passes: 2 });
        expect(passes).toBe(2);
        const onePass = fitLeastSquares(table, spec);
        fit.coefficients.forEach((b, j) => expect(relErr(b, onePass.coefficients[j])).toBeLessThan(1e-12));
      }
    }
  });
});

describe('factor pass: power-of-two column scales', () => {
  it('fits data near the ends of the double range exactly as the same data scaled to ordinary magnitudes', () => {
    const rand = mulberry32(8);
    const n = 200;
    const x = Float64Array.from({ length: n }, () => 1 + 3 * rand());
    const y = Float64Array.from(x, (v) => 2 - 0.75 * v + 0.1 * (rand() - 0.5));
    const ordinary = makeTable(['y', 'x'], [y, x]);
    const spec = designSpec(ordinary.names, { target: 'y', features: ['x'] });
    for (const onePass of [true, false]) {
      const ref = fitLeastSquares(ordinary, spec, { onePass });
      for (const e of [500, -500]) {
        const k = 2 ** e; // exact: scaling by it changes no digit
        const scaled = makeTable(ordinary.names, [y.map((v) => v * k), x.map((v) => v * k)]);
        const fit = fitLeastSquares(scaled, spec, { onePass });
        expect(relErr(fit.coefficients[0] / k, ref.coefficients[0]), `2^${e}`).toBeLessThan(1e-12);
        expect(relErr(fit.coefficients[1], ref.coefficients[1]), `2^${e}`).toBeLessThan(1e-12);
      }
    }
  });
});
