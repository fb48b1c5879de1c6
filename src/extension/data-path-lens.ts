/**
 * "Open in Gauss Lab" above the lines of Python scripts and notebook cells that read a data file
 * (`pd.read_csv("data/x.csv")`, core/data-paths.ts) — when the file is there: next to the script
 * or notebook (where it runs), or at a workspace folder's root.
 */
import * as vscode from 'vscode';
import { findDataPaths } from '../core/data-paths';
import { CommandId } from './command-ids';

/** The lens's title: "Open in Gauss Lab". */
export const openInGaussLab = (): string => vscode.l10n.t('Open in Gauss Lab');

const SELECTOR: vscode.DocumentSelector = ['file', 'untitled', 'vscode-remote', 'vscode-notebook-cell'].map((scheme) => ({ language: 'python', scheme }));

/** The folder a document's relative paths start from: a cell's notebook's, a script's own. */
function baseFolder(doc: vscode.TextDocument): vscode.Uri | undefined {
  const owner = doc.uri.scheme === 'vscode-notebook-cell' ? vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === doc))?.uri : doc.uri;
  return owner && owner.scheme !== 'untitled' ? vscode.Uri.joinPath(owner, '..') : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** The file a path written in `doc` names, if it exists. */
async function resolvePath(doc: vscode.TextDocument, path: string): Promise<vscode.Uri | undefined> {
  if (/^([A-Za-z]:[\\/]|\/)/.test(path)) {
    const uri = vscode.Uri.file(path);
    return (await exists(uri)) ? uri : undefined;
  }
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const bases = [baseFolder(doc), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)].filter((b): b is vscode.Uri => b !== undefined);
  for (const base of bases) {
    const uri = vscode.Uri.joinPath(base, ...parts);
    if (await exists(uri)) return uri;
  }
  return undefined;
}

export class DataPathLens implements vscode.CodeLensProvider {
  static register(): vscode.Disposable {
    return vscode.languages.registerCodeLensProvider(SELECTOR, new DataPathLens());
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const lenses: vscode.CodeLens[] = [];
    for (const m of findDataPaths(doc.getText())) {
      const uri = await resolvePath(doc, m.path);
      if (!uri) continue;
      const range = new vscode.Range(m.line, m.start, m.line, m.end);
      lenses.push(new vscode.CodeLens(range, { title: openInGaussLab(), command: CommandId.openCsvInPlayground, arguments: [uri], tooltip: vscode.l10n.t('Open {0} in the playground', vscode.workspace.asRelativePath(uri, false)) }));
    }
    return lenses;
  }
}
