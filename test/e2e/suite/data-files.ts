// In-host tests of data files as they change and grow: edits on disk, bad files, and a 1,000,000-row CSV (loading, cancelling, progress).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/command-ids';
import { assert, waitFor, type TestCase } from './harness';
import { api, workspaceDir, closePlayground, nextPost, close, bigCsv, openCsv } from './context';

export function fileChangeTests(): TestCase[] {
  return [
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
  ];
}

/** A 1,000,000-row CSV: loading, cancelling, the progress notification. */
export function largeFileTests(timings: Record<string, number>): TestCase[] {
  return [
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
}
