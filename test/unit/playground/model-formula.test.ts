import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import type { DesignChoice } from '../../../src/core/choices';
import { readTableFileTable, inspectTableFile } from '../../../src/node/table-file';
import { defaultDesign, isDesignValidFor, kindLookup, loadedFromFile, numericNames, playgroundColumns, PLAYGROUND_READ, readDroppingRunawayCategories } from '../../../src/playground/dataset';
import { computeFit } from '../../../src/playground/fit-view';
import { designFormula, pickersOfFormula, usesFormula, writesAsCode } from '../../../src/playground/model-formula';
import { formulaPredictionsCsv } from '../../../src/playground/predictions-csv';
import { TrainingSession } from '../../../src/playground/training-session';
import { StepDecimator } from '../../../src/playground/step-decimator';
import { DEFAULT_SGD_PARAMS } from '../../../src/core/choices';

const kinds: Record<string, 'numeric' | 'text'> = { y: 'numeric', x: 'numeric', 'Sale Price': 'numeric', cls: 'numeric', zone: 'text' };
const kindOf = (n: string) => kinds[n];
const base: DesignChoice = { target: 'y', features: ['x'], degree: 1, intercept: true, standardize: false, validationFraction: 0 };

describe('pickers and formula, both ways', () => {
  it('the pickers say a formula: text columns as they are, numeric categories in C(), powers for every numeric feature', () => {
    expect(designFormula(base, kindOf)).toBe('y ~ x');
    expect(designFormula({ ...base, features: ['x', 'zone', 'cls'], categorical: ['cls'], degree: 3, intercept: false }, kindOf)).toBe(
      'y ~ x + I(x ** 2) + I(x ** 3) + zone + C(cls) - 1',
    );
    expect(designFormula({ ...base, target: 'Sale Price', features: [] }, kindOf)).toBe("Q('Sale Price') ~ 1");
    expect(designFormula({ ...base, formula: '  np.log(y) ~ x ' }, kindOf)).toBe('np.log(y) ~ x');
  });

  it('a formula the pickers can say gives them back; one they cannot is left to decide', () => {
    for (const d of [base, { ...base, features: ['x', 'zone', 'cls'], categorical: ['cls'], degree: 3, intercept: false }, { ...base, features: [] }]) {
      expect(pickersOfFormula(designFormula(d, kindOf), kindOf)).toEqual({ target: d.target, features: d.features, categorical: d.categorical ?? [], degree: d.degree, intercept: d.intercept });
    }
    for (const f of ['np.log(y) ~ x', 'y ~ x:zone', 'y ~ x + I(x ** 3)', 'y ~ center(x)', 'y ~ nope', 'y ~ ', 'zone ~ x']) expect(pickersOfFormula(f, kindOf), f).toBeUndefined();
  });

  it('only categories, a formula or filled gaps make a formula fit; Copy Model as Code only writes the plain ones', () => {
    expect(usesFormula(base, kindOf)).toBe(false);
    expect(usesFormula({ ...base, features: ['zone'] }, kindOf)).toBe(true);
    expect(usesFormula({ ...base, categorical: ['cls'] }, kindOf)).toBe(true);
    expect(usesFormula({ ...base, impute: 'mean' }, kindOf)).toBe(true);
    expect(usesFormula({ ...base, impute: 'none', formula: ' ' }, kindOf)).toBe(false);
    expect(writesAsCode(base, ['(intercept)', 'x'])).toBe(true);
    expect(writesAsCode({ ...base, features: ['zone'] }, ['Intercept', 'zone[T.b]', 'zone[T.c]'])).toBe(false);
    expect(writesAsCode({ ...base, formula: 'y ~ x' }, ['Intercept', 'x'])).toBe(false);
  });
});

