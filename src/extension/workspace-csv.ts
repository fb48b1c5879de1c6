import * as vscode from 'vscode';
import type { HeaderChoice } from '../core/data';
import { DATA_FORMATS, LISTED_EXTENSIONS } from '../core/data-formats';
import { formatBytes } from '../core/number-format';
import { platform } from './platform';


/** Where the playground's data comes from. */
export type DataSource = { readonly kind: 'file'; readonly uri: vscode.Uri; readonly header?: HeaderChoice } | { readonly kind: 'builtin' };

/**
 * The built-in dataset's name. English in every language: it is the data's name (like a file's),
 * and it is written into the exported report and the model's code.
 */
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

/** The workspace's data files of every listed format (node_modules and dot-folders excluded), sorted by path. */
export async function workspaceDataFiles(): Promise<vscode.Uri[]> {
  const glob = `**/*.{${LISTED_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
  const files = await vscode.workspace.findFiles(glob, '{**/node_modules/**,**/.*/**}');
  return files.sort((a, b) => labelFor(a).localeCompare(labelFor(b)));
}

type PickItem = vscode.QuickPickItem & { uri?: vscode.Uri };

/**
 * A quick pick of data files that opens at once: each with its size and when it changed, its
 * rows and columns filled in as they are read; typing filters; Browse… opens any file, also
 * outside the workspace. Undefined when dismissed.
 */
export async function pickDataFile(files: readonly vscode.Uri[], title = vscode.l10n.t('Gauss Lab: choose a data file')): Promise<vscode.Uri | undefined> {
  const qp = vscode.window.createQuickPick<PickItem>();
  qp.title = title;
  qp.placeholder = files.length ? vscode.l10n.t('The data to fit (type to filter)') : vscode.l10n.t('No data files in this workspace: browse for one');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const browse: PickItem = { label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, description: vscode.l10n.t('CSV, TSV, text, Parquet or JSON Lines, anywhere'), alwaysShow: true };
  const items: PickItem[] = files.map((uri) => ({ label: labelFor(uri), uri }));
  qp.items = [browse, ...items];
  qp.busy = files.length > 0;
  // size and date first (cheap), then the counts: the list never waits on a large file
  const update = () => (qp.items = [browse, ...items]);
  void Promise.all(
    items.map(async (item, k) => {
      const uri = item.uri!;
      try {
        const st = await vscode.workspace.fs.stat(uri);
        items[k] = { ...items[k], description: `${formatBytes(st.size)} · ${new Date(st.mtime).toLocaleString(vscode.env.language)}` };
        update();
        const detail = await platform().describeFile(uri);
        if (detail !== undefined) items[k] = { ...items[k], detail };
      } catch (e) {
        items[k] = { ...items[k], detail: vscode.l10n.t('cannot read: {0}', e instanceof Error ? e.message : String(e)) };
      }
      update();
    }),
  ).finally(() => (qp.busy = false));
  const picked = await new Promise<PickItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (picked !== browse) return picked?.uri;
  const chosen = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    filters: { [vscode.l10n.t('Data files')]: DATA_FORMATS.flatMap((f) => f.extensions.map((e) => e.slice(1))) },
  });
  return chosen?.[0];
}
