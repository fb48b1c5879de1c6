// In-host API tests: VS Code loads this module as `extensionTestsPath` and calls run() inside the
// extension host, with the real `vscode` API. Run here through code-server (scripts/test-e2e.mjs)
// and on a desktop through @vscode/test-electron (`npm run test:electron`, test/e2e/run-electron.mjs).
// The tests live by feature in this folder; this module only chooses and runs them.
import * as vscode from 'vscode';
import { benchLensTests } from './bench-lens';
import { api, closePlayground, extension, workspaceDir, wsUri } from './context';
import { fileChangeTests, largeFileTests } from './data-files';
import { exportsTests } from './exports';
import { runTests, type TestCase } from './harness';
import { manifestTests } from './manifest';
import { normalExplorerTests, playgroundTests } from './playground';
import { reliabilityTests } from './reliability';
import { restrictedTests } from './restricted';
import { trainingTests } from './training';

export async function run(): Promise<void> {
  const timings: Record<string, number> = {};
  // In order: later tests start from the panel earlier ones left open.
  const tests: TestCase[] = [
    ...manifestTests(),
    ...playgroundTests(timings),
    ...trainingTests(timings),
    ...exportsTests(timings),
    ...fileChangeTests(),
    ...normalExplorerTests(),
    ...largeFileTests(timings),
    ...reliabilityTests({ api, extensionPath: () => extension().extensionPath, workspaceDir, wsUri, closePlayground }),
    ...benchLensTests(timings),
  ];
  // The harness opens a never-trusted folder for the Restricted Mode suite.
  const suite = vscode.workspace.isTrusted ? tests : restrictedTests(api);
  // GAUSS_LAB_E2E_ONLY=bench runs just the bench lens tests (a quick loop while working on them);
  // a filter that matches nothing fails the suite.
  const only = process.env.GAUSS_LAB_E2E_ONLY;
  const selected = only ? suite.filter((t) => t.name.includes(only)) : suite;
  try {
    await runTests(vscode.workspace.isTrusted ? 'in-host' : 'restricted', selected);
  } finally {
    console.log(`GAUSS_LAB_TIMINGS ${JSON.stringify(timings)}`);
  }
}
