// Vega-Lite charts under a strict CSP: specs are parsed to an AST and evaluated by
// vega-interpreter (no `new Function`), styles come from the CSS file (no injected <style>),
// colours come from VS Code's theme variables, and live data arrives as changesets.
import * as l10n from '@vscode/l10n';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { numberSeparators } from '../src/core/number-format';
import type { Config } from 'vega-lite';
import { localDigits } from '../src/core/number-format';
import { gaussNumber, NUMBER_FORMAT, type Spec } from './specs/common';

/** Reads a VS Code theme variable from the body (set by the workbench on every theme change). */
function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** The Vega config for the current VS Code theme (light, dark or high contrast). */
export function themeConfig(): Config {
  const fg = cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#cccccc'));
  const muted = cssVar('--vscode-descriptionForeground', fg);
  const grid = cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', '#80808040'));
  const font = cssVar('--vscode-font-family', 'sans-serif');
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  // blue then red: data and its fit (or the first two series) contrast in every theme
  const category = [
    cssVar('--vscode-charts-blue', '#3794ff'),
    cssVar('--vscode-charts-red', '#f14c4c'),
    cssVar('--vscode-charts-green', '#89d185'),
    cssVar('--vscode-charts-orange', '#d18616'),
    cssVar('--vscode-charts-purple', '#b180d7'),
    cssVar('--vscode-charts-yellow', '#cca700'),
  ];
  return {
    background: 'transparent',
    font,
    view: { stroke: highContrast ? fg : 'transparent' },
    axis: {
      domainColor: muted,
      tickColor: muted,
      gridColor: grid,
      gridOpacity: highContrast ? 0.6 : 0.35,
      labelColor: fg,
      titleColor: fg,
      labelFont: font,
      titleFont: font,
      titleFontWeight: 'normal',
      labelFontSize: 11,
      titleFontSize: 12,
    },
    legend: { labelColor: fg, titleColor: fg, labelFont: font, titleFont: font, labelFontSize: 11, labelLimit: 260, symbolOpacity: 1 },
    title: { color: fg, font },
    text: { color: fg, font },
    mark: { color: category[0] },
    rule: { color: muted },
    range: { category },
  } as Config;
}

let tooltipEl: HTMLElement | undefined;

/**
 * Vega tooltip handler that builds its table with textContent (vega-tooltip would set
 * innerHTML, escaped, but data strings stay text here by construction). Positioned via CSSOM.
 */
function textTooltip(_handler: unknown, event: MouseEvent, _item: unknown, value: unknown): void {
  if (!tooltipEl) {
    tooltipEl = document.createElement('div');
    tooltipEl.className = 'chart-tooltip';
    tooltipEl.setAttribute('role', 'tooltip');
    document.body.append(tooltipEl);
  }
  const el = tooltipEl;
  if (value === null || value === undefined || value === '') {
    el.classList.remove('visible');
    return;
  }
  const table = document.createElement('table');
  const entries = typeof value === 'object' ? Object.entries(value as Record<string, unknown>) : [['', value] as const];
  for (const [k, v] of entries) {
    const tr = table.insertRow();
    const key = tr.insertCell();
    key.className = 'key';
    key.textContent = k;
    const val = tr.insertCell();
    val.className = 'value';
    val.textContent = typeof v === 'number' ? localDigits(String(Number(v.toPrecision(6)))) : String(v);
  }
  el.replaceChildren(table);
  el.classList.add('visible');
  const x = Math.min(event.clientX + 12, window.innerWidth - el.offsetWidth - 4);
  const y = Math.min(event.clientY + 12, window.innerHeight - el.offsetHeight - 4);
  el.style.setProperty('left', `${Math.max(0, x)}px`);
  el.style.setProperty('top', `${Math.max(0, y)}px`);
}

/** The highest-contrast text colour of the theme, for charts' own annotations. */
export const foreground = () => cssVar('--vscode-editor-foreground', '#cccccc');

interface PendingChange {
  removeAll: boolean;
  removeWhere: ((d: any) => boolean) | undefined;
  inserts: object[];
}

/**
 * Runs at most one chart's pending changes per animation frame (round robin), so a frame never
 * carries several Vega dataflow runs: this keeps every task well under 50 ms while training
 * streams in. Changes to a chart between its runs coalesce into one changeset per data source.
 */
const dirty: Chart[] = [];
let scheduled = false;
function schedule(chart: Chart): void {
  if (!dirty.includes(chart)) dirty.push(chart);
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(function tick() {
    const next = dirty.shift();
    const done = next ? next.flushNow() : Promise.resolve();
    void done.finally(() => {
      if (dirty.length) requestAnimationFrame(tick);
      else scheduled = false;
    });
  });
}

/**
 * One embedded chart. `ready` settles when it has rendered; updates made before that wait
 * for it. `replace(name, rows)` swaps a data source's rows; `append` streams rows in.
 */
/** d3-format's locale from the display language's separators. */
function chartNumberLocale(): Record<string, unknown> {
  const { decimal, group } = numberSeparators();
  return { decimal, thousands: group, grouping: [3], currency: ['', ''] };
}

export class Chart {
  private result: Result | undefined;
  private finalized = false;
  readonly ready: Promise<void>;
  private readonly pending = new Map<string, PendingChange>();
  private running: Promise<void> = Promise.resolve();
  /** Dataflow runs since embedding, shown as data-runs (the chart updates a test can count). */
  private runs = 0;

