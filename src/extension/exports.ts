/**
 * Export actions: the model as code (clipboard), predictions and residuals as a new CSV
 * next to the data, and a Markdown fit report with the charts as SVG files. Nothing is
 * ever overwritten: a free name is found (`name-2.csv`, `name-3.csv`, …; ./new-file.ts).
 * Files are written through VS Code's file system, so all of it works on the web too.
 */
import * as vscode from 'vscode';
import { createUnique, stemOf } from './new-file';
import { CODE_LANGUAGES, describeModel, modelCode, type CodeLanguage } from '../core/model-code';
import { fitReport, safeFileName } from '../core/report';
import type { ResidualDiagnostics } from '../core/residual-diagnostics';
import type { DesignChoice, FitPayload } from '../protocol';
import { inform, warn } from './notify';
import { writesAsCode } from '../playground/model-formula';

/** What an export needs from the playground. */
export interface FitSnapshot {
  readonly design: DesignChoice;
  readonly fit: FitPayload;
  readonly label: string;
  readonly rowsDropped: number;
  /** The data file, or undefined for the built-in dataset. */
  readonly file: vscode.Uri | undefined;
}

/** How each language of the core's CODE_LANGUAGES is offered (the compiler asks for a new one's words). */
// `cell`: the notebook cell language it runs as, when it can be inserted into a Jupyter notebook
const languages = (): Readonly<Record<CodeLanguage, { readonly label: string; readonly detail: string; readonly cell?: 'python' }>> => ({
  typescript: { label: 'TypeScript', detail: vscode.l10n.t('a predict(row) function') },
  python: { label: 'Python', detail: vscode.l10n.t('a predict(row) function, no dependencies'), cell: 'python' },
  sklearn: { label: 'Python (scikit-learn)', detail: vscode.l10n.t('a LinearRegression with the fitted coefficients'), cell: 'python' },
  pytorch: { label: 'PyTorch (d2l)', detail: vscode.l10n.t('an nn.Linear layer holding the fitted weights'), cell: 'python' },
  statsmodels: { label: 'Python (statsmodels)', detail: vscode.l10n.t('the smf.ols formula call that fits the same model'), cell: 'python' },
  json: { label: 'JSON', detail: vscode.l10n.t('target, intercept and terms') },
});

/**
 * The notebook to insert code into: the active notebook editor, or — when the playground has the
 * focus — the one notebook visible beside it.
 */
function targetNotebook(): vscode.NotebookEditor | undefined {
  const visible = vscode.window.visibleNotebookEditors;
  return vscode.window.activeNotebookEditor ?? (visible.length === 1 ? visible[0] : undefined);
}

/** Copies the model as code; asks for the language when not given. @returns the text copied, or undefined. */
export async function copyModelAsCode(snap: FitSnapshot, language?: CodeLanguage): Promise<string | undefined> {
  // categories, transforms and fills need the data's levels and statistics in the code: only the
  // statsmodels formula says them (and it refits; filled gaps it would drop instead, so not then)
  const plain = writesAsCode(snap.design, snap.fit.termNames);
  const filled = (snap.design.impute ?? 'none') !== 'none';
  const offered = CODE_LANGUAGES.filter((id) => plain || (id === 'statsmodels' && !filled));
  if (offered.length === 0 || (language && !offered.includes(language))) {
    void warn(
      filled
        ? vscode.l10n.t('Copy Model as Code writes models without filled gaps (statsmodels would drop those rows instead); Save Model… keeps the fill values, and gauss-lab predict uses them.')
        : vscode.l10n.t('This model has categories or a formula: only its statsmodels call can say it. Save Model… writes it for gauss-lab predict.'),
    );
    return undefined;
  }
  const offeredAs = languages();
  let lang = language;
  if (!lang) {
    const pick = await vscode.window.showQuickPick(
      offered.map((id) => ({ ...offeredAs[id], id })),
      { title: vscode.l10n.t('Gauss Lab: Copy Model as Code'), placeHolder: vscode.l10n.t('Language') },
    );
    if (!pick) return undefined;
    lang = pick.id;
  }
  const description = plain
    ? describeModel(snap.design, snap.fit.termNames, snap.fit.coefficients, snap.label)
    : { target: snap.fit.target, intercept: snap.fit.intercept ? snap.fit.coefficients[0] : null, terms: snap.fit.termNames.slice(snap.fit.intercept ? 1 : 0).map((name, j) => ({ name, feature: name, power: 1, coefficient: snap.fit.coefficients[j + (snap.fit.intercept ? 1 : 0)] })), source: snap.label };
  const text = modelCode({ ...description, formula: snap.fit.formula, covType: snap.fit.summary.covType }, lang);
  await vscode.env.clipboard.writeText(text);
  const nb = targetNotebook();
  const cellLanguage = offeredAs[lang].cell;
  if (nb && cellLanguage) {
    // a new code cell below the selected one (the end of the notebook when none is)
    const at = nb.selections.length ? nb.selections[nb.selections.length - 1].end : nb.notebook.cellCount;
    const edit = new vscode.WorkspaceEdit();
    edit.set(nb.notebook.uri, [vscode.NotebookEdit.insertCells(at, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, cellLanguage)])]);
    if (await vscode.workspace.applyEdit(edit)) {
      void inform(vscode.l10n.t('Inserted the model as {0} in a new cell of {1} (and copied it).', offeredAs[lang].label, vscode.workspace.asRelativePath(nb.notebook.uri, false)));
      return text;
    }
  }
  void inform(vscode.l10n.t('Copied the model as {0}.', offeredAs[lang].label));
  return text;
}

