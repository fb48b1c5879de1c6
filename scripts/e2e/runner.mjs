// A small test-list runner for the UI tests: named tests in order, each with a timeout, a
// screenshot on failure, and `shot()` for screenshots at key steps. No framework needed.
import { join } from 'node:path';
import { visibleMessages } from './workbench.mjs';

const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * @typedef {{ page: import('playwright-core').Page, shot: (step: string) => Promise<string> } & Record<string, unknown>} TestContext
 * @typedef {{ name: string, fn: (t: TestContext) => Promise<void>, timeoutMs?: number, critical?: boolean }} UiTest
 * @typedef {{ suite: string, name: string, ok: boolean, ms: number, error?: string, screenshots: string[] }} UiResult
 */

/**
 * Runs `tests` against `ctx.page`. A failing `critical` test (e.g. "the workbench loads")
 * fails the tests after it without running them, instead of letting each time out.
 * @returns {Promise<UiResult[]>}
 */
export async function runUiTests(suite, tests, ctx, { resultsDir, log = console.log }) {
  const results = [];
  let blockedBy;
  for (const [i, test] of tests.entries()) {
    const prefix = `${slug(suite)}-${String(i + 1).padStart(2, '0')}-${slug(test.name)}`;
    const screenshots = [];
    const shot = async (step) => {
      const file = join(resultsDir, `${prefix}--${slug(step)}.png`);
      await ctx.page.screenshot({ path: file, timeout: 15_000 });
      screenshots.push(file);
      return file;
    };
    const t0 = Date.now();
    if (blockedBy) {
      results.push({ suite, name: test.name, ok: false, ms: 0, error: `not run: "${blockedBy}" failed`, screenshots });
      log(`  ✗ ${suite}: ${test.name} (not run: "${blockedBy}" failed)`);
      continue;
    }
    let timer;
    try {
      const timeoutMs = test.timeoutMs ?? 60_000;
      await Promise.race([
        test.fn({ ...ctx, shot }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs))),
      ]);
      results.push({ suite, name: test.name, ok: true, ms: Date.now() - t0, screenshots });
      log(`  ✓ ${suite}: ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      let error = stripAnsi(e instanceof Error ? e.message : String(e));
      const shown = await Promise.race([visibleMessages(ctx.page), new Promise((r) => setTimeout(() => r([]), 5_000))]);
      if (shown.length) error += `\nthe workbench shows: ${shown.map((t) => `"${t}"`).join('; ')}`;
      const file = join(resultsDir, `${prefix}--FAILED.png`);
      await ctx.page.screenshot({ path: file, timeout: 15_000 }).then(
        () => screenshots.push(file),
        () => {},
      );
      results.push({ suite, name: test.name, ok: false, ms: Date.now() - t0, error, screenshots });
      log(`  ✗ ${suite}: ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${error.split('\n').join('\n      ')}\n      screenshot: ${file}`);
      if (test.critical) blockedBy = test.name;
    } finally {
      clearTimeout(timer);
    }
  }
  return results;
}

/** Throws `assertion failed: message` unless `cond`. */
export function check(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

/** Polls `read()` until `ok(value)`; fails with the last value. No fixed sleeps. */
export async function until(read, ok, what, timeoutMs = 30_000) {
  const t0 = Date.now();
  let last;
  for (;;) {
    last = await read().catch((e) => `(error: ${e instanceof Error ? e.message : e})`);
    if (ok(last)) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 400)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * An observation or measurement window of `ms`: used where the point is to watch for a while
 * (that nothing starts, how fast something runs), never to wait for a state. Ends early when
 * `stop()` returns true.
 */
export async function observe(ms, stop = () => false) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms && !(await stop())) await new Promise((r) => setTimeout(r, 20));
}
