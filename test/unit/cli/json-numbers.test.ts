// The CLI's JSON tells an infinite number from an undefined one: ±∞ and NaN are the strings
// "Infinity", "-Infinity" and "NaN" (JSON has no such numbers); null means "not estimated".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, main } from '../../../src/cli/main';

const dir = mkdtempSync(join(tmpdir(), 'gauss-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fitJson(csv: string, ...args: string[]) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  let text = '';
  expect(await main(['fit', file, ...args, '--json'], (s) => (text += s))).toBe(0);
  return { text, j: JSON.parse(text) };
}

describe('non-finite numbers in --json', () => {
  it('an exact fit: F and the likelihood are "Infinity", AIC and BIC "-Infinity", the F p-value 0', async () => {
    const { j } = await fitJson('x,y\n1,3\n2,5\n3,7\n4,9\n', '--target', 'y');
    expect(j.fStatistic).toBe('Infinity');
    expect(j.logLikelihood).toBe('Infinity');
    expect([j.aic, j.bic]).toEqual(['-Infinity', '-Infinity']);
    expect(j.fPValue).toBe(0);
    expect(Number(j.fStatistic)).toBe(Infinity);
  });

  it('no residual degrees of freedom: σ̂, the standard errors and adjusted R² are "NaN"', async () => {
    const { j } = await fitJson('x,y\n1,3\n2,5.5\n', '--target', 'y');
    expect(j.residualStdDev).toBe('NaN');
    expect(j.adjRSquared).toBe('NaN');
    expect(j.terms[1].stdError).toBe('NaN');
    expect(Number.isNaN(Number(j.terms[1].stdError))).toBe(true);
  });

  it('a dropped (collinear) term is null: not estimated', async () => {
    const { j } = await fitJson('a,b,y\n1,2,3\n2,4,5.1\n3,6,6.9\n4,8,9.2\n', '--target', 'y');
    const b = j.terms.find((t: { name: string }) => t.name === 'b');
    expect(b).toMatchObject({ estimate: null, stdError: null, dropped: true });
  });

  it('json() writes each kind so they can be told apart', () => {
    expect(JSON.parse(json({ a: Infinity, b: -Infinity, c: NaN, d: null, e: 1.5 }))).toEqual({ a: 'Infinity', b: '-Infinity', c: 'NaN', d: null, e: 1.5 });
  });
});
