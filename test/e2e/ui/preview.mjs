// A static preview of the webview without a workbench: serves dist/webview.js and
// media/playground.css under the same strict CSP as the real panel, with a fake host
// (fake-host.js) that speaks the protocol. Screenshots each scenario with playwright-core.
//
//   node esbuild.mjs && node test/e2e/ui/preview.mjs [--out=test-results/preview] [--only=name,…]
//
// Exported helpers are used by test/e2e/ui/preview-check.mjs.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const THEMES = { dark: 'vscode-dark', light: 'vscode-light', hc: 'vscode-high-contrast' };

/** Starts the preview server on 127.0.0.1; resolves to { url, close }. */
export function startPreviewServer() {
  const files = {
    '/webview.js': [join(root, 'dist', 'webview.js'), 'text/javascript'],
    '/fake-host.js': [join(here, 'fake-host.js'), 'text/javascript'],
    '/playground.css': [join(root, 'media', 'playground.css'), 'text/css'],
    '/theme-dark.css': [join(here, 'themes', 'dark.css'), 'text/css'],
    '/theme-light.css': [join(here, 'themes', 'light.css'), 'text/css'],
    '/theme-hc.css': [join(here, 'themes', 'hc.css'), 'text/css'],
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = files[url.pathname];
    if (file) {
      res.writeHead(200, { 'content-type': file[1] });
      res.end(readFileSync(file[0]));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const theme = THEMES[url.searchParams.get('theme') ?? 'dark'] ? url.searchParams.get('theme') ?? 'dark' : 'dark';
    const nonce = randomBytes(16).toString('base64');
    const self = `http://${req.headers.host}`;
    const csp = `default-src 'none'; style-src ${self}; img-src ${self} data:; font-src ${self}; script-src 'nonce-${nonce}'`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/theme-${theme}.css"><link rel="stylesheet" href="/playground.css">
<title>preview</title></head><body class="${THEMES[theme]}">
<main id="app" data-testid="playground"><h1>Gauss Lab Playground</h1><p class="status" data-testid="handshake" data-state="loading">connecting…</p></main>
<script nonce="${nonce}" src="/fake-host.js"></script><script nonce="${nonce}" src="/webview.js"></script>
</body></html>`);
  });
  return new Promise((resolveStart) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolveStart({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r(undefined))) });
    });
  });
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Opens the preview with `query`; collects CSP violations and page errors. */
export async function openPreview(browser, url, query = '') {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${url}?${query}`);
  await page.locator('[data-testid="handshake"][data-state="connected"]').waitFor({ timeout: 10_000 });
  return { page, problems };
}

const waitCharts = async (page) => {
  await page.waitForFunction(() => {
    const boxes = [...document.querySelectorAll('.chart-box')];
    return boxes.length > 0 && boxes.every((b) => b.getAttribute('data-rendered') === 'true');
  }, null, { timeout: 20_000 });
};

/** name → [query, steps(page)] */
export const SCENARIOS = {
  'playground-dark': ['theme=dark', async (page) => waitCharts(page)],
  'playground-light': ['theme=light', async (page) => waitCharts(page)],
  'playground-hc': ['theme=hc&warn', async (page) => waitCharts(page)],
  hostile: ['theme=dark&hostile&big', async (page) => waitCharts(page)],
  error: ['theme=dark&error', async (page) => page.getByTestId('error').waitFor()],
  normal: ['theme=dark&view=normal', async (page) => waitCharts(page)],
  'normal-light': ['theme=light&view=normal', async (page) => waitCharts(page)],
  training: ['theme=dark', async (page) => {
    await waitCharts(page);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]')?.getAttribute('data-steps')) > 150, null, { timeout: 20_000 });
    await page.getByTestId('pause').click();
    await page.locator('[data-testid="training-status"][data-status="paused"]').waitFor();
    await page.waitForTimeout(300);
  }],
  diverged: ['theme=dark', async (page) => {
    await waitCharts(page);
    await page.getByTestId('learning-rate').locator('input').fill('3');
    await page.getByTestId('learning-rate').locator('input').press('Enter');
    await page.getByTestId('play').click();
    await page.getByTestId('divergence').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
  }],
};

async function main() {
  const arg = (n) => process.argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3);
  const out = resolve(arg('out') ?? join(root, 'test-results', 'preview'));
  const only = arg('only')?.split(',');
  mkdirSync(out, { recursive: true });
  const srv = await startPreviewServer();
  const browser = await launch();
  let failed = 0;
  try {
    for (const [name, [query, steps]] of Object.entries(SCENARIOS)) {
      if (only && !only.includes(name)) continue;
      const { page, problems } = await openPreview(browser, srv.url, query);
      try {
        await steps(page);
        await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
        console.log(`✓ ${name}${problems.length ? `\n    ${problems.join('\n    ')}` : ''}`);
      } catch (e) {
        failed++;
        await page.screenshot({ path: join(out, `${name}--FAILED.png`), fullPage: true }).catch(() => {});
        console.log(`✗ ${name}: ${e instanceof Error ? e.message : e}\n    ${problems.join('\n    ')}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
