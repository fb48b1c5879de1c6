import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fitReport, safeFileName } from '../../../src/core/report';
import type { FitSummary } from '../../../src/protocol';

const summary = (name: string, warnings: string[] = []): FitSummary => ({
  n: 1000,
  p: 2,
  rank: 2,
  terms: [
    { name: '(intercept)', estimate: 4.2, stdError: 0.01, t: 420, pValue: 0, ci95: [4.18, 4.22], dropped: false },
    { name, estimate: 2, stdError: null, t: null, pValue: null, ci95: [null, null], dropped: false },
  ],
  residualStdDev: 0.01,
  rSquared: 0.99,
  adjRSquared: 0.99,
  rSquaredKind: 'centered',
  rss: 0.0998,
  tss: 9.98,
  covType: 'nonrobust',
  fStatistic: 1e6,
  fPValue: 0,
  logLikelihood: 3000,
  aic: -5996,
  bic: -5986,
  conditionNumber: 1.5,
  dfModel: 1,
  dfResidual: 998,
  warnings,
});

const input = (name: string, dataset = 'd2l.csv', warnings: string[] = []) => ({
  dataset,
  design: { target: name, features: [name], degree: 1, intercept: true, standardize: false, validationFraction: 0 },
  summary: summary(name, warnings),
  rowsDropped: 3,
  charts: [{ title: 'Loss landscape', file: 'd2l-report-landscape.svg' }],
  generator: 'Gauss Lab 0.1.0',
  date: '2026-01-01T00:00:00.000Z',
});

describe('fitReport', () => {
  it('has the title, warnings first, the coefficient table, statistics and chart links', () => {
    const md = fitReport(input('x1', 'd2l.csv', ['The design is ill-conditioned']));
    expect(md.startsWith('# Fit report: d2l\\.csv\n')).toBe(true);
    expect(md.indexOf('Warnings')).toBeLessThan(md.indexOf('## Coefficients'));
    expect(md).toContain('| \\(intercept\\) | 4.2 | 0.01 | 420 | &lt;0.001 |');
    expect(md).toContain('| x1 | 2 | — | — | — | — | — |');
    expect(md).toContain('| R² | 0.99 |');
    expect(md).toContain('![Loss landscape](d2l-report-landscape.svg)');
    expect(md).toContain('rows dropped: 3');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('names the formula and ends with the residual diagnostics, escaped like any data string', () => {
    const md = fitReport({
      ...input('x1'),
      formula: "np.log(y) ~ Q('a|b') + x1",
      diagnostics: { omnibus: 0.7486, omnibusPValue: 0.6877, skew: 0.4199, kurtosis: 2.434, durbinWatson: 2.559, jarqueBera: 0.6841, jarqueBeraPValue: 0.7103 },
    });
    expect(md).toContain("- Formula: np\\.log\\(y\\) \\~ Q\\(\\'a\\|b\\'\\) \\+ x1");
    expect(md.indexOf('## Residual diagnostics')).toBeGreaterThan(md.indexOf('## Fit statistics'));
    expect(md).toContain('| Durbin–Watson | 2.559 |');
    expect(md).toContain('| Prob \\(JB\\) | 0.710 |');
    expect(fitReport(input('x1'))).not.toContain('Residual diagnostics');
  });

  it('escapes every data string: no HTML, no links, no table breaks, one line', () => {
    const evil = '<img src=x onerror=alert(1)> | [link](http://x) `code` **b**\n# heading &amp;';
    const md = fitReport(input(evil, evil, [`column "${evil}" is collinear`]));
    expect(md).not.toMatch(/<img/);
    expect(md).not.toMatch(/\]\(http/);
    expect(md).not.toMatch(/(^|[^\\])\[link\]/);
    expect(md).not.toMatch(/^# heading/m);
    // the coefficient row still has exactly 7 cells (escaped pipes do not split it)
    const row = md.split('\n').find((l) => l.includes('onerror') && l.startsWith('| &lt;img'))!;
    expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(7);
    expect(escapeMarkdown('a|b <i>&')).toBe('a\\|b &lt;i&gt;&amp;');
    expect(escapeMarkdown('line1\nline2')).toBe('line1 line2');
  });

  it('chart file names are reduced to safe characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('a b(c).svg')).toBe('a-b-c-.svg');
    expect(safeFileName('')).toBe('chart.svg');
  });
});
