// Restricted Mode in the real workbench: a second code-server with Workspace Trust on opens a
// fresh folder (never trusted) holding the bench examples. The lens says why benchmarks are off,
// running them anyway only warns and starts no process, and the playground still works.
import { readdirSync, readFileSync } from 'node:fs';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { closePalette, openFile, openPalette, runCommand, waitForCommandListed, waitForWorkbench, webviewFrame } from '../../../scripts/e2e/workbench.mjs';

/** Processes whose command line mentions the bench runner's temp folders or harnesses. */
function benchProcesses() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (/gauss-bench-|harness\.(cjs|py)/.test(cmd)) found.push(`${pid}: ${cmd.slice(0, 200)}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
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
      name: 'Restricted Mode: the palette does not offer to run benchmarks, the lens leads to Workspace Trust, and no snippet process starts',
      timeoutMs: 60_000,
      fn: async ({ page, shot }) => {
        check(benchProcesses().length === 0, `no bench process before (found ${benchProcesses().join('; ')})`);
        const seen = [];
        const watch = setInterval(() => seen.push(...benchProcesses()), 50);
        try {
          // The run commands are disabled (enablement: isWorkspaceTrusted), so the palette hides them.
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
          await page.waitForTimeout(2_000);
        } finally {
          clearInterval(watch);
        }
        check(seen.length === 0, `no snippet process was started (saw ${seen.join('; ')})`);
        // The Workspace Trust editor opens as a modal: Escape closes it before the palette can open.
        await page.keyboard.press('Escape');
        await page.locator('.workspace-trust-editor').first().waitFor({ state: 'hidden', timeout: 10_000 });
        await runCommand(page, 'View: Close All Editors', 10_000);
      },
    },
    {
      name: 'Restricted Mode: the playground still opens and fits (it runs no workspace code)',
      timeoutMs: 90_000,
      fn: async ({ page, shot }) => {
        await runCommand(page, 'Gauss Lab: Open Playground', 30_000, { dismissFollowUp: /which CSV/i });
        const frame = webviewFrame(page);
        await frame.locator('[data-testid="handshake"][data-state="connected"]').waitFor({ timeout: 60_000 });
        await frame.getByTestId('summary-table').waitFor({ timeout: 60_000 });
        await until(() => frame.getByTestId('coef-0').innerText(), (t) => /^4\.2/.test(t.trim()), 'the intercept of the built-in d2l data');
        await shot('playground in restricted mode');
      },
    },
  ];
}
