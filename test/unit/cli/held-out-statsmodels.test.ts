// fit --validation and --cv against statsmodels fitted on the same rows (the split computed here
// with the core's seeded shuffle, sent to Python): every score within 1e-9.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { foldsOf } from '../../../src/core/held-out';
import { createRng } from '../../../src/core/random';
import { splitRows } from '../../../src/core/split';
import { referenceMissing, runPython } from '../../shared/python';
import { relativeError as rel } from '../../shared/numbers';

const dir = mkdtempSync(join(tmpdir(), 'gauss-held-out-sm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMULA = 'invest ~ value + np.log(capital) + C(firm)';
const ROWS = 220; // grunfeld
const SEED = 11;
const FRACTION = 0.25;
const FOLDS = 4;

type Scores = { rmse: number; mae: number; rSquared: number; logRmse: number | null };
let reference: { validation: { train: Scores; validation: Scores }; folds: { train: Scores; validation: Scores }[] };

beforeAll(() => {
  if (referenceMissing) return;
  const split = splitRows(ROWS, FRACTION, createRng(SEED));
  const folds = foldsOf(ROWS, FOLDS, SEED).map((f) => [...f]);
  reference = runPython(
    `import json, sys
import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
formula, train, held, folds, out_dir = json.load(sys.stdin)
df = sm.datasets.grunfeld.load_pandas().data
df.to_csv(out_dir + '/grunfeld.csv', index=False)
df = pd.read_csv(out_dir + '/grunfeld.csv')
def scores(r, part):
    y = part['invest'].to_numpy()
    f = r.predict(part).to_numpy()
    e = f - y
    log = float(np.sqrt(np.mean((np.log(np.maximum(f, 1)) - np.log(y)) ** 2))) if (y > 0).all() else None
    return dict(rmse=float(np.sqrt(np.mean(e ** 2))), mae=float(np.mean(np.abs(e))), rSquared=float(1 - np.sum(e ** 2) / np.sum((y - y.mean()) ** 2)), logRmse=log)
def pair(train, held):
    a, b = df.iloc[train], df.iloc[held]
    r = smf.ols(formula, a).fit()
    return dict(train=scores(r, a), validation=scores(r, b))
out = dict(validation=pair(train, held), folds=[pair(sorted(set(range(len(df))) - set(f)), f) for f in folds])
print(json.dumps(out))`,
    [FORMULA, [...split.train], [...split.validation], folds, dir],
  );
});


describe.skipIf(referenceMissing)('held-out scores of the closed form agree with statsmodels on the same rows', () => {
  it(`validation ${FRACTION} and ${FOLDS}-fold cross-validation, seed ${SEED}: ${FORMULA}`, async () => {
    let text = '';
    const args = ['fit', join(dir, 'grunfeld.csv'), '--formula', FORMULA, '--validation', String(FRACTION), '--cv', String(FOLDS), '--seed', String(SEED), '--json'];
    expect(await main(args, (s) => (text += s))).toBe(0);
    const j = JSON.parse(text);
    const same = (a: Scores, b: Scores, what: string) => {
      for (const key of ['rmse', 'mae', 'rSquared', 'logRmse'] as const) expect(rel(a[key]!, b[key]!), `${what} ${key}: ${a[key]} vs ${b[key]}`).toBeLessThanOrEqual(1e-9);
    };
    expect(j.validation.train.rows + j.validation.validation.rows).toBe(ROWS);
    same(j.validation.train, reference.validation.train, 'validation split, training rows');
    same(j.validation.validation, reference.validation.validation, 'validation split, held-out rows');
    expect(j.crossValidation.perFold).toHaveLength(FOLDS);
    j.crossValidation.perFold.forEach((f: { train: Scores; validation: Scores }, k: number) => {
      same(f.train, reference.folds[k].train, `fold ${k + 1} training`);
      same(f.validation, reference.folds[k].validation, `fold ${k + 1} held out`);
    });
    const held = reference.folds.map((f) => f.validation.rmse);
    const mean = held.reduce((a, b) => a + b, 0) / FOLDS;
    expect(rel(j.crossValidation.validation.rmse.mean, mean)).toBeLessThanOrEqual(1e-12);
    const sd = Math.sqrt(held.reduce((a, b) => a + (b - mean) ** 2, 0) / (FOLDS - 1));
    expect(rel(j.crossValidation.validation.rmse.sd, sd)).toBeLessThanOrEqual(1e-9);
  });

  it('refuses what cannot be scored, by name', async () => {
    const file = join(dir, 'grunfeld.csv');
    await expect(main(['fit', file, '--formula', FORMULA, '--cv', '1'], () => {})).rejects.toThrow(/--cv must be a whole number of folds from 2 to 1000, got "1"/);
    await expect(main(['fit', file, '--formula', FORMULA, '--validation', '0'], () => {})).rejects.toThrow(/--validation must be above 0/);
    await expect(main(['fit', file, '--formula', FORMULA, '--seed', '3'], () => {})).rejects.toThrow(/--seed goes with --validation or --cv/);
    await expect(main(['fit', file, '--formula', FORMULA, '--cv', '200'], () => {})).rejects.toThrow(/200 folds of 220 rows leave fewer than 2 rows in a fold/);
  });
});
