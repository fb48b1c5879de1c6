import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { designSpec, type DesignSpec } from '../../../src/core/design-matrix';
import { makeTable, tableBlocks, type RowBlock, type Table } from '../../../src/core/table';
import {
  applyRefinement,
  beginRefinement,
  createGramPass,
  createRefineState,
  finishFit,
  fitLeastSquares,
  fitLeastSquaresStream,
  solveGramPass,
  type LeastSquaresResult,
} from '../../../src/core/least-squares';
import { gaussian, mulberry32 } from '../../shared/seeded';
import { addRowsToFactor, createFactorState, mergeFactors } from '../../../src/core/least-squares-factor';
import { addRowsToRefine, mergeRefines } from '../../../src/core/least-squares-refine';

// ---- seeded data --------------------------------------------------------------------

/** y = 1 + Σ (j+1)·x_j + noise, features uniform on [offset, offset + 1]·scale. */
function randomTable(seed: number, n: number, features: number, offset = 0): Table {
  const rand = mulberry32(seed);
  const xs = Array.from({ length: features }, () => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 1;
    for (let j = 0; j < features; j++) {
      xs[j][i] = offset + rand() * (j + 1);
      v += (j + 1) * xs[j][i];
    }
    y[i] = v + 0.5 * gaussian(rand);
  }
  return makeTable(['y', ...xs.map((_, j) => `x${j + 1}`)], [y, ...xs]);
}

function specFor(table: Table, features: string[], more: { intercept?: boolean; degree?: number } = {}): DesignSpec {
  return designSpec(table.names, { target: 'y', features, ...more });
}

const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

function expectFitsClose(a: LeastSquaresResult, b: LeastSquaresResult, tol: number): void {
  expect(a.rank).toBe(b.rank);
  expect(a.n).toBe(b.n);
  a.terms.forEach((t, j) => {
    expect(relErr(t.estimate, b.terms[j].estimate), t.name).toBeLessThanOrEqual(tol);
    expect(relErr(t.stdError, b.terms[j].stdError), t.name).toBeLessThanOrEqual(tol);
  });
  expect(relErr(a.rss, b.rss)).toBeLessThanOrEqual(tol);
  expect(relErr(a.tss, b.tss)).toBeLessThanOrEqual(tol);
  expect(relErr(a.rSquared, b.rSquared)).toBeLessThanOrEqual(tol);
  expect(relErr(a.fStatistic, b.fStatistic)).toBeLessThanOrEqual(tol);
  expect(relErr(a.conditionNumber, b.conditionNumber)).toBeLessThanOrEqual(1e-8);
}

function slice(table: Table, start: number, end: number): RowBlock {
  return { columns: table.columns.map((c) => c.subarray(start, end)), rowCount: end - start, firstRow: start };
}

/** Random cut points: blocks of 1..maxRows rows. */
function randomBlocks(table: Table, rand: () => number, maxRows: number): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (let start = 0; start < table.rowCount; ) {
    const end = Math.min(table.rowCount, start + 1 + Math.floor(rand() * maxRows));
    blocks.push(slice(table, start, end));
    start = end;
  }
  return blocks;
}

/** A coordinator driving `workers` workers, each owning some of the blocks. */
function fitWithWorkers(table: Table, spec: DesignSpec, workers: RowBlock[][]): LeastSquaresResult {
  const shift = Float64Array.from(table.columns, (c) => c[0]);
  const factors = workers.map((blocks) => {
    const s = createFactorState(spec, shift);
    for (const b of blocks) addRowsToFactor(s, b);
    return structuredClone(s); // states cross worker boundaries as plain data
  });
  let solver = beginRefinement(factors.reduce(mergeFactors));
  while (!solver.done) {
    const passes = workers.map((blocks) => {
      const s = createRefineState(solver);
      for (const b of blocks) addRowsToRefine(s, b);
      return structuredClone(s);
    });
    solver = applyRefinement(solver, passes.reduce(mergeRefines));
  }
  return finishFit(solver);
}

// ---- merging and streaming ----------------------------------------------------------

