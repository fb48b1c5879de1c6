// Gauss Lab's entry point on the web (vscode.dev, github.dev, code-server's web-worker extension
// host): the web platform, and a bench lens that says timing needs the desktop. Wiring only.
import type * as vscode from 'vscode';
import { activateOn } from './extension/activate';
import type { GaussLabApi } from './extension/api';
import { registerWebBench } from './extension/bench-lens-web';
import { webPlatform } from './extension/platform-web';

export function activate(context: vscode.ExtensionContext): GaussLabApi {
  return activateOn(context, webPlatform, () => registerWebBench()).api;
}

export function deactivate(): void {}
