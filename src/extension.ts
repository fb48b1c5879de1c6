// Gauss Lab's entry point on the desktop (and remote): Node's platform, and the bench lens, which
// runs snippets in child processes. Wiring only: ./extension/activate.ts.
import type * as vscode from 'vscode';
import { activateOn } from './extension/activate';
import type { GaussLabApi } from './extension/api';
import { BenchLens } from './extension/bench-lens';
import { desktopPlatform } from './extension/platform-desktop';

export function activate(context: vscode.ExtensionContext): GaussLabApi {
  return activateOn(context, desktopPlatform, (log) => new BenchLens(log));
}

export function deactivate(): void {}
