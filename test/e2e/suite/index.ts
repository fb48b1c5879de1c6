// In-host API tests: VS Code loads this module as `extensionTestsPath` and calls run() inside the
// extension host, with the real `vscode` API. Run here through code-server (scripts/test-e2e.mjs)
// and on a desktop through @vscode/test-electron (`npm run test:electron`, test/e2e/run-electron.mjs).
// The workspace is examples/: files a test writes there are removed in `finally`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId, NORMAL_VIEW_TYPE, PLAYGROUND_VIEW_TYPE } from '../../../src/extension/command-ids';
import type { GaussLabApi, PlaygroundProbe } from '../../../src/extension/api';
import type { ExtensionToWebview, TrainingMessage } from '../../../src/protocol';
import { benchLensTests } from './bench-lens';
import { reliabilityTests } from './reliability';
import { restrictedTests } from './restricted';
import { nonFinite, sgdParams } from '../../shared/messages';
import { assert, runTests, waitFor, type TestCase } from './harness';

const EXTENSION_ID = 'gauss-lab.gauss-lab';

interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command: string; when?: string }[]>;
    configuration?: { properties?: Record<string, { default?: unknown }> };
    walkthroughs?: { id: string; steps: { id: string; media?: { markdown?: string } }[] }[];
  };
}

function extension(): vscode.Extension<GaussLabApi> {
  const ext = vscode.extensions.getExtension<GaussLabApi>(EXTENSION_ID);
  assert(ext, `extension ${EXTENSION_ID} is installed`);
  return ext;
}
const api = () => extension().exports;

function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert(f, 'a workspace folder is open');
  return f.uri.fsPath;
}
const wsUri = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);

/** Tabs of a webview view type in every editor group (view types carry a VS Code prefix). */
function tabsOf(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}
const playgroundTabs = () => tabsOf(PLAYGROUND_VIEW_TYPE);

async function closePlayground(): Promise<void> {
  // a panel created a moment ago may not be in the tab model yet
  if (api().playground()) await waitFor(() => playgroundTabs().length > 0, 'the playground tab');
  await vscode.window.tabGroups.close(playgroundTabs());
  await waitFor(() => playgroundTabs().length === 0 && api().playground() === undefined, 'the playground to close');
}

