// VS Code's display language, handed to every part that shows text: this extension host (core
// messages made here), the playground worker and the webview.
import * as vscode from 'vscode';
import { useDisplayLanguage, type DisplayLanguage } from '../core/display-language';

/** The display language and the messages VS Code loaded for it from l10n/ (none for English). */
export function displayLanguage(): DisplayLanguage {
  const messages = vscode.l10n.bundle;
  return messages ? { locale: vscode.env.language, messages } : { locale: vscode.env.language };
}

/** Core text made in the extension host reads in the display language. */
export function useVsCodeLanguage(): void {
  useDisplayLanguage(displayLanguage());
}