describe('mergeable and streaming', () => {
  it('merge(chunks) = fit(all): random blocks spread over workers', () => {
    const table = randomTable(11, 3000, 4, 50);
    const spec = specFor(table, ['x1', 'x2', 'x3', 'x4']);
    const whole = fitLeastSquares(table, spec);
    const rand = mulberry32(5);
    for (const workerCount of [1, 2, 3, 7]) {
      const workers: RowBlock[][] = Array.from({ length: workerCount }, () => []);
      for (const b of randomBlocks(table, rand, 400)) workers[Math.floor(rand() * workerCount)].push(b);
      expectFitsClose(fitWithWorkers(table, spec, workers), whole, 1e-12);
    }
  });

  it('one-pass mode with workers: head solver shared, Gram passes merged = fit(all)', () => {
    const table = randomTable(12, 5000, 3, 20);
    const spec = specFor(table, ['x1', 'x2', 'x3']);
    const whole = fitLeastSquares(table, spec);
    const shift = Float64Array.from(table.columns, (c) => c[0]);
    const headFactor = createFactorState(spec, shift);
    addRowsToFactor(headFactor, slice(table, 0, 300));
    const head = structuredClone(beginRefinement(headFactor));
    const rand = mulberry32(13);
    const workers: RowBlock[][] = [[], [], [], []];
    for (const b of randomBlocks(table, rand, 500)) workers[Math.floor(rand() * 4)].push(b);
    const states = workers.map((blocks) => {
      const s = createGramPass(head);
      for (const b of blocks) addRowsToRefine(s, b);
      return structuredClone(s);
    });
    let solver = solveGramPass(states.reduce(mergeRefines));
    while (!solver.done) {
      const passes = workers.map((blocks) => {
        const s = createRefineState(solver);
        for (const b of blocks) addRowsToRefine(s, b);
        return s;
      });
      solver = applyRefinement(solver, passes.reduce(mergeRefines));
    }
    const fit = finishFit(solver);
    expect(fit.refinement.passes).toBe(1);
    expectFitsClose(fit, whole, 1e-14);
  });

  it('merge(chunks) = fit(all) on an ill-conditioned polynomial (Gram path)', () => {
    const rand = mulberry32(3);
    const n = 500;
    const x = Float64Array.from({ length: n }, () => 10 + 3 * rand());
    const y = Float64Array.from(x, (v) => Math.sin(v) + 0.01 * gaussian(rand));
    const table = makeTable(['y', 'x'], [y, x]);
    const spec = specFor(table, ['x'], { degree: 6 });
    const whole = fitLeastSquares(table, spec);
    expect(whole.refinement.converged).toBe(true);
    const workers: RowBlock[][] = [[], [], []];
    randomBlocks(table, rand, 60).forEach((b, i) => workers[i % 3].push(b));
    expectFitsClose(fitWithWorkers(table, spec, workers), whole, 1e-12);
  });

  it('fitLeastSquaresStream equals fitLeastSquares (same blocks: same numbers; other blocks: ~1e-13)', async () => {
    const table = randomTable(2, 5000, 3, 1000);
    const spec = specFor(table, ['x1', 'x2', 'x3']);
    const direct = fitLeastSquares(table, spec);
    const same = await fitLeastSquaresStream(() => tableBlocks(table), spec);
    expect(same).toEqual(direct);
    const rand = mulberry32(9);
    const cuts = randomBlocks(table, rand, 700);
    let passes = 0;
    const streamed = await fitLeastSquaresStream(() => {
      passes++;
      return (async function* () {
        for (const b of cuts) yield b;
      })();
    }, spec);
    expectFitsClose(streamed, direct, 1e-13);
    expect(passes).toBe(streamed.refinement.passes);
    expect(streamed.refinement.passes).toBe(1);
    // the multi-pass mode: factor pass + refinement passes, same numbers to ~1e-14
    passes = 0;
    const multi = await fitLeastSquaresStream(
      () => {
        passes++;
        return tableBlocks(table);
      },
      spec,
      { onePass: false },
    );
    expectFitsClose(multi, direct, 1e-14);
    expect(passes).toBe(multi.refinement.passes);
    expect(multi.refinement.passes).toBe(1 + multi.refinement.iterations);
  });

  it('one-pass mode with a small head: same fit, one pass, rank decided on all rows', async () => {
    const table = randomTable(8, 4000, 3, 10);
    const spec = specFor(table, ['x1', 'x2', 'x3']);
    const multi = fitLeastSquares(table, spec, { onePass: false });
    let passes = 0;
    const source = () => {
      passes++;
      return (async function* () {
        for (let s = 0; s < table.rowCount; s += 100) yield slice(table, s, Math.min(table.rowCount, s + 100));
      })();
    };
    const one = await fitLeastSquaresStream(source, spec, { headRows: 100 });
    expect(passes).toBe(1);
    expect(one.refinement).toEqual({ iterations: 1, converged: true, passes: 1 });
    expectFitsClose(one, multi, 1e-14);
    // x2 constant in the head only: the head drops it, the full data keep it
    const x2 = Float64Array.from(table.columns[2]);
    x2.fill(1, 0, 300);
    const t2 = makeTable(table.names, [table.columns[0], table.columns[1], x2, table.columns[3]]);
    passes = 0;
    const a = await fitLeastSquaresStream(
      () => {
        passes++;
        return randomBlocks(t2, mulberry32(1), 50);
      },
      spec,
      { headRows: 250 },
    );
    expect(passes).toBe(1);
    const b = fitLeastSquares(t2, spec, { onePass: false });
    expect(a.warnings).toEqual([]);
    expect(a.refinement.passes).toBe(1);
    expectFitsClose(a, b, 1e-14);
  });

  it('one-pass mode from a poor provisional solution (sorted rows, curved data): still the certified fit', async () => {
    const rand = mulberry32(21);
    const n = 20_000;
    const x = Float64Array.from({ length: n }, (_, i) => (100 * i) / n);
    const y = Float64Array.from(x, (v) => 1e3 + v * v + gaussian(rand));
    const table = makeTable(['y', 'x'], [y, x]);
    const spec = specFor(table, ['x']);
    const multi = fitLeastSquares(table, spec, { onePass: false });
    let passes = 0;
    const one = await fitLeastSquaresStream(
      () => {
        passes++;
        return (function* () {
          for (let s = 0; s < n; s += 500) yield slice(table, s, s + 500);
        })();
      },
      spec,
      { headRows: 500 },
    );
    expect(one.refinement.converged).toBe(true);
    expect(passes).toBe(one.refinement.passes);
    expectFitsClose(one, multi, 1e-14);
  });

  it('rejects a source whose passes disagree on the rows', async () => {
    const table = randomTable(4, 100, 1);
    const spec = specFor(table, ['x1']);
    let call = 0;
    const source = () => tableBlocks(call++ === 0 ? table : makeTable(table.names, table.columns.map((c) => c.subarray(0, 50))));
    await expect(fitLeastSquaresStream(source, spec, { onePass: false })).rejects.toThrow(/50 rows on refinement pass 1 but 100/);
  });
});

