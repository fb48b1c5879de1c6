import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { fitFormulaFile } from '../../../src/node/fit-file';

const dir = mkdtempSync(join(tmpdir(), 'gauss-formula-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const fitJson = async (path: string, formula: string) => {
  let text = '';
  expect(await main(['fit', path, '--formula', formula, '--json'], (s) => (text += s))).toBe(0);
  return JSON.parse(text);
};

describe('fit --formula on real files', () => {
  it('a text column in a formula is a category without C(); its coefficients are the differences of group means', async () => {
    const rows = ['y,g,x'];
    const means: Record<string, number> = { a: 1, b: 4, c: -2 };
    for (let i = 0; i < 60; i++) {
      const g = 'abc'[i % 3];
      rows.push(`${means[g] + ((i % 7) - 3) * 0.1},${g},${i}`);
    }
    const j = await fitJson(file('groups.csv', rows.join('\n') + '\n'), 'y ~ g');
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['Intercept', 'g[T.b]', 'g[T.c]']);
    const groupMean = (g: string) => {
      const ys = rows.slice(1).filter((r) => r.split(',')[1] === g).map((r) => Number(r.split(',')[0]));
      return ys.reduce((s, v) => s + v, 0) / ys.length;
    };
    expect(j.terms[0].estimate).toBeCloseTo(groupMean('a'), 12);
    expect(j.terms[1].estimate).toBeCloseTo(groupMean('b') - groupMean('a'), 12);
    expect(j.terms[2].estimate).toBeCloseTo(groupMean('c') - groupMean('a'), 12);
  });

  it('a category with levels in fewer than 10 rows says which, in the CLI and in its JSON warnings', async () => {
    // a, b: 30 rows each; c: 4 rows; C(k) over whole numbers: 7 has 1 row
    const rows = ['y,g,k'];
    for (let i = 0; i < 64; i++) rows.push(`${i % 5},${i < 30 ? 'a' : i < 60 ? 'b' : 'c'},${i === 0 ? 7 : i % 2}`);
    const j = await fitJson(file('rare.csv', rows.join('\n') + '\n'), 'y ~ g + C(k)');
    expect(j.warnings.filter((w: string) => /rare level/.test(w))).toEqual([
      'g has 1 rare level (fewer than 10 rows): "c" (4 rows); its coefficient rests on those rows alone (wide standard errors): group rare levels into one, or leave them out',
      'C(k) has 1 rare level (fewer than 10 rows): "7" (1 row); its coefficient rests on those rows alone (wide standard errors): group rare levels into one, or leave them out',
    ]);
  });

  it('--degree with several features (one of them text) is the formula of their powers, as the playground writes it', async () => {
    const rows = ['y,x1,x2,g'];
    for (let i = 0; i < 40; i++) rows.push(`${(i % 7) + 0.3 * (i % 5) ** 2 + (i % 2)},${i % 7},${i % 5},${'pq'[i % 2]}`);
    const path = file('degree.csv', rows.join('\n') + '\n');
    let text = '';
    expect(await main(['fit', path, '--target', 'y', '--features', 'x1,x2,g', '--degree', '2', '--json'], (s) => (text += s))).toBe(0);
    const viaDegree = JSON.parse(text);
    const viaFormula = await fitJson(path, 'y ~ x1 + I(x1 ** 2) + x2 + I(x2 ** 2) + g');
    expect(viaDegree.terms.map((t: { name: string }) => t.name)).toEqual(['Intercept', 'g[T.q]', 'x1', 'I(x1 ** 2)', 'x2', 'I(x2 ** 2)']);
    expect(viaDegree.terms).toEqual(viaFormula.terms);
  });

  it('the summary ends with the residual diagnostics; --no-diagnostics leaves them out (and their pass over the file)', async () => {
    const rows = ['y,x'];
    for (let i = 0; i < 30; i++) rows.push(`${2 * i + ((i * 7) % 5)},${i}`);
    const path = file('diag.csv', rows.join('\n') + '\n');
    for (const args of [['--formula', 'y ~ x'], ['--target', 'y']]) {
      const run = async (...extra: string[]) => {
        let text = '';
        expect(await main(['fit', path, ...args, ...extra], (s) => (text += s))).toBe(0);
        return text;
      };
      expect(await run()).toMatch(/Omnibus: +[\d.]+ +Durbin-Watson: +[\d.]+\nProb\(Omnibus\):/);
      expect(await run('--no-diagnostics')).not.toMatch(/Omnibus/);
      expect(Object.keys(JSON.parse(await run('--json')).diagnostics)).toEqual(['omnibus', 'omnibusPValue', 'skew', 'kurtosis', 'durbinWatson', 'jarqueBera', 'jarqueBeraPValue']);
      expect(JSON.parse(await run('--json', '--no-diagnostics')).diagnostics).toBeUndefined();
    }
  });

  it('only the formula\'s own columns drop a row (a gap in an unused column does not)', async () => {
    const text = 'y,x,unused\n1,1,\n2,2,5\n3,3,\n5,4,x\n4,,7\n';
    const j = await fitJson(file('gaps.csv', text), 'y ~ x');
    expect([j.n, j.rowsDropped]).toEqual([4, 1]);
  });

  it('a level first seen after the first block (row 70,000 of a streamed file) is a level like any other', async () => {
    const rows = ['y,g'];
    for (let i = 0; i < 70_000; i++) rows.push(`${i % 2 ? 1 : 3},${i < 69_990 ? (i % 2 ? 'a' : 'b') : 'late'}`);
    const { fit, design } = await fitFormulaFile(file('late.csv', rows.join('\n') + '\n'), 'y ~ g');
    expect(design.names).toEqual(['Intercept', 'g[T.b]', 'g[T.late]']);
    expect(fit.n).toBe(70_000);
    expect(fit.terms[1].estimate).toBeCloseTo(2, 12);
    expect(fit.terms[2].estimate).toBeCloseTo(1, 12); // the last ten rows: five 1s and five 3s, mean 2 = a's 1 + 1
  });

  it('a category with more than 2,000 values is refused as an id or free text', async () => {
    const rows = ['y,id', ...Array.from({ length: 2100 }, (_, i) => `${i},id${i}`)];
    await expect(fitFormulaFile(file('ids.csv', rows.join('\n') + '\n'), 'y ~ id')).rejects.toThrow(/more than 2,000 distinct values.*id or free text/);
  });

  it('bad formulas: the message points at the character, exit code 2, no stack', async () => {
    const path = file('small.csv', 'y,x,g\n1,2,a\n2,3,b\n3,5,a\n4,4,b\n');
    const errors: [string, RegExp][] = [
      ['y ~ x +', /expected a term after "\+"/],
      ['y ~ z', /no column named "z"/],
      ['y ~ np.log(g)', /column "g" holds text.*C\(g\)/],
      ['g ~ x', /the target "g" must be numeric/],
      ['y ~ eval(x)', /unknown function eval\(\)/],
      ["y ~ C(g, Treatment(reference='q'))", /the reference level "q" of C\(g, Treatment\(reference='q'\)\) is not in the data/],
    ];
    for (const [formula, message] of errors) await expect(main(['fit', path, '--formula', formula])).rejects.toThrow(message);
    await expect(main(['fit', path, '--formula', 'y ~ x', '--target', 'y'])).rejects.toThrow(/leave out --target/);
  });

  it('--target/--features build the obvious formula when a feature is text: it becomes a category', async () => {
    const path = file('mixed.csv', 'price,area,Neighborhood\n100,50,North\n150,70,South\n120,60,North\n200,90,East\n170,80,South\n130,55,East\n');
    let text = '';
    expect(await main(['fit', path, '--target', 'price', '--features', 'area,Neighborhood', '--json'], (s) => (text += s))).toBe(0);
    const j = JSON.parse(text);
    const viaFormula = await fitJson(path, 'price ~ area + Neighborhood');
    expect(j.terms).toEqual(viaFormula.terms);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['Intercept', 'Neighborhood[T.North]', 'Neighborhood[T.South]', 'area']);
  });

  it('a feature whose name has a comma is quoted as in CSV; a padded --target matches the trimmed header', async () => {
    const path = file('awkward.csv', ' y ,"Sale, Price",x\n1,2,3\n2,3,5\n4,4,4\n3,6,1\n5,5,2\n');
    let text = '';
    expect(await main(['fit', path, '--target', ' y ', '--features', '"Sale, Price", x', '--json'], (s) => (text += s))).toBe(0);
    expect(JSON.parse(text).terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'Sale, Price', 'x']);
  });

  it('--header yes|no|auto decides whether the first line is the header', async () => {
    const path = file('years.csv', 'country,1990,2000\nA,1.5,2.25\nB,2.5,3.5\nC,3.25,4.5\nD,4.5,6.25\n');
    const auto = await fitJson(path, 'Q(\'2000\') ~ Q(\'1990\')');
    expect(auto.n).toBe(4);
    // with --header no the first line is an observation (1990 over 2000): five rows
    let text = '';
    expect(await main(['fit', path, '--target', 'column3', '--features', 'column2', '--header', 'no', '--json'], (s) => (text += s))).toBe(0);
    expect(JSON.parse(text).n).toBe(5);
    await expect(main(['fit', path, '--target', 'x', '--header', 'maybe'])).rejects.toThrow(/--header must be "auto", "yes" or "no"/);
  });

  it('--impute fills gaps instead of dropping rows, says every fill, and takes --target/--features; its options are checked', async () => {
    const path = file('gappy.csv', 'zone,area,price\nA,50,100\nB,,160\n,70,150\nA,80,\nB,90,210\nA,60,118\n');
    let text = '';
    expect(await main(['fit', path, '--target', 'price', '--features', 'zone,area', '--impute', 'median', '--missing-indicator', '--json'], (s) => (text += s))).toBe(0);
    const j = JSON.parse(text);
    // the row without a price is dropped (a target is never filled in); the other two gaps are filled
    expect(j.n).toBe(5);
    expect(j.rowsDropped).toBe(1);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['Intercept', 'zone[T.B]', 'zone[T.(missing)]', 'area', 'missing(area)']);
    expect(j.imputed).toEqual([
      { column: 'zone', cells: 1, how: 'own level', value: '(missing)' },
      { column: 'area', cells: 1, how: 'median', value: 65, indicator: 'missing(area)' },
    ]);
    expect(j.warnings[0]).toBe('imputed zone: 1 missing cell is its own level, "(missing)"');
    // the same without --features: every numeric column but the target (the text column is left out)
    text = '';
    expect(await main(['fit', path, '--target', 'price', '--impute', 'mean'], (s) => (text += s))).toBe(0);
    expect(text).toMatch(/imputed area: 1 missing cell filled with its mean, 67\.5/);
    expect(text).toMatch(/No\. Observations:\s+5/);
    await expect(main(['fit', path, '--target', 'price', '--missing-indicator'])).rejects.toThrow(/--missing-indicator goes with --impute/);
    await expect(main(['fit', path, '--target', 'price', '--impute', 'mean', '--missing', 'drop'])).rejects.toThrow(/give one of them/);
    await expect(main(['fit', path, '--target', 'price', '--impute', 'zero'])).rejects.toThrow(/--impute must be mean, median or most-frequent, got "zero"/);
  });

  it('a default model leaves out an id column and says so; a few whole numbers used as amounts are pointed out', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},${[20, 30, 60, 90][i % 4]},${50 + ((i * 37) % 101)},${(100 + i * 2.5 + ((i * 13) % 7)).toFixed(2)}`);
    const path = file('ids.csv', ['Id,MSSubClass,area,price', ...rows].join('\n') + '\n');
    const j = await (async () => {
      let text = '';
      expect(await main(['fit', path, '--target', 'price', '--json'], (s) => (text += s))).toBe(0);
      return JSON.parse(text);
    })();
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'MSSubClass', 'area']);
    expect(j.warnings[0]).toBe('column "Id" was left out: every value is different and they count up by one (1, 2, 3, …): row numbers or ids, not a measurement; list it in --features to use it');
    expect(j.warnings[1]).toMatch(/^column "MSSubClass" has only 4 distinct whole numbers: it is used as an amount; .*C\(MSSubClass\)/);
    // named, an id is used (the user asked), and nothing is said about leaving it out
    let text = '';
    expect(await main(['fit', path, '--target', 'price', '--features', 'Id,area', '--json'], (s) => (text += s))).toBe(0);
    const named = JSON.parse(text);
    expect(named.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'Id', 'area']);
    expect(named.warnings.join(' ')).not.toMatch(/left out/);
  });

  it('sgd --formula trains the formula\'s design: the same run as --target/--features on plain columns, and near the closed form with categories', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const g = ['a', 'b', 'c'][i % 3];
      const x = ((i * 37) % 101) / 50 - 1;
      return `${g},${x},${(1 + 2 * x + (g === 'b' ? 0.5 : g === 'c' ? -0.5 : 0) + (((i * 53) % 17) - 8) / 100).toFixed(6)}`;
    });
    const path = file('sgd-formula.csv', ['g,x,y', ...rows].join('\n') + '\n');
    const run = async (...args: string[]) => {
      let text = '';
      await main(['sgd', path, '--json', '--epochs', '30', '--lr', '0.1', ...args], (s) => (text += s));
      return JSON.parse(text) as { terms: { name: string; estimate: number }[]; trainLoss: number[] };
    };
    const plain = await run('--target', 'y', '--features', 'x');
    const formula = await run('--formula', 'y ~ x');
    expect(formula.terms.map((t) => t.name)).toEqual(['Intercept', 'x']);
    expect(formula.terms.map((t) => t.estimate)).toEqual(plain.terms.map((t) => t.estimate));
    expect(formula.trainLoss).toEqual(plain.trainLoss);
    // with a category: the dummies are trained, and land near the least-squares solution
    const cat = await run('--formula', 'y ~ x + C(g)');
    const exact = await fitJson(path, 'y ~ x + C(g)');
    expect(cat.terms.map((t) => t.name)).toEqual(exact.terms.map((t: { name: string }) => t.name));
    cat.terms.forEach((t, k) => expect(Math.abs(t.estimate - exact.terms[k].estimate), t.name).toBeLessThan(0.02));
    // a text feature through --features builds the same formula
    const viaFeatures = await run('--target', 'y', '--features', 'x,g');
    expect(viaFeatures.terms.map((t) => t.name)).toEqual(['Intercept', 'g[T.b]', 'g[T.c]', 'x']);
    await expect(main(['sgd', path, '--formula', 'y ~ x', '--target', 'y'])).rejects.toThrow(/leave out --target/);
  });
});
