// Gauss Lab on the desktop (and remote), dist/extension-main.js: Node's platform, and the bench
// lens, which runs snippets in child processes. Loaded by the entry (./extension.ts) on first use.
// Wiring only: ./extension/activate.ts.
import type * as vscode from 'vscode';
import { activateOn, type Activated } from './extension/activate';
import { BenchLens } from './extension/bench-lens';
import { desktopPlatform } from './extension/platform-desktop';

export function activateMain(context: vscode.ExtensionContext): Activated {
  return activateOn(context, desktopPlatform, (log) => new BenchLens(log));
}
