// Measures the webview's main-thread long tasks (PerformanceObserver 'longtask', > 50 ms)
// while training streams into the charts, in the static preview (fake host at ~30 messages/s).
//   node esbuild.mjs && node test/e2e/ui/preview-perf.mjs [--seconds=6] [--query=theme=dark&n=5000]
import { launch, openPreview, startPreviewServer } from './preview.mjs';

const arg = (n, d) => process.argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3) ?? d;
const seconds = Number(arg('seconds', '6'));
const query = arg('query', 'theme=dark&n=5000&big');
/** A section to scroll into view while training (e.g. charts-section: the landscape and neuron). */
const scroll = arg('scroll', '');

const srv = await startPreviewServer();
const browser = await launch();
try {
  const { page, problems } = await openPreview(browser, srv.url, query);
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-box')].every((b) => b.getAttribute('data-rendered') === 'true'), null, { timeout: 30_000 });
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    w.__frames = 0;
    const tick = () => {
      w.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const input = page.getByTestId('epochs').locator('input');
  await input.fill('1000');
  await input.press('Enter');
  await page.locator('#pace-slider').fill('0');
  await page.getByTestId('play').click();
  if (scroll) await page.getByTestId(scroll).scrollIntoViewIfNeeded();
  const t0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const r = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    return { long: w.__long, frames: w.__frames, steps: Number(document.querySelector('[data-testid="step-count"]')?.getAttribute('data-steps')), messages: w.__preview.sent.filter((m) => m.type === 'training').length };
  });
  const secs = (Date.now() - t0) / 1000;
  console.log(`[${query}${scroll ? `, scrolled to ${scroll}` : ''}] ${secs.toFixed(1)} s of training: ${r.steps} steps, ${r.messages} training messages (${(r.messages / secs).toFixed(0)}/s), ${(r.frames / secs).toFixed(0)} frames/s`);
  console.log(`long tasks (> 50 ms): ${r.long.length}${r.long.length ? ` — ${r.long.join(', ')} ms` : ''}`);
  if (problems.length) console.log(problems.join('\n'));
} finally {
  await browser.close();
  await srv.close();
}
