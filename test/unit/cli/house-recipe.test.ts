// d2l's house-price recipe (kaggle-house-price: standardize the numeric features, fill their
// gaps with the mean, one-hot encode the categories with "missing" as a level of its own) as one
// formula plus --impute mean --missing-indicator, on the Kaggle-shaped example file, against
// the same recipe in pandas + statsmodels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { kaggleHouses } from '../../../src/core/kaggle-houses';
import { createRng } from '../../../src/core/random';
import { repoRoot } from '../../shared/fixtures';
import { referenceMissing, runPython } from '../../shared/python';

const file = join(repoRoot, 'examples', 'kaggle-houses.csv');
/** The CLI guide's recipe (one home: docs/cli.md quotes this string, checked below). */
export const RECIPE =
  'np.log(SalePrice) ~ standardize(LotFrontage) + standardize(LotArea) + standardize(YearBuilt) + standardize(GrLivArea) + standardize(GarageArea) + SaleDate + C(MSSubClass) + MSZoning + Neighborhood + CentralAir';

async function ours(): Promise<{ terms: { name: string; estimate: number; stdError: number }[]; n: number; rSquared: number; imputed: unknown[]; warnings: string[] }> {
  let text = '';
  expect(await main(['fit', file, '--formula', RECIPE, '--impute', 'mean', '--missing-indicator', '--json'], (s) => (text += s))).toBe(0);
  return JSON.parse(text);
}

describe('the house-price recipe', () => {
  it('examples/kaggle-houses.csv is `gauss-lab synth kaggle-houses --n 5000 --seed 0`, and the CLI guide shows the recipe', () => {
    expect(readFileSync(file, 'utf8')).toBe(kaggleHouses(5000, createRng(0)));
    const guide = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8');
    expect(guide).toContain(RECIPE);
    expect(guide).toContain('--impute mean --missing-indicator');
  });

  it('uses every row, fills the gaps and says so', async () => {
    const j = await ours();
    expect(j.n).toBe(5000);
    expect(j.warnings.filter((w) => w.startsWith('imputed ')).map((w) => w.split(':')[0])).toEqual(['imputed MSZoning', 'imputed LotFrontage', 'imputed GarageArea']);
    expect(j.terms.map((t) => t.name)).toContain('MSZoning[T.(missing)]');
    expect(j.terms.map((t) => t.name)).toContain('missing(LotFrontage)');
    // the guide's numbers: cells filled, and the rows a drop would have kept
    expect((j.imputed as { cells: number }[]).reduce((a, f) => a + f.cells, 0)).toBe(1193);
    let text = '';
    expect(await main(['fit', file, '--formula', RECIPE, '--json'], (s) => (text += s))).toBe(0);
    expect(JSON.parse(text).n).toBe(3861);
    expect(readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8')).toMatch(/would keep 3,861\), 1,193 cells are filled/);
  });

  describe.skipIf(referenceMissing)('agrees with pandas + statsmodels to 1e-9', () => {
    let ref: { names: string[]; params: number[]; bse: number[]; rsquared: number; nobs: number };
    beforeAll(() => {
      ref = runPython(
        `import json, sys
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
path, formula = json.load(sys.stdin)
df = pd.read_csv(path)
t = pd.to_datetime(df.SaleDate)
start = pd.to_datetime(t.dt.year.astype(str) + '-01-01')
end = pd.to_datetime((t.dt.year + 1).astype(str) + '-01-01')
df['SaleDate'] = t.dt.year + (t - start) / (end - start)
extra = []
for c in ['LotFrontage', 'GarageArea']:
    miss = df[c].isna()
    df['missing_' + c] = miss.astype(float)
    extra.append('missing_' + c)
    df[c] = df[c].fillna(df[c].mean())
df['MSZoning'] = pd.Categorical(df.MSZoning.fillna('(missing)'), categories=sorted(df.MSZoning.dropna().unique()) + ['(missing)'])
r = smf.ols(formula + ' + ' + ' + '.join(extra), df).fit()
print(json.dumps(dict(names=list(r.params.index), params=list(r.params), bse=list(r.bse), rsquared=r.rsquared, nobs=r.nobs)))`,
        [file, RECIPE],
      );
    });
    it('every coefficient and standard error, R² and n', async () => {
      const j = await ours();
      expect(j.terms.map((t) => t.name.replace(/^missing\((\w+)\)$/, 'missing_$1'))).toEqual(ref.names);
      j.terms.forEach((t, i) => {
        expect(Math.abs(t.estimate - ref.params[i]) / Math.abs(ref.params[i]), `${t.name}: ${t.estimate} vs ${ref.params[i]}`).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(t.stdError - ref.bse[i]) / ref.bse[i], `${t.name} std err`).toBeLessThanOrEqual(1e-9);
      });
      expect(Math.abs(j.rSquared - ref.rsquared)).toBeLessThanOrEqual(1e-12);
      expect(j.n).toBe(ref.nobs);
    });
  });
});
