/**
 * "Copy Model as Code": a fitted linear model as TypeScript, Python, scikit-learn or JSON.
 * Pure string building. Column names are data, so they only ever appear inside string
 * literals produced by `JSON.stringify` (valid in TypeScript and Python alike) or in
 * comments after being made single-line and comment-safe; numbers are written with
 * `String(x)`, which reads back to the same double.
 */

import { formulaName } from './formula/names';

/** One term of the model: `coefficient · feature^power`. */
export interface ModelTerm {
  /** Display name, e.g. `x` or `x^2`. */
  readonly name: string;
  /** The data column it is computed from. */
  readonly feature: string;
  /** ≥ 1. */
  readonly power: number;
  readonly coefficient: number;
}

/** A fitted linear model in original units. */
export interface ModelDescription {
  readonly target: string;
  /** null for a model without an intercept. */
  readonly intercept: number | null;
  readonly terms: readonly ModelTerm[];
  /** Where it came from, for the header comment (e.g. the dataset label). */
  readonly source?: string;
  /** The model as a patsy formula (statsmodels' call reproduces the fit from it). */
  readonly formula?: string;
  /** The covariance behind the standard errors (statsmodels' cov_type), when not the classical one. */
  readonly covType?: string;
}

/** The languages "Copy Model as Code" writes (their labels: src/extension/exports.ts). */
export const CODE_LANGUAGES = ['typescript', 'python', 'sklearn', 'pytorch', 'statsmodels', 'json'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** A JSON string literal, also a valid TypeScript and Python string literal. */
function quote(s: string): string {
  // U+2028/2029 are legal in JSON strings but end a line in older JavaScript parsers and in comments.
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A value safe inside a line comment or a block comment: one line, no comment terminator. */
function commentText(s: string): string {
  return quote(s).replace(/\*\//g, '*\\/');
}

/** A finite double as a literal that reads back to the same value (NaN/±∞ become 0, as dropped terms). */
function num(x: number): string {
  if (!Number.isFinite(x)) return '0';
  return Object.is(x, -0) ? '0' : String(x);
}

/** Python float literal (always with a decimal point or exponent). */
function pyNum(x: number): string {
  const s = num(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** `a + b·x − c·z` from already formatted products. */
function sum(parts: readonly { coef: number; text: (c: string) => string }[], format: (x: number) => string): string {
  if (parts.length === 0) return format(0);
  return parts
    .map((p, i) => {
      const neg = p.coef < 0 || Object.is(p.coef, -0);
      const mag = format(Math.abs(p.coef));
      if (i === 0) return (neg && p.coef !== 0 ? '-' : '') + p.text(mag);
      return `${neg && p.coef !== 0 ? ' - ' : ' + '}${p.text(mag)}`;
    })
    .join('');
}

function header(model: ModelDescription, comment: string): string[] {
  const lines = [`${comment} Linear model fitted by least squares in Gauss Lab.`];
  lines.push(`${comment} Predicts ${commentText(model.target)}${model.source ? ` (data: ${commentText(model.source)})` : ''}.`);
  return lines;
}

/**
 * The model as code in `language`.
 * @returns the source text, ending with a newline.
 * @example modelCode({ target: 'y', intercept: 4.2, terms: [{ name: 'x', feature: 'x', power: 1, coefficient: 2 }] }, 'python')
 *   // '…def predict(row):\n    return 4.2 + 2.0 * row["x"]\n'
 */
export function modelCode(model: ModelDescription, language: CodeLanguage): string {
  switch (language) {
    case 'typescript':
      return typescriptCode(model);
    case 'python':
      return pythonCode(model);
    case 'sklearn':
      return sklearnCode(model);
    case 'pytorch':
      return pytorchCode(model);
    case 'statsmodels':
      return statsmodelsCode(model);
    case 'json':
      return jsonCode(model);
  }
}

function features(model: ModelDescription): string[] {
  return [...new Set(model.terms.map((t) => t.feature))];
}

function typescriptCode(model: ModelDescription): string {
  const term = (t: ModelTerm) => (c: string) => {
    const x = `row[${quote(t.feature)}]`;
    return `${c} * ${t.power === 1 ? x : `${x} ** ${t.power}`}`;
  };
  const parts = [
    ...(model.intercept !== null ? [{ coef: model.intercept, text: (c: string) => c }] : []),
    ...model.terms.map((t) => ({ coef: t.coefficient, text: term(t) })),
  ];
  const fields = features(model).map((f) => `readonly ${quote(f)}: number`);
  const rowType = fields.length ? `{ ${fields.join('; ')} }` : 'Record<string, number>';
  return [
    ...header(model, '//'),
    `export function predict(${fields.length ? 'row' : '_row'}: ${rowType}): number {`,
    `  return ${sum(parts, num)};`,
    '}',
    '',
  ].join('\n');
}

function pythonCode(model: ModelDescription): string {
  const parts = [
    ...(model.intercept !== null ? [{ coef: model.intercept, text: (c: string) => c }] : []),
    ...model.terms.map((t) => ({
      coef: t.coefficient,
      text: (c: string) => `${c} * row[${quote(t.feature)}]${t.power === 1 ? '' : ` ** ${t.power}`}`,
    })),
  ];
  return [
    ...header(model, '#'),
    `# row: a mapping (dict, pandas row) with the columns ${features(model).map(commentText).join(', ') || '(none: the constant model)'}.`,
    'def predict(row):',
    `    return ${sum(parts, pyNum)}`,
    '',
  ].join('\n');
}

function sklearnCode(model: ModelDescription): string {
  const lines = [...header(model, '#'), 'import numpy as np'];
  if (model.terms.length === 0) {
    // LinearRegression needs at least one feature: the constant model is a DummyRegressor.
    const c = pyNum(model.intercept ?? 0);
    lines.push(
      'from sklearn.dummy import DummyRegressor',
      '',
      '# The constant model: every prediction is the mean of the target.',
      `model = DummyRegressor(strategy="constant", constant=${c}).fit(np.zeros((1, 1)), [${c}])`,
      '# model.predict(np.zeros((len(df), 1)))',
      '',
    );
    return lines.join('\n');
  }
  const cols = model.terms.map((t) => `np.asarray(df[${quote(t.feature)}], dtype=float)${t.power === 1 ? '' : ` ** ${t.power}`}`);
  lines.push(
    'from sklearn.linear_model import LinearRegression',
    '',
    '',
    'def design(df):',
    `    """The model's terms as columns: ${model.terms.map((t) => commentText(t.name).replace(/"/g, "'")).join(', ')}."""`,
    `    return np.column_stack([${cols.join(', ')}])`,
    '',
    '',
    `model = LinearRegression(fit_intercept=${model.intercept !== null ? 'True' : 'False'})`,
    `model.coef_ = np.array([${model.terms.map((t) => pyNum(t.coefficient)).join(', ')}])`,
    `model.intercept_ = ${pyNum(model.intercept ?? 0)}`,
    `model.n_features_in_ = ${model.terms.length}`,
    '# predictions = model.predict(design(df))',
    '',
  );
  return lines.join('\n');
}

/** The design's columns as a NumPy expression over a DataFrame `df` (powers applied). */
function designColumns(model: ModelDescription): string[] {
  return model.terms.map((t) => `np.asarray(df[${quote(t.feature)}], dtype=float)${t.power === 1 ? '' : ` ** ${t.power}`}`);
}

/**
 * d2l's own model: `nn.Linear(k, 1)` (the chapter's concise implementation) holding the fitted
 * weights, in float64 so they are the fitted doubles exactly.
 */
function pytorchCode(model: ModelDescription): string {
  const k = Math.max(1, model.terms.length);
  const weights = model.terms.length ? model.terms.map((t) => pyNum(t.coefficient)) : ['0.0'];
  const doc = model.terms.length
    ? `The model's inputs as a (rows, ${k}) tensor: ${model.terms.map((t) => commentText(t.name).replace(/"/g, "'")).join(', ')}.`
    : 'The constant model reads no column: one column of zeros (its weight is 0).';
  return [
    ...header(model, '#'),
    'import numpy as np',
    'import torch',
    'from torch import nn',
    '',
    '',
    'def design(df):',
    `    """${doc}"""`,
    model.terms.length
      ? `    return torch.tensor(np.column_stack([${designColumns(model).join(', ')}]), dtype=torch.float64)`
      : '    return torch.zeros((len(df), 1), dtype=torch.float64)',
    '',
    '',
    "# d2l's linear regression is one linear layer; these are the weights of the exact least-squares fit",
    `net = nn.Linear(${k}, 1, bias=${model.intercept !== null ? 'True' : 'False'}, dtype=torch.float64)`,
    'with torch.no_grad():',
    `    net.weight.copy_(torch.tensor([[${weights.join(', ')}]], dtype=torch.float64))`,
    ...(model.intercept !== null ? [`    net.bias.copy_(torch.tensor([${pyNum(model.intercept)}], dtype=torch.float64))`] : []),
    '# predictions = net(design(df)).squeeze(-1)',
    '',
  ].join('\n');
}

/** The statsmodels call that fits the same model (its formula, its covariance) and prints the summary. */
function statsmodelsCode(model: ModelDescription): string {
  const formula =
    model.formula ??
    `${formulaName(model.target)} ~ ${model.terms.map((t) => (t.power === 1 ? formulaName(t.feature) : `I(${formulaName(t.feature)} ** ${t.power})`)).join(' + ') || '1'}${model.intercept === null ? ' - 1' : ''}`;
  const fitArgs = model.covType && model.covType !== 'nonrobust' ? `cov_type=${quote(model.covType)}, use_t=True` : '';
  return [
    ...header(model, '#'),
    'import numpy as np',
    'import pandas as pd',
    'import statsmodels.formula.api as smf',
    '',
    `df = pd.read_csv(${quote(model.source ?? 'data.csv')})`,
    `result = smf.ols(${quote(formula)}, data=df).fit(${fitArgs})`,
    'print(result.summary())',
    '',
    "# Gauss Lab's estimates, to compare:",
    ...(model.intercept !== null ? [`#   Intercept ${num(model.intercept)}`] : []),
    ...model.terms.map((t) => `#   ${commentText(t.name)} ${num(t.coefficient)}`),
    '',
  ].join('\n');
}

function jsonCode(model: ModelDescription): string {
  const clean = (x: number) => (Number.isFinite(x) ? x : 0);
  return (
    JSON.stringify(
      {
        model: 'linear',
        target: model.target,
        intercept: model.intercept === null ? null : clean(model.intercept),
        terms: model.terms.map((t) => ({ name: t.name, feature: t.feature, power: t.power, coefficient: clean(t.coefficient) })),
        ...(model.source !== undefined ? { source: model.source } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * The model description of a fit: `termNames` and `coefficients` as in the protocol's
 * FitPayload (intercept first when the design has one), terms rebuilt from the design
 * (a polynomial's powers, or one power-1 term per feature).
 * @throws RangeError when the names and coefficients do not match the design.
 */
export function describeModel(
  design: { readonly target: string; readonly features: readonly string[]; readonly degree: number; readonly intercept: boolean },
  termNames: readonly string[],
  coefficients: readonly number[],
  source?: string,
): ModelDescription {
  const off = design.intercept ? 1 : 0;
  const terms: ModelTerm[] = [];
  if (design.features.length === 1 && design.degree > 1) {
    for (let k = 1; k <= design.degree; k++) terms.push({ name: termNames[off + k - 1], feature: design.features[0], power: k, coefficient: coefficients[off + k - 1] });
  } else {
    design.features.forEach((f, j) => terms.push({ name: termNames[off + j], feature: f, power: 1, coefficient: coefficients[off + j] }));
  }
  if (termNames.length !== off + terms.length || coefficients.length !== termNames.length) {
    throw new RangeError(`the fit has ${coefficients.length} coefficients for ${termNames.length} names; the design needs ${off + terms.length}`);
  }
  return { target: design.target, intercept: design.intercept ? coefficients[0] : null, terms, ...(source !== undefined ? { source } : {}) };
}
