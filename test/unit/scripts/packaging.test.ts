// What ships besides the code: the third-party notices match the packages the bundles hold, and the
// command line packs as its own npm package that installs a working `gauss-lab`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NOTICES_FILE, noticesText } from '../../../scripts/third-party-notices.mjs';
import { CLI_FILES, packCli } from '../../../scripts/pack-cli.mjs';

const dir = mkdtempSync(join(tmpdir(), 'gauss-packaging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('packaging', () => {
  it('ThirdPartyNotices.txt is up to date: every bundled package, with its license text', async () => {
    const text = await noticesText();
    expect(readFileSync(NOTICES_FILE, 'utf8')).toBe(text);
    // the packages the webview and the CLI certainly bundle, each with a license text
    for (const name of ['vega-lite', 'hyparquet', '@stdlib/stats-base-dists-t-cdf', 'valibot']) expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    expect(text).toContain('Permission is hereby granted');
    expect(text).toContain('Apache License');
  }, 120_000);

  it('the CLI packs alone and `npm install -g` of it gives a gauss-lab that fits a file', () => {
    const tgz = packCli({ out: dir, build: !CLI_FILES.every((f) => existsSync(f)) });
    expect(tgz).toMatch(new RegExp(`gauss-lab-${manifest.version.replace(/\./g, '\\.')}\\.tgz$`));
    const listing = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['package/LICENSE', 'package/README.md', 'package/ThirdPartyNotices.txt', ...CLI_FILES.map((f) => `package/${f}`), 'package/package.json'].sort());
    const prefix = join(dir, 'global');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'gauss-lab');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(`gauss-lab ${manifest.version}`);
    const csv = join(dir, 'd2l.csv');
    execFileSync('sh', ['-c', `"${bin}" synth d2l --n 500 --seed 1 > "${csv}"`]);
    const fit = JSON.parse(execFileSync(bin, ['fit', csv, '--target', 'y', '--json'], { encoding: 'utf8' })) as { terms: { name: string; estimate: number }[] };
    // d2l's truth: w = (2, −3.4), b = 4.2
    const est = Object.fromEntries(fit.terms.map((c) => [c.name, c.estimate]));
    expect(est.x1).toBeCloseTo(2, 1);
    expect(est.x2).toBeCloseTo(-3.4, 1);
  }, 180_000);
});
