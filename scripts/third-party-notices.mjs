// ThirdPartyNotices.txt: the license of every npm package whose code ships inside our bundles (the
// extension, the webview, the workers, the CLI). The bundles are minified without license
// comments, so the notices travel beside them (in the .vsix and the CLI package). Which packages
// ship is read from esbuild's metafile of the production build, not from package.json: only what
// is bundled, including the dependencies' own dependencies.
//
//   node scripts/third-party-notices.mjs          writes ThirdPartyNotices.txt
//   node scripts/third-party-notices.mjs --check  exits 1 when the file is out of date
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { targets } from '../esbuild.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NOTICES_FILE = join(root, 'ThirdPartyNotices.txt');

/** The shipped targets (not the test suite's bundle). */
const shipped = () => targets.filter((t) => t.outfile?.startsWith('dist/'));

/** The package directory (node_modules/…/name) of a bundled input path, or undefined for our own code. */
function packageOf(input) {
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return undefined;
  const scoped = parts[i + 1].startsWith('@');
  return parts.slice(0, i + (scoped ? 3 : 2)).join('/');
}

/** The text of a package's license files (LICENSE, LICENCE, COPYING, NOTICE in any case and extension). */
function licenseTexts(dir) {
  const names = readdirSync(join(root, dir)).filter((f) => /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i.test(f)).sort();
  return names.map((f) => readFileSync(join(root, dir, f), 'utf8').trim());
}

/** The notices' text for the current dependencies. */
export async function noticesText() {
  const dirs = new Set();
  for (const t of shipped()) {
    const r = await esbuild.build({ ...t, minify: true, sourcemap: false, write: false, metafile: true, logLevel: 'silent' });
    for (const input of Object.keys(r.metafile.inputs)) {
      const dir = packageOf(input);
      if (dir) dirs.add(dir);
    }
  }
  const packages = [...dirs]
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
  // packages that ship the same license text (e.g. the ~200 @stdlib packages, one Apache-2.0
  // LICENSE and NOTICE each) are listed together above that text, given once
  const groups = new Map();
  for (const { dir, pkg } of packages) {
    const texts = licenseTexts(dir);
    const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? 'see its package';
    const text = texts.length ? texts.join('\n\n') : `Licensed under ${license}; the package ships no license file.`;
    if (!groups.has(text)) groups.set(text, []);
    groups.get(text).push(`${pkg.name} ${pkg.version} (${license})`);
  }
  const out = [
    'Gauss Lab includes the following third-party software, bundled into its JavaScript files.',
    'Each package is listed with its version and license, above the license text it ships.',
    '',
  ];
  for (const [text, names] of groups) out.push('='.repeat(78), ...names, '='.repeat(78), '', text, '');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = await noticesText();
  if (process.argv.includes('--check')) {
    const now = existsSync(NOTICES_FILE) ? readFileSync(NOTICES_FILE, 'utf8') : '';
    if (now !== text) {
      console.error('ThirdPartyNotices.txt is out of date: run node scripts/third-party-notices.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(NOTICES_FILE, text);
    console.log(`wrote ${NOTICES_FILE}`);
  }
}
