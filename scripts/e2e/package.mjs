// `npm run package`: gauss-lab-<version>.vsix with @vscode/vsce (which runs `vscode:prepublish`,
// the production build). vsce 4 declares Node ≥ 22: on an older Node it runs on the cached Node 24.
// `.vscodeignore` decides what goes in: only what runs. Prints the file list and sizes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNode } from './env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// Everything is bundled (no node_modules in the .vsix). vsce rewrites the README's relative links
// and images to the repository's (package.json "repository"): the screenshots live in docs/, not
// in the .vsix. No skip flags: the LICENSE and the repository are there.
const FLAGS = ['--no-dependencies'];

function runVsce(node, args, cwd = root) {
  const r = spawnSync(node, [vsce, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`vsce ${args[0]} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Packages the extension.
 * @param {{ out?: string, log?: (m: string) => void }} [options]
 * @returns {{ vsix: string, bytes: number, files: string[], entries: { name: string, size: number }[] }} the .vsix path, its size and the files it holds (with sizes).
 */
export function packageExtension({ out, log = console.log } = {}) {
  // vsce 4 declares Node >= 22: use this Node when it is new enough, else the cached Node 24.
  const node = Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : ensureNode({ log: (m) => log(`[env] ${m}`) });
  const { version, name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = out ?? join(root, `${name}-${version}.vsix`);
  runVsce(node, ['package', ...FLAGS, '--out', vsix]);
  const entries = zipEntries(readFileSync(vsix));
  const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
  return { vsix, bytes: statSync(vsix).size, files: files.map((f) => f.name), entries: files };
}

/**
 * The activation control (scripts/bench/activation-control): an extension that activates on the
 * same event as Gauss Lab and does nothing, packaged to install beside it in the perf phase. A
 * bench fixture, not a product: it has no repository or license file to check.
 */
export function packageActivationControl({ out, log = console.log }) {
  const node = Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : ensureNode({ log: (m) => log(`[env] ${m}`) });
  runVsce(node, ['package', ...FLAGS, '--allow-missing-repository', '--skip-license', '--out', out], join(root, 'scripts', 'bench', 'activation-control'));
  return out;
}

/** What the web-only build holds: the browser bundles, the view, the media. */
const WEB_FILES = ['dist/web/extension.js', 'dist/web/playground-worker.js', 'dist/webview.js', 'media', 'README.md', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n'];
/**
 * The largest each web bundle may be, minified (bytes). Measured 2026-12-07: extension 297 KB
 * (valibot, the readers for the picker's counts, the sample generators' @stdlib RNGs), worker
 * 467 KB (the whole core). A browser downloads them on every vscode.dev visit: keep them honest.
 */
export const WEB_BUNDLE_BUDGET = { 'dist/web/extension.js': 360 * 1024, 'dist/web/playground-worker.js': 560 * 1024 };

/**
 * A web-only build, as VS Code for the Web would run it: the manifest with `browser` and no `main`
 * (so no Node extension host can load it), the browser bundles as built now in dist/ (build with
 * `--production` first to test what users get). Packaged from a temporary folder.
 * @returns {{ vsix: string, bytes: number, files: string[], entries: { name: string, size: number }[] }}
 */
export function packageWebOnly({ out, log = console.log } = {}) {
  const node = Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : ensureNode({ log: (m) => log(`[env] ${m}`) });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'gauss-lab-web-'));
  try {
    const { main: _main, scripts: _scripts, dependencies: _deps, devDependencies: _dev, ...web } = manifest;
    if (!web.browser) throw new Error('package.json has no "browser" entry');
    writeFileSync(join(dir, 'package.json'), JSON.stringify(web, null, 2) + '\n');
    for (const f of WEB_FILES) cpSync(join(root, f), join(dir, f), { recursive: true });
    const vsix = out ?? join(root, `${manifest.name}-${manifest.version}-web.vsix`);
    mkdirSync(dirname(vsix), { recursive: true });
    runVsce(node, ['package', ...FLAGS, '--out', vsix], dir);
    const entries = zipEntries(readFileSync(vsix));
    const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
    return { vsix, bytes: statSync(vsix).size, files: files.map((f) => f.name), entries: files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Names and uncompressed sizes of the files in a zip (a .vsix), read from its central directory.
 * @returns {{ name: string, size: number }[]}
 */
export function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    out.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const t0 = Date.now();
    const { vsix, bytes, entries } = packageExtension();
    for (const f of entries) console.log(`  ${f.name.padEnd(28)} ${(f.size / 1024).toFixed(1).padStart(8)} KB`);
    console.log(`${vsix}: ${(bytes / 1024).toFixed(1)} KB, ${entries.length} files (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
