// A model file is validated against its schema version: a hand-edited, truncated or hostile one
// gets one message naming the field, never a crash or a wrong prediction.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { ModelFileError } from '../../../src/core/saved-model';

const dir = mkdtempSync(join(tmpdir(), 'gauss-model-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const train = join(dir, 'train.csv');
const input = join(dir, 'new.csv');
const modelPath = join(dir, 'model.json');
let model: Record<string, unknown>;

beforeAll(async () => {
  const rows = ['y,x,g'];
  for (let i = 0; i < 40; i++) rows.push(`${(2 + 0.5 * i + (i % 3) + ((i * 7) % 5) * 0.1).toFixed(2)},${i},${['a', 'b', 'c'][i % 3]}`);
  writeFileSync(train, rows.join('\n') + '\n');
  writeFileSync(input, 'x,g\n3,b\n');
  expect(await main(['fit', train, '--formula', 'y ~ center(x) + C(g)', '--save-model', modelPath], () => {})).toBe(0);
  model = JSON.parse(readFileSync(modelPath, 'utf8'));
});

/** Predicting `input` with a model file of `text`: the error's message. */
async function failure(text: string): Promise<string> {
  const path = join(dir, `edited-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  try {
    await main(['predict', path, input], () => {});
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return (e as Error).message;
  }
  throw new Error('the edited model was accepted');
}

const edit = (f: (m: any) => void): string => {
  const m = structuredClone(model);
  f(m);
  return JSON.stringify(m);
};

describe('model files', () => {
  it('saves what predicting needs, and predicts with it', async () => {
    expect(model).toMatchObject({ format: 'gauss-lab-model', schemaVersion: 1, trainingFile: 'train.csv', formula: 'y ~ center(x) + C(g)', covType: 'nonrobust' });
    expect((model.design as { categories: unknown[] }).categories).toEqual([{ factor: 'C(g)', levels: ['a', 'b', 'c'], values: ['a', 'b', 'c'], reference: 0 }]);
    expect((model.design as { stats: { n: number; mean: number }[] }).stats[0]).toMatchObject({ n: 40, mean: 19.5 });
    let text = '';
    expect(await main(['predict', modelPath, input], (s) => (text += s))).toBe(0);
    expect(text).toMatch(/^x,g,prediction,note\n3,b,[0-9.]+,\n$/);
  });

  it('names the problem in a truncated, a foreign, an old or a hand-edited model', async () => {
    const text = readFileSync(modelPath, 'utf8');
    expect(await failure(text.slice(0, text.length / 2))).toMatch(/is not valid JSON .*truncated/);
    expect(await failure('[1, 2]')).toMatch(/is not a Gauss Lab model/);
    expect(await failure(edit((m) => (m.format = 'sklearn')))).toMatch(/\$\.format is "sklearn", expected "gauss-lab-model"/);
    expect(await failure(edit((m) => (m.schemaVersion = 7)))).toMatch(/schema version 7; this Gauss Lab reads version 1/);
    expect(await failure(edit((m) => (m.coefficients[1].estimate = 'NaN')))).toMatch(/\$\.coefficients\[1\]\.estimate is invalid/);
    expect(await failure(edit((m) => (m.coefficients[1].estimate = null)))).toMatch(/\$\.coefficients\[1\]\.estimate is invalid/);
    expect(await failure(edit((m) => m.coefficients.pop()))).toMatch(/\$\.covariance must be 3×3/);
    expect(await failure(edit((m) => (m.covariance[0][1] += 1)))).toMatch(/\$\.covariance is not symmetric at \[1\]\[0\]/);
    expect(await failure(edit((m) => (m.covariance[2][2] = -1)))).toMatch(/\$\.covariance\[2\]\[2\] is a variance/);
    expect(await failure(edit((m) => (m.coefficients[2].name = 'C(g)[T.z]')))).toMatch(/\$\.coefficients\[2\]\.name is "C\(g\)\[T\.z\]", but the formula's design names it "C\(g\)\[T\.c\]"/);
    expect(await failure(edit((m) => (m.formula = 'y ~ x + (')))).toMatch(/\$\.formula does not fit \$\.columns/);
    expect(await failure(edit((m) => (m.formula = 'y ~ center(x) + C(g) + x')))).toMatch(/\$\.coefficients has 4 entries, but the formula's design has 5 columns|\$\.covariance/);
    expect(await failure(edit((m) => (m.design.categories[0].reference = 5)))).toMatch(/\$\.design: the reference level of C\(g\) is not one of its 3 levels/);
    expect(await failure(edit((m) => (m.design.stats = [])))).toMatch(/\$\.design: the formula has 1 center\(\)\/standardize\(\) statistics, the model 0/);
    expect(await failure(edit((m) => (m.dfResidual = 0)))).toMatch(/\$\.dfResidual is invalid/);
    expect(await failure(edit((m) => (m.extra = 1)))).toMatch(/\$\.extra is invalid/);
    expect(await failure(text.replace('"format"', '"__proto__": {"polluted": 1}, "format"'))).toMatch(/\$\.__proto__ is invalid/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await failure(edit((m) => (m.coefficients = Array.from({ length: 3000 }, () => ({ name: 'x', estimate: 0 })))))).toMatch(/\$\.coefficients is invalid/);
  });

  it('never writes over a file without --force', async () => {
    writeFileSync(join(dir, 'keep.json'), 'mine');
    await expect(main(['fit', train, '--formula', 'y ~ x', '--save-model', join(dir, 'keep.json')], () => {})).rejects.toThrow(/keep\.json exists: choose another name, or add --force/);
    expect(readFileSync(join(dir, 'keep.json'), 'utf8')).toBe('mine');
    expect(await main(['fit', train, '--formula', 'y ~ x', '--save-model', join(dir, 'keep.json'), '--force'], () => {})).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'keep.json'), 'utf8')).formula).toBe('y ~ x');
  });
});

describe('a model with a date column', () => {
  it('reads new dates written as in training, as the same decimal years; another spelling is a note', async () => {
    const train = join(dir, 'dated.csv');
    const rows = ['day,x,y'];
    for (let i = 0; i < 60; i++) {
      const d = new Date(Date.UTC(2008, 0, 1 + i * 11));
      rows.push(`${d.toISOString().slice(0, 10)},${i % 7},${(10 + 0.03 * i + (i % 7) * 0.5 + ((i * 13) % 5) * 0.01).toFixed(3)}`);
    }
    writeFileSync(train, rows.join('\n') + '\n');
    const model = join(dir, 'dated-model.json');
    let text = '';
    expect(await main(['fit', train, '--formula', 'y ~ day + x', '--save-model', model, '--json'], (s) => (text += s))).toBe(0);
    const slope = JSON.parse(text).terms.find((t: { name: string }) => t.name === 'day').estimate;
    expect(JSON.parse(readFileSync(model, 'utf8')).columns.find((c: { name: string }) => c.name === 'day')).toEqual({ name: 'day', kind: 'numeric', date: 'iso' });
    const input = join(dir, 'dated-new.csv');
    writeFileSync(input, 'day,x\n2009-03-01,2\n2010-03-01,2\n03/01/2010,2\n');
    let out = '';
    expect(await main(['predict', model, input], (s) => (out += s))).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => l.split(','));
    const [a, b] = [Number(lines[1][2]), Number(lines[2][2])];
    // one year apart (2010 is not a leap year, 2009 neither: both March 1 are day 59 of 365)
    expect(Math.abs(b - a - slope) / Math.abs(slope)).toBeLessThan(1e-9);
    expect(lines[3].slice(2).join(',')).toBe(',"day = ""03/01/2010"" is not a date written as YYYY-MM-DD"');
  });
});
