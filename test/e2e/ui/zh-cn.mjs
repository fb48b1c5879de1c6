// VS Code in Simplified Chinese (issue 18): a code-server whose display language is zh-cn
// (scripts/e2e/code-server.mjs useDisplayLanguage) lists Gauss Lab's commands in Chinese, the
// titles of package.nls.zh-cn.json, and the Chinese "Open Playground" opens the playground.
// (The panel itself is still English: its words are the next step.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check } from '../../../scripts/e2e/runner.mjs';
import { closePalette, openPalette, runCommand, waitForCommandListed, waitForWorkbench, webviewFrame } from '../../../scripts/e2e/workbench.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const zh = JSON.parse(readFileSync(`${root}package.nls.zh-cn.json`, 'utf8'));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
/** Each command's palette title in Chinese, as VS Code writes it: "category: title". */
const TITLES = manifest.contributes.commands.map((c) => `${zh.category}: ${zh[c.title.slice(1, -1)]}`);

export function zhCnTests(url) {
  return [
    {
      name: 'in a zh-cn workbench the palette lists every Gauss Lab command in Chinese',
      critical: true,
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await waitForWorkbench(page);
        await waitForCommandListed(page, TITLES[0]);
        check(TITLES.every((t) => /[\u4e00-\u9fff]/.test(t)), `every title has Chinese (${JSON.stringify(TITLES)})`);
        for (const t of TITLES.slice(1)) await waitForCommandListed(page, t, 20_000);
        await openPalette(page, '>Gauss Lab');
        await shot('palette in Chinese');
        await closePalette(page);
      },
    },
    {
      name: 'the Chinese "打开实验台" (Open Playground) opens the playground',
      fn: async ({ page, shot }) => {
        await runCommand(page, TITLES[0]);
        const frame = webviewFrame(page);
        await frame.locator('[data-testid="handshake"][data-state="connected"]').waitFor({ state: 'attached', timeout: 60_000 });
        await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
        await shot('playground opened from the Chinese command');
      },
    },
  ];
}
