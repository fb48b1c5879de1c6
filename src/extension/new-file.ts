/** Creating files without ever replacing one: `name.csv`, else `name-2.csv`, `name-3.csv`, … */
import * as vscode from 'vscode';
import { platform } from './platform';

/**
 * Creates `uri` through VS Code's file system when nothing is there (false when something is).
 * That API has no exclusive create: a file made by another program between the check and the
 * write would be replaced — a window of milliseconds, used where Node's exclusive create is not
 * available (the web, virtual file systems).
 */
export async function writeNewThroughVsCode(uri: vscode.Uri, bytes: Uint8Array): Promise<boolean> {
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (exists) return false;
  await vscode.workspace.fs.writeFile(uri, bytes);
  return true;
}

/** The candidates for a new file in `dir`: `base.ext`, `base-2.ext`, … */
export function* candidates(dir: vscode.Uri, base: string, ext: string): Generator<vscode.Uri> {
  for (let k = 1; k < 1000; k++) yield vscode.Uri.joinPath(dir, `${base}${k === 1 ? '' : `-${k}`}${ext}`);
}

/** Writes `bytes` to the first free candidate (see {@link candidates}). @returns the file written. */
export async function createUnique(dir: vscode.Uri, base: string, ext: string, bytes: Uint8Array | string): Promise<vscode.Uri> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  for (const uri of candidates(dir, base, ext)) if (await platform().writeNew(uri, data)) return uri;
  throw new Error(vscode.l10n.t('no free file name for {0} in {1}', `${base}${ext}`, dir.toString(true)));
}

/** The last part of a URI's path without its extension ("houses" for …/houses.csv). */
export function stemOf(uri: vscode.Uri): string {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
