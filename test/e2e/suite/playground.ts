// In-host tests of the playground panel: opening, revealing, hiding, the handshake, validation,
// settings, the landscape, fit errors; and the normal explorer's panel.
import * as vscode from 'vscode';
import { CommandId, NORMAL_VIEW_TYPE } from '../../../src/extension/command-ids';
import { nonFinite } from '../../shared/messages';
import { assert, waitFor, type TestCase } from './harness';
import { api, wsUri, tabsOf, playgroundTabs, closePlayground, nextPost, close, openCsv } from './context';

export function playgroundTests(timings: Record<string, number>): TestCase[] {
  return [
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
  ];
}

/** The normal-distribution explorer's own panel. */
export function normalExplorerTests(): TestCase[] {
  return [
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
  ];
}
