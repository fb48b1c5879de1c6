// Formula fits at scale (issue 13, part 5): a level first seen in the last rows of a file large
// enough to be streamed (read twice, not held in memory) is fitted as statsmodels fits it, and a
// "category" with more distinct values than the limit (2,000) is refused with a message that
// names the column and the limit and says why (an id or free text), whichever way it is asked for.
// The 2 GB memory measurement is scripts/bench/formula-scale.mjs (BENCHMARKS.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { DataError } from '../../../src/core/data';
import { createRng } from '../../../src/core/random';
import { fitFormulaFile } from '../../../src/node/fit-file';
import { referenceMissing, runPython } from '../../shared/python';
import { relativeError as rel } from '../../shared/numbers';

// Counts the passes fitFormulaFile makes over the file: 1 when the file is kept in memory after
// its first read, 2 or more when it is streamed (read again).
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/node/table-file', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../src/node/table-file')>();
  return {
    ...mod,
    readTableFile: (...args: Parameters<typeof mod.readTableFile>) => {
      reads.count++;
      return mod.readTableFile(...args);
    },
  };
});
beforeEach(() => {
  reads.count = 0;
});

const dir = mkdtempSync(join(tmpdir(), 'gauss-formula-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const fitJson = async (...argv: string[]) => {
  let text = '';
  expect(await main([...argv, '--json'], (s) => (text += s))).toBe(0);
  return JSON.parse(text);
};

/**
 * Rows past fit-file's in-memory limit: the file is cached only while it holds at most
 * 2,000,000 parsed values (and 64 MiB); the model reads 4 columns (y, x1, x2, g), so
 * 600,000 rows (2.4 million values, ~17 MB) are streamed, and still fit in a couple of seconds.
 */
const ROWS = 600_000;
/** The level "z" appears only in the last LATE rows (every other one). */
const LATE = 600;
/** Column h looks like a 3-level category for the first rows of the file, then gets a new value in each of its last 2,100 rows. */
const H_NEW = 2_100;
const EFFECT: Record<string, number> = { a: 0, b: 0.5, c: -1, d: 1.5, z: 3 };

let big = '';
beforeAll(() => {
  const rng = createRng(5);
  const lines = ['y,x1,x2,g,h'];
  for (let i = 0; i < ROWS; i++) {
    const g = i >= ROWS - LATE && i % 2 === 1 ? 'z' : 'abcd'[i % 4];
    const x1 = Math.round((rng.uniform() * 4 - 2) * 1e4) / 1e4;
    const x2 = Math.round(rng.uniform() * 2 * 1e4) / 1e4;
    const y = (1 + 2 * x1 - 3 * x2 + EFFECT[g] + rng.normal(0, 0.3)).toFixed(6);
    const h = i >= ROWS - H_NEW ? `u${i}` : `k${i % 3}`;
    lines.push(`${y},${x1},${x2},${g},${h}`);
  }
  big = file('late-level.csv', lines.join('\n') + '\n');
});

describe('a level first seen late in a streamed file', () => {
  it('a small file is read once (kept in memory); the large one is read again: it takes the streaming path', async () => {
    const small = file('small.csv', 'y,x1,x2,g\n1,0,1,a\n2,1,0,b\n4,2,1,a\n3,3,3,b\n6,1,2,c\n5,2,0,c\n7,4,1,a\n');
    await fitFormulaFile(small, 'y ~ x1 + x2 + C(g)');
    expect(reads.count).toBe(1);
    reads.count = 0;
    await fitFormulaFile(big, 'y ~ x1 + x2 + C(g)');
    expect(reads.count).toBeGreaterThanOrEqual(2);
  });

  it('the late level "z" is a level like any other: named last, every row used, its effect recovered', async () => {
    const j = await fitJson('fit', big, '--formula', 'y ~ x1 + x2 + C(g)');
    expect(reads.count).toBeGreaterThanOrEqual(2);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['Intercept', 'C(g)[T.b]', 'C(g)[T.c]', 'C(g)[T.d]', 'C(g)[T.z]', 'x1', 'x2']);
    expect([j.n, j.rowsDropped, j.rank]).toEqual([ROWS, 0, 7]);
    const truth = [1, 0.5, -1, 1.5, 3, 2, -3];
    // within 5 standard errors of the truth (z has only LATE / 2 rows, so its error is the largest)
    j.terms.forEach((t: { name: string; estimate: number; stdError: number }, k: number) => {
      expect(Math.abs(t.estimate - truth[k]), `${t.name} ${t.estimate} (±${t.stdError}) vs ${truth[k]}`).toBeLessThan(5 * t.stdError);
    });
  });

  it.skipIf(referenceMissing)('agrees with pandas + statsmodels to 1e-9 (coefficients, standard errors, R², F, log-likelihood)', async () => {
    const ref = runPython<{ names: string[]; params: number[]; bse: number[]; rsquared: number; fvalue: number; llf: number; nobs: number }>(
      `import json, sys
import pandas as pd
import statsmodels.formula.api as smf
path = json.load(sys.stdin)
r = smf.ols('y ~ x1 + x2 + C(g)', pd.read_csv(path, usecols=['y', 'x1', 'x2', 'g'])).fit()
print(json.dumps(dict(names=list(r.params.index), params=list(r.params), bse=list(r.bse), rsquared=r.rsquared, fvalue=float(r.fvalue), llf=r.llf, nobs=r.nobs)))`,
      big,
    );
    const j = await fitJson('fit', big, '--formula', 'y ~ x1 + x2 + C(g)');
    expect(reads.count).toBeGreaterThanOrEqual(2);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(ref.names);
    expect(j.n).toBe(ref.nobs);
    j.terms.forEach((t: { name: string; estimate: number; stdError: number }, i: number) => {
      expect(rel(t.estimate, ref.params[i]), `${t.name} estimate ${t.estimate} vs ${ref.params[i]}`).toBeLessThanOrEqual(1e-9);
      expect(rel(t.stdError, ref.bse[i]), `${t.name} std err ${t.stdError} vs ${ref.bse[i]}`).toBeLessThanOrEqual(1e-9);
    });
    for (const [ours, theirs, what] of [[j.rSquared, ref.rsquared, 'R²'], [j.fStatistic, ref.fvalue, 'F'], [j.logLikelihood, ref.llf, 'log-likelihood']] as const) {
      expect(rel(ours, theirs), what).toBeLessThanOrEqual(1e-9);
    }
  });

  it('a column that looks like a category at the top but has more than 2,000 values by the end is refused at the row of the 2,001st', async () => {
    const err = await fitFormulaFile(big, 'y ~ x1 + C(h)').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataError);
    const e = err as DataError;
    expect(e.code).toBe('too-many-levels');
    expect(e.column).toBe('h');
    // k0, k1, k2, then u<i> from i = ROWS - H_NEW on: the 2,001st distinct value is the 1,998th new one (data row i is file row i + 2)
    const i = ROWS - H_NEW + 1997;
    expect(e.value).toBe(`u${i}`);
    expect(e.row).toBe(i + 2);
    expect(e.message).toMatch(/column "h" has more than 2,000 distinct values .*it looks like an id or free text, not a category/);
  });
});