/** The folder exports go to: next to the data file, or the first workspace folder for the built-in data. */
export function exportFolder(snap: Pick<FitSnapshot, 'file'> | undefined): vscode.Uri | undefined {
  if (snap?.file) return vscode.Uri.joinPath(snap.file, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function stem(snap: Pick<FitSnapshot, 'file'> | undefined, fallback = 'd2l-synthetic'): string {
  return snap?.file ? stemOf(snap.file) : fallback;
}

/** Where the predictions CSV goes: `<data>-predictions.csv` next to the data, or the next free name. */
export function predictionsBase(snap: FitSnapshot): { dir: vscode.Uri; base: string } | undefined {
  const dir = exportFolder(snap);
  return dir ? { dir, base: `${stem(snap)}-predictions` } : undefined;
}

/**
 * Captions of the playground's charts by name (other names are shown as they are, escaped), in
 * the report: English, like the rest of it (docs/l10n.md).
 */
const CHART_TITLES: Readonly<Record<string, string>> = {
  'data-fit': 'Data and the fitted line',
  'predicted-actual': 'Predicted against actual',
  landscape: 'Loss landscape with the SGD trajectory and the exact optimum',
  residuals: 'Residuals with the fitted N(0, σ̂²) density',
  qq: 'Normal Q-Q plot of the residuals',
  profiles: 'Gaussian NLL and MSE reach their minimum at the same parameters',
  neuron: 'Linear regression as a single neuron',
  loss: 'Training and validation loss',
  distance: 'Distance ‖θ − θ*‖ to the exact solution',
};

/**
 * Writes `<data>-report.md` and one SVG per chart next to the data.
 * @returns the report's path.
 */
export async function writeReport(
  snap: FitSnapshot,
  charts: Readonly<Record<string, string>>,
  generator: string,
): Promise<vscode.Uri> {
  const dir = exportFolder(snap);
  if (!dir) throw new Error(vscode.l10n.t('there is no folder to save the report in: open a folder first'));
  const base = `${stem(snap)}-report`;
  const written: { title: string; file: string }[] = [];
  for (const [title, svg] of Object.entries(charts)) {
    const uri = await createUnique(dir, `${base}-${safeFileName(title).replace(/\.svg$/i, '')}`, '.svg', svg);
    written.push({ title: CHART_TITLES[title] ?? title, file: uri.path.slice(uri.path.lastIndexOf('/') + 1) });
  }
  const md = fitReport({
    dataset: snap.label,
    design: snap.design,
    summary: snap.fit.summary,
    formula: snap.fit.formula,
    // a statistic not defined for so few rows reads "nan", as in statsmodels' summary
    diagnostics: Object.fromEntries(Object.entries(snap.fit.diagnostics).map(([k, x]) => [k, x ?? NaN])) as Record<keyof ResidualDiagnostics, number>,
    rowsDropped: snap.rowsDropped,
    charts: written,
    generator,
    date: new Date().toISOString(),
  });
  return createUnique(dir, base, '.md', md);
}

/**
 * "Saved …" with an Open button (not awaited by callers: never blocks a test or a flow).
 * `saved` words the message from the file's workspace-relative path.
 */
export function announceFile(saved: (file: string) => string, uri: vscode.Uri): void {
  const open = vscode.l10n.t('Open');
  void inform(saved(vscode.workspace.asRelativePath(uri, false)), open).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(uri);
  });
}

/**
 * Where a chart is saved: asked with the save dialog, or (tests only) answered by a hook, since
 * a test cannot drive the dialog. `undefined` from the hook means "cancelled".
 */
let saveTargetForTests: ((defaultUri: vscode.Uri) => vscode.Uri | undefined) | undefined;

