// In-host API tests: VS Code loads this module as `extensionTestsPath` and calls run() inside the
// extension host, with the real `vscode` API. Run here through code-server (scripts/test-e2e.mjs)
// and on a desktop through @vscode/test-electron (`npm run test:electron`, test/e2e/run-electron.mjs).
import * as vscode from 'vscode';
import { CommandId, PLAYGROUND_VIEW_TYPE } from '../../../src/extension/command-ids';
import type { GaussLabApi } from '../../../src/extension/api';
import { assert, runTests, waitFor } from './harness';

const EXTENSION_ID = 'gauss-lab.gauss-lab';

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: { command: string; title: string; category?: string }[] };
}

function extension(): vscode.Extension<GaussLabApi> {
  const ext = vscode.extensions.getExtension<GaussLabApi>(EXTENSION_ID);
  assert(ext, `extension ${EXTENSION_ID} is installed`);
  return ext;
}

/** The playground tabs in every editor group (webview view types carry a VS Code prefix). */
function playgroundTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PLAYGROUND_VIEW_TYPE));
}

export async function run(): Promise<void> {
  await runTests('in-host', [
    {
      name: 'manifest: activates on its commands and its panel, never on "*"',
      fn: () => {
        const m = extension().packageJSON as Manifest;
        const events = m.activationEvents ?? [];
        assert(!events.includes('*'), `no "*" activation (got ${JSON.stringify(events)})`);
        assert(events.includes(`onWebviewPanel:${PLAYGROUND_VIEW_TYPE}`), 'activates on the playground panel');
      },
    },
    {
      name: 'every contributed command is registered, in category "Gauss Lab"',
      fn: async () => {
        await extension().activate();
        const contributed = (extension().packageJSON as Manifest).contributes?.commands ?? [];
        const registered = new Set(await vscode.commands.getCommands(true));
        for (const id of Object.values(CommandId)) {
          const c = contributed.find((x) => x.command === id);
          assert(c, `${id} is contributed in package.json`);
          assert(c.category === 'Gauss Lab', `${id} has category "Gauss Lab"`);
          assert(registered.has(id), `${id} is registered`);
        }
        for (const c of contributed) assert(registered.has(c.command), `${c.command} is registered`);
      },
    },
    {
      name: 'Open Playground opens the "Gauss Lab Playground" webview panel',
      fn: async () => {
        await vscode.commands.executeCommand(CommandId.openPlayground);
        const tab = await waitFor(() => playgroundTabs()[0], 'a playground tab');
        assert(tab.label === 'Gauss Lab Playground', `tab label (got "${tab.label}")`);
        assert(tab.isActive, 'the playground tab is active');
      },
    },
    {
      name: 'the webview completes the ready/init handshake',
      timeoutMs: 30_000,
      fn: async () => {
        const pg = await waitFor(() => extension().exports.playground(), 'the playground panel');
        await pg.connected;
        const count = extension().exports.playground()?.handshakeCount ?? 0;
        assert(count >= 1, `handshake count ≥ 1 (got ${count})`);
      },
    },
    {
      name: 'opening it again reveals the same panel',
      fn: async () => {
        await vscode.commands.executeCommand(CommandId.openPlayground);
        await vscode.commands.executeCommand(CommandId.openPlayground);
        assert(playgroundTabs().length === 1, `exactly one playground tab (got ${playgroundTabs().length})`);
      },
    },
    {
      name: 'closing the panel disposes it',
      fn: async () => {
        await vscode.window.tabGroups.close(playgroundTabs());
        await waitFor(() => playgroundTabs().length === 0 && extension().exports.playground() === undefined, 'the panel to be disposed');
      },
    },
    // Code lens tests join here once the lens provider exists:
    // vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri) on a CSV in examples/.
  ]);
}
