// 2. Closed form: a statsmodels-style summary with its warnings shown first.
import * as l10n from '@vscode/l10n';
import type { FitPayload, HeldOutScores, WhatIfResult } from '../../src/protocol';
import { COV_TYPES, covTypeLabels, type CovType } from '../../src/core/cov-types';
import { termLabel } from '../../src/core/design-matrix';
import { HIGH_VIF } from '../../src/core/vif';
import { button, field, h, num, numAs, pValue, select, textfield, thousands } from '../dom';
import type { ReadyState } from '../state';
import type { ViewContext } from './context';

export class SummarySection {
  readonly root = h('section', { class: 'section summary', 'aria-labelledby': 'summary-h', 'data-testid': 'summary-section' });
  private fit: FitPayload | null | undefined;
  private whatIf: WhatIfResult | null | undefined;
  private readonly whatIfOut = h('div', { class: 'what-if-result', 'data-testid': 'whatif-result', 'aria-live': 'polite' });
  private whatIfValues: Record<string, string> = {};

  constructor(private readonly ctx: ViewContext) {}

  update(s: ReadyState): void {
    if (s.fit !== this.fit) {
      this.fit = s.fit;
      this.whatIf = undefined;
      this.root.replaceChildren(h('h2', { id: 'summary-h' }, l10n.t('2. Closed form (least squares)')), ...this.build(s));
      // the typical row's prediction comes with the fit (the worker sends it after the fit)
    }
    if (s.whatIf !== this.whatIf) {
      this.whatIf = s.whatIf;
      this.renderWhatIf(s.whatIf);
    }
  }

  /** The covariance choice: classical or robust standard errors (the fit is redone with them). */
  private covChoice(s: ReadyState): HTMLElement {
    const current: CovType = s.design?.covType ?? 'nonrobust';
    const labels = covTypeLabels();
    const control = select(COV_TYPES.map((c) => ({ value: c, label: labels[c] })), current, (v) => {
      const design = this.ctx.state().design;
      if (!design) return;
      const next = { ...design, covType: v };
      this.ctx.dispatch({ type: 'local/design', design: next });
      this.ctx.post({ type: 'setDesign', design: next });
    }, 'cov-type');
    return h('div', { class: 'row cov-choice' }, field(l10n.t('Standard errors'), control, l10n.t('heteroskedasticity-robust (HC) covariances do not assume every row has the same noise variance')));
  }

