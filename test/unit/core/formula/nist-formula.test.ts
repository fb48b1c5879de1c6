// The certified accuracy holds through a formula: `I(x ** k)` of a column is a power term the
// solver evaluates exactly, so Filip's degree-10 polynomial written as a formula meets the
// same bars as --degree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitFormulaFile } from '../../../../src/node/fit-file';
import { nistDir } from '../../../shared/fixtures';

interface Certified {
  file: string;
  model: { intercept: boolean; degree?: number; predictors?: string[] };
  coefficients: string[];
  standardErrors: string[];
  residualStandardDeviation: string;
  rSquared: string;
}
const certified = JSON.parse(readFileSync(join(nistDir, 'certified.json'), 'utf8')) as Record<string, Certified>;

function formulaOf(c: Certified): string {
  const rhs = c.model.predictors ?? Array.from({ length: c.model.degree ?? 1 }, (_, k) => (k === 0 ? 'x' : `I(x ** ${k + 1})`));
  return `y ~ ${rhs.join(' + ')}${c.model.intercept ? '' : ' - 1'}`;
}

const lre = (x: number, c: number) => {
  const err = c === 0 ? Math.abs(x) : Math.abs(x - c) / Math.abs(c);
  return err === 0 ? 15 : Math.max(0, Math.min(15, -Math.log10(err)));
};

describe('NIST StRD through --formula', () => {
  for (const [name, cert] of Object.entries(certified)) {
    it(`${name}: ${formulaOf(cert)} — coefficients and standard errors to the certified values (LRE ≥ 12)`, async () => {
      const { fit, design } = await fitFormulaFile(join(nistDir, cert.file), formulaOf(cert));
      expect(design.names.length).toBe(cert.coefficients.length);
      fit.terms.forEach((t, j) => {
        expect(lre(t.estimate, Number(cert.coefficients[j])), `${t.name} estimate`).toBeGreaterThanOrEqual(12);
        expect(lre(t.stdError, Number(cert.standardErrors[j])), `${t.name} SE`).toBeGreaterThanOrEqual(12);
      });
      expect(lre(fit.residualStdDev, Number(cert.residualStandardDeviation))).toBeGreaterThanOrEqual(12);
      expect(lre(fit.rSquared, Number(cert.rSquared))).toBeGreaterThanOrEqual(12);
    });
  }
});