// ---- properties ---------------------------------------------------------------------

const problem = fc.record({
  seed: fc.integer({ min: 1, max: 1e9 }),
  features: fc.integer({ min: 1, max: 5 }),
  extraRows: fc.integer({ min: 5, max: 80 }),
  offset: fc.double({ min: -100, max: 100, noNaN: true }),
  intercept: fc.boolean(),
});

describe('properties (fast-check)', () => {
  it('residuals are orthogonal to the design: Xᵀr ≈ 0', () => {
    fc.assert(
      fc.property(problem, ({ seed, features, extraRows, offset, intercept }) => {
        const n = 2 * features + extraRows;
        const table = randomTable(seed, n, features, offset);
        const names = table.names.slice(1);
        const fit = fitLeastSquares(table, specFor(table, names, { intercept }));
        expect(fit.rank).toBe(features + (intercept ? 1 : 0));
        const b = fit.coefficients;
        const cols = [...(intercept ? [new Float64Array(n).fill(1)] : []), ...table.columns.slice(1)];
        const r = Float64Array.from(table.columns[0], (y, i) => y - cols.reduce((s, c, j) => s + b[j] * c[i], 0));
        const norm = (v: Float64Array) => Math.hypot(...v);
        const scale = norm(table.columns[0]) + cols.reduce((s, c, j) => s + Math.abs(b[j]) * norm(c), 0);
        for (const c of cols) {
          const dot = c.reduce((s, v, i) => s + v * r[i], 0);
          expect(Math.abs(dot)).toBeLessThanOrEqual(1e-12 * norm(c) * scale);
        }
      }),
      { seed: 17, numRuns: 60 },
    );
  });

  it('scaling a column by c divides its coefficient by c, others unchanged', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (pr, c) => {
        const n = 2 * pr.features + pr.extraRows;
        const table = randomTable(pr.seed, n, pr.features, pr.offset);
        const names = table.names.slice(1);
        const spec = specFor(table, names, { intercept: pr.intercept });
        const base = fitLeastSquares(table, spec);
        const j = pr.seed % pr.features;
        const scaledCols = table.columns.map((col, q) => (q === j + 1 ? col.map((v) => v * c) : col));
        const scaled = fitLeastSquares(makeTable(table.names, scaledCols), spec);
        const off = pr.intercept ? 1 : 0;
        base.terms.forEach((t, q) => {
          const want = q === j + off ? t.estimate / c : t.estimate;
          // x·c is rounded, so the problem changes by ~1e-16 relative; well-conditioned ⇒ ~1e-13
          expect(relErr(scaled.terms[q].estimate, want)).toBeLessThanOrEqual(1e-9);
        });
        expect(relErr(scaled.rss, base.rss)).toBeLessThanOrEqual(1e-9);
      }),
      { seed: 23, numRuns: 40 },
    );
  });

  it('permuting the feature columns permutes the coefficients', () => {
    fc.assert(
      fc.property(problem, fc.integer({ min: 0, max: 1e6 }), (pr, k) => {
        const n = 2 * pr.features + pr.extraRows;
        const table = randomTable(pr.seed, n, pr.features, pr.offset);
        const names = table.names.slice(1);
        const perm = [...names];
        for (let i = perm.length - 1; i > 0; i--) {
          const r = (k * (i + 7)) % (i + 1);
          [perm[i], perm[r]] = [perm[r], perm[i]];
        }
        const a = fitLeastSquares(table, specFor(table, names, { intercept: pr.intercept }));
        const b = fitLeastSquares(table, specFor(table, perm, { intercept: pr.intercept }));
        for (const t of a.terms) {
          const u = b.terms.find((s) => s.name === t.name)!;
          expect(relErr(u.estimate, t.estimate)).toBeLessThanOrEqual(1e-13);
          expect(relErr(u.stdError, t.stdError)).toBeLessThanOrEqual(1e-12);
        }
        expect(relErr(a.rss, b.rss)).toBeLessThanOrEqual(1e-13);
      }),
      { seed: 29, numRuns: 40 },
    );
  });
});

