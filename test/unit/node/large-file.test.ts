// Slow but always run: a CSV over 2 GB is streamed with bounded memory. The file is one
// ~1 MiB block of rows repeated, so its least-squares solution must equal the block's own
// (repeating every row k times scales XᵀX and Xᵀy alike) — a check of the numbers, not only
// of the memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../shared/fixtures';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { createRng } from '../../../src/core/random';
import { readCsvTable } from '../../../src/core/csv';
import { fitLeastSquares } from '../../../src/core/least-squares';
import { designSpec } from '../../../src/core/design-matrix';

const dir = mkdtempSync(join(tmpdir(), 'gauss-2gb-'));
const file = join(dir, 'big.csv');
let block = '';
let cli = '';

beforeAll(async () => {
  const rng = createRng(11);
  const rows = ['x1,x2,y'];
  let body = '';
  while (body.length < 1 << 20) {
    const x1 = rng.normal(0, 1);
    const x2 = rng.normal(0, 1);
    const line = [x1, x2, 2 * x1 - 3.4 * x2 + 4.2 + rng.normal(0, 0.01)].map((v) => v.toPrecision(10)).join(',') + '\n';
    body += line;
  }
  block = rows[0] + '\n' + body;
  const fd = openSync(file, 'w');
  try {
    const head = Buffer.from(rows[0] + '\n');
    writeSync(fd, head);
    const chunk = Buffer.from(body.repeat(16));
    const target = 2 * 1024 ** 3 + 1;
    for (let written = head.length; written < target; written += chunk.length) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  cli = join(dir, 'cli.js');
  await build({ entryPoints: [join(repoRoot, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cli, logLevel: 'silent', external: ['esbuild'] });
  // the parallel fit's worker beside the CLI, as in dist/: the fit runs on every core
  await build({ entryPoints: [join(repoRoot, 'src', 'worker', 'fit-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'fit-worker.js'), logLevel: 'silent' });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('slow: a file over 2 GB', () => {
  it('is fitted in one stream with peak memory under 200 MB, to the same coefficients as its repeated block', () => {
    expect(statSync(file).size).toBeGreaterThan(2 * 1024 ** 3);
    const script = `require(${JSON.stringify(cli)}).main(['fit', ${JSON.stringify(file)}, '--target', 'y', '--json'], (s) => { out += s; })
      .then((code) => console.log(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS, fit: JSON.parse(out) })))
      .catch((e) => { console.log(JSON.stringify({ error: e.message })); });
      var out = '';`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 24 });
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(res.error).toBeUndefined();
    console.log(`2 GB fit: peak RSS ${(res.maxRssKb / 1024).toFixed(0)} MiB, n = ${res.fit.n}`);
    expect(res.maxRssKb).toBeLessThan(200 * 1024);
    const { table } = readCsvTable(block);
    const small = fitLeastSquares(table, designSpec(table.names, { target: 'y', features: ['x1', 'x2'] }));
    expect(res.fit.n % table.rowCount).toBe(0);
    res.fit.terms.forEach((t: { estimate: number }, j: number) => {
      expect(Math.abs(t.estimate - small.coefficients[j]) / Math.abs(small.coefficients[j])).toBeLessThan(1e-12);
    });
  }, 300_000);
});
