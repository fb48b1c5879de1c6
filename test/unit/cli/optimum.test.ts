// fit --loss/--huber-delta/--weight-decay: the exact minimiser of SGD's objective from the CLI
// (issue 15), on the training rows of --validation/--seed, with its objective and certificate.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { packRows } from '../../../src/core/linear-model';
import { createRng } from '../../../src/core/random';
import { sgdObjective, sgdOptimum } from '../../../src/core/sgd-optimum';
import { splitRows } from '../../../src/core/split';

const dir = mkdtempSync(join(tmpdir(), 'gauss-optimum-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const r = createRng(21);
const x = Array.from({ length: 200 }, () => r.uniform() * 10);
const y = x.map((v) => 1 + 0.5 * v + (r.uniform() - 0.5) + (r.uniform() < 0.1 ? 8 : 0));
const file = join(dir, 'data.csv');
writeFileSync(file, ['x,y', ...x.map((v, i) => `${v},${y[i]}`)].join('\n') + '\n');

async function fit(...args: string[]) {
  let text = '';
  expect(await main(['fit', file, '--target', 'y', ...args], (s) => (text += s))).toBe(0);
  return text;
}

describe('fit --loss', () => {
  it('absolute loss with weight decay on the training rows: the certified minimiser, its objective', async () => {
    const j = JSON.parse(await fit('--loss', 'absolute', '--weight-decay', '0.02', '--validation', '0.25', '--seed', '3', '--json')).optimum;
    expect(j).toMatchObject({ loss: 'absolute', weightDecay: 0.02, validationFraction: 0.25, seed: 3, rows: 150, label: 'LAD optimum, λ = 0.02 on the training rows', unique: true });
    expect(j.certificate).toEqual({ method: 'least absolute deviations (exact basis)', violation: 0 });
    const { train } = splitRows(200, 0.25, createRng(3));
    const ex = packRows([Float64Array.from(train, (i) => x[i])], Float64Array.from(train, (i) => y[i]));
    const o = { loss: 'absolute' as const, huberDelta: 1, weightDecay: 0.02, intercept: true };
    expect(j.objective).toBe(sgdOptimum(ex, o).objective);
    expect(j.objective).toBe(sgdObjective(ex, [j.coefficients[1].estimate], j.coefficients[0].estimate, o));
    expect(j.coefficients.map((c: { name: string }) => c.name)).toEqual(['(intercept)', 'x']);
  });

  it('Huber with its δ, in the text summary; δ without Huber is refused', async () => {
    const text = await fit('--loss', 'huber', '--huber-delta', '0.5');
    expect(text).toMatch(/Exact optimum of SGD's objective \(huber loss, δ = 0\.5\) on 200 rows: Huber optimum \(δ = 0\.5\)/);
    expect(text).toMatch(/certified by Huber \(semismooth Newton\) \(largest violation \d\.\de-\d+\)/);
    await expect(main(['fit', file, '--target', 'y', '--huber-delta', '0.5'], () => {})).rejects.toThrow(/--huber-delta goes with --loss huber/);
  });

  it('a flat bottom: not unique, and each coefficient with its range over every minimiser (JSON and text)', async () => {
    const square = join(dir, 'square.csv');
    writeFileSync(square, 'x,y\n0,0\n0,1\n1,0\n1,1\n');
    let out = '';
    expect(await main(['fit', square, '--target', 'y', '--loss', 'absolute', '--json'], (s) => (out += s))).toBe(0);
    const j = JSON.parse(out).optimum;
    expect(j.unique).toBe(false);
    expect(j.coefficients.map((c: { range: number[] }) => c.range)).toEqual([
      [0, 1],
      [-1, 1],
    ]);
    out = '';
    expect(await main(['fit', square, '--target', 'y', '--loss', 'absolute'], (s) => (out += s))).toBe(0);
    expect(out).toMatch(/not unique: every θ in the ranges shown reaches it/);
    expect(out).toMatch(/^ {2}x +\S+ {2}\(any of \[-1, 1\]\)$/m);
  });
});
