// The Gram pass visits a sparse column's nonzero rows only (a category's dummies). The sums it
// skips are exact zeros, so on integer data the Gram matrix must still be exact: every entry
// equal to the BigInt sum of products, whatever mix of sparse and dense columns, chunk sizes
// and block boundaries.
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/least-squares-plan';
import { addRowsToRefine, CHUNK, emptyRefineState } from '../../../src/core/least-squares-refine';
import { createRng } from '../../../src/core/random';
import type { DesignSpec } from '../../../src/core/design-matrix';

describe('the Gram pass over sparse columns', () => {
  it('is exact on integer data with dense columns, dummies of a 40-level category and a column that is sparse in some chunks only', () => {
    const rng = createRng(11);
    const n = 3 * CHUNK + 77;
    const LEVELS = 40;
    const g = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * LEVELS));
    // columns: y, x (dense), w (dense, large), then dummies for levels 1..LEVELS-1, then h (zero in the first half, dense after)
    const cols: number[][] = [[], [], []];
    for (let l = 1; l < LEVELS; l++) cols.push([]);
    cols.push([]);
    for (let i = 0; i < n; i++) {
      cols[0].push(Math.floor(rng.uniform() * 2000) - 1000);
      cols[1].push(Math.floor(rng.uniform() * 200) - 100);
      cols[2].push(Math.floor(rng.uniform() * 2 ** 20));
      for (let l = 1; l < LEVELS; l++) cols[2 + l].push(g[i] === l ? 1 : 0);
      cols[2 + LEVELS].push(i < n / 2 ? 0 : Math.floor(rng.uniform() * 50) - 25);
    }
    const columns = cols.map((c) => Float64Array.from(c));
    const spec: DesignSpec = {
      target: 0,
      targetName: 'y',
      intercept: true,
      terms: columns.slice(1).map((_, j) => ({ name: `c${j + 1}`, source: j + 1, power: 1 })),
    };
    // no shift (0): the design columns are the data, so the dummies stay 0/1
    const plan = compilePlan(spec, new Float64Array(columns.length));
    const k = plan.p;
    const keep = Int32Array.from({ length: k }, (_, q) => q);
    const state = emptyRefineState(plan, keep, new Float64Array(k), new Float64Array(k), true);
    // blocks of uneven sizes, so chunks start at different rows
    for (let start = 0; start < n; ) {
      const len = Math.min(n - start, 300 + (start % 7) * 50);
      addRowsToRefine(state, { columns: columns.map((c) => c.subarray(start, start + len)), rowCount: len, firstRow: start });
      start += len;
    }
    const z = (q: number, i: number) => (plan.source[q] < 0 ? 1 : columns[plan.source[q]][i] - plan.shift[q]);
    let checked = 0;
    for (let q2 = 0; q2 < k; q2++) {
      for (let q = 0; q <= q2; q++) {
        let exact = 0n;
        for (let i = 0; i < n; i++) exact += BigInt(z(q, i)) * BigInt(z(q2, i));
        const at = 2 * (q + q2 * k);
        const ours = state.gramSums[at] + state.gramSums[at + 1];
        expect(ours, `Gram entry (${q}, ${q2})`).toBe(Number(exact));
        checked++;
      }
    }
    expect(checked).toBe((k * (k + 1)) / 2);
    expect(k).toBe(LEVELS + 3);
  });
});
