// What the in-host tests share: the extension and its test API, the workspace, the playground's
// messages, small numeric checks. The workspace is examples/: files a test writes there are
// removed in `finally`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { CommandId, PLAYGROUND_VIEW_TYPE } from '../../../src/extension/command-ids';
import type { GaussLabApi, PlaygroundProbe } from '../../../src/extension/api';
import type { ExtensionToWebview, TrainingMessage } from '../../../src/protocol';
import { sgdParams } from '../../shared/messages';
import { assert, waitFor } from './harness';

export const EXTENSION_ID = 'gauss-lab.gauss-lab';

export interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command: string; when?: string }[]>;
    configuration?: { properties?: Record<string, { default?: unknown }> };
    walkthroughs?: { id: string; steps: { id: string; media?: { markdown?: string } }[] }[];
  };
}

export function extension(): vscode.Extension<GaussLabApi> {
  const ext = vscode.extensions.getExtension<GaussLabApi>(EXTENSION_ID);
  assert(ext, `extension ${EXTENSION_ID} is installed`);
  return ext;
}
export const api = () => extension().exports;

export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert(f, 'a workspace folder is open');
  return f.uri.fsPath;
}
export const wsUri = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);

/** Tabs of a webview view type in every editor group (view types carry a VS Code prefix). */
export function tabsOf(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}
export const playgroundTabs = () => tabsOf(PLAYGROUND_VIEW_TYPE);

export async function closePlayground(): Promise<void> {
  // a panel created a moment ago may not be in the tab model yet
  if (api().playground()) await waitFor(() => playgroundTabs().length > 0, 'the playground tab');
  await vscode.window.tabGroups.close(playgroundTabs());
  await waitFor(() => playgroundTabs().length === 0 && api().playground() === undefined, 'the playground to close');
}

/** Resolves with the first message the extension sends to the view that matches. */
export function nextPost(pg: PlaygroundProbe, match: (m: ExtensionToWebview) => boolean, what: string, timeoutMs = 20_000): Promise<ExtensionToWebview> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = pg.onDidPost((m) => {
      if (!match(m)) return;
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

/** Collects the messages sent to the view until `until` matches one. */
export function collectPosts(pg: PlaygroundProbe, until: (m: ExtensionToWebview) => boolean, timeoutMs = 30_000): Promise<ExtensionToWebview[]> {
  const out: ExtensionToWebview[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms; got ${out.length} messages: ${out.slice(-3).map((m) => JSON.stringify(m).slice(0, 200)).join(' | ')}`));
    }, timeoutMs);
    const off = pg.onDidPost((m) => {
      out.push(m);
      if (!until(m)) return;
      clearTimeout(timer);
      off();
      resolve(out);
    });
  });
}

export const isTraining = (m: ExtensionToWebview): m is TrainingMessage => m.type === 'training';
export const finished = (m: ExtensionToWebview) => isTraining(m) && (m.status === 'done' || m.status === 'diverged');

export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

export const sgd = sgdParams;

export const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** y = b + w1·x1 + w2·x2 by least squares on rows [x1, x2, y]: the normal equations, solved by Cramer's rule (independent of the core). */
export function olsThree(rows: readonly number[][]): [number, number, number] {
  const g = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const r = [0, 0, 0];
  for (const [x1, x2, y] of rows) {
    const v = [1, x1, x2];
    for (let i = 0; i < 3; i++) {
      r[i] += v[i] * y;
      for (let j = 0; j < 3; j++) g[i][j] += v[i] * v[j];
    }
  }
  const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(g);
  const col = (k: number) => det(g.map((row, i) => row.map((v, j) => (j === k ? r[i] : v))));
  return [col(0) / d, col(1) / d, col(2) / d];
}

/** Opens a CSV of the workspace in the playground and waits for its closed-form fit. */
/** The 1,000,000-row d2l CSV the e2e harness generates for every run (see scripts/test-e2e.mjs). */
export function bigCsv(): string {
  const big = process.env.GAUSS_LAB_E2E_BIG_CSV;
  assert(big !== undefined && existsSync(big), `the harness's 1,000,000-row CSV (GAUSS_LAB_E2E_BIG_CSV=${big})`);
  return big!;
}

export async function openCsv(name: string): Promise<{ pg: PlaygroundProbe; ms: number }> {
  const t0 = Date.now();
  await vscode.commands.executeCommand(CommandId.openCsvInPlayground, wsUri(name));
  const pg = await waitFor(() => api().playground(), 'the playground panel');
  await waitFor(() => pg.fit?.label.endsWith(name) && pg.fit, `a fit of ${name}`, 30_000);
  const ms = Date.now() - t0;
  await pg.connected;
  return { pg, ms };
}
