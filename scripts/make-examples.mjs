// Regenerates the sample data in examples/ from the core's seeded generators, so the
// files are reproducible (a unit test checks the committed d2l file against the generator).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
const synth = (...args) => execFileSync('node', [cli, 'synth', ...args], { cwd: root, maxBuffer: 1 << 28 });
writeFileSync(join(root, 'examples', 'd2l-synthetic.csv'), synth('d2l', '--n', '1000', '--seed', '0'));
writeFileSync(join(root, 'examples', 'house-prices.csv'), synth('houses', '--n', '500', '--seed', '0'));
// NIST StRD Longley (public domain): a real dataset with several collinear economic series.
const longley = join(root, 'test', 'fixtures', 'nist-strd', 'longley.csv');
// NIST names the columns y, x1…x6; these are the series they hold (Longley 1967).
if (existsSync(longley)) {
  const [, ...rows] = readFileSync(longley, 'utf8').trimEnd().split('\n');
  const header = 'employed,gnp_deflator,gnp,unemployed,armed_forces,population,year';
  writeFileSync(join(root, 'examples', 'longley.csv'), [header, ...rows].join('\n') + '\n');
}
console.log('examples/ regenerated');