// ---- statistics against closed forms ------------------------------------------------

/** Student t density integrated by composite Simpson on [0, |t|]: P(T > |t|) two-sided. */
function tTwoSided(t: number, df: number): number {
  const logc = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const f = (u: number) => Math.exp(logc - ((df + 1) / 2) * Math.log1p((u * u) / df));
  const a = Math.abs(t);
  const m = 20000;
  const h = a / m;
  let s = f(0) + f(a);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return 1 - 2 * ((s * h) / 3);
}
/** Lanczos log-gamma (independent of @stdlib). */
function lgamma(x: number): number {
  const g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  g.forEach((c, i) => (a += c / (x + i + 1)));
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

describe('statistics (statsmodels conventions)', () => {
  const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
  const y = Float64Array.of(1.2, 1.9, 3.2, 3.8, 5.1, 6.3, 6.8, 8.1);
  const table = makeTable(['y', 'x'], [y, x]);
  const fit = fitLeastSquares(table, specFor(table, ['x']));
  const n = 8;
  const mx = x.reduce((a, b) => a + b) / n;
  const my = y.reduce((a, b) => a + b) / n;
  const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const sxy = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0);
  const syy = y.reduce((s, v) => s + (v - my) ** 2, 0);
  const b1 = sxy / sxx;
  const b0 = my - b1 * mx;
  const rss = y.reduce((s, v, i) => s + (v - b0 - b1 * x[i]) ** 2, 0);
  const s2 = rss / (n - 2);
  const se1 = Math.sqrt(s2 / sxx);
  const se0 = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));

  it('simple regression: estimates, SEs, t, R², F, likelihood, AIC, BIC', () => {
    const close = (a: number, b: number, tol = 1e-12) => expect(relErr(a, b)).toBeLessThanOrEqual(tol);
    close(fit.terms[0].estimate, b0);
    close(fit.terms[1].estimate, b1);
    close(fit.terms[0].stdError, se0);
    close(fit.terms[1].stdError, se1);
    close(fit.terms[1].t, b1 / se1);
    close(fit.rss, rss);
    close(fit.tss, syy);
    close(fit.residualStdDev, Math.sqrt(s2));
    close(fit.rSquared, 1 - rss / syy);
    close(fit.adjRSquared, 1 - ((n - 1) / (n - 2)) * (rss / syy));
    close(fit.fStatistic, (syy - rss) / s2, 1e-10);
    const ll = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
    close(fit.logLikelihood, ll);
    close(fit.aic, -2 * ll + 2 * 2);
    close(fit.bic, -2 * ll + 2 * Math.log(n));
    expect([fit.dfModel, fit.dfResidual, fit.rank, fit.p]).toEqual([1, 6, 2, 2]);
    expect(fit.terms.map((t) => t.name)).toEqual(['(intercept)', 'x']);
    expect(fit.warnings).toEqual([]);
  });

  it('p-values and 95% intervals agree with an independent Student t integration', () => {
    for (const t of fit.terms) {
      expect(Math.abs(t.pValue - tTwoSided(t.t, 6))).toBeLessThanOrEqual(1e-9 * Math.max(1, t.pValue) + 1e-14);
      const q = (t.ci95[1] - t.estimate) / t.stdError; // the t quantile: P(|T| > q) = 0.05
      expect(tTwoSided(q, 6)).toBeCloseTo(0.05, 9);
      expect(t.estimate - t.ci95[0]).toBeCloseTo(t.ci95[1] - t.estimate, 12);
    }
    // simple regression: F = t² for the slope and they share the p-value
    expect(relErr(fit.fStatistic, fit.terms[1].t ** 2)).toBeLessThanOrEqual(1e-10);
    expect(relErr(fit.fPValue, fit.terms[1].pValue)).toBeLessThanOrEqual(1e-8);
  });

  it('without an intercept: uncentred R² and dfModel = rank', () => {
    const f0 = fitLeastSquares(table, specFor(table, ['x'], { intercept: false }));
    const sxx0 = x.reduce((s, v) => s + v * v, 0);
    const b = x.reduce((s, v, i) => s + v * y[i], 0) / sxx0;
    const rss0 = y.reduce((s, v, i) => s + (v - b * x[i]) ** 2, 0);
    const tss0 = y.reduce((s, v) => s + v * v, 0);
    expect(relErr(f0.terms[0].estimate, b)).toBeLessThanOrEqual(1e-13);
    expect(relErr(f0.rSquared, 1 - rss0 / tss0)).toBeLessThanOrEqual(1e-12);
    expect(relErr(f0.adjRSquared, 1 - (n / (n - 1)) * (rss0 / tss0))).toBeLessThanOrEqual(1e-12);
    expect([f0.dfModel, f0.dfResidual]).toEqual([1, 7]);
    expect(relErr(f0.fStatistic, ((tss0 - rss0) / 1) / (rss0 / 7))).toBeLessThanOrEqual(1e-10);
  });
});

