// Playwright helpers for VS Code's workbench (served by code-server) in Debian's Chromium.
// Every wait is on a condition, never a fixed sleep.
import { appendFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const VIEWPORT = { width: 1400, height: 900 };

/** Launches headless Chromium; signals are handled by the harness, which closes it by pid. */
export function launchBrowser(executablePath) {
  return chromium.launch({
    executablePath,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh browser context (VS Code web keeps its UI state in IndexedDB: a new context is a
 * new profile) with one page whose console and errors are appended to `consoleLog` (and passed
 * to `onLine` as they arrive).
 */
export async function newWorkbenchPage(browser, { consoleLog, label, onLine }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const lines = [];
  const write = (line) => {
    lines.push(line);
    appendFileSync(consoleLog, `[${label}] ${line}\n`);
    onLine?.(line);
  };
  page.on('console', (m) => write(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => write(`pageerror: ${e.message}`));
  page.on('crash', () => write('page crashed'));
  return { context, page, consoleLines: lines };
}

/** Waits for the workbench shell after a navigation or reload. */
export async function waitForWorkbench(page, timeoutMs = 60_000) {
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

const palette = (page) => page.locator('.quick-input-widget');
const paletteInput = (page) => page.locator('.quick-input-widget .quick-input-box input');
const paletteRow = (page, title) => page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();

export async function openPalette(page, query) {
  if (!(await paletteInput(page).isVisible())) await page.keyboard.press('Control+Shift+P');
  await paletteInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  // a palette left open by the previous step may be closing (a click elsewhere): its input takes
  // no text then — close it for good and open a fresh one
  if (await paletteInput(page).fill(query, { timeout: 3_000 }).then(() => false, () => true)) {
    await page.keyboard.press('Escape');
    await palette(page).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
    await page.keyboard.press('Control+Shift+P');
    await paletteInput(page).waitFor({ state: 'visible', timeout: 10_000 });
    await paletteInput(page).fill(query);
  }
}

export async function closePalette(page) {
  if (await palette(page).isVisible()) {
    await page.keyboard.press('Escape');
    await palette(page).waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

/**
 * Polls the command palette until `title` is listed (the extension host has registered the
 * contributions). Leaves the palette open on that row.
 */
export async function waitForCommandListed(page, title, timeoutMs = 90_000) {
  const t0 = Date.now();
  for (;;) {
    try {
      await openPalette(page, `>${title}`);
      await paletteRow(page, title).waitFor({ state: 'visible', timeout: 2_000 });
      return;
    } catch (e) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`"${title}" not listed in the command palette after ${timeoutMs} ms`);
      await closePalette(page).catch(() => {});
    }
  }
}

/** Runs a command through the palette, as a person would. */
export async function runCommand(page, title, timeoutMs = 30_000, { dismissFollowUp, followUpMs = 6_000, keepOpen = false } = {}) {
  await openPalette(page, `>${title}`);
  const row = paletteRow(page, title);
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  if (keepOpen) return; // the command asks something next (e.g. a theme picker): the caller answers
  if (dismissFollowUp) {
    // The command may ask a follow-up question (a quick pick with that title) a moment after
    // the palette closes: answer it with Escape when it shows within `followUpMs`.
    const follow = page.locator('.quick-input-widget .quick-input-title', { hasText: dismissFollowUp });
    if (await follow.waitFor({ state: 'visible', timeout: followUpMs }).then(() => true, () => false)) {
      await page.keyboard.press('Escape');
    }
  }
  await palette(page).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The document inside a webview: an iframe in an iframe (select the inner one by id, not name). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The active editor tab's label. */
export async function activeTabLabel(page) {
  return (await page.locator('.tabs-container .tab.active').first().innerText()).trim();
}

/**
 * What the workbench is telling a person right now: open dialogs and notification toasts
 * (appended to a failing test's error, next to its screenshot).
 */
export async function visibleMessages(page) {
  const texts = [];
  for (const selector of ['.monaco-dialog-box', '.notifications-toasts .notification-toast']) {
    for (const el of await page.locator(selector).all().catch(() => [])) {
      if (await el.isVisible().catch(() => false)) {
        const t = (await el.innerText({ timeout: 2_000 }).catch(() => '')).replace(/\s+/g, ' ').trim();
        if (t) texts.push(t);
      }
    }
  }
  return texts;
}

/** The visible webview's content frame (when several webview panels exist, the shown one). */
export function visibleWebviewFrame(page) {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/**
 * Opens a workspace file by name, as a person would: a click on its row in the Explorer (Quick
 * Open's Ctrl+P does not reach the workbench while a webview has focus).
 */
export async function openFile(page, name, timeoutMs = 20_000) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: timeoutMs });
}

/** Answers an open quick pick: types `text`, waits for its row, presses Enter. */
export async function answerQuickPick(page, text, timeoutMs = 15_000) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(text);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs });
}
