// A chart in words (issue 18, WCAG 1.1.1): a line under the chart that states what it shows with
// the numbers that matter (the current loss, the distance to θ*, the fitted line, …), which is
// also the chart's accessible name, and "Show as table": its data as an HTML table, built when
// opened. The canvas charts expose nothing else to a screen reader; the SVG ones only shapes.
import * as l10n from '@vscode/l10n';
import { num, setText, thousands } from '../dom';
import { h } from '../dom';

/** A chart's data as a table: column headings and rows (numbers formatted here). */
export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** Rows a table shows at most (the chart's own sample is larger: the table says how many it leaves out). */
export const MAX_TABLE_ROWS = 200;

const cell = (v: string | number | null) => (v === null ? '—' : typeof v === 'number' ? num(v) : v);

export class ChartText {
  readonly summary: HTMLElement;
  readonly details: HTMLDetailsElement;
  // focusable: a keyboard can scroll a long table (WCAG 2.1.1)
  private readonly body = h('div', { class: 'chart-table-body', tabindex: '0' });

  /**
   * @param box the chart's container: named by `caption` and the summary
   * @param table the chart's data now (called when the table is opened, and again on each update while it is open)
   */
  constructor(box: HTMLElement, name: string, caption: HTMLElement, private readonly table: () => ChartTable) {
    this.summary = h('p', { class: 'chart-summary', id: `chart-summary-${name}`, 'data-testid': `chart-summary-${name}` });
    caption.id ||= `chart-caption-${name}`;
    // Vega makes the box a graphics-document with its spec's short description as aria-label;
    // aria-labelledby takes precedence: the caption and these words name it
    box.setAttribute('aria-labelledby', `${caption.id} ${this.summary.id}`);
    this.details = h('details', { class: 'chart-table', 'data-testid': `chart-table-${name}` }, h('summary', {}, l10n.t('Show as table')), this.body) as HTMLDetailsElement;
    this.details.addEventListener('toggle', () => {
      if (this.details.open) this.render();
      else this.body.replaceChildren();
    });
  }

  /** The chart's words now (and its open table). */
  update(text: string): void {
    setText(this.summary, text);
    if (this.details.open) this.render();
  }

  private render(): void {
    const t = this.table();
    const shown = t.rows.slice(0, MAX_TABLE_ROWS);
    const table = h('table', { class: 'data-table' },
      h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...shown.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, cell(v)))))));
    const note = t.rows.length > shown.length ? h('p', { class: 'muted' }, l10n.t('the first {0} of {1} rows', thousands(shown.length), thousands(t.rows.length))) : null;
    this.body.replaceChildren(table, ...(note ? [note] : []));
  }
}