/** Regularised incomplete beta I_x(a, b) by composite Simpson on the density (a, b ≥ 1): independent of @stdlib. */
function betaInc(x: number, a: number, b: number): number {
  const logB = lgamma(a) + lgamma(b) - lgamma(a + b);
  const f = (u: number) => (u <= 0 || u >= 1 ? (u <= 0 ? (a === 1 ? 1 : 0) : b === 1 ? 1 : 0) * Math.exp(-logB) : Math.exp((a - 1) * Math.log(u) + (b - 1) * Math.log1p(-u) - logB));
  const m = 40000;
  const h = x / m;
  let s = f(0) + f(x);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}
/** P(F(d1, d2) > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2). */
const fUpper = (f: number, d1: number, d2: number) => betaInc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);

/** Gauss–Jordan inverse of a small symmetric positive definite matrix (plain doubles: independent of the core). */
function inverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= k * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

describe('statistics with several features, with and without an intercept (independent closed forms)', () => {
  // 14 noisy rows, 3 features: p-values between 1e-4 and 0.9, where the integrals below are accurate.
  const x1 = [1.2, 2.3, 3.1, 4.8, 5.0, 6.4, 7.7, 8.1, 9.9, 10.4, 11.8, 12.2, 13.5, 14.9];
  const x2 = [3.3, 1.1, 4.7, 2.2, 6.1, 0.4, 5.5, 3.9, 2.8, 7.3, 1.6, 4.2, 6.6, 0.9];
  const x3 = [0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4, 0.95, 0.15, 0.55, 0.35, 0.75];
  const noise = [0.9, -1.4, 0.3, 1.8, -0.7, -1.1, 2.2, -0.4, 0.6, -1.9, 1.2, -0.2, -0.8, 1.5];
  const y = x1.map((v, i) => 1.5 + 0.8 * v - 0.3 * x2[i] + 0.4 * x3[i] + noise[i]);
  const table = makeTable(['y', 'x1', 'x2', 'x3'], [Float64Array.from(y), Float64Array.from(x1), Float64Array.from(x2), Float64Array.from(x3)]);
  const n = y.length;

  for (const intercept of [true, false]) {
    it(`${intercept ? 'with' : 'without'} an intercept: estimates, SEs, t and p, F and its p, R², log-likelihood, AIC, BIC`, () => {
      const fit = fitLeastSquares(table, specFor(table, ['x1', 'x2', 'x3'], { intercept }));
      const rows = y.map((_, i) => [...(intercept ? [1] : []), x1[i], x2[i], x3[i]]);
      const k = rows[0].length;
      const xtx = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => rows.reduce((s, r) => s + r[a] * r[b], 0)));
      const xty = Array.from({ length: k }, (_, a) => rows.reduce((s, r, i) => s + r[a] * y[i], 0));
      const inv = inverse(xtx);
      const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
      const rss = rows.reduce((s, r, i) => s + (y[i] - r.reduce((t, v, j) => t + v * beta[j], 0)) ** 2, 0);
      const my = y.reduce((a, b) => a + b) / n;
      const tss = intercept ? y.reduce((s, v) => s + (v - my) ** 2, 0) : y.reduce((s, v) => s + v * v, 0);
      const dfResid = n - k;
      const dfModel = intercept ? k - 1 : k;
      const s2 = rss / dfResid;
      const close = (a: number, b: number, tol = 1e-10) => expect(relErr(a, b)).toBeLessThanOrEqual(tol);
      fit.terms.forEach((t, j) => {
        const se = Math.sqrt(s2 * inv[j][j]);
        close(t.estimate, beta[j]);
        close(t.stdError, se);
        close(t.t, beta[j] / se);
        expect(Math.abs(t.pValue - tTwoSided(t.t, dfResid)), t.name).toBeLessThanOrEqual(1e-9);
      });
      expect(fit.terms.some((t) => t.pValue > 0.05) && fit.terms.some((t) => t.pValue < 0.01)).toBe(true);
      expect([fit.dfModel, fit.dfResidual]).toEqual([dfModel, dfResid]);
      close(fit.rSquared, 1 - rss / tss);
      close(fit.adjRSquared, 1 - ((intercept ? n - 1 : n) / dfResid) * (rss / tss));
      const F = ((tss - rss) / dfModel) / s2;
      close(fit.fStatistic, F);
      close(fit.fPValue, fUpper(F, dfModel, dfResid), 1e-8);
      const ll = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
      close(fit.logLikelihood, ll);
      // statsmodels: k_params counts every coefficient, the intercept included
      close(fit.aic, -2 * ll + 2 * k);
      close(fit.bic, -2 * ll + k * Math.log(n));
    });
  }
});

// ---- edge cases ---------------------------------------------------------------------

