import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../../src/core/formula/parse';
import { modelTerms } from '../../../../src/core/formula/terms';
import { FormulaError } from '../../../../src/core/formula/tokens';
import { referenceMissing, runPython } from '../../../shared/python';

const names = (f: string) => {
  const m = modelTerms(parseFormula(f));
  const n = (t: { factors: readonly { name: string }[] }) => (t.factors.length ? t.factors.map((x) => x.name).join(':') : 'Intercept');
  return { lhs: m.lhs.map(n), rhs: m.rhs.map(n) };
};

const FORMULAS = [
  'y ~ x1 + x2',
  'y ~ x1 + x2 - 1',
  'y ~ 0 + x1',
  'y ~ x1 + 0',
  'y ~ -1 + x1 + 1',
  'y ~ a * b',
  'y ~ a:b + a',
  'y ~ a / b',
  'y ~ (a + b + c) ** 2',
  'y ~ (a + b) * c - a:c',
  'y ~ C(g) + x',
  "y ~ C(g, Treatment(reference='b')) + x",
  'y ~ C(g,Treatment("b"))',
  'y ~ I(x**2) + I(x^3) + I((x - 1) / 2)',
  'y ~ np.log(x) + np.exp(x) + np.sqrt(x)',
  'np.log(y) ~ x',
  "y ~ Q('Sale Price') + x",
  'y ~ center(x) + standardize(x)',
  'y ~ 1',
  'y ~ x + x',
  'y ~ I(-x) + I(2*x)',
];

describe('formula terms, as patsy reads them', () => {
  it.skipIf(referenceMissing)('the same terms, factors and names as patsy for every formula', () => {
    const expected = runPython<{ lhs: string[]; rhs: string[] }[]>(
      `import json, sys
from patsy import ModelDesc
out = []
for f in json.load(sys.stdin):
    d = ModelDesc.from_formula(f)
    out.append({"lhs": [t.name() for t in d.lhs_termlist], "rhs": [t.name() for t in d.rhs_termlist]})
print(json.dumps(out))`,
      FORMULAS,
    );
    FORMULAS.forEach((f, i) => expect(names(f), f).toEqual(expected[i]));
  });

  it('`a * b` is a + b + a:b; `(a + b) ** 2` has every pair; `-` removes; the intercept first', () => {
    expect(names('y ~ a * b').rhs).toEqual(['Intercept', 'a', 'b', 'a:b']);
    expect(names('y ~ (a + b + c) ** 2').rhs).toEqual(['Intercept', 'a', 'b', 'c', 'a:b', 'a:c', 'b:c']);
    expect(names('y ~ x - 1').rhs).toEqual(['x']);
    expect(names('y ~ x1 + x2 - x1').rhs).toEqual(['Intercept', 'x2']);
    expect(names('y ~ b:a + a:b').rhs).toEqual(['Intercept', 'b:a']);
  });

  it('backtick names (R) and Q() (patsy) name awkward columns', () => {
    expect(names('`Sale Price` ~ `Lot Area` + x').lhs).toEqual(['`Sale Price`']);
  });

  it('a syntax error points at the character, with what was expected', () => {
    const err = (f: string) => {
      try {
        modelTerms(parseFormula(f));
      } catch (e) {
        if (e instanceof FormulaError) return { at: e.at, message: e.message };
        throw e;
      }
      throw new Error(`no error for ${f}`);
    };
    expect(err('y ~ x1 +')).toMatchObject({ at: 8, message: 'expected a term after "+"' }); // where the term is missing
    expect(err('y x1')).toMatchObject({ at: 2 });
    expect(err('y ~ (x1 + x2')).toMatchObject({ at: 12, message: expect.stringMatching(/expected an operator or "\)"/) });
    expect(err('y ~ x1 $ x2')).toMatchObject({ at: 7, message: '"$" cannot appear in a formula' });
    expect(err("y ~ Q('x")).toMatchObject({ at: 6 });
    expect(err('y ~ a:1')).toMatchObject({ message: expect.stringMatching(/intercept/) });
    expect(err('y ~ (a + b) ** 1.5')).toMatchObject({ message: expect.stringMatching(/positive whole number/) });
    expect(err('y ~ 3')).toMatchObject({ message: expect.stringMatching(/number \(3\) cannot be a term/) });
    expect(err('y ~ x ~ z')).toMatchObject({ message: 'a formula has one "~"' });
  });

  it('never evaluates anything, and any string either parses or gives a FormulaError (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-y~x12()+*:/ ^'"`QCI.a-z,=]{0,30}$/)), (s) => {
        try {
          modelTerms(parseFormula(s));
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
          expect(e.at).toBeGreaterThanOrEqual(0);
          expect(e.at).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 3000, seed: 3 },
    );
  });
});