/** Tests only: answers the chart save dialog instead of the user (undefined restores the dialog). */
export function setSaveTargetForTests(hook: ((defaultUri: vscode.Uri) => vscode.Uri | undefined) | undefined): void {
  saveTargetForTests = hook;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes of a validated `saveChart` message's data (PNG: the decoded data URL, signature checked). */
export function chartBytes(format: 'svg' | 'png', data: string): Uint8Array {
  if (format === 'svg') return new TextEncoder().encode(data);
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(data.slice(data.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  } catch {
    throw new Error(vscode.l10n.t('the chart image is not base64 data'));
  }
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error(vscode.l10n.t('the chart image is not a PNG'));
  return bytes;
}

/**
 * Saves one chart (from the view's `saveChart`): asks where with the save dialog, defaulting to
 * `<dataset>-<chart>.<format>` in the dataset's folder, and writes it. Never writes over the
 * data file. @returns the file written, or undefined when the user cancelled.
 */
export async function saveChart(
  chart: { readonly name: string; readonly format: 'svg' | 'png'; readonly data: string },
  snap: Pick<FitSnapshot, 'file'> | undefined,
): Promise<vscode.Uri | undefined> {
  const bytes = chartBytes(chart.format, chart.data);
  const dir = exportFolder(snap);
  const fileName = `${safeFileName(`${stem(snap, 'gauss-lab')}-${chart.name}`)}.${chart.format}`;
  const defaultUri = dir ? vscode.Uri.joinPath(dir, fileName) : undefined;
  const target = saveTargetForTests
    ? saveTargetForTests(defaultUri ?? vscode.Uri.file(fileName))
    : await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Gauss Lab: Save the {0} chart as {1}', chart.name, chart.format.toUpperCase()),
        saveLabel: vscode.l10n.t('Save {0}', chart.format.toUpperCase()),
        defaultUri,
        filters: chart.format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
      });
  if (!target) return undefined;
  if (snap?.file && target.toString() === snap.file.toString()) throw new Error(vscode.l10n.t('a chart cannot be saved over the data file'));
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}

/** Where a dialog would save `defaultUri` (or the tests' hook). */
async function askSaveTarget(title: string, saveLabel: string, defaultUri: vscode.Uri | undefined, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  return saveTargetForTests
    ? saveTargetForTests(defaultUri ?? vscode.Uri.file('model.json'))
    : vscode.window.showSaveDialog({ title, saveLabel, ...(defaultUri ? { defaultUri } : {}), filters });
}

/**
 * Save Model…: the model file where the save dialog says (VS Code's dialog asks before it
 * replaces a file), `<data>-model.json` next to the data by default; never over the data.
 */
export async function saveModelFile(snap: FitSnapshot, text: () => Promise<string | undefined>): Promise<vscode.Uri | undefined> {
  const dir = exportFolder(snap);
  const name = `${safeFileName(`${stem(snap)}-model`)}.json`;
  const target = await askSaveTarget(vscode.l10n.t('Gauss Lab: Save the fitted model'), vscode.l10n.t('Save Model'), dir ? vscode.Uri.joinPath(dir, name) : undefined, {
    [vscode.l10n.t('Gauss Lab model')]: ['json'],
  });
  if (!target) return undefined;
  if (snap.file && target.toString() === snap.file.toString()) throw new Error(vscode.l10n.t('the model cannot be saved over the data file'));
  const body = await text();
  if (body === undefined) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(body));
  return target;
}

/**
 * Predict on Another CSV…: asks for the CSV to predict, then where to write its predictions
 * (`<input>-predictions.csv` next to it; the dialog asks before replacing a file), then `run`s.
 * @returns the written file, or undefined when the user cancelled.
 */
export async function predictOtherFile(
  snap: FitSnapshot,
  run: (input: vscode.Uri, output: vscode.Uri) => Promise<boolean>,
): Promise<vscode.Uri | undefined> {
  const dir = exportFolder(snap);
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Gauss Lab: Predict on another CSV — choose the file to predict'),
    openLabel: vscode.l10n.t('Predict'),
    canSelectMany: false,
    canSelectFolders: false,
    ...(dir ? { defaultUri: dir } : {}),
    filters: { [vscode.l10n.t('CSV files')]: ['csv', 'tsv', 'txt'] },
  });
  const input = picked?.[0];
  if (!input) return undefined;
  const defaultUri = vscode.Uri.joinPath(input, '..', `${stemOf(input)}-predictions.csv`);
  const target = await askSaveTarget(vscode.l10n.t('Gauss Lab: Save the predictions'), vscode.l10n.t('Save Predictions'), defaultUri, { [vscode.l10n.t('CSV files')]: ['csv'] });
  if (!target) return undefined;
  if (target.toString() === input.toString() || (snap.file && target.toString() === snap.file.toString())) throw new Error(vscode.l10n.t('the predictions cannot be written over a data file: choose another name'));
  return (await run(input, target)) ? target : undefined;
}
