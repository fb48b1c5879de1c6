import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv } from '../../src/core/csv-write';
import { readCsvTable } from '../../src/core/csv';
import { createRng } from '../../src/core/random';
import { syntheticData, housePrices, D2L_TRUE } from '../../src/core/synthetic';
import { fitLeastSquares } from '../../src/core/least-squares';
import { designSpec } from '../../src/core/design-matrix';

const examples = join(repoRoot, 'examples');

describe('examples/ (the workspace npm start opens)', () => {
  it('d2l-synthetic.csv is exactly what the core generates for seed 0', () => {
    const expected = formatCsv(syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1000, D2L_TRUE.noise, createRng(0)));
    expect(readFileSync(join(examples, 'd2l-synthetic.csv'), 'utf8')).toBe(expected);
  });

  it('house-prices.csv is exactly what the core generates for seed 0', () => {
    expect(readFileSync(join(examples, 'house-prices.csv'), 'utf8')).toBe(formatCsv(housePrices(500, createRng(0))));
  });

  it('longley.csv is the NIST data under its economic names, and fits to the certified coefficients', () => {
    const { table } = readCsvTable(readFileSync(join(examples, 'longley.csv')));
    expect(table.names).toEqual(['employed', 'gnp_deflator', 'gnp', 'unemployed', 'armed_forces', 'population', 'year']);
    const fit = fitLeastSquares(table, designSpec(table.names, { target: 'employed', features: table.names.slice(1) }));
    expect(fit.coefficients[0]).toBeCloseTo(-3482258.63459582, 6);
    expect(fit.coefficients[6]).toBeCloseTo(1829.15146461355, 9);
  });
});
