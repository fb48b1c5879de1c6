import type * as vscode from 'vscode';
import type { ExtensionToWebview } from '../protocol';
import type { BenchLens } from './bench-lens';
import { setSaveTargetForTests } from './exports';
import { recentNotices, type Notice } from './notify';
import { NormalExplorerPanel } from './normal-panel';
import { PlaygroundPanel } from './playground-panel';
import { PlaygroundWorker } from './worker-client';

/** The open playground as the tests see it. */
export interface PlaygroundProbe {
  readonly connected: Promise<void>;
  readonly handshakeCount: number;
  /** Messages from the webview dropped by validation, closed-form fits sent, and timings. */
  readonly stats: { readonly dropped: number; readonly fits: number; readonly trainingMessages: number; readonly firstFitMs: number; readonly lastLoadMs: number; readonly loads: number; readonly progressNotifications: number; readonly chartsSaved: number };
  /** The current fit (design, coefficients in original units, term names), if any. */
  readonly fit: { readonly label: string; readonly termNames: readonly string[]; readonly coefficients: readonly number[]; readonly design: unknown } | undefined;
  readonly workerAlive: boolean;
  /** Presses Cancel on the load/fit progress notification, if one is shown (returns whether one was). */
  cancelProgress(): boolean;
  /** Feeds a raw message through the same validation and handling as the webview's. */
  receive(raw: unknown): void;
  /** Calls `listener` for every message the extension sends to the view; returns an unsubscribe. */
  onDidPost(listener: (m: ExtensionToWebview) => void): () => void;
}

/**
 * What `activate` returns (`vscode.extensions.getExtension(id).exports`). Small on purpose:
 * the in-host tests use it to see what the `vscode` API cannot (the webview side of the
 * handshake, the worker's lifetime).
 */
export interface GaussLabApi {
  /** The open playground, or undefined when none is open. */
  playground(): PlaygroundProbe | undefined;
  /** The open normal explorer's handshake, or undefined. */
  normalExplorer(): { readonly connected: Promise<void>; readonly handshakeCount: number; receive(raw: unknown): void; readonly stats: { readonly dropped: number } } | undefined;
  /**
   * Tests only: answers the chart save dialog (`saveChart`) with this hook instead of asking;
   * it receives the default file the dialog would offer. `undefined` restores the dialog.
   */
  setChartSaveTarget(hook: ((defaultUri: vscode.Uri) => vscode.Uri | undefined) | undefined): void;
  /** Playground workers alive, and started since activation (a closed panel leaks none). */
  workers(): { readonly live: number; readonly started: number };
  /** Bench groups handed to the runner since activation (each starts processes), and runs queued or running. */
  benchRuns(): { readonly started: number; readonly pending: number };
  /** The notifications shown to the user, most recent last. */
  notices(): readonly Notice[];
}

export function createApi(bench: BenchLens | undefined): GaussLabApi {
  return {
    playground: () => {
      const p = PlaygroundPanel.active;
      if (!p) return undefined;
      return {
        connected: p.connected,
        get handshakeCount() {
          return p.handshakeCount;
        },
        get stats() {
          return { ...p.stats, dropped: p.channel.stats.dropped };
        },
        get fit() {
          const f = p.fit;
          return f && { label: f.label, termNames: f.fit.termNames, coefficients: f.fit.coefficients, design: f.design };
        },
        get workerAlive() {
          return p.workerAlive;
        },
        cancelProgress: () => p.cancelProgress(),
        receive: (raw) => p.receive(raw),
        onDidPost: (listener) => {
          const d = p.onDidPost(listener);
          return () => d.dispose();
        },
      };
    },
    normalExplorer: () => {
      const n = NormalExplorerPanel.active;
      return n && { connected: n.connected, handshakeCount: n.handshakeCount, receive: (raw) => n.receive(raw), stats: n.stats };
    },
    setChartSaveTarget: (hook) => setSaveTargetForTests(hook),
    workers: () => ({ live: PlaygroundWorker.live, started: PlaygroundWorker.started }),
    benchRuns: () => ({ started: bench?.queue.started ?? 0, pending: bench?.queue.pending ?? 0 }),
    notices: () => [...recentNotices()],
  };
}
