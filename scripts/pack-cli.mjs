// `npm run package:cli`: the `gauss-lab` command-line tool as an npm package of its own,
// gauss-lab-<version>.tgz, the same version as the extension. `npm install -g <the .tgz>` puts
// `gauss-lab` on the PATH; it needs Node.js only (the bundles hold every dependency).
// The package: the launcher and the CLI's bundles (production build), the fit's worker thread, a
// README for the command line, the LICENSE and the third-party notices.
//
//   node scripts/pack-cli.mjs [--out=DIR] [--no-build]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the CLI runs: the launcher, the CLI, its bench command, the parallel fit's worker. */
export const CLI_FILES = ['dist/cli.js', 'dist/cli-main.js', 'dist/cli-bench.js', 'dist/fit-worker.js'];

/**
 * Packs the CLI.
 * @param {{ out?: string, build?: boolean }} [options]
 * @returns {string} the path of the .tgz
 */
export function packCli({ out = root, build = true } = {}) {
  if (build) execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'gauss-lab-cli-'));
  try {
    mkdirSync(join(dir, 'dist'));
    for (const f of CLI_FILES) {
      if (!existsSync(join(root, f))) throw new Error(`${f} is missing: build first (node esbuild.mjs --production)`);
      copyFileSync(join(root, f), join(dir, f));
    }
    for (const f of ['LICENSE', 'ThirdPartyNotices.txt']) copyFileSync(join(root, f), join(dir, f));
    copyFileSync(join(root, 'docs', 'cli.md'), join(dir, 'README.md'));
    const cli = {
      name: manifest.name,
      version: manifest.version,
      description: 'The gauss-lab command line: certified least squares, minibatch SGD, predictions and loop-vs-vectorized timing on CSV, TSV, JSON Lines and Parquet files (the core of the Gauss Lab VS Code extension).',
      license: manifest.license,
      ...(manifest.repository ? { repository: manifest.repository, bugs: manifest.bugs, homepage: manifest.homepage } : {}),
      keywords: manifest.keywords,
      bin: { 'gauss-lab': 'dist/cli.js' },
      files: [...CLI_FILES, 'LICENSE', 'ThirdPartyNotices.txt', 'README.md'],
      engines: { node: manifest.engines.node },
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(cli, null, 2) + '\n');
    mkdirSync(out, { recursive: true });
    const r = spawnSync('npm', ['pack', '--pack-destination', out, '--json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    if (r.status !== 0) throw new Error(`npm pack failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return join(out, JSON.parse(r.stdout)[0].filename);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  const tgz = packCli({ out: out ? resolve(out) : root, build: !process.argv.includes('--no-build') });
  console.log(`${tgz}\ninstall it with: npm install -g ${tgz}`);
}
