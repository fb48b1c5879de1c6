import * as vscode from 'vscode';
import type { HeaderChoice } from '../core/data';
import { describeCsv } from './csv-describe';

/** Where the playground's data comes from. */
export type DataSource = { readonly kind: 'file'; readonly uri: vscode.Uri; readonly header?: HeaderChoice } | { readonly kind: 'builtin' };

export const BUILTIN_LABEL = 'd2l synthetic (built-in)';
const RECENT_KEY = 'gaussLab.recentCsv';
const DESIGN_KEY = 'gaussLab.design:';

/** The display label of a file: its workspace-relative path (a label, never opened by the webview). */
export function labelFor(uri: vscode.Uri): string {
  const rel = vscode.workspace.asRelativePath(uri, false);
  // outside the workspace asRelativePath gives the whole path back: show the file name only
  return rel === uri.fsPath || rel === uri.path || rel.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rel) ? (uri.path.split('/').pop() ?? rel) : rel;
}

export function sourceLabel(source: DataSource): string {
  return source.kind === 'builtin' ? BUILTIN_LABEL : labelFor(source.uri);
}

/** The most recently used CSV of this workspace, if it still exists. */
export async function recentCsv(state: vscode.Memento): Promise<vscode.Uri | undefined> {
  const s = state.get<string>(RECENT_KEY);
  if (!s) return undefined;
  const uri = vscode.Uri.parse(s);
  try {
    await vscode.workspace.fs.stat(uri);
    return uri;
  } catch {
    return undefined;
  }
}

export function rememberCsv(state: vscode.Memento, uri: vscode.Uri): Thenable<void> {
  return state.update(RECENT_KEY, uri.toString());
}

export function rememberedDesign<T>(state: vscode.Memento, source: DataSource): T | undefined {
  return state.get<T>(DESIGN_KEY + (source.kind === 'file' ? source.uri.toString() : 'builtin'));
}

export function rememberDesign(state: vscode.Memento, source: DataSource, design: unknown): Thenable<void> {
  return state.update(DESIGN_KEY + (source.kind === 'file' ? source.uri.toString() : 'builtin'), design);
}

/** The workspace's CSV files (node_modules and dot-folders excluded), at most 200. */
export async function workspaceCsvFiles(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.csv', '{**/node_modules/**,**/.*/**}', 200);
  return files.sort((a, b) => labelFor(a).localeCompare(labelFor(b)));
}

/** A quick pick of the given CSV files with row/column counts; undefined when dismissed. */
export async function pickCsv(files: readonly vscode.Uri[], title = 'Gauss Lab: choose a CSV file'): Promise<vscode.Uri | undefined> {
  const items = Promise.all(
    files.map(async (uri) => ({
      label: labelFor(uri),
      description: await describeCsv(uri.fsPath).catch((e: unknown) => `cannot read: ${e instanceof Error ? e.message : String(e)}`),
      uri,
    })),
  );
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'The data to fit', matchOnDescription: true });
  return picked?.uri;
}
