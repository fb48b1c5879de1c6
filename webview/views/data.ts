// 1. Data: the dataset, target and feature pickers, design toggles, rows used and dropped.
import type { DatasetInfo, DesignChoice } from '../../src/protocol';
import { inBound } from '../../src/core/bounds';
import { DESIGN_BOUNDS } from '../../src/core/choices';
import { button, checkbox, field, h, numberInput, select, textfield, thousands } from '../dom';
import type { ReadyState } from '../state';
import type { ViewContext } from './context';
import { shown } from '../text';

export class DataSection {
  readonly root = h('section', { class: 'section data', 'aria-labelledby': 'data-h', 'data-testid': 'data-section' });
  private dataset: DatasetInfo | null | undefined;
  private design: DesignChoice | null | undefined;

  constructor(private readonly ctx: ViewContext) {}

  update(s: ReadyState): void {
    if (s.dataset === this.dataset && s.design === this.design) return;
    this.dataset = s.dataset;
    this.design = s.design;
    // Keep the caret on a rebuilt control, but only while the panel has focus: focusing an
    // element of an unfocused webview pulls focus from the workbench and closes an open quick pick.
    const focused = document.hasFocus() ? document.activeElement?.id : undefined;
    this.root.replaceChildren(...this.build(s));
    if (focused) document.getElementById(focused)?.focus();
  }

  private setDesign(patch: Partial<DesignChoice>): void {
    const current = this.ctx.state().design;
    if (!current) return;
    const merged = { ...current, ...patch };
    const design: DesignChoice = merged.features.length === 1 ? merged : { ...merged, degree: 1 };
    this.ctx.dispatch({ type: 'local/design', design });
    this.ctx.post({ type: 'setDesign', design });
  }

  private build(s: ReadyState): Node[] {
    const head = h('div', { class: 'section-head' },
      h('h2', { id: 'data-h' }, '1. Data'),
      button('Choose CSV…', () => this.ctx.post({ type: 'chooseDataset' }), { testid: 'choose-dataset', secondary: true }),
    );
    const ds = s.dataset;
    const d = s.design;
    if (!ds || !d) return [head, h('p', { class: 'muted', 'data-testid': 'no-dataset' }, 'No data yet: the built-in d2l synthetic data loads first, or choose a CSV file.')];

    const numeric = ds.columns.filter((c) => c.numeric);
    const other = ds.columns.filter((c) => !c.numeric);
    const label = h('p', { class: 'dataset-label' }, 'Dataset: ', h('strong', { 'data-testid': 'dataset-label' }, ds.label));

    const target = select(numeric.map((c, i) => ({ value: String(i), label: c.name })), String(Math.max(0, numeric.findIndex((c) => c.name === d.target))), (v) => {
      const name = numeric[Number(v)]?.name;
      if (name !== undefined) this.setDesign({ target: name, features: d.features.filter((f) => f !== name) });
    }, 'target-select');

    const features = h('div', { class: 'features', role: 'group', 'aria-label': 'features', 'data-testid': 'features' });
    for (const c of numeric) {
      if (c.name === d.target) continue;
      const cb = checkbox(c.name, d.features.includes(c.name), (on) => {
        const now = this.ctx.state().design?.features ?? [];
        this.setDesign({ features: on ? numeric.map((x) => x.name).filter((n) => n === c.name || now.includes(n)) : now.filter((n) => n !== c.name) });
      }, 'feature');
      cb.id = `feature-${numeric.indexOf(c)}`;
      cb.dataset.column = c.name;
      cb.title = shown(c.name);
      features.append(cb);
    }
    if (!features.childElementCount) features.append(h('span', { class: 'muted' }, 'no other numeric columns'));

    const constantNote = d.features.length === 0
      ? h('p', { class: 'note', 'data-testid': 'constant-model' }, `No features selected: this fits the constant model ŷ = b, and its least-squares estimate is the mean of ${d.target}.`)
      : null;

    const intercept = checkbox('Intercept', d.intercept, (on) => this.setDesign({ intercept: on }), 'intercept');
    intercept.id = 'design-intercept';
    const standardize = checkbox('Standardize features (SGD)', d.standardize, (on) => this.setDesign({ standardize: on }), 'standardize');
    standardize.id = 'design-standardize';
    const toggles = h('div', { class: 'row' }, intercept, standardize);
    const degree = textfield(String(d.degree), (v) => {
      const n = Math.round(Number(v));
      if (inBound(n, DESIGN_BOUNDS.degree)) this.setDesign({ degree: n });
    }, { testid: 'degree', ...numberInput(DESIGN_BOUNDS.degree) });
    if (d.features.length !== 1) degree.setAttribute('disabled', '');
    const validation = textfield(String(d.validationFraction), (v) => {
      const f = Number(v);
      if (v.trim() !== '' && inBound(f, DESIGN_BOUNDS.validationFraction)) this.setDesign({ validationFraction: f });
    }, { testid: 'validation-fraction' });

    const form = h('div', { class: 'form-grid' },
      field('Target', target),
      field('Polynomial degree', degree, d.features.length === 1 ? 'for the single feature' : 'needs exactly one feature'),
      field('Validation fraction', validation, 'held out, seeded split'),
    );

    const rows = h('p', { class: 'rows', 'data-testid': 'rows' },
      `Rows used: ${thousands(ds.rowsUsed)} of ${thousands(ds.rowsRead)}`,
      ds.rowsDropped ? ` · dropped: ${thousands(ds.rowsDropped)}` : '',
    );
    const dropped = ds.dropped.length
      ? h('details', { class: 'dropped', 'data-testid': 'dropped' },
          h('summary', {}, `First rows with a missing or unreadable value (${ds.dropped.length})`),
          h('ul', {}, ...ds.dropped.map((r) => h('li', {}, `row ${r.row}, column ${r.column}: “${r.value}” ${r.reason}`))))
      : null;
    const nonNumeric = other.length
      ? h('div', { class: 'non-numeric', 'data-testid': 'non-numeric' },
          h('h3', {}, 'Not numeric (not offered as target or feature)'),
          h('ul', {}, ...other.map((c) => h('li', {}, h('code', { class: 'colname' }, c.name), ` — ${c.reason ?? 'not numeric'}`))))
      : null;
    const warnings = ds.warnings.length ? h('ul', { class: 'warnings', role: 'alert' }, ...ds.warnings.map((w) => h('li', {}, w))) : null;

    return [head, label, warnings, form, h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Features'), features), constantNote, toggles, rows, dropped, nonNumeric].filter((n) => n !== null) as Node[];
  }
}
