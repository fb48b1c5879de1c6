// 1. Data: the dataset and how its first line is read, the model as pickers and as a formula
// (kept in sync), which columns play which role and why, missing values, rows used and dropped.
import * as l10n from '@vscode/l10n';
import type { ColumnInfo, DatasetInfo, DesignChoice } from '../../src/protocol';
import { inBound } from '../../src/core/bounds';
import { DESIGN_BOUNDS, MAX_FORMULA_LENGTH } from '../../src/core/choices';
import { HEADER_CHOICES, type HeaderChoice } from '../../src/core/data';
import { columnsOf, type ColumnKind } from '../../src/core/formula/factors';
import { planFormula } from '../../src/core/formula/design';
import { FormulaError } from '../../src/core/formula/tokens';
import { IMPUTE_STRATEGIES } from '../../src/core/impute';
import { RARE_LEVEL_ROWS } from '../../src/core/rare-levels';
import { designFormula, pickersOfFormula } from '../../src/playground/model-formula';
import { button, checkbox, field, h, numberInput, select, textfield, thousands, setDisabled, nameControl, setText } from '../dom';
import type { ReadyState } from '../state';
import type { ViewContext } from './context';
import { shown } from '../text';

// functions, not constants: the display language is set after this module loads
const headerLabels = (): Record<HeaderChoice, string> => ({ auto: l10n.t('detect'), yes: l10n.t('is the header'), no: l10n.t('is data') });
const imputeLabels = (): Record<NonNullable<DesignChoice['impute']>, string> => ({
  none: l10n.t('drop the rows (the model’s columns only)'),
  mean: l10n.t('fill with the mean'),
  median: l10n.t('fill with the median'),
  'most-frequent': l10n.t('fill with the most frequent value'),
});

/** A column's kind as a formula sees it: numbers, a text category, or not usable (undefined). */
export function kindsOf(columns: readonly ColumnInfo[]): (name: string) => ColumnKind | undefined {
  const kinds = new Map<string, ColumnKind>();
  for (const c of columns) {
    if (c.numeric) kinds.set(c.name, 'numeric');
    else if (c.levels !== undefined) kinds.set(c.name, 'text');
  }
  return (name) => kinds.get(name);
}

/** The design without a written formula (the pickers decide). */
function pickersOnly(design: DesignChoice): DesignChoice {
  const { formula: _formula, ...rest } = design;
  return rest;
}

/** From this many offered columns on, the Features list has a filter, All and None. */
const FEATURE_TOOLS_FROM = 8;

/** The readers' reasons for dropping a row (codes the CLI and the reader compare), as shown. */
const droppedReasons = (): Record<string, string> => ({
  empty: l10n.t('empty'),
  missing: l10n.t('missing'),
  'not finite': l10n.t('not finite'),
  'missing (kept)': l10n.t('missing (kept)'),
});

export class DataSection {
  readonly root = h('section', { class: 'section data', 'aria-labelledby': 'data-h', 'data-testid': 'data-section' });
  /** The Features list's filter (kept while the form is rebuilt after each change). */
  private featureFilter = '';
  private dataset: DatasetInfo | null | undefined;
  private design: DesignChoice | null | undefined;
  /** A formula typed but not fitted (it does not parse or plan), with why. */
  private draft: { text: string; error: string; pointer: string } | null = null;

  constructor(private readonly ctx: ViewContext) {}

  update(s: ReadyState): void {
    if (s.dataset === this.dataset && s.design === this.design) return;
    if (s.dataset !== this.dataset) this.draft = null;
    this.dataset = s.dataset;
    this.design = s.design;
    this.render(s);
  }

  private render(s: ReadyState): void {
    // Keep the caret on a rebuilt control, but only while the panel has focus: focusing an
    // element of an unfocused webview pulls focus from the workbench and closes an open quick pick.
    const focused = document.hasFocus() ? document.activeElement?.id : undefined;
    this.root.replaceChildren(...this.build(s));
    if (focused) document.getElementById(focused)?.focus();
  }

  private send(design: DesignChoice): void {
    this.draft = null;
    this.ctx.dispatch({ type: 'local/design', design });
    this.ctx.post({ type: 'setDesign', design });
  }

