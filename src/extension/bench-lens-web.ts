// The bench lens where snippets cannot run (VS Code for the Web: no processes to start). The
// markers still get a lens — saying so, and where the timing does run — and the bench commands
// say the same instead of failing.
import * as vscode from 'vscode';
import { findBenchGroups, type BenchLanguageId } from '../bench/markers';
import { BENCH_LANGUAGES } from './bench-lens-model';
import { CommandId } from './command-ids';
import { inform } from './notify';

/** The lens over each group: "$(desktop-download) Timing needs desktop VS Code". */
export const needsDesktopTitle = (): string => `$(desktop-download) ${vscode.l10n.t('Timing needs desktop VS Code')}`;
const why = (): string =>
  vscode.l10n.t('Gauss Lab: timing snippets starts a separate process per variant, which VS Code for the Web cannot do. Open this folder in desktop VS Code (or in a codespace) to time it; the playground works here.');

/** The lens provider and the bench commands of the web. */
export function registerWebBench(): vscode.Disposable[] {
  const provider: vscode.CodeLensProvider = {
    provideCodeLenses(doc) {
      if (!(BENCH_LANGUAGES as readonly string[]).includes(doc.languageId)) return [];
      return findBenchGroups(doc.getText(), doc.languageId as BenchLanguageId).map(
        (g) => new vscode.CodeLens(new vscode.Range(g.startLine, 0, g.startLine, 0), { title: needsDesktopTitle(), command: CommandId.runBenchmark, tooltip: why() }),
      );
    },
  };
  const explain = async () => {
    await inform(why());
    return undefined;
  };
  return [
    vscode.languages.registerCodeLensProvider(
      BENCH_LANGUAGES.map((language) => ({ language })),
      provider,
    ),
    vscode.commands.registerCommand(CommandId.runBenchmark, explain),
    vscode.commands.registerCommand(CommandId.runAllBenchmarks, explain),
    vscode.commands.registerCommand(CommandId.cancelBenchmarks, () => 0),
  ];
}
