// Restricted Mode in the real workbench: a second code-server with Workspace Trust on opens a
// fresh folder (never trusted) holding the bench examples. The lens says why benchmarks are off,
// the palette does not offer to run them, a keybinding to them only warns and starts no process,
// and the playground still works. (The in-host suite test/e2e/suite/restricted.ts runs the same
// commands through executeCommand in this workbench.)
import { readdirSync, readFileSync } from 'node:fs';
import { check, observe, until } from '../../../scripts/e2e/runner.mjs';
import { closePalette, openFile, openPalette, runCommand, waitForCommandListed, waitForWorkbench, webviewFrame } from '../../../scripts/e2e/workbench.mjs';
import BENCH_PROCESS from '../../shared/bench-process.json' with { type: 'json' };

/** Keybindings a user might add for the run commands; the harness writes them into this workbench's keybindings.json. */
export const RESTRICTED_KEYBINDINGS = [
  { key: 'ctrl+alt+b', command: 'gaussLab.runBenchmark' },
  { key: 'ctrl+alt+shift+b', command: 'gaussLab.runAllBenchmarks' },
];
const RESTRICTED_NOTICE = /benchmarks run code from the file, so they are off in Restricted Mode/;

/** Processes whose command line mentions the bench runner's temp folders or harnesses. */
function benchProcesses() {
  const pattern = new RegExp(BENCH_PROCESS.pattern);
  const found = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (pattern.test(cmd)) found.push(`${pid}: ${cmd.slice(0, 200)}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
}

/** The notifications in the Notification Center (toasts are not drawn with the smoke-test driver). */
async function notificationTexts(page) {
  await runCommand(page, 'Notifications: Show Notifications', 10_000);
  const texts = await page.locator('.notifications-center .notification-list-item').allInnerTexts();
  await runCommand(page, 'Notifications: Hide Notifications', 10_000);
  return texts;
}

export function untrustedTests(url) {
  return [
    {
      name: 'a folder opened with Workspace Trust on is in Restricted Mode',
      critical: true,
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await waitForWorkbench(page);
        await waitForCommandListed(page, 'Gauss Lab: Open Playground');
        await page.locator('.statusbar', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
        await shot('restricted mode');
      },
    },
    {
      name: 'Restricted Mode: the bench lens explains why benchmarks are off instead of offering to run',
      timeoutMs: 60_000,
      fn: async ({ page, shot }) => {
        await openFile(page, 'vector-add.js');
        const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Benchmarks are off in Restricted Mode' }).first();
        await lens.waitFor({ state: 'visible', timeout: 30_000 });
        const offers = await page.locator('.monaco-editor .codelens-decoration', { hasText: /Time loop vs vectorized|Run all benchmarks/ }).count();
        check(offers === 0, `no lens offers to run (found ${offers})`);
        await shot('untrusted lens');
      },
    },
    {
      name: 'Restricted Mode: the palette does not offer to run benchmarks, and the lens leads to Workspace Trust',
      timeoutMs: 60_000,
      fn: async ({ page, shot }) => {
        // The run commands are hidden from the palette (menus.commandPalette when isWorkspaceTrusted).
        await openPalette(page, '>Gauss Lab:');
        // The palette lists the other Gauss Lab commands (so it is filled in), not the run ones.
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Gauss Lab: Open Playground' }).first().waitFor({ state: 'visible', timeout: 15_000 });
        const rows = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
        check(!rows.some((r) => /Run (All )?Benchmarks?/.test(r)), `the palette offers no benchmark run (rows: ${JSON.stringify(rows)})`);
        await shot('palette without run commands');
        await closePalette(page);
        // The lens's only action is Manage Workspace Trust.
        await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Benchmarks are off in Restricted Mode' }).first().click();
        await page.locator('.workspace-trust-editor').first().waitFor({ state: 'visible', timeout: 15_000 });
        await shot('lens opens workspace trust');
        // The Workspace Trust editor opens as a modal: Escape closes it before the palette can open.
        await page.keyboard.press('Escape');
        await page.locator('.workspace-trust-editor').first().waitFor({ state: 'hidden', timeout: 10_000 });
      },
    },
    {
      name: 'Restricted Mode: a keybinding to Run Benchmark / Run All Benchmarks warns why and starts no snippet process',
      timeoutMs: 90_000,
      fn: async ({ page, shot }) => {
        check(benchProcesses().length === 0, `no bench process before (found ${benchProcesses().join('; ')})`);
        await openFile(page, 'vector-add.js');
        // the cursor inside the first group (below its setup marker), as a person would put it
        const editor = page.locator('.monaco-editor .view-lines').first();
        await editor.locator('.view-line', { hasText: 'const fb = new Float64Array(b);' }).first().click();
        for (const { key, command } of RESTRICTED_KEYBINDINGS) {
          // identical notifications are merged, so start each key from an empty Notification Center
          await runCommand(page, 'Notifications: Clear All Notifications', 10_000);
          check(!(await notificationTexts(page)).some((t) => RESTRICTED_NOTICE.test(t)), 'no warning before the key');
          const seen = new Set();
          const watch = setInterval(() => benchProcesses().forEach((p) => seen.add(p)), 20);
          try {
            await editor.locator('.view-line', { hasText: 'const fb = new Float64Array(b);' }).first().click();
            await page.keyboard.press(key.split('+').map((k) => (k === 'ctrl' ? 'Control' : k === 'alt' ? 'Alt' : k === 'shift' ? 'Shift' : k.toUpperCase())).join('+'));
            await until(() => notificationTexts(page), (t) => t.some((x) => RESTRICTED_NOTICE.test(x)), `${command}: the warning saying why`, 20_000);
            // as long as a real run needs to start its first process
            await observe(BENCH_PROCESS.watchWindowMs, () => seen.size > 0);
          } finally {
            clearInterval(watch);
          }
          check(seen.size === 0, `${command} (${key}): no snippet process was started (saw ${[...seen].join('; ')})`);
        }
        await runCommand(page, 'Notifications: Show Notifications', 10_000);
        await shot('keybinding warned');
        await runCommand(page, 'Notifications: Hide Notifications', 10_000);
        await runCommand(page, 'View: Close All Editors', 10_000);
      },
    },
    {
      name: 'Restricted Mode: the playground still opens and fits (it runs no workspace code)',
      timeoutMs: 90_000,
      fn: async ({ page, shot }) => {
        await runCommand(page, 'Gauss Lab: Open Playground', 30_000, { dismissFollowUp: /which CSV/i });
        const frame = webviewFrame(page);
        await frame.locator('[data-testid="handshake"][data-state="connected"]').waitFor({ state: 'attached', timeout: 60_000 });
        await frame.getByTestId('summary-table').waitFor({ timeout: 60_000 });
        await until(() => frame.getByTestId('coef-0').innerText(), (t) => /^4\.2/.test(t.trim()), 'the intercept of the built-in d2l data');
        await shot('playground in restricted mode');
      },
    },
  ];
}