  constructor(
    readonly container: HTMLElement,
    readonly name: string,
    spec: Spec,
    onError: (message: string) => void,
    /** Canvas for charts that stream (no DOM churn per update); SVG keeps text inspectable. */
    renderer: 'svg' | 'canvas' = 'svg',
  ) {
    container.classList.add('chart');
    container.dataset.chart = name;
    delete container.dataset.rendered;
    // what the axes say, for anyone inspecting the panel (the UI tests read a canvas chart's ticks)
    Object.defineProperty(container, 'axisLabels', { value: () => this.axisLabels(), configurable: true });
    this.ready = embed(container, spec, {
      ast: true,
      expr: expressionInterpreter,
      renderer,
      defaultStyle: false,
      // vega-embed's Save as SVG/PNG is a browser download link (no VS Code save dialog, not into
      // the workspace): each chart card has Save SVG / Save PNG buttons instead (`toImage` + `saveChart`)
      actions: false,
      config: themeConfig(),
      // axis numbers with the display language's separators (d3-format's locale)
      formatLocale: chartNumberLocale(),
      // tooltips' numbers by the panel's number policy
      expressionFunctions: { [NUMBER_FORMAT]: gaussNumber },
      tooltip: textTooltip,
      logLevel: 1,
    }).then(
      (r) => {
        if (this.finalized) r.finalize();
        else {
          this.result = r;
          container.dataset.rendered = 'true';
          if (this.pending.size) schedule(this);
        }
      },
      (e: unknown) => onError(l10n.t('the {0} chart could not be drawn: {1}', name, e instanceof Error ? e.message : String(e))),
    );
  }

  /**
   * Each axis's visible tick labels (by its title) with their boxes in the chart's coordinates:
   * what a reader sees, whether the chart is drawn as SVG or on a canvas.
   */
  axisLabels(): Record<string, { text: string; x1: number; x2: number; y1: number; y2: number }[]> {
    const out: Record<string, { text: string; x1: number; x2: number; y1: number; y2: number }[]> = {};
    let labels: { text: string; x1: number; x2: number; y1: number; y2: number }[] = [];
    type Node = { role?: string; items?: Node[]; text?: unknown; opacity?: number; bounds?: { x1: number; x2: number; y1: number; y2: number } };
    const walk = (node: Node | undefined) => {
      if (!node) return;
      if (node.role === 'axis-label') {
        labels = (node.items ?? []).filter((it) => it.opacity !== 0 && it.text !== '' && it.bounds).map((it) => ({ text: String(it.text), x1: it.bounds!.x1, x2: it.bounds!.x2, y1: it.bounds!.y1, y2: it.bounds!.y2 }));
      }
      if (node.role === 'axis-title') out[String(node.items?.[0]?.text ?? '')] = labels;
      for (const child of node.items ?? []) walk(child);
    };
    walk((this.result?.view.scenegraph() as unknown as { root?: Node } | undefined)?.root);
    return out;
  }

  private change(dataName: string): PendingChange {
    let p = this.pending.get(dataName);
    if (!p) this.pending.set(dataName, (p = { removeAll: false, removeWhere: undefined, inserts: [] }));
    if (this.result) schedule(this);
    return p;
  }

  /** Inserts `rows`; `removeWhere` also drops existing (and still pending) rows it matches. */
  append(dataName: string, rows: readonly object[], removeWhere?: (d: any) => boolean): void {
    const p = this.change(dataName);
    if (removeWhere) {
      const prev = p.removeWhere;
      p.removeWhere = prev ? (d) => prev(d) || removeWhere(d) : removeWhere;
      p.inserts = p.inserts.filter((d) => !removeWhere(d));
    }
    for (const r of rows) p.inserts.push(r);
  }

  replace(dataName: string, rows: readonly object[]): void {
    const p = this.change(dataName);
    p.removeAll = true;
    p.removeWhere = undefined;
    p.inserts = [...rows];
  }

  /** Applies the pending changes in one dataflow run (called by the frame scheduler). */
  flushNow(): Promise<void> {
    const view = this.result?.view;
    if (!view || this.finalized || !this.pending.size) return Promise.resolve();
    for (const [name, p] of this.pending) {
      const cs = view.changeset();
      if (p.removeAll) cs.remove(() => true);
      else if (p.removeWhere) cs.remove(p.removeWhere);
      view.change(name, cs.insert(p.inserts));
    }
    this.pending.clear();
    this.running = view.runAsync().then(() => {
      this.container.dataset.runs = String(++this.runs);
    });
    return this.running;
  }

  /** SVG markup of the chart as it is drawn now (for the report). */
  async toSVG(): Promise<string | undefined> {
    await this.ready;
    await this.flushNow();
    await this.running;
    return this.result?.view.toSVG();
  }

  /**
   * The chart as a file's content, drawn on the theme's editor background (the live chart is
   * transparent): SVG markup, or a `data:image/png;base64,` URL at twice the size.
   */
  async toImage(format: 'svg' | 'png'): Promise<string | undefined> {
    await this.ready;
    await this.flushNow();
    await this.running;
    const view = this.result?.view;
    if (!view) return undefined;
    const background = view.background();
    view.background(cssVar('--vscode-editor-background', '#ffffff'));
    try {
      return format === 'svg' ? await view.toSVG() : await view.toImageURL('png', 2);
    } finally {
      view.background(background);
    }
  }

  finalize(): void {
    this.finalized = true;
    this.pending.clear();
    this.result?.finalize();
    this.result = undefined;
  }
}
