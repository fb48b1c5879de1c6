// --impute against the reference recipe: pandas fills the gaps (mean, median, most frequent;
// a category's gaps as the level "(missing)", last; 0/1 indicators for the columns that had gaps), then
// statsmodels fits the formula. Every coefficient, standard error and statistic within 1e-9.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { IMPUTE_STRATEGIES } from '../../../src/core/impute';
import { createRng } from '../../../src/core/random';
import { referenceMissing, runPython } from '../../shared/python';
import { relativeError as rel } from '../../shared/numbers';

const dir = mkdtempSync(join(tmpdir(), 'gauss-impute-sm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'gaps.csv');

/** 400 rows: a category with gaps, a continuous and a small-integer feature with gaps, a target with a few. */
function gapsCsv(): string {
  const rng = createRng(13);
  const levels = ['apple', 'berry', 'cherry', 'date'];
  const lines = ['g,x1,x2,y'];
  for (let i = 0; i < 400; i++) {
    const g = Math.floor(rng.uniform() * 4);
    const x1 = Math.round(rng.normal() * 1000) / 100;
    const x2 = Math.floor(rng.uniform() * 10);
    const y = 3 + 2 * x1 - 0.5 * x2 + g * 1.5 + rng.normal();
    const gap = (p: number) => rng.uniform() < p;
    lines.push([gap(0.05) ? '' : levels[g], gap(0.1) ? '' : x1, gap(0.15) ? 'NA' : x2, gap(0.02) ? '' : y.toFixed(6)].join(','));
  }
  return lines.join('\n') + '\n';
}

const CASES = IMPUTE_STRATEGIES.flatMap((strategy) => [false, true].map((indicator) => ({ strategy, indicator })));

interface Reference {
  names: string[];
  params: number[];
  bse: number[];
  rsquared: number;
  fvalue: number;
  llf: number;
  nobs: number;
  df_model: number;
  fills: Record<string, number | string>;
}

let reference: Reference[] = [];
beforeAll(() => {
  writeFileSync(file, gapsCsv());
  if (referenceMissing) return;
  reference = runPython<Reference[]>(
    `import json, sys
import pandas as pd
import statsmodels.formula.api as smf
cases, path = json.load(sys.stdin)
out = []
for c in cases:
    df = pd.read_csv(path)
    df = df[df.y.notna()].copy()
    terms, fills = ['g', 'x1', 'x2'], {}
    for col in ['g', 'x1', 'x2']:
        miss = df[col].isna()
        if col == 'g' and c['strategy'] != 'most-frequent':
            # its own level, last (a pandas Categorical keeps this order in patsy)
            df[col] = pd.Categorical(df[col].fillna('(missing)'), categories=sorted(df[col].dropna().unique()) + ['(missing)'])
            fills[col] = '(missing)'
            continue
        v = df[col].mean() if c['strategy'] == 'mean' else df[col].median() if c['strategy'] == 'median' else sorted(df[col].mode())[0]
        fills[col] = v if isinstance(v, str) else float(v)
        if c['indicator'] and miss.any():
            df['missing_' + col] = miss.astype(float)
            terms.append('missing_' + col)
        df[col] = df[col].fillna(v)
    r = smf.ols('y ~ ' + ' + '.join(terms), df).fit()
    out.append(dict(names=list(r.params.index), params=list(r.params), bse=list(r.bse), rsquared=r.rsquared, fvalue=float(r.fvalue),
        llf=r.llf, nobs=r.nobs, df_model=r.df_model, fills=fills))
print(json.dumps(out))`,
    [CASES, file],
  );
});


describe.skipIf(referenceMissing)('gauss-lab fit --impute agrees with pandas fillna + statsmodels to 1e-9', () => {
  CASES.forEach((c, k) => {
    it(`--impute ${c.strategy}${c.indicator ? ' --missing-indicator' : ''}`, async () => {
      let text = '';
      const args = ['fit', file, '--formula', 'y ~ g + x1 + x2', '--impute', c.strategy, ...(c.indicator ? ['--missing-indicator'] : []), '--json'];
      expect(await main(args, (s) => (text += s))).toBe(0);
      const j = JSON.parse(text);
      const ref = reference[k];
      // indicators are named missing(x) here, missing_x in the reference's data frame
      expect(j.terms.map((t: { name: string }) => t.name.replace(/^missing\((\w+)\)$/, 'missing_$1'))).toEqual(ref.names);
      j.terms.forEach((t: { name: string; estimate: number; stdError: number }, i: number) => {
        expect(rel(t.estimate, ref.params[i]), `${t.name} estimate ${t.estimate} vs ${ref.params[i]}`).toBeLessThanOrEqual(1e-9);
        expect(rel(t.stdError, ref.bse[i]), `${t.name} std err`).toBeLessThanOrEqual(1e-9);
      });
      for (const [ours, theirs, what] of [[j.rSquared, ref.rsquared, 'R²'], [j.fStatistic, ref.fvalue, 'F'], [j.logLikelihood, ref.llf, 'log-likelihood']] as const) {
        expect(rel(ours, theirs), what).toBeLessThanOrEqual(1e-9);
      }
      expect([j.n, j.dfModel]).toEqual([ref.nobs, ref.df_model]);
      // the summary says every fill, with the reference's value
      for (const f of j.imputed as { column: string; value: number | string; cells: number }[]) {
        const want = ref.fills[f.column];
        if (typeof want === 'number') expect(rel(f.value as number, want), `${f.column}'s fill`).toBeLessThanOrEqual(1e-15);
        else expect(f.value).toBe(want);
        expect(f.cells).toBeGreaterThan(0);
      }
      expect(j.imputed.map((f: { column: string }) => f.column)).toEqual(['g', 'x1', 'x2']);
    });
  });
});