/** Resolves with the first message the extension sends to the view that matches. */
function nextPost(pg: PlaygroundProbe, match: (m: ExtensionToWebview) => boolean, what: string, timeoutMs = 20_000): Promise<ExtensionToWebview> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = pg.onDidPost((m) => {
      if (!match(m)) return;
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

/** Collects the messages sent to the view until `until` matches one. */
function collectPosts(pg: PlaygroundProbe, until: (m: ExtensionToWebview) => boolean, timeoutMs = 30_000): Promise<ExtensionToWebview[]> {
  const out: ExtensionToWebview[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms; got ${out.length} messages: ${out.slice(-3).map((m) => JSON.stringify(m).slice(0, 200)).join(' | ')}`));
    }, timeoutMs);
    const off = pg.onDidPost((m) => {
      out.push(m);
      if (!until(m)) return;
      clearTimeout(timer);
      off();
      resolve(out);
    });
  });
}

const isTraining = (m: ExtensionToWebview): m is TrainingMessage => m.type === 'training';
const finished = (m: ExtensionToWebview) => isTraining(m) && (m.status === 'done' || m.status === 'diverged');

function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

const sgd = sgdParams;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** y = b + w1·x1 + w2·x2 by least squares on rows [x1, x2, y]: the normal equations, solved by Cramer's rule (independent of the core). */
function olsThree(rows: readonly number[][]): [number, number, number] {
  const g = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const r = [0, 0, 0];
  for (const [x1, x2, y] of rows) {
    const v = [1, x1, x2];
    for (let i = 0; i < 3; i++) {
      r[i] += v[i] * y;
      for (let j = 0; j < 3; j++) g[i][j] += v[i] * v[j];
    }
  }
  const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(g);
  const col = (k: number) => det(g.map((row, i) => row.map((v, j) => (j === k ? r[i] : v))));
  return [col(0) / d, col(1) / d, col(2) / d];
}

/** Opens a CSV of the workspace in the playground and waits for its closed-form fit. */
/** The 1,000,000-row d2l CSV the e2e harness generates for every run (see scripts/test-e2e.mjs). */
function bigCsv(): string {
  const big = process.env.GAUSS_LAB_E2E_BIG_CSV;
  assert(big !== undefined && existsSync(big), `the harness's 1,000,000-row CSV (GAUSS_LAB_E2E_BIG_CSV=${big})`);
  return big!;
}

async function openCsv(name: string): Promise<{ pg: PlaygroundProbe; ms: number }> {
  const t0 = Date.now();
  await vscode.commands.executeCommand(CommandId.openCsvInPlayground, wsUri(name));
  const pg = await waitFor(() => api().playground(), 'the playground panel');
  await waitFor(() => pg.fit?.label.endsWith(name) && pg.fit, `a fit of ${name}`, 30_000);
  const ms = Date.now() - t0;
  await pg.connected;
  return { pg, ms };
}

export async function run(): Promise<void> {
  const timings: Record<string, number> = {};
  const tests: TestCase[] = [
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
          assert(item?.when === 'resourceExtname == .csv', `${menu} offers Open CSV in Playground on .csv files`);
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
    {
      name: 'Open CSV in Playground on examples/d2l-synthetic.csv: the host receives the fit (b ≈ 4.2, w ≈ [2, −3.4])',
      timeoutMs: 60_000,
      fn: async () => {
        const { pg, ms } = await openCsv('d2l-synthetic.csv');
        timings['command → fit, d2l-synthetic.csv (wall)'] = ms;
        timings['load request → fit message, d2l-synthetic.csv'] = Math.round(pg.stats.firstFitMs);
        const tab = playgroundTabs()[0];
        assert(tab?.label === 'Gauss Lab Playground', `tab label (got "${tab?.label}")`);
        const f = pg.fit!;
        assert(JSON.stringify(f.termNames) === JSON.stringify(['(intercept)', 'x1', 'x2']), `terms (got ${JSON.stringify(f.termNames)})`);
        const [b, w1, w2] = f.coefficients;
        assert(close(b, 4.2, 0.01) && close(w1, 2, 0.01) && close(w2, -3.4, 0.01), `coefficients (got ${f.coefficients.join(', ')})`);
        assert(pg.handshakeCount >= 1, 'the webview completed the handshake');
        assert(f.label === 'd2l-synthetic.csv', `the view gets a label, not a path (got "${f.label}")`);
      },
    },
    {
      name: 'opening it again reveals the same panel; Open Playground reopens on the most recent CSV',
      timeoutMs: 60_000,
      fn: async () => {
        await vscode.commands.executeCommand(CommandId.openPlayground);
        await vscode.commands.executeCommand(CommandId.openPlayground);
        assert(playgroundTabs().length === 1, `exactly one playground tab (got ${playgroundTabs().length})`);
        await closePlayground();
        const t0 = Date.now();
        await vscode.commands.executeCommand(CommandId.openPlayground);
        const pg = await waitFor(() => api().playground(), 'the playground');
        await waitFor(() => pg.fit, 'a fit', 30_000);
        timings['Open Playground → fit (most recent CSV)'] = Date.now() - t0;
        assert(pg.fit!.label === 'd2l-synthetic.csv', `reopened on the most recent CSV (got ${pg.fit!.label})`);
      },
    },
    {
      name: 'hiding and showing the panel: the view reconnects and gets the dataset and fit again',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        await pg.connected;
        const before = pg.handshakeCount;
        const doc = await vscode.workspace.openTextDocument(wsUri('longley.csv'));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
        await waitFor(() => !playgroundTabs()[0]?.isActive, 'the playground to be hidden');
        const refit = nextPost(pg, (m) => m.type === 'fit', 'the fit re-sent to the shown view', 30_000);
        await vscode.commands.executeCommand(CommandId.openPlayground);
        await waitFor(() => pg.handshakeCount > before, 'a second handshake after showing the panel', 30_000);
        await refit;
        await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText));
        await vscode.commands.executeCommand(CommandId.openPlayground);
      },
    },
    {
      name: 'malformed and unknown webview messages are dropped (and logged); the panel stays usable',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const before = pg.stats.dropped;
        const garbage: unknown[] = [null, 'ready', 42, { type: 'nope' }, { type: 'setDesign' }, { type: 'train', command: 'play', params: { learningRate: 'fast' } }, { type: 'tune', learningRate: -1, stepsPerSecond: 0 }, { type: 'export', what: 'report', charts: { x: '<script>alert(1)</script>' } }];
        for (const g of garbage) pg.receive(g);
        assert(pg.stats.dropped === before + garbage.length, `dropped ${garbage.length} (got ${pg.stats.dropped - before})`);
        const fit = nextPost(pg, (m) => m.type === 'fit', 'a fit after setDesign');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: ['x1'], degree: 1, intercept: true, standardize: false, validationFraction: 0 } });
        const m = await fit;
        assert(m.type === 'fit' && m.fit.coefficients.length === 2 && m.fit.curve !== null, 'one-feature fit with a fitted line');
        assert(m.type === 'fit' && m.fit.landscape?.aName === 'w (x1)' && m.fit.landscape.bName === 'b', 'the landscape is over (w, b)');
        assert(nonFinite(m).length === 0, `no NaN in the fit message (${nonFinite(m).slice(0, 3).join(', ')})`);
      },
    },
    {
      name: 'gaussLab.* settings changed while the panel is open reach the view as new defaults, without a reload',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const handshakes = pg.handshakeCount;
        const cfg = vscode.workspace.getConfiguration('gaussLab');
        const before = cfg.inspect<number>('epochs')?.globalValue;
        try {
          const got = nextPost(pg, (m) => m.type === 'defaults' && m.defaults.sgd.epochs === 7, 'defaults with epochs = 7');
          await cfg.update('epochs', 7, vscode.ConfigurationTarget.Global);
          const d = await got;
          assert(d.type === 'defaults' && d.defaults.sgd.learningRate > 0 && d.defaults.maxPlotPoints >= 100, 'the whole defaults, validated');
          assert(pg.handshakeCount === handshakes, 'no reload of the view');
        } finally {
          const back = nextPost(pg, (m) => m.type === 'defaults' && m.defaults.sgd.epochs !== 7, 'defaults restored');
          await cfg.update('epochs', before, vscode.ConfigurationTarget.Global);
          await back;
        }
      },
    },
    {
      name: 'setLandscapeAxes recomputes the landscape over the chosen parameters; invalid axes keep the current ones',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const fit = nextPost(pg, (m) => m.type === 'fit', 'a two-feature fit');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0 } });
        const f = await fit;
        assert(f.type === 'fit' && f.fit.landscape?.aIndex === 1 && f.fit.landscape.bIndex === 2, 'the default landscape is over (w1, w2)');
        const swapped = nextPost(pg, (m) => m.type === 'landscape', 'the landscape over (w2, b)');
        pg.receive({ type: 'setLandscapeAxes', a: 2, b: 0 });
        const l = await swapped;
        assert(l.type === 'landscape' && l.landscape !== null, 'a landscape');
        const L = l.type === 'landscape' ? l.landscape! : null!;
        assert(L.aName === 'w (x2)' && L.bName === 'b', `named (w (x2), b) (got ${L.aName}, ${L.bName})`);
        assert(f.type === 'fit' && Math.abs(L.optimum[0] - f.fit.coefficients[2]) < 1e-12 && Math.abs(L.optimum[1] - f.fit.coefficients[0]) < 1e-12, 'the optimum is (w2*, b*)');
        const mid = (L.a.length - 1) / 2;
        assert(Math.min(...L.loss.flat()) === L.loss[mid][mid], 'the grid is smallest at the optimum');
        assert(nonFinite(l).length === 0, 'no NaN in the landscape');
        // an index the fit does not have: dropped by nobody but the worker, which re-sends the axes shown
        const kept = nextPost(pg, (m) => m.type === 'landscape', 'the current landscape again');
        const droppedBefore = pg.stats.dropped;
        pg.receive({ type: 'setLandscapeAxes', a: 0, b: 7 });
        const k = await kept;
        assert(k.type === 'landscape' && k.landscape?.aIndex === 2 && k.landscape.bIndex === 0, 'the axes shown stay (w2, b)');
        pg.receive({ type: 'setLandscapeAxes', a: 1, b: 1 });
        assert(pg.stats.dropped === droppedBefore + 1, 'equal axes are rejected by validation');
      },
    },
    {
      name: 'a design the data cannot fit is an error screen with a hint, and a good design recovers',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const err = nextPost(pg, (m) => m.type === 'error', 'an error');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: [], degree: 1, intercept: false, standardize: false, validationFraction: 0 } });
        const e = await err;
        assert(e.type === 'error' && e.scope === 'fit' && !!e.hint && /no terms/.test(e.message), `a fit error with a hint (got ${JSON.stringify(e)})`);
        const fit = nextPost(pg, (m) => m.type === 'fit', 'the constant model');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: [], degree: 1, intercept: true, standardize: false, validationFraction: 0 } });
        const f = await fit;
        assert(f.type === 'fit' && /mean of y/.test(f.fit.summary.note ?? ''), 'the constant model says its estimate is the mean');
      },
    },
    {
      name: 'training: play runs d2l to the closed form, throttled, NaN-free; same seed ⇒ same run',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const fitted = nextPost(pg, (m) => m.type === 'fit', 'the two-feature fit');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0.2 } });
        await fitted;
        const runOnce = async (sps: number) => {
          const done = collectPosts(pg, finished);
          const t0 = Date.now();
          pg.receive({ type: 'train', command: 'reset', params: sgd({ stepsPerSecond: sps }) });
          pg.receive({ type: 'train', command: 'play', params: sgd({ stepsPerSecond: sps }) });
          const msgs = (await done).filter(isTraining);
          return { msgs, seconds: (Date.now() - t0) / 1000 };
        };
        const a = await runOnce(400); // 240 steps at 400/s ≈ 0.6 s
        const last = a.msgs.at(-1)!;
        assert(last.status === 'done', `status done (got ${last.status})`);
        const epochs = a.msgs.flatMap((m) => m.epochs);
        assert(epochs.length === 3 && epochs[2].trainLoss < 1e-4 && epochs[2].validationLoss !== null, `3 epochs, loss < 1e-4, validation loss (got ${JSON.stringify(epochs)})`);
        const steps = a.msgs.flatMap((m) => m.steps);
        assert(steps.length > 50, `steps were sent (${steps.length})`);
        assert(a.msgs.every((m) => nonFinite(m).length === 0), 'no NaN in training messages');
        timings['training messages per second (400 steps/s)'] = Math.round(a.msgs.length / a.seconds);
        // Throttled without a clock: a message carries the steps of one flush interval (25 ms ≈ 10
        // steps at 400/s); a busy machine only puts more steps in each. One message per step is the bug.
        assert(a.msgs.length * 3 <= last.totalSteps, `throttled: ${a.msgs.length} messages for ${last.totalSteps} steps`);
        assert(a.msgs.some((m) => typeof m.optimumLoss === 'number'), 'the closed-form reference loss is sent');
        const b = await runOnce(0);
        const lastA = a.msgs.flatMap((m) => m.steps).at(-1)!;
        const lastB = b.msgs.flatMap((m) => m.steps).at(-1)!;
        assert(JSON.stringify(lastA.theta) === JSON.stringify(lastB.theta), `same seed ⇒ same run (${lastA.theta} vs ${lastB.theta})`);
      },
    },
    {
      name: 'training curves survive hiding the panel: the reconnected view gets the run so far (bounded)',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        pg.receive({ type: 'train', command: 'reset', params: sgd({ stepsPerSecond: 0, epochs: 5 }) });
        const done = nextPost(pg, (m) => isTraining(m) && m.status === 'done', 'the run to finish', 30_000);
        pg.receive({ type: 'train', command: 'play', params: sgd({ stepsPerSecond: 0, epochs: 5 }) });
        const d = await done;
        assert(isTraining(d), 'a finished run');
        const before = pg.handshakeCount;
        const doc = await vscode.workspace.openTextDocument(wsUri('longley.csv'));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
        await waitFor(() => !playgroundTabs()[0]?.isActive, 'the playground to be hidden');
        const replay = nextPost(pg, (m) => isTraining(m) && m.reset, 'the run re-sent to the shown view', 30_000);
        await vscode.commands.executeCommand(CommandId.openPlayground);
        await waitFor(() => pg.handshakeCount > before, 'a second handshake after showing the panel', 30_000);
        const r = await replay;
        assert(isTraining(r) && r.status === 'done', `the run is still done (got ${isTraining(r) && r.status})`);
        assert(isTraining(r) && r.epochs.length === 5 && r.epochs.at(-1)!.epoch === 4, `all 5 epochs (got ${isTraining(r) && r.epochs.length})`);
        assert(isTraining(r) && isTraining(d) && r.totalSteps === d.totalSteps && r.steps.at(-1)!.globalStep === d.totalSteps - 1, 'the steps up to the last one');
        assert(isTraining(r) && r.steps.length > 50 && r.steps.length <= 1000, `a bounded curve (got ${isTraining(r) && r.steps.length} steps)`);
        await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText));
        await vscode.commands.executeCommand(CommandId.openPlayground);
      },
    },
    {
      name: 'training: η changes while playing without a reset; pause and step work; cancel leaves the panel usable',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        pg.receive({ type: 'train', command: 'reset', params: sgd({ stepsPerSecond: 50, epochs: 50 }) });
        const playing = nextPost(pg, (m) => isTraining(m) && m.steps.length > 0, 'steps while playing');
        pg.receive({ type: 'train', command: 'play', params: sgd({ stepsPerSecond: 50, epochs: 50 }) });
        await playing;
        const tuned = collectPosts(pg, (m) => isTraining(m) && m.steps.some((s) => s.learningRate === 0.001));
        pg.receive({ type: 'tune', learningRate: 0.001, stepsPerSecond: 50 });
        const msgs = (await tuned).filter(isTraining);
        assert(msgs.every((m) => !m.reset), 'no reset on tune');
        const paused = nextPost(pg, (m) => isTraining(m) && m.status === 'paused', 'paused');
        pg.receive({ type: 'train', command: 'pause', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        const p = await paused;
        const stepped = nextPost(pg, (m) => isTraining(m) && m.steps.length === 1, 'one step');
        pg.receive({ type: 'train', command: 'step', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        const s = await stepped;
        assert(isTraining(p) && isTraining(s) && s.status === 'paused' && !s.reset, 'Step advances one minibatch and stays paused');
        const cancelled = nextPost(pg, (m) => isTraining(m) && m.status === 'cancelled', 'cancelled');
        pg.receive({ type: 'train', command: 'play', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        pg.receive({ type: 'cancel' });
        await cancelled;
        const again = nextPost(pg, (m) => isTraining(m) && m.steps.length === 1, 'a step after cancel');
        pg.receive({ type: 'train', command: 'step', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        await again;
      },
    },
    {
      name: 'a diverging learning rate stops with a message naming epoch, step and a stable η',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const done = collectPosts(pg, finished);
        pg.receive({ type: 'train', command: 'reset', params: sgd({ learningRate: 5, epochs: 20 }) });
        pg.receive({ type: 'train', command: 'play', params: sgd({ learningRate: 5, epochs: 20 }) });
        const msgs = (await done).filter(isTraining);
        const last = msgs.at(-1)!;
        assert(last.status === 'diverged' && last.divergence !== null, `diverged (got ${last.status})`);
        assert(/epoch \d+, step \d+/.test(last.divergence.message), `names epoch and step: ${last.divergence.message}`);
        assert(last.divergence.suggestedLearningRate > 0 && last.divergence.suggestedLearningRate < 5, 'suggests a smaller η');
        assert(msgs.every((m) => nonFinite(m).length === 0), 'NaN never reaches the view');
      },
    },
    {
      name: 'exports: model as code to the clipboard; predictions as a new CSV (original untouched); a Markdown report',
      timeoutMs: 60_000,
      fn: async () => {
        const dir = workspaceDir();
        const original = join(dir, 'd2l-synthetic.csv');
        const hash = sha(original);
        const made: string[] = [];
        try {
          const code = await vscode.commands.executeCommand<string>(CommandId.copyModelAsCode, 'typescript');
          assert(code?.includes('export function predict(row: { readonly "x1": number; readonly "x2": number }): number'), `TypeScript code (got ${code?.slice(0, 200)})`);
          assert((await vscode.env.clipboard.readText()) === code, 'the code is on the clipboard');
          const py = await vscode.commands.executeCommand<string>(CommandId.copyModelAsCode, 'sklearn');
          assert(py?.includes('LinearRegression'), 'scikit-learn code');
          const pg = api().playground()!;
          pg.receive({ type: 'export', what: 'predictions' });
          const pred = join(dir, 'd2l-synthetic-predictions.csv');
          made.push(pred);
          await waitFor(() => existsSync(pred) && readFileSync(pred, 'utf8').trimEnd().split('\n').length === 1001, 'the predictions CSV, every row');
          const [head, ...rows] = readFileSync(pred, 'utf8').trimEnd().split('\n');
          assert(head === 'x1,x2,y,predicted_y,residual', `predictions header (got ${head})`);
          // Every value against the closed form recomputed here (normal equations in doubles: this
          // design is well conditioned), row by row, in the original order.
          const data = readFileSync(original, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',').map(Number));
          const [b, w1, w2] = olsThree(data);
          assert(rows.length === data.length, `one row per data row (${rows.length} vs ${data.length})`);
          rows.forEach((line, i) => {
            const [x1, x2, y, yhat, res] = line.split(',').map(Number);
            const [dx1, dx2, dy] = data[i];
            assert(x1 === dx1 && x2 === dx2 && y === dy, `row ${i + 1} keeps the data's values (got ${line})`);
            const expected = b + w1 * x1 + w2 * x2;
            assert(Math.abs(yhat - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `row ${i + 1}: predicted_y ${yhat} vs ${expected}`);
            assert(Math.abs(res - (y - expected)) <= 1e-9 * Math.max(1, Math.abs(y)), `row ${i + 1}: residual ${res} vs ${y - expected}`);
          });
          // a second export never overwrites: it takes the next free name
          pg.receive({ type: 'export', what: 'predictions' });
          const pred2 = join(dir, 'd2l-synthetic-predictions-2.csv');
          made.push(pred2);
          await waitFor(() => existsSync(pred2), 'the second predictions CSV');
          const report = await vscode.commands.executeCommand<string>(CommandId.exportFitReport);
          assert(report && existsSync(report), `the report was written (${report})`);
          made.push(report);
          const md = readFileSync(report, 'utf8');
          assert(md.startsWith('# Fit report: d2l\\-synthetic\\.csv') && md.includes('## Coefficients'), `report content: ${md.slice(0, 120)}`);
          for (const f of md.matchAll(/\]\(([^)]+\.svg)\)/g)) made.push(join(dir, f[1]));
          timings['charts in the exported report (from the live view)'] = made.filter((f) => f.endsWith('.svg')).length;
          assert(sha(original) === hash, 'the original CSV is unchanged');
        } finally {
          for (const f of made) rmSync(f, { force: true });
        }
      },
    },
    {
      name: 'saveChart: an SVG and a PNG chart are written where the save dialog says (default <data>-<chart> next to the data), never over the data file',
      timeoutMs: 60_000,
      fn: async () => {
        const dir = workspaceDir();
        const original = join(dir, 'd2l-synthetic.csv');
        const hash = sha(original);
        const { pg } = await openCsv('d2l-synthetic.csv');
        const svgFile = join(dir, 'gauss-lab-e2e-chart.svg');
        const pngFile = join(dir, 'gauss-lab-e2e-chart.png');
        const offered: string[] = [];
        let target: vscode.Uri | undefined;
        api().setChartSaveTarget((defaultUri) => {
          offered.push(defaultUri.fsPath);
          return target;
        });
        try {
          const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#3794ff"/></svg>';
          target = vscode.Uri.file(svgFile);
          let saved = pg.stats.chartsSaved;
          pg.receive({ type: 'saveChart', name: 'residuals', format: 'svg', data: svg });
          await waitFor(() => pg.stats.chartsSaved === saved + 1, 'the SVG chart to be saved');
          assert(offered[0] === join(dir, 'd2l-synthetic-residuals.svg'), `the dialog offers d2l-synthetic-residuals.svg next to the data (got ${offered[0]})`);
          const svgText = readFileSync(svgFile, 'utf8');
          assert(svgText === svg && /^<svg[\s>]/.test(svgText), `a valid SVG file (got ${svgText.slice(0, 80)})`);

          // a real PNG (1×1): the file holds the decoded bytes, starting with the PNG signature
          const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
          target = vscode.Uri.file(pngFile);
          saved = pg.stats.chartsSaved;
          pg.receive({ type: 'saveChart', name: 'qq', format: 'png', data: png });
          await waitFor(() => pg.stats.chartsSaved === saved + 1, 'the PNG chart to be saved');
          assert(offered[1] === join(dir, 'd2l-synthetic-qq.png'), `the dialog offers d2l-synthetic-qq.png (got ${offered[1]})`);
          const bytes = readFileSync(pngFile);
          assert(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `the PNG signature (got ${bytes.subarray(0, 8).toString('hex')})`);
          assert(bytes.length === Buffer.from(png.slice(png.indexOf(',') + 1), 'base64').length, 'the whole PNG is written');

          // cancelled dialog: nothing written, nothing counted
          target = undefined;
          saved = pg.stats.chartsSaved;
          pg.receive({ type: 'saveChart', name: 'qq', format: 'svg', data: svg });
          await waitFor(() => offered.length === 3, 'the dialog to be asked');
          assert(pg.stats.chartsSaved === saved, 'a cancelled save writes nothing');

          // the data file is never overwritten: an export error instead
          target = vscode.Uri.file(original);
          const err = nextPost(pg, (m) => m.type === 'error' && m.scope === 'export', 'an export error');
          pg.receive({ type: 'saveChart', name: 'qq', format: 'svg', data: svg });
          const e = await err;
          assert(e.type === 'error' && /data file/.test(e.message), `refuses to write over the data (got ${JSON.stringify(e)})`);
          assert(sha(original) === hash, 'the original CSV is unchanged');

          // invalid messages never reach the dialog
          const dropped = pg.stats.dropped;
          pg.receive({ type: 'saveChart', name: '../../evil', format: 'svg', data: svg });
          pg.receive({ type: 'saveChart', name: 'qq', format: 'png', data: svg });
          pg.receive({ type: 'saveChart', name: 'qq', format: 'gif', data: png });
          assert(pg.stats.dropped === dropped + 3 && offered.length === 4, `three invalid saveChart messages dropped (dropped ${pg.stats.dropped - dropped}, dialogs ${offered.length})`);
        } finally {
          api().setChartSaveTarget(undefined);
          rmSync(svgFile, { force: true });
          rmSync(pngFile, { force: true });
        }
      },
    },
    {
      name: 'New Sample Dataset never overwrites: the d2l sample goes to d2l-synthetic-2.csv',
      fn: async () => {
        const dir = workspaceDir();
        const original = join(dir, 'd2l-synthetic.csv');
        const hash = sha(original);
        const uri = await vscode.commands.executeCommand<vscode.Uri>(CommandId.newSampleDataset, 'd2l');
        try {
          assert(uri && uri.path.endsWith('/d2l-synthetic-2.csv'), `a new name (got ${uri?.path})`);
          assert(readFileSync(uri.fsPath, 'utf8').startsWith('x1,x2,y\n'), 'the sample has the d2l columns');
          assert(sha(original) === hash, 'the existing file is unchanged');
        } finally {
          if (uri) rmSync(uri.fsPath, { force: true });
        }
      },
    },
    {
      name: 'changing the file on disk refreshes the panel; a bad CSV is an error screen with a hint',
      timeoutMs: 60_000,
      fn: async () => {
        const dir = workspaceDir();
        const path = join(dir, 'zz-e2e-watch.csv');
        writeFileSync(path, 'x,y\n0,1\n1,3\n2,5\n3,7.1\n');
        try {
          const { pg } = await openCsv('zz-e2e-watch.csv');
          assert(close(pg.fit!.coefficients[1], 2, 0.1), `slope ≈ 2 (got ${pg.fit!.coefficients})`);
          const refit = nextPost(pg, (m) => m.type === 'fit', 'a refit after the change', 30_000);
          writeFileSync(path, 'x,y\n0,1\n1,6\n2,11\n3,16.1\n');
          const m = await refit;
          assert(m.type === 'fit' && close(m.fit.coefficients[1], 5, 0.1), `slope ≈ 5 after the change (got ${m.type === 'fit' && m.fit.coefficients})`);
          const err = nextPost(pg, (x) => x.type === 'error', 'an error for a bad CSV', 30_000);
          writeFileSync(path, 'x,y\n0,1\n1,"unterminated\n');
          const e = await err;
          assert(e.type === 'error' && e.scope === 'data' && !!e.hint, `a data error with a hint (got ${JSON.stringify(e)})`);
          assert(!(e.type === 'error' && e.message.includes(dir)), 'the message does not carry the folder path');
          // a file that disappears: the message names the label, never the absolute path
          const gone = nextPost(pg, (x) => x.type === 'error', 'an error for a missing file', 30_000);
          rmSync(path, { force: true });
          const g = await gone;
          assert(g.type === 'error' && !g.message.includes(dir), `no absolute path in ${JSON.stringify(g)}`);
        } finally {
          rmSync(path, { force: true });
        }
      },
    },
    {
      name: 'Normal Distribution Explorer opens its own panel and completes the handshake',
      timeoutMs: 30_000,
      fn: async () => {
        const workersBefore = api().workers().started;
        await vscode.commands.executeCommand(CommandId.openNormalExplorer);
        await waitFor(() => tabsOf(NORMAL_VIEW_TYPE).length === 1, 'the normal explorer tab');
        const n = await waitFor(() => api().normalExplorer(), 'the normal explorer');
        await n.connected;
        n.receive({ bogus: true });
        assert(n.stats.dropped === 1, 'it validates messages too');
        assert(api().workers().started === workersBefore, 'it starts no worker');
        await vscode.window.tabGroups.close(tabsOf(NORMAL_VIEW_TYPE));
        await waitFor(() => api().normalExplorer() === undefined, 'the normal explorer to close');
      },
    },
    {
      name: 'cancelling a long load restores the previous data and leaves the panel usable (1,000,000 rows)',
      timeoutMs: 120_000,
      fn: async () => {
        const big = bigCsv();
        const { pg } = await openCsv('d2l-synthetic.csv');
        const busy = nextPost(pg, (m) => m.type === 'busy', 'a busy message');
        const restored = nextPost(pg, (m) => m.type === 'fit', 'the previous fit, re-sent', 60_000);
        void vscode.commands.executeCommand(CommandId.openCsvInPlayground, vscode.Uri.file(big));
        await busy;
        pg.receive({ type: 'cancel' });
        const f = await restored;
        assert(f.type === 'fit' && f.fit.sample.total === 1000, `the d2l fit is back (got ${f.type === 'fit' && f.fit.sample.total} rows)`);
        const refit = nextPost(pg, (m) => m.type === 'fit', 'a fit after the cancel');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: ['x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0 } });
        await refit;
      },
    },
    {
      name: 'a load over 300 ms shows a cancellable progress notification; its Cancel restores the previous data (1,000,000 rows)',
      timeoutMs: 120_000,
      fn: async () => {
        const big = bigCsv();
        const { pg } = await openCsv('d2l-synthetic.csv');
        const shown = pg.stats.progressNotifications;
        const restored = nextPost(pg, (m) => m.type === 'fit', 'the previous fit, re-sent', 60_000);
        void vscode.commands.executeCommand(CommandId.openCsvInPlayground, vscode.Uri.file(big));
        await waitFor(() => pg.stats.progressNotifications > shown, 'the progress notification', 30_000);
        assert(pg.cancelProgress(), 'the notification is still showing, with a Cancel');
        const f = await restored;
        assert(f.type === 'fit' && f.fit.sample.total === 1000, `the d2l fit is back (got ${f.type === 'fit' && f.fit.sample.total} rows)`);
        await waitFor(() => !pg.cancelProgress(), 'the notification to close', 30_000);
        assert(pg.fit?.label === 'd2l-synthetic.csv', `the panel keeps d2l-synthetic.csv (got ${pg.fit?.label})`);
        // a quick fit shows no notification
        const before = pg.stats.progressNotifications;
        const refit = nextPost(pg, (m) => m.type === 'fit', 'a quick fit');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: ['x1'], degree: 1, intercept: true, standardize: false, validationFraction: 0 } });
        await refit;
        assert(pg.stats.progressNotifications === before, 'no notification for a fit under 300 ms');
      },
    },
    {
      name: 'timing: a 1,000,000-row CSV reaches its first fit, with the d2l coefficients',
      timeoutMs: 120_000,
      fn: async () => {
        const big = bigCsv();
        const t0 = Date.now();
        await vscode.commands.executeCommand(CommandId.openCsvInPlayground, vscode.Uri.file(big));
        const pg = await waitFor(() => api().playground(), 'the playground');
        await waitFor(() => pg.fit?.label.endsWith('big.csv') && pg.fit, 'the fit of big.csv', 110_000);
        timings['command → fit, 1,000,000 rows (wall)'] = Date.now() - t0;
        timings['load request → fit message, 1,000,000 rows'] = Math.round(pg.stats.lastLoadMs);
        const [b, w1, w2] = pg.fit!.coefficients;
        assert(close(b, 4.2, 0.001) && close(w1, 2, 0.001) && close(w2, -3.4, 0.001), `coefficients (got ${pg.fit!.coefficients})`);
        await closePlayground();
      },
    },
  ];
  tests.push(...reliabilityTests({ api, extensionPath: () => extension().extensionPath, workspaceDir, wsUri, closePlayground }));
  tests.push(...benchLensTests(timings));
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
