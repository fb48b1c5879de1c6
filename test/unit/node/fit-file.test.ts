import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nistDir } from '../../shared/fixtures';
import { mulberry32 } from '../../shared/seeded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitTableFile } from '../../../src/node/fit-file';
import type { LeastSquaresResult } from '../../../src/core/least-squares';


let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauss-fit-file-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** y = 3 + Σ w_j x_j + noise, x uniform on [-10, 10], values with 10 significant digits. */
function writeLinear(name: string, n: number, features: number, noise: number, seed: number): string {
  const rand = mulberry32(seed);
  const lines = [[...Array.from({ length: features }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: features }, () => rand() * 20 - 10);
    const y = x.reduce((a, v, j) => a + v * ((j + 1) * 0.5 - 2), 3) + noise * (rand() - 0.5);
    lines.push([...x, y].map((v) => v.toPrecision(10)).join(','));
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

function expectSame(a: LeastSquaresResult, b: LeastSquaresResult, tol: number): void {
  expect(a.n).toBe(b.n);
  expect(a.rank).toBe(b.rank);
  a.terms.forEach((t, j) => {
    expect(relErr(t.estimate, b.terms[j].estimate), t.name).toBeLessThanOrEqual(tol);
    expect(relErr(t.stdError, b.terms[j].stdError), t.name).toBeLessThanOrEqual(tol);
  });
  for (const key of ['rss', 'tss', 'rSquared', 'fStatistic', 'logLikelihood'] as const) {
    expect(relErr(a[key], b[key]), key).toBeLessThanOrEqual(tol);
  }
  expect(relErr(a.conditionNumber, b.conditionNumber)).toBeLessThanOrEqual(1e-8);
  expect(a.warnings).toEqual(b.warnings);
}

describe('fitTableFile: one pass in the common case', () => {
  it('a small file: one pass, same numbers as the factor + refinement passes', async () => {
    const path = writeLinear('small.csv', 500, 3, 2, 1);
    const one = await fitTableFile(path, { target: 'y' });
    const multi = await fitTableFile(path, { target: 'y', onePass: false });
    expect(one.fit.refinement).toEqual({ iterations: 1, converged: true, passes: 1 });
    expect(multi.fit.refinement.passes).toBe(1 + multi.fit.refinement.iterations);
    expectSame(one.fit, multi.fit, 1e-14);
  });

  it('200k rows (head ≠ whole file, noisy and clean data): one pass, same numbers as the multi-pass fit', async () => {
    for (const [noise, seed] of [
      [1, 2],
      [1000, 3],
    ]) {
      const path = writeLinear(`big-${seed}.csv`, 200_000, 5, noise, seed);
      const one = await fitTableFile(path, { target: 'y' });
      const multi = await fitTableFile(path, { target: 'y', onePass: false });
      expect(one.fit.n).toBe(200_000);
      expect(one.fit.refinement).toEqual({ iterations: 1, converged: true, passes: 1 });
      expectSame(one.fit, multi.fit, 1e-14);
      // a head of a single block: the provisional solution is worse, the pass count the same
      const tiny = await fitTableFile(path, { target: 'y', headRows: 10, read: { blockRows: 1000 } });
      expect(tiny.fit.refinement.passes).toBe(1);
      expectSame(tiny.fit, multi.fit, 1e-14);
    }
  });

  it('an ill-conditioned file (Filip replicated 1000×, degree 10) still refines to the certified accuracy', async () => {
    const cert = JSON.parse(readFileSync(join(nistDir, 'certified.json'), 'utf8')).Filip as {
      coefficients: string[];
      residualStandardDeviation: string;
      rSquared: string;
    };
    const lines = readFileSync(join(nistDir, 'filip.csv'), 'utf8').trim().split('\n');
    const body = lines.slice(1).join('\n') + '\n';
    const path = join(dir, 'filip-1000.csv');
    writeFileSync(path, lines[0] + '\n' + body.repeat(1000));
    for (const onePass of [true, false]) {
      const { fit } = await fitTableFile(path, { target: 'y', features: ['x'], degree: 10, onePass });
      expect(fit.n).toBe(82_000);
      expect(fit.refinement.converged).toBe(true);
      expect(fit.refinement.passes).toBe(fit.refinement.iterations + (onePass ? 0 : 1));
      // replicating rows leaves the least-squares coefficients unchanged
      fit.terms.forEach((t, j) => {
        const c = Number(cert.coefficients[j]);
        expect(-Math.log10(Math.abs(t.estimate - c) / Math.abs(c)), t.name).toBeGreaterThanOrEqual(12);
      });
      expect(-Math.log10(relErr(fit.rSquared, Number(cert.rSquared)))).toBeGreaterThanOrEqual(10);
    }
  });
});
