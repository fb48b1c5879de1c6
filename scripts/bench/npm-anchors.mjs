// Anchors from npm for the bench scripts (parquet-read.mjs, engines.mjs): native engines we compare
// with, installed on demand into the cache ($GAUSS_LAB_CACHE, ~/.cache/gauss-lab), one folder per
// package and version, pinned here. Never project dependencies: `npm install` of the repo, the
// extension and `npm test` never see them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, innerNpmEnv } from '../e2e/env.mjs';

/** This platform as napi-rs names its prebuilt packages: linux-x64-gnu, linux-x64-musl, darwin-arm64, win32-x64-msvc. */
function napiPlatform() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${process.report.getReport().header.glibcVersionRuntime ? 'gnu' : 'musl'}`;
  return platform === 'win32' ? `win32-${arch}-msvc` : `${platform}-${arch}`;
}

/**
 * The pinned versions. nodejs-polars lists its native build (nodejs-polars-linux-x64-gnu …) as an
 * optional dependency, and npm silently skips that one on Node 20: the native packages of 0.25.2
 * declare `engines: node >= 22` (they load and run on Node 20, N-API). So it is named explicitly.
 */
export const NPM_ANCHORS = {
  duckdb: { name: '@duckdb/node-api', version: '1.5.6-r.1', also: [] },
  polars: { name: 'nodejs-polars', version: '0.25.2', also: [`nodejs-polars-${napiPlatform()}@0.25.2`] },
};

/** The cache folder of one anchor: `duckdb-node-api-1.5.6-r.1`, `nodejs-polars-0.25.2`. */
export const anchorDir = ({ name, version }) => join(cacheRoot, `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}`);

/**
 * The folder holding `anchor` (one of {@link NPM_ANCHORS}) in its node_modules, installed there
 * with npm when missing (once; a half-done install is never taken for a done one).
 * @throws Error with the end of npm's output when the install fails.
 */
export function ensureNpmAnchor(anchor, log = console.log) {
  const dir = anchorDir(anchor);
  if (existsSync(join(dir, '.complete'))) return dir;
  const spec = `${anchor.name}@${anchor.version}`;
  const specs = [spec, ...(anchor.also ?? [])];
  const part = `${dir}.tmp-${process.pid}`;
  rmSync(part, { recursive: true, force: true });
  mkdirSync(part, { recursive: true });
  writeFileSync(join(part, 'package.json'), JSON.stringify({ name: 'gauss-lab-cache', private: true }) + '\n');
  log(`npm install ${specs.join(' ')} into ${dir} (once) …`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...specs], {
    cwd: part,
    env: innerNpmEnv(),
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(part, { recursive: true, force: true });
    throw new Error(`npm install ${specs.join(' ')} failed: ${(r.stderr || r.error?.message || '').slice(-1500)}`);
  }
  writeFileSync(join(part, '.complete'), new Date().toISOString() + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(part, dir);
  return dir;
}