describe('edge cases', () => {
  it('does not mutate its inputs', () => {
    const table = randomTable(8, 300, 3, 7);
    const copies = table.columns.map((c) => Float64Array.from(c));
    const spec = Object.freeze(specFor(table, ['x1', 'x2', 'x3']));
    const shift = Float64Array.of(0, 7, 7, 7);
    const shiftCopy = Float64Array.from(shift);
    const frozenTerms = JSON.stringify(spec);
    fitLeastSquares(table, spec, { shift });
    table.columns.forEach((c, j) => expect(c).toEqual(copies[j]));
    expect(shift).toEqual(shiftCopy);
    expect(JSON.stringify(spec)).toBe(frozenTerms);
  });

  it('the shift does not change the answer', () => {
    const table = randomTable(12, 400, 2, 300);
    const spec = specFor(table, ['x1', 'x2']);
    const a = fitLeastSquares(table, spec);
    const b = fitLeastSquares(table, spec, { shift: Float64Array.of(0, 0, 0) });
    const c = fitLeastSquares(table, spec, { shift: Float64Array.of(0, 301, -5) });
    expectFitsClose(b, a, 1e-12);
    expectFitsClose(c, a, 1e-12);
  });

  it('constant model: estimate = mean, SE = s/√n', () => {
    const y = Float64Array.of(3, 5, 4, 9, 1, 2);
    const table = makeTable(['y'], [y]);
    const fit = fitLeastSquares(table, designSpec(['y'], { target: 'y', features: [] }));
    const n = y.length;
    const mean = y.reduce((a, b) => a + b) / n;
    const s = Math.sqrt(y.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
    expect(fit.terms).toHaveLength(1);
    expect(fit.terms[0].name).toBe('(intercept)');
    expect(relErr(fit.terms[0].estimate, mean)).toBeLessThanOrEqual(1e-15);
    expect(relErr(fit.terms[0].stdError, s / Math.sqrt(n))).toBeLessThanOrEqual(1e-14);
    expect(fit.rSquared).toBe(0);
    expect(fit.dfModel).toBe(0);
    expect(fit.fStatistic).toBeNaN();
    expect(fit.fPValue).toBeNaN();
  });

  it('one row: intercept only fits with a warning; with a feature it is a clear error', () => {
    const table = makeTable(['y', 'x'], [Float64Array.of(4), Float64Array.of(2)]);
    const fit = fitLeastSquares(table, designSpec(table.names, { target: 'y', features: [] }));
    expect(fit.terms[0].estimate).toBe(4);
    expect(fit.terms[0].stdError).toBeNaN();
    expect(fit.residualStdDev).toBeNaN();
    expect(fit.warnings.join(' ')).toMatch(/no residual degrees of freedom/);
    expect(() => fitLeastSquares(table, specFor(table, ['x']))).toThrow(RangeError);
    expect(() => fitLeastSquares(table, specFor(table, ['x']))).toThrow(/2 coefficients .* only 1 row/);
  });

  it('more coefficients than rows: a RangeError that says so', () => {
    const table = randomTable(1, 3, 4);
    expect(() => fitLeastSquares(table, specFor(table, ['x1', 'x2', 'x3', 'x4']))).toThrow(
      /5 coefficients \(\(intercept\), x1, x2, x3, x4\) but the data have only 3 rows/,
    );
  });

  it('n == p: exact interpolation, warned about', () => {
    const table = makeTable(['y', 'x1', 'x2'], [Float64Array.of(6, 8, 13), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 3)]);
    // y = 1 + 2·x1 + 1.5·x2 ... solved exactly: 1 + 2 + 3 = 6? check via the fit
    const fit = fitLeastSquares(table, specFor(table, ['x1', 'x2']));
    expect(fit.dfResidual).toBe(0);
    expect(fit.rss).toBe(0);
    const [b0, b1, b2] = fit.coefficients;
    for (let i = 0; i < 3; i++) {
      expect(b0 + b1 * table.columns[1][i] + b2 * table.columns[2][i]).toBeCloseTo(table.columns[0][i], 12);
    }
    expect(fit.terms.every((t) => Number.isNaN(t.stdError))).toBe(true);
    expect(fit.warnings.join(' ')).toMatch(/no residual degrees of freedom \(3 rows for 3 coefficients\)/);
  });

  it('an exact fit (RSS = 0) has R² = 1, F = ∞ with p = 0, zero SEs and a warning', () => {
    const x = Float64Array.of(0.1, 0.7, 1.3, 2.9, 4.1);
    const y = Float64Array.from(x, (v) => 2 * v + 1);
    const table = makeTable(['y', 'x'], [Float64Array.of(1, 3, 5, 7, 9), Float64Array.of(0, 1, 2, 3, 4)]);
    const fit = fitLeastSquares(table, specFor(table, ['x']));
    expect(Array.from(fit.coefficients)).toEqual([1, 2]);
    expect(fit.rss).toBe(0);
    expect(fit.rSquared).toBe(1);
    expect(fit.fStatistic).toBe(Infinity);
    expect(fit.fPValue).toBe(0);
    expect(fit.terms.map((t) => t.stdError)).toEqual([0, 0]);
    expect(fit.terms.map((t) => t.pValue)).toEqual([0, 0]);
    expect(fit.logLikelihood).toBe(Infinity);
    expect(fit.warnings.join(' ')).toMatch(/fits the data exactly/);
    // decimal data: RSS is tiny but the fit is still the exact line to ~1e-15
    const near = fitLeastSquares(makeTable(['y', 'x'], [y, x]), specFor(table, ['x']));
    expect(near.coefficients[0]).toBeCloseTo(1, 14);
    expect(near.coefficients[1]).toBeCloseTo(2, 14);
  });

  it('a constant column is dropped as collinear with the intercept', () => {
    const base = randomTable(3, 50, 1);
    const table = makeTable(['y', 'x1', 'c'], [...base.columns, new Float64Array(50).fill(5)]);
    const fit = fitLeastSquares(table, specFor(table, ['x1', 'c']));
    const ref = fitLeastSquares(base, specFor(base, ['x1']));
    expect(fit.rank).toBe(2);
    expect(fit.terms[2]).toMatchObject({ name: 'c', dropped: true });
    expect(fit.terms[2].estimate).toBeNaN();
    expect(fit.coefficients[2]).toBe(0);
    expect(fit.warnings[0]).toMatch(/^c is constant, so it is collinear with the intercept/);
    expect(fit.conditionNumber).toBe(Infinity);
    expect(relErr(fit.terms[1].estimate, ref.terms[1].estimate)).toBeLessThanOrEqual(1e-14);
    expect(relErr(fit.terms[1].stdError, ref.terms[1].stdError)).toBeLessThanOrEqual(1e-12);
    expect(fit.dfResidual).toBe(48);
  });

  it('a duplicate column is named in the warning', () => {
    const base = randomTable(4, 60, 2);
    const table = makeTable([...base.names, 'x1_copy'], [...base.columns, Float64Array.from(base.columns[1])]);
    const fit = fitLeastSquares(table, specFor(table, ['x1', 'x2', 'x1_copy']));
    expect(fit.rank).toBe(3);
    expect(fit.terms.map((t) => t.dropped)).toEqual([false, false, false, true]);
    expect(fit.warnings[0]).toMatch(/^x1 and x1_copy are collinear: x1_copy was left out/);
  });

  it('two collinear columns (x3 = 3·x1 − 2) are named; three-way dependencies too', () => {
    const base = randomTable(5, 40, 2);
    const x3 = base.columns[1].map((v) => 3 * v - 2);
    const x4 = base.columns[1].map((v, i) => v + 2 * base.columns[2][i]);
    const table = makeTable([...base.names, 'x3', 'x4'], [...base.columns, x3, x4]);
    const fit = fitLeastSquares(table, specFor(table, ['x1', 'x3', 'x2', 'x4']));
    expect(fit.rank).toBe(3);
    expect(fit.terms.filter((t) => t.dropped).map((t) => t.name)).toEqual(['x3', 'x4']);
    expect(fit.warnings[0]).toMatch(/^x1 and x3 are collinear/);
    expect(fit.warnings[1]).toMatch(/^x4 is a linear combination of x1 and x2/);
    // the same decisions from the double-double Gram matrix of many rows (head of 100 rows)
    const bigBase = randomTable(15, 30_000, 2, 5);
    const bx3 = bigBase.columns[1].map((v) => 3 * v - 2);
    const bx4 = bigBase.columns[1].map((v, i) => v + 2 * bigBase.columns[2][i]);
    const big = makeTable([...bigBase.names, 'x3', 'x4'], [...bigBase.columns, bx3, bx4]);
    const bigSpec = specFor(big, ['x1', 'x3', 'x2', 'x4']);
    const one = fitLeastSquares(big, bigSpec, { headRows: 100 });
    const multi = fitLeastSquares(big, bigSpec, { onePass: false });
    expect(one.refinement.passes).toBe(1);
    expect(one.terms.filter((t) => t.dropped).map((t) => t.name)).toEqual(['x3', 'x4']);
    expect(one.warnings).toEqual(multi.warnings);
    one.terms.forEach((t, j) => {
      if (t.dropped) return;
      expect(relErr(t.estimate, multi.terms[j].estimate), t.name).toBeLessThanOrEqual(1e-14);
      expect(relErr(t.stdError, multi.terms[j].stdError), t.name).toBeLessThanOrEqual(1e-14);
    });
    expect(relErr(one.rss, multi.rss)).toBeLessThanOrEqual(1e-14);
  });

  it('a polynomial on 3 distinct x values keeps x and x^2 and names the rest', () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => 5 + (i % 3));
    const y = Float64Array.from(x, (v, i) => v * v - v + (i % 7) * 0.01);
    const table = makeTable(['y', 'x'], [y, x]);
    const fit = fitLeastSquares(table, specFor(table, ['x'], { degree: 5 }));
    const quad = fitLeastSquares(table, specFor(table, ['x'], { degree: 2 }));
    expect(fit.rank).toBe(3);
    expect(fit.terms.map((t) => t.dropped)).toEqual([false, false, false, true, true, true]);
    expect(fit.warnings[0]).toMatch(/^x\^3 is a linear combination of x and x\^2: x\^3 was left out/);
    quad.terms.forEach((t, j) => expect(relErr(fit.terms[j].estimate, t.estimate)).toBeLessThanOrEqual(1e-13));
  });

  it('non-finite values are rejected, naming the row and column', () => {
    const table = randomTable(6, 20, 2);
    const bad = (col: number, row: number, v: number) =>
      makeTable(table.names, table.columns.map((c, j) => (j === col ? c.map((u, i) => (i === row ? v : u)) : c)));
    const spec = specFor(table, ['x1', 'x2']);
    expect(() => fitLeastSquares(bad(2, 5, NaN), spec)).toThrow(/column "x2" is NaN in data row 6/);
    expect(() => fitLeastSquares(bad(0, 12, Infinity), spec)).toThrow(/target "y" is Infinity in data row 13/);
    expect(() => fitLeastSquares(bad(1, 0, -Infinity), spec, { shift: Float64Array.of(0, 0, 0) })).toThrow(
      /column "x1" is -Infinity in data row 1/,
    );
    // after the head of the one-pass mode, the pass itself checks the rows
    const big = randomTable(7, 3000, 2);
    const badBig = (col: number, row: number, v: number) =>
      makeTable(big.names, big.columns.map((c, j) => (j === col ? c.map((u, i) => (i === row ? v : u)) : c)));
    expect(() => fitLeastSquares(badBig(2, 2500, NaN), spec, { headRows: 100 })).toThrow(/column "x2" is NaN in data row 2501/);
    expect(() => fitLeastSquares(badBig(0, 1000, -Infinity), spec, { headRows: 100 })).toThrow(
      /target "y" is -Infinity in data row 1001/,
    );
    const sq = specFor(big, ['x1'], { degree: 2 });
    expect(() => fitLeastSquares(badBig(1, 2000, 1e200), sq, { headRows: 100 })).toThrow(/term "x1\^2" overflows double precision in data row 2001/);
  });

  it('a hopelessly ill-conditioned design (degree 20 on [1000, 1001]) is flagged, not silently wrong', () => {
    const rand = mulberry32(20);
    const n = 200;
    const x = Float64Array.from({ length: n }, () => 1000 + rand());
    const y = Float64Array.from(x, (v) => Math.cos(3 * v) + 0.1 * gaussian(rand));
    const table = makeTable(['y', 'x'], [y, x]);
    const fit = fitLeastSquares(table, specFor(table, ['x'], { degree: 20 }));
    expect(fit.warnings.length).toBeGreaterThan(0);
    expect(fit.warnings.join(' ')).toMatch(/beyond what double precision can resolve|collinear|linear combination/);
    expect(fit.conditionNumber).toBeGreaterThan(1e15);
  });

  it('an ill-conditioned but resolvable design gets an informative warning', () => {
    const rand = mulberry32(21);
    const x = Float64Array.from({ length: 100 }, () => 100 + rand());
    const y = Float64Array.from(x, (v) => v * v * 1e-3 + gaussian(rand));
    const table = makeTable(['y', 'x'], [y, x]);
    const fit = fitLeastSquares(table, specFor(table, ['x'], { degree: 3 }));
    expect(fit.refinement.converged).toBe(true);
    expect(fit.conditionNumber).toBeGreaterThan(1e8);
    expect(fit.warnings.join(' ')).toMatch(/ill-conditioned/);
  });
});

describe('a constant target', () => {
  it('is a clear error naming the target and its value, not slopes of ±1e-114 with infinite t', () => {
    const table = makeTable(['y', 'x'], [Float64Array.of(5, 5, 5, 5), Float64Array.of(1, 2, 3, 4)]);
    expect(() => fitLeastSquares(table, designSpec(table.names, { target: 'y', features: ['x'] }))).toThrow(
      /the target y has the same value, 5, in all 4 rows used: there is nothing for a regression to explain/,
    );
    const zeros = makeTable(['y', 'x'], [new Float64Array(3), Float64Array.of(1, 2, 3)]);
    expect(() => fitLeastSquares(zeros, designSpec(zeros.names, { target: 'y', features: ['x'], intercept: false }))).toThrow(/same value, 0, in all 3 rows/);
    // one value different is a regression again
    const almost = makeTable(['y', 'x'], [Float64Array.of(5, 5, 5, 5 + 1e-12), Float64Array.of(1, 2, 3, 4)]);
    expect(fitLeastSquares(almost, designSpec(almost.names, { target: 'y', features: ['x'] })).terms[1].estimate).toBeGreaterThan(0);
  });
});
