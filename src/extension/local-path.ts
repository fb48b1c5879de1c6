import * as vscode from 'vscode';

/**
 * The file-system path of a URI the extension host can read with Node's `fs`: `file:` URIs,
 * and `vscode-remote:` ones (a workspace extension runs where the files are).
 * @returns undefined for virtual documents (untitled, git, …).
 */
export function localPath(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' || uri.scheme === 'vscode-remote' ? uri.fsPath : undefined;
}