describe('the playground fits formulas as gauss-lab fit --formula does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gauss-pg-formula-'));
  const rows = Array.from({ length: 60 }, (_, i) => {
    const zone = i % 7 === 3 ? '' : ['north', 'south', 'east'][i % 3];
    const area = i % 11 === 5 ? '' : String(40 + ((i * 37) % 90));
    return `${i + 1},${zone},${area},${[20, 30, 60][i % 3]},${(100 + 2 * (40 + ((i * 37) % 90)) + (i % 3) * 15 + ((i * 13) % 9)).toFixed(1)}`;
  });
  const file = join(dir, 'houses.csv');
  writeFileSync(file, ['Id,zone,area,cls,price', ...rows].join('\n') + '\n');

  async function load() {
    const { columns, text } = playgroundColumns(await inspectTableFile(file, { fileName: 'houses.csv' }));
    const { table, summary, rowNumbers } = await readTableFileTable(file, { fileName: 'houses.csv', ...PLAYGROUND_READ, columns, text });
    return loadedFromFile('houses.csv', table, summary, rowNumbers);
  }
  async function cli(...args: string[]) {
    let out = '';
    expect(await main(['fit', file, '--json', ...args], (s) => (out += s))).toBe(0);
    return JSON.parse(out) as { terms: { name: string; estimate: number; vif?: number | null }[]; n: number; diagnostics: Record<string, number>; warnings: string[] };
  }

  it('loads text categories with their level counts, leaves the id out of the default design', async () => {
    const data = await load();
    expect(data.columns.find((c) => c.name === 'zone')).toMatchObject({ numeric: false, levels: 3 });
    expect(data.columns.find((c) => c.name === 'Id')?.id).toMatch(/count up by one/);
    expect(data.columns.find((c) => c.name === 'cls')?.integerLevels).toBe(3);
    expect(numericNames(data)).toEqual(['Id', 'area', 'cls', 'price']);
    const d = defaultDesign(numericNames(data), null, { exclude: ['Id'] });
    expect(d).toMatchObject({ target: 'price', features: ['area', 'cls'] });
    expect(isDesignValidFor(data, { ...d, features: ['area', 'zone'] })).toBe(true);
    expect(isDesignValidFor(data, { ...d, formula: 'price ~ nope' })).toBe(false);
  });

  for (const [what, over, args] of [
    ['a text feature', { features: ['area', 'zone'] }, ['--formula', 'price ~ area + zone']],
    ['a numeric category', { features: ['area', 'cls'], categorical: ['cls'] }, ['--formula', 'price ~ area + C(cls)']],
    ['a written formula', { formula: 'np.log(price) ~ standardize(area) * zone' }, ['--formula', 'np.log(price) ~ standardize(area) * zone']],
    ['filled gaps', { features: ['area', 'zone'], impute: 'median', missingIndicator: true }, ['--formula', 'price ~ area + zone', '--impute', 'median', '--missing-indicator']],
  ] as const) {
    it(`${what}: the same coefficients, bit for bit, and the same rows`, async () => {
      const data = await load();
      const design: DesignChoice = { ...base, target: 'price', ...({ features: [] } as Partial<DesignChoice>), ...over };
      const fit = await computeFit(data.table, design, { maxPlotPoints: 100, seed: 0, kinds: data.kinds, levels: data.levels, rowNumbers: data.rowNumbers });
      const ref = await cli(...args);
      expect(fit.payload.termNames).toEqual(ref.terms.map((t) => t.name));
      expect(Array.from(fit.result.coefficients)).toEqual(ref.terms.map((t) => t.estimate));
      expect(fit.result.n).toBe(ref.n);
      // the residual diagnostics too (same residuals, in the same order)
      expect(fit.payload.diagnostics).toEqual(ref.diagnostics);
      expect(fit.payload.summary.terms.map((t) => t.vif)).toEqual(ref.terms.map((t) => t.vif));
      expect(fit.payload.summary.terms.slice(1).every((t) => typeof t.vif === 'number')).toBe(true);
      // SGD trains the same design columns
      const session = new TrainingSession(fit, { ...DEFAULT_SGD_PARAMS, epochs: 1 });
      session.advance(10_000, new StepDecimator());
      expect(session.theta()).toHaveLength(ref.terms.length);
      // predictions: a line per row used, with its row in the file
      const csv = formulaPredictionsCsv(fit.formula!.fitted, fit.formula!.rowNumbers, fit.spec.targetName, fit.result.predict);
      const lines = [...csv.rows()];
      expect(lines).toHaveLength(ref.n);
      expect(Number(lines[0].split(',')[0])).toBe(2); // the first data row is line 2
    });
  }

  it('says which rows a formula left out, by their row in the file', async () => {
    const data = await load();
    const fit = await computeFit(data.table, { ...base, target: 'price', features: ['area', 'zone'] }, { maxPlotPoints: 100, seed: 0, kinds: data.kinds, levels: data.levels, rowNumbers: data.rowNumbers });
    expect(fit.result.warnings[0]).toMatch(/^\d+ rows were dropped for missing values in the model's columns \(first: row 5, column "zone"\)$/);
    expect(kindLookup(data)('zone')).toBe('text');
  });
});

describe('a text column that looks like a category at the top but has thousands of values', () => {
  it('is left out with a note, and the rest of the file loads (the panel never fails on a column it does not need)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauss-pg-streets-'));
    const file = join(dir, 'streets.csv');
    // each street twice in a row: the head sees repeats (a category), the whole file 3,000 values
    writeFileSync(file, ['y,x,zone,street', ...Array.from({ length: 6000 }, (_, i) => `${(i % 13) + 0.5 * (i % 7)},${i % 7},${'abc'[i % 3]},s${Math.floor(i / 2)}`)].join('\n') + '\n');
    const start = playgroundColumns(await inspectTableFile(file, { fileName: 'streets.csv' }));
    expect(start.text).toEqual(['zone', 'street']);
    const reads: string[][] = [];
    const { result, columns, text, notes } = await readDroppingRunawayCategories(start, (columns, text) => {
      reads.push([...columns]);
      return readTableFileTable(file, { fileName: 'streets.csv', ...PLAYGROUND_READ, columns: [...columns], text: [...text] });
    });
    expect(reads).toEqual([['y', 'x', 'zone', 'street'], ['y', 'x', 'zone']]);
    expect([columns, text]).toEqual([['y', 'x', 'zone'], ['zone']]);
    expect(notes).toEqual(['column "street" is not offered as a category: column "street" has more than 2,000 distinct values (row 4,002 has a new one, "s2000"): it looks like an id or free text, not a category']);
    const data = loadedFromFile('streets.csv', result.table, result.summary, result.rowNumbers);
    expect(data.table.rowCount).toBe(6000);
    expect(data.columns.find((c) => c.name === 'zone')).toMatchObject({ levels: 3 });
    expect(data.columns.find((c) => c.name === 'street')).toMatchObject({ numeric: false });
    expect(data.columns.find((c) => c.name === 'street')?.levels).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });

  it('any other error is the error', async () => {
    const boom = new Error('disk on fire');
    await expect(readDroppingRunawayCategories({ columns: ['y'], text: [] }, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

