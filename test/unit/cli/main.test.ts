import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../shared/fixtures';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { main } from '../../../src/cli/main';
import { fitTableFile } from '../../../src/node/fit-file';
import { readCsvFileTable } from '../../../src/node/csv-file';
import { DEFAULT_SGD_PARAMS, type DesignChoice, type SgdParams } from '../../../src/core/choices';
import { loadedFromFile, PLAYGROUND_READ } from '../../../src/playground/dataset';
import { readTableFileTable } from '../../../src/node/table-file';
import { computeFit } from '../../../src/playground/fit-view';
import { predictionsCsv } from '../../../src/playground/predictions-csv';
import { StepDecimator } from '../../../src/playground/step-decimator';
import { TrainingSession } from '../../../src/playground/training-session';

const dir = mkdtempSync(join(tmpdir(), 'gauss-cli-'));
const run = async (...argv: string[]) => {
  let text = '';
  const code = await main(argv, (s) => (text += s));
  return { code, text };
};

let d2l = '';
let cliJs = '';
beforeAll(async () => {
  d2l = join(dir, 'd2l.csv');
  writeFileSync(d2l, (await run('synth', 'd2l', '--n', '1000', '--seed', '0')).text);
  cliJs = join(dir, 'cli.js');
  await build({ entryPoints: [join(repoRoot, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cliJs, logLevel: 'silent' });
});

describe('gauss-lab CLI', () => {
  it('synth writes a CSV that the reader takes back', async () => {
    const text = readFileSync(d2l, 'utf8');
    expect(text.split('\n')[0]).toBe('x1,x2,y');
    expect(text.trimEnd().split('\n')).toHaveLength(1001);
    const houses = await run('synth', 'houses', '--n', '5', '--seed', '1');
    expect(houses.text.split('\n')[0]).toBe('area,age,price');
  });

  it('fit --json prints the documented shape with the d2l truth recovered', async () => {
    const { code, text } = await run('fit', d2l, '--target', 'y', '--json');
    expect(code).toBe(0);
    const j = JSON.parse(text);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['n', 'p', 'terms', 'residualStdDev', 'rSquared', 'adjRSquared', 'fStatistic', 'logLikelihood', 'aic', 'bic', 'conditionNumber', 'rank', 'rowsDropped', 'warnings', 'diagnostics', 'rss', 'tss', 'rSquaredKind', 'covType']),
    );
    expect(j.n).toBe(1000);
    expect(j.p).toBe(3);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'x1', 'x2']);
    const [b, w1, w2] = j.terms;
    expect(b.estimate).toBeCloseTo(4.2, 2);
    expect(w1.estimate).toBeCloseTo(2, 2);
    expect(w2.estimate).toBeCloseTo(-3.4, 2);
    expect(Object.keys(w1)).toEqual(['name', 'estimate', 'stdError', 't', 'pValue', 'ci95', 'vif']);
    expect(Object.keys(b)).not.toContain('vif');
    // d2l's two features are drawn independently: hardly any inflation
    expect(w1.vif).toBeGreaterThanOrEqual(1);
    expect(w1.vif).toBeLessThan(1.01);
    expect(w1.ci95[0]).toBeLessThan(2.0);
    expect(w1.ci95[1]).toBeGreaterThan(1.99);
    expect(j.residualStdDev).toBeCloseTo(0.01, 3);
    expect(j.rowsDropped).toBe(0);
  });

  it('fit prints a statsmodels-like summary and honours --features, --degree, --no-intercept', async () => {
    const { text } = await run('fit', d2l, '--target', 'y', '--features', 'x1', '--degree', '2');
    expect(text).toContain('Ordinary least squares');
    expect(text).toContain('R-squared:');
    expect(text).toMatch(/^x1\^2 /m);
    expect(text).toMatch(/^\(intercept\) /m);
    const noInt = JSON.parse((await run('fit', d2l, '--target', 'y', '--features', 'x1,x2', '--no-intercept', '--json')).text);
    expect(noInt.terms.map((t: { name: string }) => t.name)).toEqual(['x1', 'x2']);
    // without a constant R² is against Σy², and says so (as statsmodels does)
    expect(noInt.rSquaredKind).toBe('uncentered');
    const y = readFileSync(d2l, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[2]));
    expect(noInt.tss).toBeCloseTo(y.reduce((a, v) => a + v * v, 0), 6);
    expect(noInt.rSquared).toBeCloseTo(1 - noInt.rss / noInt.tss, 14);
    const noIntText = (await run('fit', d2l, '--target', 'y', '--features', 'x1,x2', '--no-intercept')).text;
    expect(noIntText).toMatch(/R-squared \(uncentered\): +[\d.]+\n/);
    expect(text).not.toContain('uncentered');
  });

  it('sgd --json trains like d2l', async () => {
    const { code, text } = await run('sgd', d2l, '--target', 'y', '--json');
    expect(code).toBe(0);
    const j = JSON.parse(text);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'x1', 'x2']);
    expect(j.trainLoss).toHaveLength(3);
    expect(j.trainLoss[2]).toBeLessThan(1e-4);
    expect(j.validationLoss).toEqual([]);
    expect(j.diverged).toBe(false);
    expect(j.epochs).toBe(3);
    expect(j.steps).toBe(300);
    const v = JSON.parse((await run('sgd', d2l, '--target', 'y', '--validation', '0.2', '--epochs', '2', '--json')).text);
    expect(v.validationLoss).toHaveLength(2);
    expect(v.steps).toBe(160);
  });

  it('sgd reports divergence with a non-zero exit', async () => {
    const { code, text } = await run('sgd', d2l, '--target', 'y', '--lr', '50', '--json');
    expect(code).toBe(3);
    const j = JSON.parse(text);
    expect(j.diverged).toBe(true);
    expect(j.divergence.message).toMatch(/diverged at epoch 1/);
  });

  it('names the problem on bad input, in the built CLI: stderr, exit code, no stack trace', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'age,y\n1,2\ntwelve,3\n4,5\n');
    const cases: [string[], RegExp, number][] = [
      [['fit', d2l, '--target', 'nope'], /no column named "nope"/, 1],
      [['fit', d2l], /--target <column> is required/, 2],
      [['frobnicate'], /unknown command "frobnicate"/, 2],
      [['fit', join(dir, 'missing.csv'), '--target', 'y'], /missing\.csv/, 1],
      [['sgd', d2l, '--target', 'y', '--lr', 'fast'], /--lr must be a number/, 2],
      [['fit', bad, '--target', 'y', '--features', 'age'], /"age"/, 1],
    ];
    for (const [args, message, status] of cases) {
      const r = spawnSync('node', [cliJs, ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(status);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('is usable as a tool: --help, <command> --help, --version (exit 0, on stdout)', () => {
    const cli = (...args: string[]) => spawnSync('node', [cliJs, ...args], { encoding: 'utf8' });
    const top = cli('--help');
    expect(top.status).toBe(0);
    for (const c of ['fit', 'sgd', 'synth', 'bench']) expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    // every option a command parses is listed in its help (the options below are each command's own)
    const options: Record<string, string[]> = {
      fit: ['--target', '--features', '--degree', '--no-intercept', '--formula', '--impute', '--missing-indicator', '--json', '--delimiter', '--missing', '--header'],
      sgd: ['--lr', '--batch-size', '--epochs', '--seed', '--loss', '--schedule', '--weight-decay', '--validation', '--standardize', '--no-intercept', '--formula', '--impute', '--missing-indicator', '--json', '--delimiter', '--missing', '--header'],
      synth: ['--n', '--seed'],
      bench: ['--json', '--timeout', '--python', '--budget'],
    };
    for (const [command, names] of Object.entries(options)) {
      for (const form of [[command, '--help'], [command, '-h'], ['help', command]]) {
        const r = cli(...form);
        expect(r.status, form.join(' ')).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage:\\s+gauss-lab ${command}`, 'm'));
        for (const o of names) expect(r.stdout, `${form.join(' ')} lists ${o}`).toContain(o);
      }
    }
    const v = cli('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(`gauss-lab ${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version}`);
    const none = cli();
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Usage: gauss-lab <command>');
  });

  it('fit --json carries the core\'s numbers at full precision (bit for bit, every statistic)', async () => {
    const { fit } = await fitTableFile(d2l, { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, read: { delimiter: 'auto', missing: 'drop' } });
    const j = JSON.parse((await run('fit', d2l, '--target', 'y', '--features', 'x1,x2', '--json')).text);
    fit.terms.forEach((t, i) => {
      expect(j.terms[i].name).toBe(t.name);
      for (const k of ['estimate', 'stdError', 't', 'pValue'] as const) expect(j.terms[i][k], `${t.name}.${k}`).toBe(t[k]);
      expect(j.terms[i].ci95).toEqual([...t.ci95]);
    });
    for (const k of ['n', 'p', 'residualStdDev', 'rSquared', 'adjRSquared', 'fStatistic', 'fPValue', 'logLikelihood', 'aic', 'bic', 'conditionNumber', 'rank'] as const) {
      expect(j[k], k).toBe(fit[k]);
    }
  });

  describe('every CLI option, end to end, against an independent computation', () => {
    const rows = () => readFileSync(d2l, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',').map(Number));
    /** Mean loss of the printed model on the file, recomputed here from the loss's definition. */
    const meanLossOf = (terms: { name: string; estimate: number }[], kind: string, delta = 1) => {
      const at = (name: string) => terms.find((t) => t.name === name)?.estimate ?? 0;
      const losses = rows().map(([x1, x2, y]) => {
        const r = at('(intercept)') + at('x1') * x1 + at('x2') * x2 - y;
        const a = Math.abs(r);
        return kind === 'squared' ? r * r / 2 : kind === 'absolute' ? a : a <= delta ? r * r / 2 : delta * (a - delta / 2);
      });
      return losses.reduce((s, v) => s + v, 0) / losses.length;
    };
    const sgd = async (...args: string[]) => {
      const r = await run('sgd', d2l, '--target', 'y', '--json', ...args);
      expect(r.code, args.join(' ')).toBe(0);
      return JSON.parse(r.text);
    };
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

    it('--loss squared|absolute|huber: the reported training loss is that loss of the printed model', async () => {
      for (const loss of ['squared', 'absolute', 'huber']) {
        const j = await sgd('--loss', loss, '--lr', '0.05');
        expect(rel(j.trainLoss.at(-1), meanLossOf(j.terms, loss)), loss).toBeLessThan(1e-9);
      }
      const [abs, sq] = [await sgd('--loss', 'absolute'), await sgd('--loss', 'squared')];
      expect(abs.terms).not.toEqual(sq.terms);
    });

    it('--standardize: the printed weights are in the data\'s units (their loss is the reported one) and reach the same fit', async () => {
      const j = await sgd('--standardize', '--epochs', '5');
      expect(rel(j.trainLoss.at(-1), meanLossOf(j.terms, 'squared'))).toBeLessThan(1e-9);
      const [b, w1, w2] = j.terms.map((t: { estimate: number }) => t.estimate);
      expect(Math.max(Math.abs(b - 4.2), Math.abs(w1 - 2), Math.abs(w2 + 3.4))).toBeLessThan(0.01);
    });

    it('--batch-size and --epochs: steps = ⌈n / |B|⌉ per epoch', async () => {
      expect((await sgd('--batch-size', '32', '--epochs', '2')).steps).toBe(2 * Math.ceil(1000 / 32));
      expect((await sgd('--batch-size', '1000', '--epochs', '4')).steps).toBe(4);
    });

    it('--schedule: a decaying η moves less than a constant one, and each schedule is a different run', async () => {
      const runs: Record<string, { terms: { estimate: number }[] }> = Object.fromEntries(await Promise.all(['constant', 'step', 'inverse', 'cosine'].map(async (s) => [s, await sgd('--schedule', s, '--lr', '0.01', '--epochs', '2')])));
      const distance = (j: { terms: { estimate: number }[] }) => Math.hypot(...j.terms.map((t, i) => t.estimate - [4.2, 2, -3.4][i]));
      // η halves each epoch under "step": after 2 epochs it has covered less of the way than constant η
      expect(distance(runs.step)).toBeGreaterThan(distance(runs.constant));
      expect(new Set(Object.values(runs).map((j) => JSON.stringify(j.terms))).size).toBe(4);
      await expect(run('sgd', d2l, '--target', 'y', '--schedule', 'sometimes')).rejects.toThrow(/--schedule must be constant, step, inverse or cosine/);
    });

    it('--weight-decay λ shrinks the weights (not the bias) towards 0', async () => {
      const plain = await sgd('--epochs', '5');
      const decayed = await sgd('--epochs', '5', '--weight-decay', '0.5');
      const norm = (j: { terms: { name: string; estimate: number }[] }) => Math.hypot(...j.terms.filter((t) => t.name !== '(intercept)').map((t) => t.estimate));
      expect(norm(decayed)).toBeLessThan(0.9 * norm(plain));
    });

    it('--validation f holds out round(f·n) rows and reports their loss each epoch', async () => {
      const j = await sgd('--validation', '0.25', '--epochs', '2', '--batch-size', '10');
      expect(j.validationLoss).toHaveLength(2);
      expect(j.steps).toBe(2 * Math.ceil(750 / 10));
    });

    it('--delimiter ; and tab read the same table as the comma file (the same fit, bit for bit)', async () => {
      const text = readFileSync(d2l, 'utf8');
      const comma = JSON.parse((await run('fit', d2l, '--target', 'y', '--json')).text);
      for (const [name, sep] of [[';', ';'], ['tab', '\t']]) {
        const file = join(dir, `d2l-${name === ';' ? 'semicolon' : 'tab'}.csv`);
        writeFileSync(file, text.replaceAll(',', sep));
        const j = JSON.parse((await run('fit', file, '--target', 'y', '--delimiter', name, '--json')).text);
        expect(j.terms, name).toEqual(comma.terms);
        // the wrong delimiter is an error, not a fit
        await expect(run('fit', file, '--target', 'y', '--delimiter', ',', '--json')).rejects.toThrow(/no column named "y"/);
      }
    });

    it('--missing drop|error: a missing cell drops its row (counted), or stops naming row and column', async () => {
      const lines = readFileSync(d2l, 'utf8').trimEnd().split('\n');
      lines[5] = lines[5].replace(/^[^,]*/, '');
      const file = join(dir, 'd2l-missing.csv');
      writeFileSync(file, lines.join('\n') + '\n');
      const dropped = JSON.parse((await run('fit', file, '--target', 'y', '--json')).text);
      expect([dropped.n, dropped.rowsDropped]).toEqual([999, 1]);
      expect((await run('fit', file, '--target', 'y', '--json', '--missing', 'drop')).text).toBe(JSON.stringify(dropped, null, 2) + '\n');
      // row numbers count lines of the file, as an editor shows them (the header is row 1)
      await expect(run('fit', file, '--target', 'y', '--missing', 'error')).rejects.toThrow('d2l-missing.csv: row 6, column "x1" is empty');
    });
  });
});

describe('the CLI and the playground share one SGD setup', () => {
  it('sgd --no-intercept --standardize trains the no-intercept model (scaling never changes which model is fitted)', async () => {
    const file = join(dir, 'd2l-example.csv');
    writeFileSync(file, readFileSync(join(repoRoot, 'examples', 'd2l-synthetic.csv')));
    const ls = (await fitTableFile(file, { target: 'y', intercept: false })).fit.coefficients;
    // a decaying η, so SGD settles instead of hovering around the optimum
    const sgd = async (...extra: string[]) => JSON.parse((await run('sgd', file, '--target', 'y', '--no-intercept', '--epochs', '30', '--schedule', 'inverse', '--json', ...extra)).text).terms.map((t: { estimate: number }) => t.estimate);
    const [plain, scaled] = [await sgd(), await sgd('--standardize')];
    // the no-intercept least-squares optimum is (2.0506, −3.2863) on this file
    expect(Array.from(ls, (v) => Number(v.toFixed(4)))).toEqual([2.0506, -3.2863]);
    // both settle at it (the bug this replaces centred the features and settled at (1.999, −3.399))
    for (const w of [plain, scaled]) expect(Math.hypot(w[0] - ls[0], w[1] - ls[1])).toBeLessThan(0.002);
  });

  it('the playground and gauss-lab fit leave out the same rows: only a gap in the model\'s own columns drops a row', async () => {
    // 40 rows; z is empty in every 5th row (8 rows), y is empty in row 20 (one of them is also z's)
    const lines = ['x,y,z'];
    for (let i = 1; i <= 40; i++) lines.push(`${i},${i === 21 ? '' : 2 * i + 1 + ((i * 7) % 5) / 10},${i % 5 === 0 ? '' : (i * i) % 13}`);
    const file = join(dir, 'gaps.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const { table, summary, rowNumbers } = await readTableFileTable(file, { fileName: 'gaps.csv', ...PLAYGROUND_READ });
    expect(table.rowCount).toBe(40);
    const loaded = loadedFromFile('gaps.csv', table, summary, rowNumbers);
    expect(loaded.warnings.join(' ')).toContain('9 rows have a missing or unreadable value');
    const base: DesignChoice = { target: 'y', features: ['x'], degree: 1, intercept: true, standardize: false, validationFraction: 0 };
    for (const [features, n] of [[['x'], 39], [['x', 'z'], 31]] as const) {
      const fit = await computeFit(loaded.table, { ...base, features: [...features] }, { maxPlotPoints: 100, seed: 0, rowNumbers: loaded.rowNumbers });
      expect(fit.result.n, features.join('+')).toBe(n);
      expect(fit.rowsLeftOut).toBe(40 - n);
      // the note names how many and the first one, by its line in the file (header is line 1)
      expect(fit.result.warnings[0]).toBe(`${40 - n} row${40 - n === 1 ? ' was' : 's were'} dropped for missing values in the model's columns (first: row ${features.length === 1 ? 22 : 6}, column "${features.length === 1 ? 'y' : 'z'}")`);
      const cli = await fitTableFile(file, { target: 'y', features: [...features], degree: 1, intercept: true });
      expect(cli.fit.n).toBe(n);
      expect(Array.from(fit.result.coefficients)).toEqual(Array.from(cli.fit.coefficients));
      // the predictions export lines up with the file: every row, empty cells where the model has no prediction
      const csv = predictionsCsv(loaded.table, 'y', fit.result.predict);
      const out = [...csv.rows()].map((l) => l.split(','));
      expect(csv.header).toBe('x,y,z,predicted_y,residual');
      expect(out).toHaveLength(40);
      expect(out.filter((r) => r[3] === '')).toHaveLength(features.length === 1 ? 0 : 8);
      expect(out.filter((r) => r[4] === '')).toHaveLength(40 - n);
      expect(out[4][2]).toBe(''); // row 5's gap stays a gap
      expect(Number(out[0][3])).toBe(cli.fit.predict((s) => [3.2, 1, 1][s])); // the CLI's columns: y, x, z
    }
  });

  it('gauss-lab sgd and the playground run the same trajectory, bit for bit, for the same file, settings and seed', async () => {
    const file = join(dir, 'd2l-trajectory.csv');
    writeFileSync(file, readFileSync(join(repoRoot, 'examples', 'd2l-synthetic.csv')));
    const { table, summary } = await readCsvFileTable(file);
    const loaded = loadedFromFile('d2l-trajectory.csv', table, summary);
    const cases: { design: Partial<DesignChoice>; sgd: Partial<SgdParams>; args: string[] }[] = [
      { design: {}, sgd: {}, args: [] },
      { design: { standardize: true, validationFraction: 0.25 }, sgd: { seed: 7, loss: 'huber', schedule: 'cosine', batchSize: 16 }, args: ['--standardize', '--validation', '0.25', '--seed', '7', '--loss', 'huber', '--schedule', 'cosine', '--batch-size', '16'] },
      { design: { intercept: false, standardize: true }, sgd: { weightDecay: 0.1, epochs: 5 }, args: ['--no-intercept', '--standardize', '--weight-decay', '0.1', '--epochs', '5'] },
    ];
    for (const c of cases) {
      const design: DesignChoice = { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0, ...c.design };
      const params: SgdParams = { ...DEFAULT_SGD_PARAMS, ...c.sgd };
      const fit = await computeFit(loaded.table, design, { maxPlotPoints: 100, seed: 0 });
      const session = new TrainingSession(fit, params);
      const epochs: number[] = [];
      while (!session.done) {
        const r = session.advance(1000, new StepDecimator());
        epochs.push(...r.epochs.map((e) => e.trainLoss));
      }
      const cli = JSON.parse((await run('sgd', file, '--target', 'y', '--json', ...c.args)).text);
      expect(cli.terms.map((t: { estimate: number }) => t.estimate), JSON.stringify(c)).toEqual(session.theta());
      expect(cli.trainLoss, JSON.stringify(c)).toEqual(epochs);
    }
  });
});
