/**
 * What differs between desktop VS Code and VS Code for the Web, in one place. The desktop entry
 * (src/extension.ts) and the web entry (src/extension-web.ts) each set one; everything else asks
 * `platform()` and never imports Node itself.
 */
import type * as vscode from 'vscode';
import type { FileRef, HostToWorker, WorkerToHost } from '../worker/worker-protocol';

/** The extension's side of a playground compute worker (a Node worker thread, or a Web Worker). */
export interface WorkerPort {
  post(message: HostToWorker, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: WorkerToHost) => void): void;
  onError(listener: (reason: string) => void): void;
  /** Stops the worker. */
  terminate(): Promise<unknown>;
}

export interface Platform {
  /** 'web': no processes, no Node, files only through `vscode.workspace.fs`. */
  readonly kind: 'desktop' | 'web';
  /** Starts a playground compute worker. */
  startWorker(extensionUri: vscode.Uri): WorkerPort;
  /**
   * How the worker reaches `uri`: its path on disk (streamed by the worker), or its bytes.
   * @returns an error and a hint in the user's terms when this file system cannot give it.
   */
  fileRef(uri: vscode.Uri): Promise<{ file: FileRef; transfer?: ArrayBuffer[] } | { error: string; hint: string }>;
  /** Whether the worker writes files itself (desktop: by path, streamed) or hands back their text (web). */
  readonly workerWrites: boolean;
  /**
   * Creates `uri` with `bytes` when no file is there; false (and nothing written) when one is.
   * Desktop: an exclusive create. Web: the file system has none, so a check, then the write.
   */
  writeNew(uri: vscode.Uri, bytes: Uint8Array): Promise<boolean>;
  /** "1,000 rows × 3 columns (2 numeric)" for the file picker; undefined when too costly here. */
  describeFile(uri: vscode.Uri): Promise<string | undefined>;
  /** A sample dataset's CSV text (seeded: the same file every time). */
  sampleCsv(kind: 'd2l' | 'houses' | 'laplace'): string;
}

let current: Platform | undefined;

/** Set once by the entry point, at activation. */
export function setPlatform(p: Platform): void {
  current = p;
}

/** Where the extension runs. */
export function platform(): Platform {
  if (!current) throw new Error('Gauss Lab: the platform is set at activation');
  return current;
}
