// 2. Closed form: a statsmodels-style summary with its warnings shown first.
import type { FitPayload } from '../../src/protocol';
import { HIGH_VIF } from '../../src/core/vif';
import { h, num, pValue, thousands } from '../dom';
import type { ReadyState } from '../state';

export class SummarySection {
  readonly root = h('section', { class: 'section summary', 'aria-labelledby': 'summary-h', 'data-testid': 'summary-section' });
  private fit: FitPayload | null | undefined;

  update(s: ReadyState): void {
    if (s.fit === this.fit) return;
    this.fit = s.fit;
    this.root.replaceChildren(h('h2', { id: 'summary-h' }, '2. Closed form (least squares)'), ...this.build(s));
  }

  private build(s: ReadyState): Node[] {
    const fit = s.fit;
    if (!fit) return [h('p', { class: 'muted' }, s.dataset ? 'Fitting…' : 'Waiting for data.')];
    const sm = fit.summary;
    const out: Node[] = [];
    if (sm.warnings.length) {
      out.push(h('div', { class: 'warnings-box', role: 'alert', 'data-testid': 'fit-warnings' },
        h('strong', {}, 'Warnings'),
        h('ul', {}, ...sm.warnings.map((w) => h('li', {}, w)))));
    }
    out.push(h('p', { class: 'model-formula', 'data-testid': 'fit-formula' }, 'Model: ', h('code', {}, fit.formula)));
    if (sm.note) out.push(h('p', { class: 'note', 'data-testid': 'fit-note' }, sm.note));

    const head = h('tr', {}, ...['', 'coef', 'std err', 't', 'P>|t|', '[0.025', '0.975]', 'VIF'].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : undefined, ...(c === 'VIF' ? { title: 'variance inflation factor: 1 / (1 − R²) of this column on the others; above 10 it is nearly a combination of them' } : {}) }, c)));
    const body = h('tbody', {});
    for (const [i, t] of sm.terms.entries()) {
      const tr = h('tr', { 'data-testid': 'term-row', 'data-term-index': String(i), class: t.dropped ? 'dropped' : undefined },
        h('th', { scope: 'row', class: 'term' }, t.name, t.dropped ? h('span', { class: 'badge' }, 'dropped (collinear)') : null),
        h('td', { class: 'num', 'data-testid': `coef-${i}` }, num(t.estimate, 5)),
        h('td', { class: 'num' }, num(t.stdError, 5)),
        h('td', { class: 'num' }, num(t.t, 5)),
        h('td', { class: 'num' }, pValue(t.pValue)),
        h('td', { class: 'num' }, num(t.ci95[0], 5)),
        h('td', { class: 'num' }, num(t.ci95[1], 5)),
        h('td', { class: (t.vif ?? 0) > HIGH_VIF ? 'num high-vif' : 'num', 'data-testid': `vif-${i}` }, t.vif === undefined ? '' : num(t.vif, 4)),
      );
      tr.dataset.term = t.name;
      if (t.estimate !== null) tr.dataset.estimate = String(t.estimate);
      body.append(tr);
    }
    const table = h('table', { class: 'coef-table', 'data-testid': 'summary-table' },
      h('caption', {}, `Dep. variable: ${s.fit?.target ?? s.design?.target ?? ''} · ${thousands(sm.n)} rows`),
      h('thead', {}, head), body);

    const stats: [string, string, string][] = [
      [sm.rSquaredKind === 'uncentered' ? 'R² (uncentered)' : 'R²', num(sm.rSquared), 'r-squared'],
      [sm.rSquaredKind === 'uncentered' ? 'Adj. R² (uncentered)' : 'Adj. R²', num(sm.adjRSquared), 'adj-r-squared'],
      ['σ̂ (residual std. dev.)', num(sm.residualStdDev), 'sigma'],
      ['F-statistic', num(sm.fStatistic), 'f'],
      ['Prob (F)', pValue(sm.fPValue), 'f-p'],
      ['Log-likelihood', num(sm.logLikelihood, 6), 'loglik'],
      ['AIC', num(sm.aic, 6), 'aic'],
      ['BIC', num(sm.bic, 6), 'bic'],
      ['Condition number', num(sm.conditionNumber, 3), 'cond'],
      ['Df model / residuals', `${sm.dfModel} / ${sm.dfResidual}`, 'df'],
      ['Rank', `${sm.rank} of ${sm.p}`, 'rank'],
    ];
    const dl = h('dl', { class: 'stats', 'data-testid': 'fit-stats' });
    for (const [k, v, id] of stats) dl.append(h('dt', {}, k), h('dd', { 'data-testid': `stat-${id}` }, v));
    out.push(h('div', { class: 'summary-grid' }, h('div', { class: 'table-wrap' }, table), dl));

    // statsmodels' block under its summary: are the residuals normal and independent?
    const d = fit.diagnostics;
    // statsmodels' two columns: Omnibus | Durbin–Watson, Prob(Omnibus) | Jarque–Bera, Skew | Prob(JB), Kurtosis
    const diag: [string, string, string, string][] = [
      ['Omnibus', num(d.omnibus, 4), 'omnibus', 'D’Agostino–Pearson K²: skew and kurtosis together; small p: the residuals are not normal'],
      ['Durbin–Watson', num(d.durbinWatson, 4), 'durbin-watson', 'about 2 when consecutive rows’ residuals are independent; toward 0 or 4 when they are correlated (rows in time order)'],
      ['Prob(Omnibus)', pValue(d.omnibusPValue), 'omnibus-p', ''],
      ['Jarque–Bera', num(d.jarqueBera, 4), 'jarque-bera', 'n/6 · (skew² + (kurtosis − 3)²/4)'],
      ['Skew', num(d.skew, 4), 'skew', '0 for symmetric residuals'],
      ['Prob(JB)', pValue(d.jarqueBeraPValue), 'jarque-bera-p', ''],
      ['Kurtosis', num(d.kurtosis, 4), 'kurtosis', '3 for normal residuals (Pearson’s, not excess)'],
    ];
    const ddl = h('dl', { class: 'stats diagnostics', 'data-testid': 'diagnostics' });
    for (const [k, v, id, why] of diag) ddl.append(h('dt', why ? { title: why } : {}, k), h('dd', { 'data-testid': `diag-${id}` }, v));
    // a plain block, not <details>: a <summary> in the panel closed the workbench's quick picks
    // opened while it re-rendered (the Copy Model as Code UI test, every full run; never again since)
    out.push(h('div', { class: 'diagnostics-box' }, h('h3', {}, 'Residual diagnostics (as statsmodels’ summary)'), ddl));
    return out;
  }
}