describe('more than 2,000 distinct values in a category is refused: an id or free text', () => {
  /** 2,100 rows, each with its own id: more than the 2,000 levels a category may have. */
  let ids = '';
  beforeAll(() => {
    ids = file('ids.csv', ['y,x,id', ...Array.from({ length: 2100 }, (_, i) => `${(i % 13) * 0.5 + i * 0.01},${i % 7},id${i}`)].join('\n') + '\n');
  });
  const refusal = async (argv: string[]): Promise<DataError> => {
    const err = await main(argv, () => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err, argv.join(' ')).toBeInstanceOf(DataError);
    return err as DataError;
  };
  const cases: [string, string[]][] = [
    ['fit --formula with C(id)', ['fit', '--formula', 'y ~ x + C(id)']],
    ['fit --formula with the text column bare', ['fit', '--formula', 'y ~ x + id']],
    ['fit --target/--features naming it', ['fit', '--target', 'y', '--features', 'x,id']],
    ['fit --formula --impute', ['fit', '--formula', 'y ~ x + id', '--impute', 'most-frequent']],
    ['sgd --target/--features naming it', ['sgd', '--target', 'y', '--features', 'x,id', '--epochs', '1']],
  ];
  for (const [what, [command, ...rest]] of cases) {
    it(what, async () => {
      const e = await refusal([command, ids, ...rest, '--json']);
      expect(e.code).toBe('too-many-levels');
      expect(e.column).toBe('id');
      // the column, the limit, the row and value past it, and why
      expect(e.message).toBe('ids.csv: column "id" has more than 2,000 distinct values (row 2,002 has a new one, "id2000"): it looks like an id or free text, not a category');
      expect(e.hint).toMatch(/leave it out of the model, or group its values into fewer categories/);
    });
  }

  it('a default model (no --features) leaves the id column out, saying why, instead of refusing', async () => {
    const j = await fitJson('fit', ids, '--target', 'y');
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'x']);
    expect(j.warnings.join('\n')).toMatch(/column "id" was left out: it is text and every value is different .*names or ids, not a category/);
  });
});
