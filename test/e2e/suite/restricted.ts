// In-host tests for Restricted Mode, run by the e2e harness in a second code-server with Workspace
// Trust on, on a folder that was never trusted (it holds copies of the bench examples). The palette
// hides the run commands, but a command can still be reached by `executeCommand` (another
// extension, a `command:` link, a test) or by a keybinding: the guard inside the command must
// refuse, say why, and start no process. Remove the guard and these tests fail.
import * as vscode from 'vscode';
import type { GaussLabApi } from '../../../src/extension/api';
import { findBenchGroups } from '../../../src/bench/markers';
import { CommandId } from '../../../src/extension/command-ids';
import { assert, waitFor, type TestCase } from './harness';
import { watchBenchProcesses } from './processes';

const RESTRICTED_NOTICE = /benchmarks run code from the file, so they are off in Restricted Mode/;

export function restrictedTests(api: () => GaussLabApi): TestCase[] {
  const file = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'vector-add.js');
  /** Runs `invoke`, then watches for as long as a real run needs to start a process. */
  async function refused(what: string, invoke: () => Thenable<unknown>): Promise<void> {
    const before = api().benchRuns().started;
    const notices = api().notices().length;
    const watch = watchBenchProcesses();
    let seen: string[] = [];
    try {
      const result = await invoke();
      const nothing = result === undefined || (Array.isArray(result) && result.length === 0);
      assert(nothing, `${what}: no result (got ${JSON.stringify(result)?.slice(0, 200)})`);
      const told = await waitFor(() => api().notices().slice(notices).find((n) => RESTRICTED_NOTICE.test(n.text)), `${what}: the notice saying why`, 10_000);
      assert(told.level === 'warning', `${what}: a warning (got ${told.level})`);
      await watch.windowPassed(); // watching as long as a real run needs to start a process
    } finally {
      seen = watch.stop().seen;
    }
    assert(seen.length === 0, `${what}: no snippet process started (saw ${seen.join('; ')})`);
    const runs = api().benchRuns();
    assert(runs.started === before && runs.pending === 0, `${what}: nothing was queued (started ${before} → ${runs.started}, pending ${runs.pending})`);
  }
  return [
    {
      name: 'the workspace is not trusted and Gauss Lab is active',
      fn: async () => {
        assert(!vscode.workspace.isTrusted, 'Restricted Mode');
        const ext = vscode.extensions.getExtension<GaussLabApi>('gauss-lab.gauss-lab');
        assert(ext, 'the extension is installed');
        await ext.activate();
        assert(api().benchRuns().started === 0, 'no benchmark has run');
      },
    },
    {
      name: 'Run Benchmark at Cursor through executeCommand starts no process and says why',
      timeoutMs: 30_000,
      fn: async () => {
        const doc = await vscode.workspace.openTextDocument(file());
        const editor = await vscode.window.showTextDocument(doc);
        // a real group, so that without the guard the command would run it
        const group = findBenchGroups(doc.getText(), 'javascript').find((g) => g.runnable);
        assert(group, 'vector-add.js has a runnable group');
        await refused('runBenchmark(uri, line)', () => vscode.commands.executeCommand(CommandId.runBenchmark, file(), group.startLine, { budgetMs: 200 }));
        const inside = new vscode.Position(group.startLine + 1, 0);
        editor.selection = new vscode.Selection(inside, inside);
        await refused('runBenchmark() at the cursor', () => vscode.commands.executeCommand(CommandId.runBenchmark));
      },
    },
    {
      name: 'Run All Benchmarks in File through executeCommand starts no process and says why',
      timeoutMs: 30_000,
      fn: () => refused('runAllBenchmarks(uri)', () => vscode.commands.executeCommand(CommandId.runAllBenchmarks, file(), { budgetMs: 200 })),
    },
  ];
}
