// `npm start` (after `prestart` installed npm dependencies): builds, then opens VS Code with
// Gauss Lab loaded in development mode on the bundled examples/ workspace.
//   - Desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> examples/`.
//   - Otherwise: code-server on 127.0.0.1 (Node 24 and code-server are installed once into
//     ~/.cache/gauss-lab/), prints the URL to open, rebuilds on change (run "Developer: Reload
//     Window" to pick changes up) and serves until Ctrl+C.
// Options: --code-server (use code-server even when `code` exists), --port=<n> (default: $PORT or a free port),
// --open (open the URL in $BROWSER, or with xdg-open/open; also done whenever $BROWSER is set).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUIET_SETTINGS, prepareRunDir, startCodeServer, workbenchUrl } from './e2e/code-server.mjs';
import { cacheRoot, ensureEnv } from './e2e/env.mjs';
import { onShutdown, spawnTracked, stopAll } from './e2e/procs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(root, 'examples');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const say = (m) => console.log(`[gauss-lab] ${m}`);

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return join(dir, cmd);
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** Opens `url` with $BROWSER (as `$BROWSER <url>`), else the platform's opener; says so when it cannot. */
function openInBrowser(url) {
  const opener = process.env.BROWSER || { darwin: 'open', win32: 'explorer' }[process.platform] || 'xdg-open';
  if (!opener.includes('/') && !onPath(opener)) {
    say(`cannot open a browser (${opener} is not on PATH): open the URL above yourself, or set $BROWSER.`);
    return;
  }
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', (e) => say(`could not start ${opener}: ${e.message}; open the URL above yourself.`));
  child.unref();
  say(`opening it with ${opener}`);
}

say('building…');
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  console.error('[gauss-lab] the build failed; fix the errors above and run `npm start` again.');
  process.exit(1);
}
if (!existsSync(workspace)) mkdirSync(workspace, { recursive: true });

const code = process.argv.includes('--code-server') ? undefined : onPath('code');
if (code) {
  say(`opening VS Code (${code}) with Gauss Lab in development mode on examples/`);
  const r = spawn(code, [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  r.on('exit', (c) => process.exit(c ?? 0));
} else {
  const env = ensureEnv({ log: (m) => say(m) });
  const runDir = join(cacheRoot, 'start');
  const settingsExist = existsSync(join(runDir, 'data', 'User', 'settings.json'));
  const dirs = prepareRunDir(runDir, settingsExist ? false : QUIET_SETTINGS);
  const port = Number(arg('port') ?? process.env.PORT ?? 0) || undefined;
  const server = await startCodeServer(env, dirs, { workspace, logFile: join(runDir, 'code-server.log'), port });
  const watcher = spawnTracked(process.execPath, ['esbuild.mjs', '--watch'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  onShutdown(async () => {
    await server.stop();
    await stopAll();
    say('stopped.');
    process.exit(0);
  });
  say(`code-server ${server.url} (pid ${server.pid}, log ${join(runDir, 'code-server.log')}); esbuild --watch (pid ${watcher.pid})`);
  const url = workbenchUrl(server.port, workspace, { devPath: root });
  console.log(`\n  Open Gauss Lab in your browser:\n\n  ${url}\n`);
  if (process.argv.includes('--open') || process.env.BROWSER) openInBrowser(url);
  say('then run "Gauss Lab: Open Playground" from the Command Palette (Ctrl+Shift+P).');
  say('after a change, run "Developer: Reload Window". Press Ctrl+C to stop.');
  // The open server and the watcher keep this process alive until a signal arrives.
}
