import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { describeModel, modelCode, type ModelDescription } from '../../../src/core/model-code';

const d2l: ModelDescription = {
  target: 'y',
  intercept: 4.2,
  terms: [
    { name: 'x1', feature: 'x1', power: 1, coefficient: 2 },
    { name: 'x2', feature: 'x2', power: 1, coefficient: -3.4 },
  ],
};

/** Compiles the generated TypeScript (a syntax error fails the test) and calls its predict. */
function runTs(code: string, row: Record<string, number>): number {
  const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  expect(out.diagnostics ?? []).toEqual([]);
  const exports: { predict?: (r: Record<string, number>) => number } = {};
  new Function('exports', out.outputText)(exports);
  return exports.predict!(row);
}

describe('modelCode', () => {
  it('TypeScript: a predict(row) that computes the model', () => {
    const code = modelCode(d2l, 'typescript');
    expect(code).toContain('export function predict(row: { readonly "x1": number; readonly "x2": number }): number {');
    expect(code).toContain('return 4.2 + 2 * row["x1"] - 3.4 * row["x2"];');
    expect(runTs(code, { x1: 1, x2: 2 })).toBeCloseTo(4.2 + 2 - 6.8, 12);
  });

  it('Python: plain predict(row), floats with a decimal point, powers', () => {
    const m: ModelDescription = { target: 'y', intercept: 1, terms: [{ name: 'x', feature: 'x', power: 1, coefficient: 2 }, { name: 'x^2', feature: 'x', power: 2, coefficient: -0.5 }] };
    const code = modelCode(m, 'python');
    expect(code).toContain('def predict(row):\n    return 1.0 + 2.0 * row["x"] - 0.5 * row["x"] ** 2\n');
  });

  it('scikit-learn: a LinearRegression with the coefficients; the constant model is a DummyRegressor', () => {
    const code = modelCode(d2l, 'sklearn');
    expect(code).toContain('model = LinearRegression(fit_intercept=True)');
    expect(code).toContain('model.coef_ = np.array([2.0, -3.4])');
    expect(code).toContain('model.intercept_ = 4.2');
    expect(code).toContain('np.asarray(df["x1"], dtype=float)');
    const constant = modelCode({ target: 'y', intercept: 5.5, terms: [] }, 'sklearn');
    expect(constant).toContain('DummyRegressor(strategy="constant", constant=5.5)');
    const noIntercept = modelCode({ ...d2l, intercept: null }, 'sklearn');
    expect(noIntercept).toContain('fit_intercept=False');
  });

  it('PyTorch: d2l\'s nn.Linear holding the fitted weights in float64; no bias without an intercept', () => {
    const code = modelCode(d2l, 'pytorch');
    expect(code).toContain('net = nn.Linear(2, 1, bias=True, dtype=torch.float64)');
    expect(code).toContain('    net.weight.copy_(torch.tensor([[2.0, -3.4]], dtype=torch.float64))');
    expect(code).toContain('    net.bias.copy_(torch.tensor([4.2], dtype=torch.float64))');
    expect(code).toContain('np.column_stack([np.asarray(df["x1"], dtype=float), np.asarray(df["x2"], dtype=float)])');
    const noIntercept = modelCode({ ...d2l, intercept: null }, 'pytorch');
    expect(noIntercept).toContain('bias=False');
    expect(noIntercept).not.toContain('net.bias');
  });

  it('statsmodels: the formula call that refits the model, with its covariance', () => {
    const code = modelCode({ ...d2l, source: 'd2l.csv', formula: 'y ~ x1 + x2', covType: 'HC3' }, 'statsmodels');
    expect(code).toContain('df = pd.read_csv("d2l.csv")');
    expect(code).toContain('result = smf.ols("y ~ x1 + x2", data=df).fit(cov_type="HC3", use_t=True)');
    expect(code).toContain('#   "x2" -3.4');
    // without a formula: one from the terms, awkward names quoted as patsy reads them
    const poly = modelCode({ target: 'sale price', intercept: null, terms: [{ name: 'x', feature: 'x', power: 1, coefficient: 1 }, { name: 'x^2', feature: 'x', power: 2, coefficient: 2 }] }, 'statsmodels');
    expect(poly).toContain(`smf.ols("Q('sale price') ~ x + I(x ** 2) - 1", data=df).fit()`);
  });

  it('JSON: round-trips the model', () => {
    const parsed = JSON.parse(modelCode({ ...d2l, source: 'd2l.csv' }, 'json'));
    expect(parsed).toEqual({ model: 'linear', target: 'y', intercept: 4.2, terms: d2l.terms, source: 'd2l.csv' });
  });

  it('numbers round-trip exactly', () => {
    const c = 0.1 + 0.2;
    const code = modelCode({ target: 'y', intercept: c, terms: [] }, 'typescript');
    expect(code).toContain(`return ${String(c)};`);
    expect(Number(String(c))).toBe(c);
  });

  it('hostile column names stay inside string literals and comments stay closed', () => {
    const evil = 'a"]; process.exit(1); //\n*/ """\u2028';
    const m: ModelDescription = { target: evil, intercept: 1, terms: [{ name: evil, feature: evil, power: 1, coefficient: 2 }], source: evil };
    const ts = modelCode(m, 'typescript');
    expect(runTs(ts, { [evil]: 3 })).toBe(7);
    // every line that is not a comment holds the name only JSON-quoted
    for (const lang of ['typescript', 'python', 'sklearn', 'pytorch'] as const) {
      const code = modelCode(m, lang);
      expect(code).not.toContain('\u2028');
      expect(code.split('\n').every((l) => !l.includes('process.exit') || l.includes(JSON.stringify(evil).replace(/\u2028/g, '\\u2028')) || /^\s*(#|\/\/)/.test(l) || l.includes('"""'))).toBe(true);
    }
    expect(modelCode(m, 'typescript')).not.toMatch(/\*\/ """/);
    // statsmodels: the formula is one string literal, the name inside patsy's Q('…') (never code to patsy)
    const sm = modelCode(m, 'statsmodels');
    const call = sm.split('\n').find((l) => l.startsWith('result = smf.ols('))!;
    const literal = /^result = smf\.ols\((".*"), data=df\)\.fit\(\)$/.exec(call)![1];
    const formula = JSON.parse(literal.replace(/\\u2028/g, '\\u2028'));
    expect(formula).toBe(`Q('${evil.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}') ~ Q('${evil.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`);
    expect(sm.split('\n').filter((l) => l.includes('process.exit')).every((l) => l === call || l.startsWith('#') || l.startsWith('df = pd.read_csv('))).toBe(true);
    expect(JSON.parse(modelCode(m, 'json')).terms[0].feature).toBe(evil);
  });
});

describe('describeModel', () => {
  it('rebuilds terms from a design: features, or a polynomial\'s powers', () => {
    expect(describeModel({ target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true }, ['(intercept)', 'x1', 'x2'], [4.2, 2, -3.4])).toEqual(d2l);
    const poly = describeModel({ target: 'y', features: ['x'], degree: 3, intercept: false }, ['x', 'x^2', 'x^3'], [1, 2, 3]);
    expect(poly.intercept).toBeNull();
    expect(poly.terms.map((t) => t.power)).toEqual([1, 2, 3]);
    expect(() => describeModel({ target: 'y', features: ['x'], degree: 1, intercept: true }, ['(intercept)'], [1])).toThrow(RangeError);
  });
});
