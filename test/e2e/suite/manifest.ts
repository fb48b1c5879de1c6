// In-host tests of the manifest: activation events, commands, menus, settings and the walkthrough, as VS Code sees them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId, NORMAL_VIEW_TYPE, PLAYGROUND_VIEW_TYPE } from '../../../src/extension/command-ids';
import { assert, type TestCase } from './harness';
import { extension, type Manifest } from './context';

export function manifestTests(): TestCase[] {
  return [
    {
      name: 'manifest: activates on its commands and both panels, never on "*"',
      fn: () => {
        const m = extension().packageJSON as Manifest;
        const events = m.activationEvents ?? [];
        assert(!events.includes('*'), `no "*" activation (got ${JSON.stringify(events)})`);
        assert(events.includes(`onWebviewPanel:${PLAYGROUND_VIEW_TYPE}`), 'activates on the playground panel');
        assert(events.includes(`onWebviewPanel:${NORMAL_VIEW_TYPE}`), 'activates on the normal explorer panel');
        for (const id of Object.values(CommandId)) assert(events.includes(`onCommand:${id}`), `activates on ${id}`);
      },
    },
    {
      name: 'every contributed command is registered, in category "Gauss Lab"; menus, settings and walkthrough are contributed',
      fn: async () => {
        await extension().activate();
        const m = extension().packageJSON as Manifest;
        const contributed = m.contributes?.commands ?? [];
        const registered = new Set(await vscode.commands.getCommands(true));
        for (const id of Object.values(CommandId)) {
          const c = contributed.find((x) => x.command === id);
          assert(c, `${id} is contributed in package.json`);
          assert(c.category === 'Gauss Lab', `${id} has category "Gauss Lab"`);
          assert(registered.has(id), `${id} is registered`);
        }
        for (const c of contributed) assert(registered.has(c.command), `${c.command} is registered`);
        for (const menu of ['explorer/context', 'editor/title']) {
          const item = m.contributes?.menus?.[menu]?.find((i) => i.command === CommandId.openCsvInPlayground);
          // the one list of extensions (core/data-formats.ts) is checked against this clause by a unit test
          assert(typeof item?.when === 'string' && /^resourceExtname =~ \/.*\bcsv\b.*\bparquet\b.*\/i$/.test(item.when), `${menu} offers Open CSV in Playground on .csv and .parquet files (got ${item?.when})`);
        }
        const props = m.contributes?.configuration?.properties ?? {};
        for (const [k, d] of [['learningRate', 0.03], ['batchSize', 10], ['epochs', 3], ['seed', 0], ['maxPlotPoints', 5000]] as const) {
          assert(props[`gaussLab.${k}`]?.default === d, `setting gaussLab.${k} defaults to ${d}`);
          assert(vscode.workspace.getConfiguration('gaussLab').get(k) === d, `gaussLab.${k} reads ${d}`);
        }
        const steps = m.contributes?.walkthroughs?.[0]?.steps ?? [];
        assert(steps.length === 8, `the walkthrough has 8 steps (got ${steps.length})`);
        for (const s of steps) {
          const md = s.media?.markdown;
          assert(md && existsSync(join(extension().extensionPath, md)), `walkthrough step ${s.id} has its markdown (${md})`);
        }
      },
    },
  ];
}
