import * as vscode from 'vscode';
import { CommandId } from './command-ids';
import { PlaygroundPanel, type PlaygroundContext } from './playground-panel';

/** Registers every Gauss Lab command. */
export function registerCommands(ctx: PlaygroundContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.openPlayground, () => {
      PlaygroundPanel.createOrShow(ctx);
    }),
  ];
}