  /** Training and held-out scores side by side (the closed form fitted on the training rows). */
  private heldOutTable(v: HeldOutScores): HTMLElement {
    const head = h('tr', {}, ...['', l10n.t('rows'), 'RMSE', 'MAE', 'R²', 'log-RMSE'].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : undefined }, c)));
    const row = (name: string, id: string, p: HeldOutScores['train']) =>
      h('tr', { 'data-testid': `held-out-${id}` },
        h('th', { scope: 'row' }, name),
        h('td', { class: 'num' }, thousands(p.rows)),
        h('td', { class: 'num', 'data-testid': `held-out-${id}-rmse` }, num(p.rmse, 5)),
        h('td', { class: 'num' }, num(p.mae, 5)),
        h('td', { class: 'num' }, num(p.rSquared, 5)),
        h('td', { class: 'num' }, p.logRmse === null ? '—' : num(p.logRmse, 5)));
    return h('div', { class: 'held-out', 'data-testid': 'held-out' },
      h('h3', {}, l10n.t('Held-out scores: fitted on the training rows, scored on the {0} validation rows it did not see (seed {1})', thousands(v.validation.rows), String(v.seed))),
      h('table', { class: 'coef-table' }, h('thead', {}, head), h('tbody', {}, row(l10n.t('training'), 'train', v.train), row(l10n.t('validation'), 'validation', v.validation))));
  }

  /** Type feature values, read ŷ with the confidence and prediction intervals. */
  private whatIfBox(fit: FitPayload): HTMLElement {
    this.whatIfValues = Object.fromEntries(fit.whatIf.map((w) => [w.name, w.value]));
    const send = () => this.ctx.post({ type: 'whatIf', values: { ...this.whatIfValues } });
    const inputs = fit.whatIf.map((w, i) => {
      const set = (v: string) => {
        this.whatIfValues[w.name] = v;
        send();
      };
      const control = w.kind === 'category' && w.levels
        ? select(w.levels.map((l) => ({ value: l, label: l })), w.value, set, `whatif-${i}`)
        : textfield(w.value, set, { testid: `whatif-${i}` });
      return field(w.name, control);
    });
    return h('div', { class: 'what-if', 'data-testid': 'what-if' },
      h('h3', {}, l10n.t('What if: predict one row')),
      h('div', { class: 'row what-if-inputs' }, ...inputs),
      this.whatIfOut,
      h('div', { class: 'row export', role: 'group', 'aria-label': l10n.t('use the model') },
        button(l10n.t('Save model…'), () => this.ctx.post({ type: 'export', what: 'model' }), { testid: 'save-model', secondary: true }),
        button(l10n.t('Predict on another CSV…'), () => this.ctx.post({ type: 'export', what: 'predictOther' }), { testid: 'predict-other', secondary: true })));
  }

  private renderWhatIf(r: WhatIfResult | null): void {
    if (!r) {
      this.whatIfOut.replaceChildren(h('span', { class: 'muted' }, l10n.t('Predicting…')));
      return;
    }
    if ('note' in r) {
      this.whatIfOut.replaceChildren(h('span', { class: 'what-if-note', 'data-testid': 'whatif-note' }, l10n.t('No prediction: {0}', r.note)));
      return;
    }
    const pct = `${num(r.level * 100, 3)}%`;
    const out = h('dl', { class: 'stats' },
      h('dt', {}, `ŷ (${r.predicts})`), h('dd', { 'data-testid': 'whatif-prediction' }, num(r.prediction, 6)),
      h('dt', { title: l10n.t('where the mean of y for these values lies') }, l10n.t('{0} confidence interval (mean)', pct)),
      h('dd', { 'data-testid': 'whatif-confidence' }, `[${num(r.confidence[0], 6)}, ${num(r.confidence[1], 6)}]`),
      h('dt', { title: l10n.t('where one new observation with these values lies: wider, it adds the noise σ̂²') }, l10n.t('{0} prediction interval (one new row)', pct)),
      h('dd', { 'data-testid': 'whatif-interval' }, `[${num(r.predictionInterval[0], 6)}, ${num(r.predictionInterval[1], 6)}]`));
    out.dataset.prediction = String(r.prediction);
    out.dataset.confidence = `${r.confidence[0]},${r.confidence[1]}`;
    out.dataset.interval = `${r.predictionInterval[0]},${r.predictionInterval[1]}`;
    this.whatIfOut.replaceChildren(out);
  }

  private build(s: ReadyState): Node[] {
    const fit = s.fit;
    if (!fit) return [h('p', { class: 'muted' }, s.dataset ? l10n.t('Fitting…') : l10n.t('Waiting for data.'))];
    const sm = fit.summary;
    const out: Node[] = [];
    if (sm.warnings.length) {
      out.push(h('div', { class: 'warnings-box', role: 'alert', 'data-testid': 'fit-warnings' },
        h('strong', {}, l10n.t('Warnings')),
        h('ul', {}, ...sm.warnings.map((w) => h('li', {}, w)))));
    }
    out.push(h('p', { class: 'model-formula', 'data-testid': 'fit-formula' }, l10n.t('Model: '), h('code', {}, fit.formula)));
    out.push(this.covChoice(s));
    if (sm.note) out.push(h('p', { class: 'note', 'data-testid': 'fit-note' }, sm.note));

    // statsmodels' column names, its words in the display language
    const head = h('tr', {}, ...['', l10n.t('coef'), l10n.t('std err'), 't', 'P>|t|', '[0.025', '0.975]', 'VIF'].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : undefined, ...(c === 'VIF' ? { title: l10n.t('variance inflation factor: 1 / (1 − R²) of this column on the others; above 10 it is nearly a combination of them') } : {}) }, c)));
    const body = h('tbody', {});
    for (const [i, t] of sm.terms.entries()) {
      const tr = h('tr', { 'data-testid': 'term-row', 'data-term-index': String(i), class: t.dropped ? 'dropped' : undefined },
        h('th', { scope: 'row', class: 'term' }, termLabel(t.name), t.dropped ? h('span', { class: 'badge' }, l10n.t('dropped (collinear)')) : null),
        h('td', { class: 'num', 'data-testid': `coef-${i}` }, numAs('estimate', t.estimate)),
        h('td', { class: 'num' }, numAs('estimate', t.stdError)),
        h('td', { class: 'num' }, numAs('statistic', t.t)),
        h('td', { class: 'num' }, pValue(t.pValue)),
        h('td', { class: 'num' }, numAs('estimate', t.ci95[0])),
        h('td', { class: 'num' }, numAs('estimate', t.ci95[1])),
        h('td', { class: (t.vif ?? 0) > HIGH_VIF ? 'num high-vif' : 'num', 'data-testid': `vif-${i}` }, t.vif === undefined ? '' : numAs('statistic', t.vif)),
      );
      tr.dataset.term = t.name;
      if (t.estimate !== null) tr.dataset.estimate = String(t.estimate);
      body.append(tr);
    }
    const table = h('table', { class: 'coef-table', 'data-testid': 'summary-table' },
      h('caption', {}, l10n.t('Dep. variable: {0} · {1} rows', s.fit?.target ?? s.design?.target ?? '', thousands(sm.n))),
      h('thead', {}, head), body);

    const stats: [string, string, string][] = [
      [sm.rSquaredKind === 'uncentered' ? l10n.t('R² (uncentered)') : 'R²', num(sm.rSquared), 'r-squared'],
      [sm.rSquaredKind === 'uncentered' ? l10n.t('Adj. R² (uncentered)') : l10n.t('Adj. R²'), num(sm.adjRSquared), 'adj-r-squared'],
      [l10n.t('σ̂ (residual std. dev.)'), num(sm.residualStdDev), 'sigma'],
      [l10n.t('F-statistic'), num(sm.fStatistic), 'f'],
      ['Prob (F)', pValue(sm.fPValue), 'f-p'],
      [l10n.t('Log-likelihood'), num(sm.logLikelihood, 6), 'loglik'],
      ['AIC', num(sm.aic, 6), 'aic'],
      ['BIC', num(sm.bic, 6), 'bic'],
      [l10n.t('Condition number'), num(sm.conditionNumber, 3), 'cond'],
      [l10n.t('Df model / residuals'), `${sm.dfModel} / ${sm.dfResidual}`, 'df'],
      [l10n.t('Rank'), l10n.t('{0} of {1}', String(sm.rank), String(sm.p)), 'rank'],
      [l10n.t('Covariance'), covTypeLabels()[sm.covType], 'cov'],
    ];
    const dl = h('dl', { class: 'stats', 'data-testid': 'fit-stats' });
    for (const [k, v, id] of stats) dl.append(h('dt', {}, k), h('dd', { 'data-testid': `stat-${id}` }, v));
    out.push(h('div', { class: 'summary-grid' }, h('div', { class: 'table-wrap' }, table), dl));

    // statsmodels' block under its summary: are the residuals normal and independent?
    const d = fit.diagnostics;
    // statsmodels' two columns: Omnibus | Durbin–Watson, Prob(Omnibus) | Jarque–Bera, Skew | Prob(JB), Kurtosis
    const diag: [string, string, string, string][] = [
      ['Omnibus', num(d.omnibus, 4), 'omnibus', l10n.t('D’Agostino–Pearson K²: skew and kurtosis together; small p: the residuals are not normal')],
      ['Durbin–Watson', num(d.durbinWatson, 4), 'durbin-watson', l10n.t('about 2 when consecutive rows’ residuals are independent; toward 0 or 4 when they are correlated (rows in time order)')],
      ['Prob(Omnibus)', pValue(d.omnibusPValue), 'omnibus-p', ''],
      ['Jarque–Bera', num(d.jarqueBera, 4), 'jarque-bera', l10n.t('n/6 · (skew² + (kurtosis − 3)²/4)')],
      [l10n.t('Skew'), num(d.skew, 4), 'skew', l10n.t('0 for symmetric residuals')],
      ['Prob(JB)', pValue(d.jarqueBeraPValue), 'jarque-bera-p', ''],
      [l10n.t('Kurtosis'), num(d.kurtosis, 4), 'kurtosis', l10n.t('3 for normal residuals (Pearson’s, not excess)')],
    ];
    const ddl = h('dl', { class: 'stats diagnostics', 'data-testid': 'diagnostics' });
    for (const [k, v, id, why] of diag) ddl.append(h('dt', why ? { title: why } : {}, k), h('dd', { 'data-testid': `diag-${id}` }, v));
    // a plain block, not <details>: a <summary> in the panel closed the workbench's quick picks
    // opened while it re-rendered (the Copy Model as Code UI test, every full run; never again since)
    out.push(h('div', { class: 'diagnostics-box' }, h('h3', {}, l10n.t('Residual diagnostics (as statsmodels’ summary)')), ddl));
    if (fit.heldOut) out.push(this.heldOutTable(fit.heldOut));
    out.push(this.whatIfBox(fit));
    return out;
  }
}
