// Per-chart "Save SVG" / "Save PNG": the view renders the chart with its Vega view and the
// extension saves it (`saveChart`, VS Code's save dialog) rather than a browser download.
import * as l10n from '@vscode/l10n';
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
    const svg = format === 'svg';
    const label = svg ? l10n.t('Save SVG') : l10n.t('Save PNG');
    const title = svg ? l10n.t('Save this chart ({0}) as an SVG file', caption) : l10n.t('Save this chart ({0}) as a PNG file', caption);
    const el = button(label, () => void save(format), { testid: `save-${format}-${name}`, secondary: true, title });
    el.setAttribute('aria-label', svg ? l10n.t('Save SVG: {0}', caption) : l10n.t('Save PNG: {0}', caption));
    return el;
  };
  return h('div', { class: 'row chart-save', role: 'group', 'aria-label': l10n.t('save the chart: {0}', caption) }, b('svg'), b('png'));
}