  /** A pickers change: the pickers decide again (a written formula gives way). */
  private setDesign(patch: Partial<DesignChoice>): void {
    const current = this.ctx.state().design;
    const ds = this.ctx.state().dataset;
    if (!current || !ds) return;
    const merged = pickersOnly({ ...current, ...patch });
    const kindOf = kindsOf(ds.columns);
    const categorical = (merged.categorical ?? []).filter((c) => merged.features.includes(c));
    const powered = merged.features.some((f) => kindOf(f) === 'numeric' && !categorical.includes(f));
    // powers apply to numeric features; without one the degree means nothing
    this.send({ ...merged, categorical, degree: powered ? merged.degree : 1 });
  }

  /** The formula field's text, committed: the pickers when they can say it, else the formula decides. */
  private setFormula(text: string): void {
    const s = this.ctx.state();
    const current = s.design;
    const ds = s.dataset;
    if (!current || !ds) return;
    const kindOf = kindsOf(ds.columns);
    const formula = text.trim();
    if (formula === '' || formula === designFormula(current, kindOf)) {
      if (this.draft) {
        this.draft = null;
        this.render(s);
      }
      return;
    }
    if (formula.length > MAX_FORMULA_LENGTH) {
      this.draft = { text: formula.slice(0, 200), error: l10n.t('a formula has at most {0} characters', thousands(MAX_FORMULA_LENGTH)), pointer: '' };
      this.render(s);
      return;
    }
    const columns = ds.columns.flatMap((c) => {
      const kind = kindOf(c.name);
      return kind ? [{ name: c.name, kind }] : [];
    });
    let target = current.target;
    try {
      const plan = planFormula(formula, columns, { numbersAsText: false });
      // the target picker shows the column the formula's left side uses, when it is one
      const lhs = [...columnsOf(plan.target.node)];
      if (lhs.length === 1) target = lhs[0];
    } catch (e) {
      const notUsable = ds.columns.find((c) => !c.numeric && c.levels === undefined && formula.includes(c.name));
      this.draft = {
        text: formula,
        error: e instanceof Error
          ? notUsable ? l10n.t('{0} (column "{1}" is not offered: {2})', e.message, notUsable.name, notUsable.reason ?? l10n.t('not numeric')) : e.message
          : String(e),
        pointer: e instanceof FormulaError ? e.pointer() : '',
      };
      this.render(s);
      return;
    }
    const pickers = pickersOfFormula(formula, kindOf);
    this.send(pickers ? { ...pickersOnly(current), ...pickers } : { ...current, target, formula });
  }

