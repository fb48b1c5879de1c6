// In-host tests of what the panel writes: model code, predictions, the report, charts and sample datasets (never over a file).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/command-ids';
import { assert, waitFor, type TestCase } from './harness';
import { api, workspaceDir, nextPost, sha, olsThree, openCsv } from './context';

export function exportsTests(timings: Record<string, number>): TestCase[] {
  return [
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
  ];
}
