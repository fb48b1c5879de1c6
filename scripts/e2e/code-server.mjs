// Starts and stops code-server (VS Code's workbench served to a browser) for tests and `npm start`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, killTree, spawnTracked } from './procs.mjs';

/** Settings that keep the workbench quiet and deterministic. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': 'off',
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
};

/** The quiet settings with Workspace Trust on and no start-up prompt: a new folder opens in Restricted Mode. */
export const RESTRICTED_SETTINGS = {
  ...QUIET_SETTINGS,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Folders of one code-server instance: user data, extensions, XDG config (so nothing is written
 * to ~/.config/code-server). Writes the quiet settings unless `settings` is false.
 */
export function prepareRunDir(runDir, settings = QUIET_SETTINGS) {
  const dirs = {
    data: join(runDir, 'data'),
    extensions: join(runDir, 'extensions'),
    xdg: join(runDir, 'xdg'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  if (settings) {
    const file = join(dirs.data, 'User', 'settings.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  }
  return dirs;
}

/**
 * The environment for code-server: Node 24 first on PATH, its own XDG config, and none of the
 * variables it would obey instead of our flags ($PORT overrides --bind-addr; VSCODE_IPC_HOOK_CLI
 * from a VS Code terminal would hand --install-extension to that other VS Code).
 */
function baseEnv(env, dirs) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VSCODE_|CODE_SERVER_|PORT$|PASSWORD$|HASHED_PASSWORD$|GITHUB_TOKEN$)/.test(k)),
  );
  return { ...clean, PATH: `${env.nodeBin}:${process.env.PATH}`, XDG_CONFIG_HOME: dirs.xdg };
}

/** `code-server --install-extension <vsix>` into the run's extensions folder (~1.5 s). */
export function installExtension(env, dirs, vsix) {
  const r = spawnSync(
    env.node,
    [env.codeServer, '--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.data],
    { env: baseEnv(env, dirs), encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server on 127.0.0.1 at a free port (or `port`) and resolves once it listens.
 * `devMode` passes `enable-smoke-test-driver`, without which the workbench ignores the
 * `extensionDevelopmentPath`/`extensionTestsPath` URL payload.
 * @returns {Promise<{ port: number, url: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startCodeServer(env, dirs, { workspace, logFile, port, devMode = true, trust = false, locale, timeoutMs = 60_000 }) {
  port ??= await freePort();
  const args = [
    env.codeServer,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.data,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    // Workspace Trust off (every folder trusted) unless a run tests Restricted Mode.
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // the display language; see useDisplayLanguage (without it, a non-English locale falls back to English)
    ...(locale ? ['--locale', locale] : []),
    ...(devMode ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspace,
  ];
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawnTracked(env.node, args, { env: baseEnv(env, dirs), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const stop = async () => {
    await killTree(child.pid);
    log.end();
  };
  try {
    await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs} ms`)), timeoutMs);
      const onData = (b) => {
        out += b.toString();
        if (out.includes('HTTP server listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code}) before listening:\n${out.slice(-2000)}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, url: `http://127.0.0.1:${port}/`, pid: child.pid, stop };
}

/**
 * The workbench URL that opens `folder`, optionally loading an extension in development mode
 * (`devPath`) and running an in-host test module (`testsPath`). Both must be `vscode-remote://`
 * URIs of this server, or the workbench silently loads nothing.
 */
export function workbenchUrl(port, folder, { devPath, testsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** The package.json version of the repo at `root`. */
export function packageVersion(root) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

/**
 * Lets code-server start in `locale` (with `startCodeServer({ locale })`): the server resolves a
 * display language through the user data's languagepacks.json, which installing a language pack
 * from the Marketplace writes. No pack is reachable offline, and the tests need only the
 * extension's own translation (package.nls.<locale>.json): an entry with an empty translation of
 * VS Code itself is enough, so the workbench's own words stay English and ours are translated.
 */
export function useDisplayLanguage(dirs, locale) {
  const translations = join(dirs.data, `test-language-pack-${locale}.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = { hash: `test-${locale}`, extensions: [{ extensionIdentifier: { id: `gauss-lab-test.language-pack-${locale}` }, version: '0.0.1' }], translations: { vscode: translations }, label: locale };
  writeFileSync(join(dirs.data, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}
