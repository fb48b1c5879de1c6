// Date columns through formulas against pandas + statsmodels: the decimal year (pandas'
// timestamps, the fraction of the year elapsed) and the calendar parts as numbers and categories.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { createRng } from '../../../src/core/random';
import { referenceMissing, runPython } from '../../shared/python';

const dir = mkdtempSync(join(tmpdir(), 'gauss-dates-sm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'sales.csv');
const FORMULAS = ['price ~ sold', 'price ~ C(year(sold)) + month(sold) + area', 'price ~ C(month(sold)) + year(sold)'];

beforeAll(() => {
  const rng = createRng(5);
  const lines = ['sold,area,price'];
  for (let i = 0; i < 300; i++) {
    const t = Date.UTC(2006, 0, 1) + Math.floor(rng.uniform() * 5 * 365) * 86_400_000;
    const area = Math.round(50 + rng.uniform() * 150);
    const price = 100 + 3 * (t - Date.UTC(2006, 0, 1)) / 3.15e10 + area * 1.7 + rng.normal() * 10;
    lines.push([new Date(t).toISOString().slice(0, 10), area, price.toFixed(4)].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
});

describe.skipIf(referenceMissing)('date columns agree with pandas timestamps + statsmodels to 1e-9', () => {
  let reference: { names: string[]; params: number[]; bse: number[] }[] = [];
  beforeAll(() => {
    reference = runPython(
      `import json, sys
import pandas as pd
import statsmodels.formula.api as smf
formulas, path = json.load(sys.stdin)
df = pd.read_csv(path)
t = pd.to_datetime(df.sold)
start = pd.to_datetime(t.dt.year.astype(str) + '-01-01')
end = pd.to_datetime((t.dt.year + 1).astype(str) + '-01-01')
df['sold'] = t.dt.year + (t - start) / (end - start)
def year(x): return x.astype(int)
def month(x): return t.dt.month  # the dates the decimal years came from
out = []
for f in formulas:
    r = smf.ols(f, df).fit()
    out.append(dict(names=list(r.params.index), params=list(r.params), bse=list(r.bse)))
print(json.dumps(out))`,
      [FORMULAS, file],
    );
  });
  FORMULAS.forEach((formula, k) => {
    it(formula, async () => {
      let text = '';
      expect(await main(['fit', file, '--formula', formula, '--json'], (s) => (text += s))).toBe(0);
      const j = JSON.parse(text);
      const ref = reference[k];
      expect(j.terms.map((t: { name: string }) => t.name)).toEqual(ref.names);
      j.terms.forEach((t: { name: string; estimate: number; stdError: number }, i: number) => {
        expect(Math.abs(t.estimate - ref.params[i]) / Math.abs(ref.params[i]), `${t.name}: ${t.estimate} vs ${ref.params[i]}`).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(t.stdError - ref.bse[i]) / ref.bse[i], `${t.name} std err`).toBeLessThanOrEqual(1e-9);
      });
      expect(j.warnings.join(' ')).toContain('column "sold" holds dates (YYYY-MM-DD), read as decimal years');
    });
  });
});
