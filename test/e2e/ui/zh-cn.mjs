// VS Code in Simplified Chinese (issue 18): a code-server whose display language is zh-cn
// (scripts/e2e/code-server.mjs useDisplayLanguage) lists Gauss Lab's commands in Chinese, the
// titles of package.nls.zh-cn.json, the Chinese "Open Playground" opens the playground, and the
// panel reads in Chinese (l10n/bundle.l10n.zh-cn.json): its headings, buttons and status, with no
// English word left in what it shows but names and the data's own.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { closePalette, openPalette, runCommand, waitForCommandListed, waitForWorkbench, webviewFrame } from '../../../scripts/e2e/workbench.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const zh = JSON.parse(readFileSync(`${root}package.nls.zh-cn.json`, 'utf8'));
const bundle = JSON.parse(readFileSync(`${root}l10n/bundle.l10n.zh-cn.json`, 'utf8'));
/** A panel message in Chinese, from the bundle (a missing one fails here, not as a timeout). */
const t = (english) => {
  if (!(english in bundle)) throw new Error(`no zh-cn translation of ${JSON.stringify(english)}`);
  return bundle[english];
};
/**
 * Words the Chinese panel may show in Latin letters: names (ours, the tools', the statistics',
 * Cook's distance, patsy's syntax, statsmodels' summary), keys, the built-in dataset's name (d2l synthetic (built-in), a name like a file's), units.
 */
const KEPT = new Set(['Gauss', 'Lab', 'CSV', 'd2l', 'synthetic', 'csv', 'statsmodels', 'Vega', 'Lite', 'SGD', 'OLS', 'RMSE', 'MAE', 'Huber', 'PNG', 'SVG', 'JSON', 'Python', 'NumPy', 'PyTorch', 'Space', 'nonrobust', 'Omnibus', 'Jarque', 'Bera', 'Durbin', 'Watson', 'Skew', 'Kurtosis', 'Cond', 'AIC', 'BIC', 'Prob', 'HC0', 'HC1', 'HC2', 'HC3', 'QQ', 'Q-Q', 'development', 'production', 'MiB', 'KiB', 'Cook', 'patsy', 'Enter', 'summary', 'built-in']);
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
    {
      name: 'the panel reads in Chinese: lang, headings, buttons, the status while training, and no English word but names and data',
      timeoutMs: 120_000,
      fn: async ({ page, shot }) => {
        const frame = webviewFrame(page);
        check((await frame.locator('html').getAttribute('lang')) === 'zh-cn', 'the page says its language is zh-cn (screen readers pick the voice by it)');
        const headings = await frame.locator('h1, h2').allInnerTexts();
        check(headings.length >= 4 && headings.every((h) => /[\u4e00-\u9fff]/.test(h)), `every heading is in Chinese (${JSON.stringify(headings)})`);
        check((await frame.getByTestId('play').innerText()).trim() === t('Play'), 'the Play button says 播放');
        await frame.getByTestId('play').click();
        const status = frame.getByTestId('training-status');
        await until(() => status.innerText(), (s) => /[\u4e00-\u9fff]/.test(s), 'the training status in Chinese', 30_000);
        await until(() => status.getAttribute('data-status'), (s) => s === 'done', 'the run ends', 60_000);
        await frame.getByTestId('training-section').locator('.chart-grid').scrollIntoViewIfNeeded();
        await shot('training in Chinese');
        const text = await frame.locator('body').innerText();
        const english = [...text.matchAll(/[A-Za-z][A-Za-z-]{3,}/g)].filter((m) => !KEPT.has(m[0]));
        const where = english.map((m) => text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' '));
        check(english.length === 0, `no English word left in the panel (found ${JSON.stringify(where)})`);
        await frame.locator('h1').scrollIntoViewIfNeeded();
        await shot('panel-zh-cn');
      },
    },
  ];
}
