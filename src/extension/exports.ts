/**
 * Export actions: the model as code (clipboard), predictions and residuals as a new CSV
 * next to the data, and a Markdown fit report with the charts as SVG files. Nothing is
 * ever overwritten: files are created with the exclusive flag and a free name is found
 * (`name-2.csv`, `name-3.csv`, …).
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import * as vscode from 'vscode';
import { localPath } from './local-path';
import { describeModel, modelCode, type CodeLanguage } from '../core/model-code';
import { fitReport, safeFileName } from '../core/report';
import type { DesignChoice, FitPayload, ModelCodeLanguage } from '../protocol';

/** What an export needs from the playground. */
export interface FitSnapshot {
  readonly design: DesignChoice;
  readonly fit: FitPayload;
  readonly label: string;
  readonly rowsDropped: number;
  /** The data file, or undefined for the built-in dataset. */
  readonly file: vscode.Uri | undefined;
}

const LANGUAGES: readonly { id: CodeLanguage; label: string; detail: string }[] = [
  { id: 'typescript', label: 'TypeScript', detail: 'a predict(row) function' },
  { id: 'python', label: 'Python', detail: 'a predict(row) function, no dependencies' },
  { id: 'sklearn', label: 'Python (scikit-learn)', detail: 'a LinearRegression with the fitted coefficients' },
  { id: 'json', label: 'JSON', detail: 'target, intercept and terms' },
];

/** Copies the model as code; asks for the language when not given. @returns the text copied, or undefined. */
export async function copyModelAsCode(snap: FitSnapshot, language?: ModelCodeLanguage): Promise<string | undefined> {
  let lang = language;
  if (!lang) {
    const pick = await vscode.window.showQuickPick(
      LANGUAGES.map((l) => ({ label: l.label, detail: l.detail, id: l.id })),
      { title: 'Gauss Lab: Copy Model as Code', placeHolder: 'Language' },
    );
    if (!pick) return undefined;
    lang = pick.id;
  }
  const text = modelCode(describeModel(snap.design, snap.fit.termNames, snap.fit.coefficients, snap.label), lang);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Copied the model as ${LANGUAGES.find((l) => l.id === lang)?.label ?? lang}.`);
  return text;
}

/** The folder exports go to: next to the data file, or the first workspace folder for the built-in data. */
export function exportFolder(snap: FitSnapshot): string | undefined {
  const file = snap.file && localPath(snap.file);
  if (file) return dirname(file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? localPath(folder.uri) : undefined;
}

function stem(snap: FitSnapshot): string {
  return snap.file ? basename(snap.file.fsPath, extname(snap.file.fsPath)) : 'd2l-synthetic';
}

/** `dir/base-suffix.ext`, then `-2`, `-3`, … : the first candidate `create` accepts (EEXIST → next). */
export async function createUnique(dir: string, base: string, ext: string, create: (path: string) => Promise<void>): Promise<string> {
  for (let k = 1; k < 1000; k++) {
    const path = join(dir, `${base}${k === 1 ? '' : `-${k}`}${ext}`);
    try {
      await create(path);
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`no free file name for ${base}${ext} in ${dir}`);
}

/** A path for the predictions CSV that does not exist yet (the worker creates it with `wx`). */
export function predictionsBase(snap: FitSnapshot): { dir: string; base: string } | undefined {
  const dir = exportFolder(snap);
  return dir ? { dir, base: `${stem(snap)}-predictions` } : undefined;
}

/** Captions of the playground's charts by name (other names are shown as they are, escaped). */
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
): Promise<string> {
  const dir = exportFolder(snap);
  if (!dir) throw new Error('there is no folder to save the report in: open a folder first');
  const base = `${stem(snap)}-report`;
  const written: { title: string; file: string }[] = [];
  for (const [title, svg] of Object.entries(charts)) {
    const path = await createUnique(dir, `${base}-${safeFileName(title).replace(/\.svg$/i, '')}`, '.svg', (p) => writeFile(p, svg, { flag: 'wx' }));
    written.push({ title: CHART_TITLES[title] ?? title, file: basename(path) });
  }
  const md = fitReport({
    dataset: snap.label,
    design: snap.design,
    summary: snap.fit.summary,
    rowsDropped: snap.rowsDropped,
    charts: written,
    generator,
    date: new Date().toISOString(),
  });
  return createUnique(dir, base, '.md', (p) => writeFile(p, md, { flag: 'wx' }));
}

/** "Saved …" with an Open button (not awaited by callers: never blocks a test or a flow). */
export function announceFile(what: string, path: string): void {
  void vscode.window.showInformationMessage(`Saved ${what}: ${vscode.workspace.asRelativePath(path, false)}`, 'Open').then((choice) => {
    if (choice === 'Open') void vscode.window.showTextDocument(vscode.Uri.file(path));
  });
}
