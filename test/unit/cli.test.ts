import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { main } from '../../src/cli/main';

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
  await build({ entryPoints: [join(__dirname, '../../src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cliJs, logLevel: 'silent' });
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
      expect.arrayContaining(['n', 'p', 'terms', 'residualStdDev', 'rSquared', 'adjRSquared', 'fStatistic', 'logLikelihood', 'aic', 'bic', 'conditionNumber', 'rank', 'rowsDropped', 'warnings']),
    );
    expect(j.n).toBe(1000);
    expect(j.p).toBe(3);
    expect(j.terms.map((t: { name: string }) => t.name)).toEqual(['(intercept)', 'x1', 'x2']);
    const [b, w1, w2] = j.terms;
    expect(b.estimate).toBeCloseTo(4.2, 2);
    expect(w1.estimate).toBeCloseTo(2, 2);
    expect(w2.estimate).toBeCloseTo(-3.4, 2);
    expect(Object.keys(w1)).toEqual(['name', 'estimate', 'stdError', 't', 'pValue', 'ci95']);
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
      fit: ['--target', '--features', '--degree', '--no-intercept', '--json', '--delimiter', '--missing'],
      sgd: ['--lr', '--batch-size', '--epochs', '--seed', '--loss', '--schedule', '--weight-decay', '--validation', '--standardize', '--no-intercept', '--json', '--delimiter', '--missing'],
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
    expect(v.stdout.trim()).toBe(`gauss-lab ${JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version}`);
    const none = cli();
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Usage: gauss-lab <command>');
  });
});
