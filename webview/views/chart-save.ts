// Per-chart "Save SVG" / "Save PNG": the view renders the chart with its Vega view and the
// extension saves it (`saveChart`, VS Code's save dialog) rather than a browser download.
import type { WebviewToExtension } from '../../src/protocol';
import type { Chart } from '../charts';
import { button, h } from '../dom';

/** The two save buttons of one chart card; `chart` is read at click time (charts are re-embedded). */
export function saveChartButtons(name: string, caption: string, chart: () => Chart | undefined, post: (msg: WebviewToExtension) => void): HTMLElement {
  const save = async (format: 'svg' | 'png') => {
    try {
      const data = await chart()?.toImage(format);
      if (data) post({ type: 'saveChart', name, format, data });
      else post({ type: 'log', level: 'warn', message: `the ${name} chart is not drawn yet: nothing to save` });
    } catch (e) {
      post({ type: 'log', level: 'error', message: `saving the ${name} chart as ${format} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  const b = (format: 'svg' | 'png') => {
    const label = `Save ${format.toUpperCase()}`;
    const el = button(label, () => void save(format), { testid: `save-${format}-${name}`, secondary: true, title: `Save this chart (${caption}) as a${format === 'svg' ? 'n' : ''} ${format.toUpperCase()} file` });
    el.setAttribute('aria-label', `${label}: ${caption}`);
    return el;
  };
  return h('div', { class: 'row chart-save', role: 'group', 'aria-label': `save the chart: ${caption}` }, b('svg'), b('png'));
}
