// `npm start` as a newcomer runs it: through npm (so the inner installs see the outer npm's
// environment, which once broke code-server's install), on code-server, with $BROWSER set. The
// URL it hands the browser must open a workbench where Gauss Lab runs, and Ctrl+C must leave
// no process behind.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, descendants, freePort, killTree } from '../../../scripts/e2e/procs.mjs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { waitForCommandListed, waitForWorkbench } from '../../../scripts/e2e/workbench.mjs';

/**
 * The tests, and `stop` for the harness to call afterwards whatever happened.
 * @returns {{ tests: import('../../../scripts/e2e/runner.mjs').UiTest[], stop: () => Promise<void> }}
 */
export function startTests({ root, log }) {
  /** @type {{ child?: import('node:child_process').ChildProcess, dir?: string, output: string }} */
  const run = { output: '' };
  const stop = async () => {
    if (run.child?.pid) await killTree(run.child.pid);
    if (run.dir) rmSync(run.dir, { recursive: true, force: true });
  };
  const tests = [
    {
      name: 'npm start (no desktop code): code-server serves the examples with Gauss Lab, and $BROWSER gets the URL',
      critical: true,
      timeoutMs: 240_000,
      fn: async ({ page, shot }) => {
        run.dir = mkdtempSync(join(tmpdir(), 'gauss-lab-start-'));
        const urlFile = join(run.dir, 'url');
        const browser = join(run.dir, 'browser.sh');
        writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${urlFile}'\n`);
        chmodSync(browser, 0o755);
        const port = await freePort();
        run.child = spawn('npm', ['start', '--', '--code-server', `--port=${port}`], {
          cwd: root,
          env: { ...process.env, BROWSER: browser },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        for (const s of [run.child.stdout, run.child.stderr]) s?.on('data', (d) => (run.output += d));
        const exited = new Promise((r) => run.child?.on('exit', (code) => r(code)));
        const url = await Promise.race([
          until(async () => (existsSync(urlFile) ? readFileSync(urlFile, 'utf8') : ''), (u) => u.startsWith('http'), '$BROWSER called with the URL', 200_000),
          exited.then((code) => {
            throw new Error(`npm start exited (${code}) before opening the browser:\n${run.output.slice(-2000)}`);
          }),
        ]);
        check(url.startsWith(`http://127.0.0.1:${port}/`), `the URL is on 127.0.0.1:${port} (got ${url})`);
        check(run.output.includes(url), 'npm start also prints the URL');
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await waitForWorkbench(page);
        await waitForCommandListed(page, 'Gauss Lab: Open Playground');
        await shot('npm start workbench');
      },
    },
    {
      name: 'npm start stops on Ctrl+C (SIGINT) and leaves no process behind',
      timeoutMs: 60_000,
      fn: async () => {
        const child = run.child;
        check(child?.pid !== undefined, 'npm start is running');
        const tree = descendants(child.pid);
        check(tree.length > 0, 'npm start has child processes (code-server, esbuild --watch)');
        const exited = new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code, sig) => r(code ?? sig))));
        // Ctrl+C in a terminal signals the whole foreground group: npm and the script below it.
        for (const p of [child.pid, ...tree.map((t) => t.pid)]) {
          try {
            process.kill(p, 'SIGINT');
          } catch {
            /* gone */
          }
        }
        await until(() => exited, () => true, 'npm start to exit', 30_000);
        const left = () => Promise.resolve(tree.filter(alive).map((p) => p.pid));
        await until(left, (pids) => pids.length === 0, 'every process npm start started to be gone', 20_000);
        log?.(`  [start] stopped: ${run.output.trim().split('\n').slice(-1)[0]}`);
      },
    },
  ];
  return { tests, stop };
}
