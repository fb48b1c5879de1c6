// gauss-lab fit --save-model, then gauss-lab predict on new rows, against statsmodels'
// get_prediction(new).summary_frame(alpha): every prediction and both intervals within 1e-9.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { splitCsv } from '../../../src/core/csv';
import { EXACT_INVERSE_PY, referenceMissing, runPython } from '../../shared/python';

const dir = mkdtempSync(join(tmpdir(), 'gauss-predict-sm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each case: how to fit (args after the file), the formula statsmodels fits, the covariance, the interval level. */
const CASES: { dataset: 'grunfeld' | 'fair'; args: string[]; formula: string; cov: string; level: number; exact?: [string, number][] }[] = [
  { dataset: 'grunfeld', args: ['--formula', 'invest ~ value + np.log(capital) + C(firm)'], formula: 'invest ~ value + np.log(capital) + C(firm)', cov: 'nonrobust', level: 0.95 },
  { dataset: 'grunfeld', args: ['--formula', 'invest ~ center(value) * standardize(capital)'], formula: 'invest ~ center(value) * standardize(capital)', cov: 'nonrobust', level: 0.9 },
  // a raw cubic (condition number ~1e11): statsmodels' predictions are off by up to 5e-9 relative
  // (row 1: 3.453405966789557, exact 3.4534059490809192, ours 3.4534059490809175), so this case is
  // compared with exact rational arithmetic from the CSV's decimals, and with statsmodels loosely
  {
    dataset: 'grunfeld',
    args: ['--target', 'invest', '--features', 'value', '--degree', '3'],
    formula: 'invest ~ value + I(value ** 2) + I(value ** 3)',
    cov: 'nonrobust',
    level: 0.99,
    exact: [['value', 1], ['value', 2], ['value', 3]],
  },
  { dataset: 'fair', args: ['--formula', 'affairs ~ rate_marriage + age + C(religious) + educ'], formula: 'affairs ~ rate_marriage + age + C(religious) + educ', cov: 'HC3', level: 0.95 },
  { dataset: 'grunfeld', args: ['--formula', 'np.log(invest) ~ np.log(value) + C(year) - 1'], formula: 'np.log(invest) ~ np.log(value) + C(year) - 1', cov: 'HC1', level: 0.8 },
];

interface Frame {
  /** Exact rational prediction and √(x₀ᵀ(XᵀX)⁻¹x₀·σ̂²), σ̂ and the t quantile (cases marked exact). */
  exact?: { mean: number[]; se: number[]; sigma: number; t: number };
  mean: number[];
  mean_ci_lower: number[];
  mean_ci_upper: number[];
  obs_ci_lower: number[];
  obs_ci_upper: number[];
}

let frames: Frame[] = [];
beforeAll(() => {
  if (referenceMissing) return;
  frames = runPython<Frame[]>(
    `import json, sys
import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
import csv
${EXACT_INVERSE_PY}
from scipy import stats
cases, out_dir = json.load(sys.stdin)

def exact(base, target, terms, df_resid, level):
    def design(rows):
        return [[F(1)] + [F(r[c]) ** k for c, k in terms] for r in rows]
    rows = list(csv.DictReader(open(base + '.csv')))
    X, y = design(rows), [F(r[target]) for r in rows]
    k = len(X[0])
    B = exact_inverse([[sum(x[a] * x[b] for x in X) for b in range(k)] for a in range(k)])
    Xty = [sum(x[a] * v for x, v in zip(X, y)) for a in range(k)]
    beta = [sum(B[a][b] * Xty[b] for b in range(k)) for a in range(k)]
    rss = sum((v - sum(b * xx for b, xx in zip(beta, x))) ** 2 for x, v in zip(X, y))
    s2 = rss / df_resid
    new = design(list(csv.DictReader(open(base + '-new.csv'))))
    mean = [float(sum(b * xx for b, xx in zip(beta, x))) for x in new]
    se = [float(s2 * sum(x[a] * B[a][b] * x[b] for a in range(k) for b in range(k))) ** 0.5 for x in new]
    return dict(mean=mean, se=se, sigma=float(s2) ** 0.5, t=float(stats.t.ppf(0.5 + level / 2, df_resid)))

for name in ('grunfeld', 'fair'):
    df = getattr(sm.datasets, name).load_pandas().data
    df.to_csv(out_dir + '/' + name + '.csv', index=False)
    # new rows: every 7th row, values moved (still in the model's levels), in another order
    new = df.iloc[::7].iloc[::-1].copy()
    for c in new.columns:
        if c in ('value', 'capital', 'age', 'educ'):
            new[c] = new[c] * 1.05 + 1
    new.to_csv(out_dir + '/' + name + '-new.csv', index=False)
out = []
for c in cases:
    df = pd.read_csv(out_dir + '/' + c['dataset'] + '.csv')
    new = pd.read_csv(out_dir + '/' + c['dataset'] + '-new.csv')
    r = smf.ols(c['formula'], df).fit(cov_type=c['cov'], use_t=True)
    f = r.get_prediction(new).summary_frame(alpha=1 - c['level'])
    frame = {k: [float(x) for x in f[k]] for k in ('mean', 'mean_ci_lower', 'mean_ci_upper', 'obs_ci_lower', 'obs_ci_upper')}
    if c.get('exact'):
        frame['exact'] = exact(out_dir + '/' + c['dataset'], c['formula'].split(' ~ ')[0], c['exact'], r.df_resid, c['level'])
    out.append(frame)
print(json.dumps(out))`,
    [CASES, dir],
  );
});


async function run(args: string[]): Promise<string> {
  let text = '';
  expect(await main(args, (s) => (text += s))).toBe(0);
  return text;
}

/** The output CSV's rows as objects of text. */
function rowsOf(text: string): Record<string, string>[] {
  const [head, ...rows] = splitCsv(text, ',');
  return rows.map((r) => Object.fromEntries(head.map((h, j) => [h, r[j]])));
}

describe.skipIf(referenceMissing)('gauss-lab predict agrees with statsmodels get_prediction(new).summary_frame(alpha) to 1e-9', () => {
  CASES.forEach((c, k) => {
    it(`${c.dataset}: ${c.formula} (${c.cov}, level ${c.level})`, async () => {
      const model = join(dir, `model-${k}.json`);
      await run(['fit', join(dir, `${c.dataset}.csv`), ...c.args, '--cov', c.cov, '--save-model', model]);
      const ref = frames[k];
      for (const interval of ['confidence', 'prediction'] as const) {
        const rows = rowsOf(await run(['predict', model, join(dir, `${c.dataset}-new.csv`), '--interval', interval, '--level', String(c.level)]));
        expect(rows.length).toBe(ref.mean.length);
        const tol = ref.exact ? 1e-7 : 1e-9;
        rows.forEach((r, i) => {
          expect(r.note, `row ${i + 1}`).toBe('');
          // a bound near 0 is a difference of ŷ and t·se: measured against their size
          const scale = Math.abs(ref.mean[i]);
          const close = (a: string, b: number, what: string, within = tol) =>
            expect(Math.abs(Number(a) - b) / Math.max(Math.abs(b), scale), `row ${i + 1} ${what} ${a} vs ${b}`).toBeLessThanOrEqual(within);
          close(r.prediction, ref.mean[i], 'prediction');
          const [lo, hi] = interval === 'confidence' ? [ref.mean_ci_lower[i], ref.mean_ci_upper[i]] : [ref.obs_ci_lower[i], ref.obs_ci_upper[i]];
          close(r.lower, lo, `${interval} lower`);
          close(r.upper, hi, `${interval} upper`);
          if (ref.exact) {
            const e = ref.exact;
            close(r.prediction, e.mean[i], 'prediction vs exact', 1e-13);
            const half = e.t * (interval === 'confidence' ? e.se[i] : Math.sqrt(e.se[i] ** 2 + e.sigma ** 2));
            close(r.lower, e.mean[i] - half, `${interval} lower vs exact`, 1e-10);
            close(r.upper, e.mean[i] + half, `${interval} upper vs exact`, 1e-10);
          }
        });
      }
    });
  });

  it('keeps every row in order, with the input cells as written, and a note where it cannot predict', async () => {
    const model = join(dir, 'model-notes.json');
    await run(['fit', join(dir, 'grunfeld.csv'), '--formula', 'invest ~ np.log(value) + C(firm)', '--save-model', model]);
    const input = join(dir, 'odd.csv');
    writeFileSync(
      input,
      ['firm,value,extra', 'General Motors,100,"a, b"', 'Nowhere Inc,100,x', 'IBM,,y', 'IBM,abc,z', 'IBM,-5,w', 'IBM, 2.5e3 ,v', 'US Steel,1,2,3'].join('\n') + '\n',
    );
    const out = join(dir, 'odd-out.csv');
    const summary = await run(['predict', model, input, '--out', out]);
    expect(summary).toMatch(/wrote 7 rows to .*odd-out\.csv: 2 predicted, 5 with a note instead \(first: data row 2: firm = "Nowhere Inc" is a level the model never saw/);
    const rows = rowsOf(readFileSync(out, 'utf8'));
    expect(rows.map((r) => r.firm)).toEqual(['General Motors', 'Nowhere Inc', 'IBM', 'IBM', 'IBM', 'IBM', 'US Steel']);
    expect(rows[0].extra).toBe('a, b');
    expect(Number(rows[0].prediction)).toBeGreaterThan(-1e6);
    expect(rows[1].prediction).toBe('');
    expect(rows[2].note).toBe('value is missing');
    expect(rows[3].note).toBe('value = "abc" is not a number');
    expect(rows[4].note).toMatch(/np\.log\(value\) is not a number/);
    // " 2.5e3 " reads as 2500, as the training file's reader would
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, 'firm,value\nIBM,2500\n');
    expect(rowsOf(await run(['predict', model, clean]))[0].prediction).toBe(rows[5].prediction);
    expect(rows[6].note).toBe('the row has 4 fields, but the header has 3');
    // never over an existing file without --force
    await expect(main(['predict', model, input, '--out', out], () => {})).rejects.toThrow(/odd-out\.csv exists: choose another name, or add --force/);
  });
});