  private build(s: ReadyState): Node[] {
    const head = h('div', { class: 'section-head' },
      h('h2', { id: 'data-h' }, l10n.t('1. Data')),
      button(l10n.t('Choose data file…'), () => this.ctx.post({ type: 'chooseDataset' }), { testid: 'choose-dataset', secondary: true }),
    );
    const ds = s.dataset;
    const d = s.design;
    if (!ds || !d) return [head, h('p', { class: 'muted', 'data-testid': 'no-dataset' }, l10n.t('No data yet: the built-in d2l synthetic data loads first, or choose a CSV file.'))];

    const kindOf = kindsOf(ds.columns);
    const written = (d.formula ?? '').trim();
    // a written formula the pickers cannot say decides; the pickers then show what it uses, read-only
    const formulaRules = written !== '' && pickersOfFormula(written, kindOf) === undefined;
    const numeric = ds.columns.filter((c) => c.numeric);
    const categories = ds.columns.filter((c) => !c.numeric && c.levels !== undefined);
    const other = ds.columns.filter((c) => !c.numeric && c.levels === undefined);
    const categorical = new Set(d.categorical ?? []);

    const label = h('p', { class: 'dataset-label' }, l10n.t('Dataset: '), h('strong', { 'data-testid': 'dataset-label' }, ds.label));
    const headerRow = ds.header ? this.headerControl(ds.header) : null;

    const target = select(numeric.map((c, i) => ({ value: String(i), label: c.name })), String(Math.max(0, numeric.findIndex((c) => c.name === d.target))), (v) => {
      const name = numeric[Number(v)]?.name;
      if (name !== undefined) this.setDesign({ target: name, features: d.features.filter((f) => f !== name) });
    }, 'target-select');

    // Features: numbers (ids unchecked and said; whole-number codes one click from a category), then categories
    const order = [...numeric, ...categories].map((c) => c.name);
    const toggle = (name: string, on: boolean, extra: Partial<DesignChoice> = {}) => {
      const now = this.ctx.state().design?.features ?? [];
      this.setDesign({ features: on ? order.filter((n) => n === name || now.includes(n)) : now.filter((n) => n !== name), ...extra });
    };
    const features = h('div', { class: 'features', role: 'group', 'aria-label': l10n.t('features'), 'data-testid': 'features' });
    for (const c of numeric) {
      if (c.name === d.target) continue;
      const asCategory = categorical.has(c.name);
      const cb = checkbox(c.name, d.features.includes(c.name), (on) => toggle(c.name, on), 'feature');
      cb.id = `feature-${numeric.indexOf(c)}`;
      cb.dataset.column = c.name;
      cb.dataset.role = asCategory ? 'category' : c.id ? 'id' : 'number';
      cb.title = shown(c.id ? l10n.t('{0}: {1}; not a feature by default', c.name, c.id) : c.name);
      const item = h('span', { class: 'feature-item' }, cb);
      if (c.id) item.append(h('span', { class: 'role-tag', 'data-testid': 'id-tag', title: shown(c.id) }, l10n.t('id')));
      if (c.integerLevels) {
        const cat = checkbox(l10n.t('as category ({0} codes)', thousands(c.integerLevels)), asCategory, (on) => {
          const now = this.ctx.state().design?.categorical ?? [];
          const next = on ? [...now.filter((n) => n !== c.name), c.name] : now.filter((n) => n !== c.name);
          toggle(c.name, on || (this.ctx.state().design?.features ?? []).includes(c.name), { categorical: next });
        }, 'as-category');
        cat.id = `as-category-${numeric.indexOf(c)}`;
        cat.dataset.column = c.name;
        cat.classList.add('as-category');
        cat.title = shown(l10n.t('{0} has only {1} distinct whole numbers: codes (classes) rather than amounts? A category gets a coefficient per level but the first', c.name, thousands(c.integerLevels)));
        item.append(cat);
      }
      features.append(item);
    }
    for (const c of categories) {
      const cb = checkbox(l10n.t('{0} ({1} levels)', c.name, thousands(c.levels ?? 0)), d.features.includes(c.name), (on) => toggle(c.name, on), 'feature');
      cb.id = `category-${categories.indexOf(c)}`;
      cb.dataset.column = c.name;
      cb.dataset.role = 'category';
      // the level count as it always read (no thousands separator)
      cb.title = shown(l10n.t('{0}: text, a category of {1} levels (one 0/1 column per level but the first)', c.name, String(c.levels)));
      const item = h('span', { class: 'feature-item' }, cb);
      if (c.rare) {
        const rareTitle = c.rare.count === 1
          ? l10n.t('1 level with fewer than {0} rows: each gets a coefficient resting on those few rows (a wide standard error)', thousands(RARE_LEVEL_ROWS))
          : l10n.t('{0} levels with fewer than {1} rows: each gets a coefficient resting on those few rows (a wide standard error)', String(c.rare.count), thousands(RARE_LEVEL_ROWS));
        const rare = h('span', { class: 'role-note', 'data-testid': 'rare-levels', title: rareTitle },
          l10n.t('rare: {0}', shown(c.rare.text)));
        rare.dataset.column = c.name;
        item.append(rare);
      }
      features.append(item);
    }
    if (!features.childElementCount) features.append(h('span', { class: 'muted' }, l10n.t('no other numeric or category columns')));
    if (formulaRules) for (const cb of features.querySelectorAll('vscode-checkbox')) setDisabled(cb, true);

    const constantNote = !formulaRules && d.features.length === 0
      ? h('p', { class: 'note', 'data-testid': 'constant-model' }, l10n.t('No features selected: this fits the constant model ŷ = b, and its least-squares estimate is the mean of {0}.', d.target))
      : null;

    const intercept = checkbox(l10n.t('Intercept'), d.intercept, (on) => this.setDesign({ intercept: on }), 'intercept');
    intercept.id = 'design-intercept';
    if (formulaRules) setDisabled(intercept, true);
    const standardize = checkbox(l10n.t('Standardize features (SGD)'), d.standardize, (on) => this.ctx.state().design && this.send({ ...this.ctx.state().design!, standardize: on }), 'standardize');
    standardize.id = 'design-standardize';
    const toggles = h('div', { class: 'row' }, intercept, standardize);

    const powered = d.features.filter((f) => kindOf(f) === 'numeric' && !categorical.has(f));
    const degree = textfield(String(d.degree), (v) => {
      const n = Math.round(Number(v));
      if (inBound(n, DESIGN_BOUNDS.degree)) this.setDesign({ degree: n });
    }, { testid: 'degree', ...numberInput(DESIGN_BOUNDS.degree) });
    if (powered.length === 0 || formulaRules) setDisabled(degree, true);
    const validation = textfield(String(d.validationFraction), (v) => {
      const f = Number(v);
      const now = this.ctx.state().design;
      if (now && v.trim() !== '' && inBound(f, DESIGN_BOUNDS.validationFraction)) this.send({ ...now, validationFraction: f });
    }, { testid: 'validation-fraction' });
    if (formulaRules) setDisabled(target, true);

    const form = h('div', { class: 'form-grid' },
      field(l10n.t('Target'), target),
      field(l10n.t('Polynomial degree'), degree, formulaRules ? l10n.t('the formula decides') : powered.length === 0 ? l10n.t('needs a numeric feature') : powered.length === 1 ? l10n.t('for {0}', powered[0]) : l10n.t('for every numeric feature')),
      field(l10n.t('Validation fraction'), validation, l10n.t('held out, seeded split')),
    );

    const rows = h('p', { class: 'rows', 'data-testid': 'rows' },
      // the file's rows; the fit says how many its model used (it leaves out only rows missing one of its columns)
      ds.rowsDropped
        ? l10n.t('Rows read: {0} · dropped when read: {1}', thousands(ds.rowsRead), thousands(ds.rowsDropped))
        : l10n.t('Rows read: {0}', thousands(ds.rowsRead)),
    );
    const dropped = ds.dropped.length
      ? h('details', { class: 'dropped', 'data-testid': 'dropped' },
          h('summary', {}, l10n.t('First rows with a missing or unreadable value ({0})', thousands(ds.dropped.length))),
          h('ul', {}, ...ds.dropped.map((r) => h('li', {}, l10n.t('row {0}, column {1}: “{2}” {3}', String(r.row), r.column, r.value, droppedReasons()[r.reason] ?? r.reason)))))
      : null;
    const nonNumeric = other.length
      ? h('div', { class: 'non-numeric', 'data-testid': 'non-numeric' },
          h('h3', {}, l10n.t('Not offered as target or feature')),
          h('ul', {}, ...other.map((c) => h('li', {}, h('code', { class: 'colname' }, c.name), ` — ${c.reason ?? l10n.t('not numeric')}`))))
      : null;
    const warnings = ds.warnings.length ? h('ul', { class: 'warnings', role: 'alert' }, ...ds.warnings.map((w) => h('li', {}, w))) : null;

    const tools = !formulaRules && features.querySelectorAll('.feature-item').length >= FEATURE_TOOLS_FROM ? this.featureTools(features, order) : null;

    return [
      head, label, headerRow, warnings, form,
      this.formulaField(d, kindOf, formulaRules),
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, l10n.t('Features')), tools, features),
      constantNote, toggles, this.missingControl(d), rows, dropped, nonNumeric,
    ].filter((n) => n !== null) as Node[];
  }

  /**
   * A long Features list's tools: a filter by name (as you type), and All / None for the columns
   * it shows (All leaves id columns out: a value per row is no feature).
   */
  private featureTools(features: HTMLElement, order: readonly string[]): HTMLElement {
    const items = [...features.querySelectorAll<HTMLElement>('.feature-item')].map((item) => {
      const cb = item.querySelector<HTMLElement>('[data-testid="feature"]')!;
      return { item, name: cb.dataset.column ?? '', id: cb.dataset.role === 'id' };
    });
    const count = h('span', { class: 'muted', 'data-testid': 'feature-count', 'aria-live': 'polite' });
    const shownItems = () => items.filter((x) => !x.item.hidden);
    const apply = () => {
      const q = this.featureFilter.trim().toLowerCase();
      for (const x of items) x.item.hidden = q !== '' && !x.name.toLowerCase().includes(q);
      const ticked = this.ctx.state().design?.features.length ?? 0;
      setText(count, l10n.t('{0} of {1} shown · {2} ticked', thousands(shownItems().length), thousands(items.length), thousands(ticked)));
    };
    const filter = textfield(this.featureFilter, () => {}, { testid: 'feature-filter' });
    nameControl(filter, l10n.t('Filter features by name'));
    filter.setAttribute('placeholder', l10n.t('filter by name'));
    filter.addEventListener('input', () => {
      this.featureFilter = filter.value;
      apply();
    });
    const set = (on: boolean) => {
      const now = this.ctx.state().design?.features ?? [];
      const names = new Set(shownItems().filter((x) => !on || !x.id).map((x) => x.name));
      this.setDesign({ features: order.filter((n) => (on ? now.includes(n) || names.has(n) : now.includes(n) && !names.has(n))) });
    };
    const all = button(l10n.t('All'), () => set(true), { testid: 'features-all', secondary: true, title: l10n.t('Tick every feature shown (id columns stay unticked)') });
    const none = button(l10n.t('None'), () => set(false), { testid: 'features-none', secondary: true, title: l10n.t('Untick every feature shown') });
    apply();
    return h('div', { class: 'row feature-tools', role: 'group', 'aria-label': l10n.t('choose features') }, filter, all, none, count);
  }

  /** The model as a formula: typed, it moves the pickers where they can say it; else it decides. */
  private formulaField(d: DesignChoice, kindOf: (name: string) => ColumnKind | undefined, formulaRules: boolean): HTMLElement {
    const value = this.draft?.text ?? designFormula(d, kindOf);
    const input = textfield(value, (v) => this.setFormula(v), { testid: 'formula' });
    input.id = 'design-formula';
    input.classList.add('formula-input');
    const hint = formulaRules
      ? l10n.t('this formula decides the model: the pickers show what it uses; ticking one goes back to the pickers')
      : l10n.t('patsy / R syntax: y ~ x + C(g) + I(x ** 2) + np.log(z), a:b, a * b, - 1; Enter to fit');
    const box = field(l10n.t('Formula'), input, hint);
    box.classList.add('formula-field');
    box.dataset.testid = 'formula-field';
    if (formulaRules) {
      box.append(button(l10n.t('Back to the pickers'), () => {
        const now = this.ctx.state().design;
        if (now) this.setDesign({ features: now.features.filter((f) => kindOf(f) !== undefined) });
      }, { testid: 'formula-clear', secondary: true }));
    }
    if (this.draft) {
      box.append(h('div', { class: 'formula-error', role: 'alert', 'data-testid': 'formula-error' },
        h('p', {}, this.draft.error),
        this.draft.pointer ? h('pre', { class: 'formula-pointer' }, this.draft.pointer) : null,
      ));
    }
    return box;
  }

  /** How a missing value is handled: the model's rows with a gap are dropped, or the gaps filled (sklearn's SimpleImputer). */
  private missingControl(d: DesignChoice): HTMLElement {
    const impute = d.impute ?? 'none';
    const labels = imputeLabels();
    const choice = select((['none', ...IMPUTE_STRATEGIES] as const).map((v) => ({ value: v, label: labels[v] })), impute, (v) => {
      const now = this.ctx.state().design;
      if (now) this.send({ ...now, impute: v, ...(v === 'none' ? { missingIndicator: false } : {}) });
    }, 'impute');
    const indicator = checkbox(l10n.t('add a 0/1 “was missing” column per filled column'), d.missingIndicator === true, (on) => {
      const now = this.ctx.state().design;
      if (now) this.send({ ...now, missingIndicator: on });
    }, 'missing-indicator');
    indicator.id = 'design-missing-indicator';
    if (impute === 'none') setDisabled(indicator, true);
    const box = h('div', { class: 'row missing' }, field(l10n.t('Missing values'), choice, impute === 'none' ? l10n.t('a gap in another column never drops a row') : l10n.t('numbers: the statistic of the fitted rows; a category: its own level "(missing)"')), indicator);
    return box;
  }

  /** Whether the first line names the columns: detected (and what was found), or said. */
  private headerControl(header: NonNullable<DatasetInfo['header']>): HTMLElement {
    const labels = headerLabels();
    const choice = select(HEADER_CHOICES.map((v) => ({ value: v, label: labels[v] })), header.choice, (v) => {
      if (v !== header.choice) this.ctx.post({ type: 'setHeader', header: v });
    }, 'header-choice');
    return h('div', { class: 'row header-row' },
      field(l10n.t('First line'), choice),
      h('span', { class: 'muted', 'data-testid': 'header-state' }, header.firstLineIsHeader ? l10n.t('read as the header (column names)') : l10n.t('read as data: columns are named column1, column2, …')),
    );
  }
}
