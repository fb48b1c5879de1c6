// In-host reliability tests: every bad CSV of test/fixtures/bad through the playground (an error
// screen that names the file and says what to try, or a fit with its warnings), no file path
// ever posted to the webview, and 20 panel reopenings that leave no worker, thread or process.
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId, NORMAL_VIEW_TYPE } from '../../../src/extension/command-ids';
import type { GaussLabApi } from '../../../src/extension/api';
import type { ExtensionToWebview } from '../../../src/protocol';
import { renderPage, webviewOptions } from '../../../src/extension/webview-html';
import { assert, waitFor, type TestCase } from './harness';

export interface ReliabilityContext {
  readonly api: () => GaussLabApi;
  readonly extensionPath: () => string;
  readonly workspaceDir: () => string;
  readonly wsUri: (name: string) => vscode.Uri;
  readonly closePlayground: () => Promise<void>;
}

/**
 * What each fixture must give in the playground: an error screen whose message matches, or a
 * fit (with a warning that matches, when given). The CLI's messages for the same files are
 * asserted in test/unit/bad-data.test.ts; here the playground's path (worker, protocol) is.
 */
const EXPECTED: Record<string, { error: RegExp } | { fit: true; warning?: RegExp }> = {
  'empty.csv': { error: /is empty/ },
  'header-only.csv': { error: /has a header but no data rows/ },
  'one-row.csv': { error: /only 1 row/ },
  'more-features-than-rows.csv': { error: /only 2 rows/ },
  'ragged-too-few.csv': { error: /row 3 has 1 field, but the header has 2/ },
  'ragged-too-many.csv': { error: /row 3 has 3 fields, but the header has 2/ },
  'unterminated-quote.csv': { error: /row 3 opens a quote \("\) that is never closed/ },
  'utf16.csv': { error: /UTF-16/ },
  'binary.csv': { error: /does not look like a text CSV/ },
  'extreme.csv': { error: /overflows double precision/ },
  'blank-lines.csv': { fit: true },
  'bom-crlf.csv': { fit: true },
  'lone-cr.csv': { fit: true },
  'semicolon.csv': { fit: true },
  'tab.csv': { fit: true },
  // quoted text with commas, newlines and quotes is one field: a category of 4 levels
  'quoted.csv': { fit: true, warning: /a category of 4 levels/ },
  'missing.csv': { fit: true },
  'constant-column.csv': { fit: true, warning: /constant/ },
  'duplicated-column.csv': { fit: true, warning: /collinear/ },
  'collinear.csv': { fit: true, warning: /collinear/ },
  'duplicate-headers.csv': { fit: true, warning: /renamed/ },
  'long-header.csv': { fit: true },
  'latin1.csv': { fit: true, warning: /UTF-8/ },
  'dates.csv': { fit: true, warning: /date/ },
  'units.csv': { fit: true, warning: /not a number|not numeric/ },
  'thousands.csv': { fit: true, warning: /thousands/ },
  'decimal-comma.csv': { fit: true, warning: /decimal comma/ },
};

/** Child processes of this extension host (Linux /proc; elsewhere an empty list). */
function childProcesses(): number[] {
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return out;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) out.push(Number(pid));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Threads of this extension host (worker threads are threads). */
function threadCount(): number {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return -1;
  }
}

export function reliabilityTests(ctx: ReliabilityContext): TestCase[] {
  return [
    {
      name: 'every bad CSV of test/fixtures/bad in the playground: an error screen naming the file with a hint, or a fit with its warnings; no path reaches the webview',
      timeoutMs: 240_000,
      fn: async () => {
        const fixtures = join(ctx.extensionPath(), 'test', 'fixtures', 'bad');
        const names = readdirSync(fixtures).filter((f) => f.endsWith('.csv'));
        const missing = Object.keys(EXPECTED).filter((n) => !names.includes(n));
        assert(missing.length === 0, `fixtures exist: ${missing.join(', ')}`);
        const dir = ctx.workspaceDir();
        const failures: string[] = [];
        // One panel for the whole loop (Open CSV in Playground reuses it), one recording of
        // everything it sends; each file's messages are those after its command.
        await vscode.commands.executeCommand(CommandId.openCsvInPlayground, ctx.wsUri('d2l-synthetic.csv'));
        const pg = await waitFor(() => ctx.api().playground(), 'the playground');
        await waitFor(() => pg.fit, 'a first fit', 30_000);
        const posts: ExtensionToWebview[] = [];
        const off = pg.onDidPost((m) => posts.push(m));
        try {
          for (const name of Object.keys(EXPECTED)) {
            const scratch = `zz-e2e-bad-${name}`;
            copyFileSync(join(fixtures, name), join(dir, scratch));
            try {
              const from = posts.length;
              await vscode.commands.executeCommand(CommandId.openCsvInPlayground, ctx.wsUri(scratch));
              const seen = () => posts.slice(from);
              const outcome = await waitFor(
                () => seen().find((m) => m.type === 'error') ?? (pg.fit?.label.endsWith(scratch) ? seen().find((m) => m.type === 'fit') ?? ({ type: 'fit' } as ExtensionToWebview) : undefined),
                `${name}: an error or a fit`,
                30_000,
              );
              const want = EXPECTED[name];
              if ('error' in want) {
                if (outcome.type !== 'error') failures.push(`${name}: expected an error, got a fit`);
                else {
                  if (!want.error.test(outcome.message)) failures.push(`${name}: message "${outcome.message}" does not match ${want.error}`);
                  if (!outcome.message.includes(scratch) && !/coefficients|rows|overflows/.test(outcome.message)) failures.push(`${name}: the message does not name the file: "${outcome.message}"`);
                  if (!outcome.hint) failures.push(`${name}: no hint in ${JSON.stringify(outcome)}`);
                }
              } else {
                if (outcome.type !== 'fit') failures.push(`${name}: expected a fit, got ${JSON.stringify(outcome).slice(0, 300)}`);
                else if (want.warning) {
                  // this file's dataset message: the previous file's may still arrive after the command
                  const dataset = seen().find((m) => m.type === 'dataset' && m.dataset.label.endsWith(scratch));
                  const texts = [
                    ...(dataset?.type === 'dataset' ? [...dataset.dataset.warnings, ...dataset.dataset.columns.map((c) => JSON.stringify(c))] : []),
                    ...seen().flatMap((m) => (m.type === 'fit' ? m.fit.summary.warnings : [])),
                  ].join('\n');
                  if (!want.warning.test(texts)) failures.push(`${name}: no warning matching ${want.warning} in ${texts.slice(0, 500)}`);
                }
              }
            } finally {
              rmSync(join(dir, scratch), { force: true });
            }
          }
        } finally {
          off();
        }
        assert(failures.length === 0, failures.join('\n'));
        // Nothing the view received can be used to open a file: no absolute path, no URI.
        const text = JSON.stringify(posts);
        for (const leak of [dir, homedir(), 'file://', 'vscode-resource', fixtures]) {
          assert(!text.includes(leak), `no "${leak}" in the ${posts.length} messages sent to the webview`);
        }
        assert(posts.length > Object.keys(EXPECTED).length, `the messages were recorded (${posts.length})`);
      },
    },
    {
      name: 'webview pages: CSP default-src \'none\', scripts only with the page nonce, no unsafe-*; resources only from dist/ and media/',
      fn: () => {
        const ext = vscode.Uri.file(ctx.extensionPath());
        const roots = (webviewOptions(ext).localResourceRoots ?? []).map((u) => u.path);
        assert(JSON.stringify(roots) === JSON.stringify([vscode.Uri.joinPath(ext, 'dist').path, vscode.Uri.joinPath(ext, 'media').path]), `localResourceRoots are dist/ and media/ only (got ${JSON.stringify(roots)})`);
        assert(webviewOptions(ext).enableCommandUris !== true, 'command URIs are not enabled');
        const fake = { cspSource: 'https://webview.example', asWebviewUri: (u: vscode.Uri) => u } as unknown as vscode.Webview;
        const pages = [0, 1].map(() => renderPage(fake, ext, { title: '<b>t</b>', script: 'webview.js', style: 'playground.css', body: '<main id="app"></main>', language: { locale: 'zh-cn', messages: { '"><script>x()</script>': '</body><script>alert(1)</script>' } } }));
        for (const html of pages) {
          const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
          const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
          assert(directives['default-src']?.join(' ') === "'none'", `default-src 'none' (got ${csp})`);
          const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
          assert(nonce && directives['script-src']?.length === 1, `script-src is the nonce alone (got ${csp})`);
          assert(!/unsafe-(eval|inline)|\*/.test(csp), `no unsafe-eval, unsafe-inline or wildcard (got ${csp})`);
          const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
          assert(scripts.length >= 1 && scripts.every((m) => m[1].includes(`nonce="${nonce}"`)), `every <script> carries the nonce (${scripts.map((m) => m[0]).join(' ')})`);
          assert(!/\son\w+=/.test(html), 'no inline event handler attributes');
          assert(html.includes('<title>&lt;b&gt;t&lt;/b&gt;</title>'), 'the title is escaped');
        }
        assert(/'nonce-([^']+)'/.exec(pages[0])?.[1] !== /'nonce-([^']+)'/.exec(pages[1])?.[1], 'a fresh nonce per page');
      },
    },
    {
      name: 'opening and closing the playground and the normal explorer 20 times leaves no worker, thread or child process behind',
      timeoutMs: 240_000,
      fn: async () => {
        const api = ctx.api;
        await ctx.closePlayground();
        // One cycle first, so lazily created pools (libuv's) exist before the counting starts.
        await vscode.commands.executeCommand(CommandId.openCsvInPlayground, ctx.wsUri('house-prices.csv'));
        await waitFor(() => api().playground()?.fit, 'a fit', 30_000);
        await ctx.closePlayground();
        await waitFor(() => api().workers().live === 0, `no live worker (live ${api().workers().live})`);
        const before = { children: childProcesses(), threads: threadCount(), started: api().workers().started };
        for (let i = 0; i < 20; i++) {
          await vscode.commands.executeCommand(CommandId.openCsvInPlayground, ctx.wsUri('house-prices.csv'));
          const pg = await waitFor(() => api().playground(), 'the playground');
          await waitFor(() => pg.fit, 'a fit', 30_000);
          assert(api().workers().live === 1, `cycle ${i + 1}: one live worker (got ${api().workers().live})`);
          await vscode.commands.executeCommand(CommandId.openNormalExplorer);
          await waitFor(() => api().normalExplorer(), 'the normal explorer');
          const normalTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(NORMAL_VIEW_TYPE));
          // a panel created a moment ago may not be in the tab model yet
          await waitFor(() => normalTabs().length > 0, 'the normal explorer tab');
          await vscode.window.tabGroups.close(normalTabs());
          await waitFor(() => api().normalExplorer() === undefined, 'the normal explorer to close');
          await ctx.closePlayground();
          // a worker counts as live until its thread has exited (asynchronously, after terminate)
          await waitFor(() => api().workers().live === 0, `cycle ${i + 1}: its worker gone (live ${api().workers().live})`);
        }
        await waitFor(() => api().workers().live === 0, `no live worker after 20 cycles (live ${api().workers().live})`);
        assert(api().workers().started - before.started === 20, `20 workers were started, one per panel (got ${api().workers().started - before.started})`);
        const after = await waitFor(
          () => {
            const now = { children: childProcesses(), threads: threadCount() };
            return now.children.length <= before.children.length && now.threads <= before.threads + 2 ? now : undefined;
          },
          `no extra child process or thread (before: ${before.children.length} children, ${before.threads} threads)`,
          15_000,
        );
        assert(after.children.every((p) => before.children.includes(p)), `no new child process (before ${before.children}, after ${after.children})`);
      },
    },
  ];
}
