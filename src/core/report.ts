/**
 * The Markdown fit report ("Export Fit Report"): the statsmodels-style summary as tables,
 * the warnings up front, and the charts as SVG files next to the report.
 * Pure string building. Every data string (file label, column names, warnings that quote
 * them) goes through {@link escapeMarkdown}, so a column called `<img onerror=…>` or
 * `| x |` is shown as text and can never become markup, a link or a table cell.
 */
import { COV_TYPE_LABELS } from './cov-types';
import type { DesignChoice } from './choices';
import type { FitSummary } from './fit-summary';
import type { ResidualDiagnostics } from './residual-diagnostics';
import { formatCount, formatNumber, formatPValue } from './number-format';

export interface ReportChart {
  /** Caption (data-free text chosen by the caller; escaped anyway). */
  readonly title: string;
  /** Relative file name of the SVG; only `[A-Za-z0-9._-]` are kept. */
  readonly file: string;
}

export interface ReportInput {
  /** Dataset label (display name, never a path that matters). */
  readonly dataset: string;
  readonly design: DesignChoice;
  readonly summary: FitSummary;
  /** The model as a formula (the one written, or the pickers' said as one). */
  readonly formula?: string;
  /** statsmodels' block under the summary. */
  readonly diagnostics?: ResidualDiagnostics;
  readonly rowsDropped: number;
  readonly charts: readonly ReportChart[];
  /** e.g. "Gauss Lab 0.1.0". */
  readonly generator: string;
  /** ISO timestamp; a parameter so the output is deterministic. */
  readonly date: string;
}

/**
 * Text as inert Markdown inline content: one line, every ASCII punctuation character that
 * Markdown gives meaning to backslash-escaped, and `<`, `>`, `&` as HTML entities (so no
 * raw HTML, autolink or entity can form).
 * @example escapeMarkdown('a|b <i>') // 'a\\|b &lt;i&gt;'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_{}[\]()#+\-.!|~"'=:$^@]/g, (c) => `\\${c}`);
}

/** A chart's file name reduced to safe characters. */
export function safeFileName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return s.length > 0 ? s.slice(0, 100) : 'chart.svg';
}

const n = (x: number | null, digits = 6) => (x === null ? '—' : formatNumber(x, digits));
/** p-values print as `<0.001`: the `<` as an entity so it can never start a tag. */
const p = (x: number | null) => (x === null ? '—' : formatPValue(x).replace('<', '&lt;'));

/**
 * The report as Markdown.
 * @returns the document text, ending with a newline.
 * @example fitReport({ dataset: 'd2l.csv', design, summary, rowsDropped: 0, charts: [], generator: 'Gauss Lab', date: '2026-01-01' })
 */
export function fitReport(input: ReportInput): string {
  const { summary: s, design } = input;
  const e = escapeMarkdown;
  const out: string[] = [];
  out.push(`# Fit report: ${e(input.dataset)}`, '');
  out.push(`${e(input.generator)}, ${e(input.date)}. Ordinary least squares, closed form.`, '');
  if (s.warnings.length > 0) {
    out.push('> **Warnings**', '>');
    s.warnings.forEach((w, i) => out.push(`> ${i + 1}\\. ${e(w)}`));
    out.push('');
  }
  out.push('## Model', '');
  if (input.formula) out.push(`- Formula: ${e(input.formula)}`);
  out.push(`- Target: ${e(design.target)}`);
  out.push(`- Features: ${design.features.length ? design.features.map(e).join(', ') : 'none (the constant model)'}`);
  if (design.degree > 1) out.push(`- Polynomial degree: ${design.degree}`);
  out.push(`- Intercept: ${design.intercept ? 'yes' : 'no'}`);
  out.push(`- Rows used: ${formatCount(s.n)}; rows dropped: ${formatCount(input.rowsDropped)}`);
  if (s.note) out.push('', e(s.note));
  out.push('');
  out.push('## Coefficients', '');
  out.push('| term | coef | std err | t | P>\\|t\\| | [0.025 | 0.975] |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const t of s.terms) {
    if (t.dropped) {
      out.push(`| ${e(t.name)} | dropped (collinear) | | | | | |`);
      continue;
    }
    out.push(`| ${e(t.name)} | ${n(t.estimate)} | ${n(t.stdError)} | ${n(t.t, 4)} | ${p(t.pValue)} | ${n(t.ci95[0])} | ${n(t.ci95[1])} |`);
  }
  out.push('');
  out.push('## Fit statistics', '');
  out.push('| statistic | value |', '|---|---:|');
  const rows: [string, string][] = [
    ['No. observations', String(s.n)],
    ['Rank', `${s.rank} of ${s.p}`],
    ['Df residuals', String(s.dfResidual)],
    ['Df model', String(s.dfModel)],
    [s.rSquaredKind === 'uncentered' ? 'R² (uncentered: no constant, against Σy²)' : 'R²', n(s.rSquared)],
    [s.rSquaredKind === 'uncentered' ? 'Adj. R² (uncentered)' : 'Adj. R²', n(s.adjRSquared)],
    ['F-statistic', n(s.fStatistic)],
    ['Prob (F-statistic)', p(s.fPValue)],
    ['Residual std dev σ̂', n(s.residualStdDev)],
    ['Log-likelihood', n(s.logLikelihood)],
    ['AIC', n(s.aic)],
    ['BIC', n(s.bic)],
    ['Condition number (unit-norm columns)', n(s.conditionNumber, 3)],
    ['Covariance type', COV_TYPE_LABELS[s.covType]],
  ];
  for (const [k, v] of rows) out.push(`| ${e(k)} | ${v} |`);
  out.push('');
  const d = input.diagnostics;
  if (d) {
    out.push('## Residual diagnostics', '');
    out.push('| statistic | value |', '|---|---:|');
    const diag: [string, string][] = [
      ['Omnibus', n(d.omnibus, 4)],
      ['Prob (Omnibus)', p(d.omnibusPValue)],
      ['Skew', n(d.skew, 4)],
      ['Kurtosis', n(d.kurtosis, 4)],
      ['Durbin–Watson', n(d.durbinWatson, 4)],
      ['Jarque–Bera (JB)', n(d.jarqueBera, 4)],
      ['Prob (JB)', p(d.jarqueBeraPValue)],
    ];
    for (const [k, v] of diag) out.push(`| ${e(k)} | ${v} |`);
    out.push('');
  }
  if (input.charts.length > 0) {
    out.push('## Charts', '');
    for (const c of input.charts) out.push(`![${e(c.title)}](${safeFileName(c.file)})`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
}
