import type { ExtensionToWebview } from '../protocol';
import type { HostToWorker, WorkerToHost } from '../worker/worker-protocol';
import { displayLanguage } from './language';
import type { WorkerPort } from './platform';

type Done = Extract<WorkerToHost, { kind: 'done' }>;
type WithoutId<T> = T extends { id: number } ? Omit<T, 'id'> : never;
export type WorkerRequest = WithoutId<Extract<HostToWorker, { id: number }>>;

export interface WorkerEvents {
  /** A message for the webview. */
  post(message: ExtensionToWebview): void;
  /** Any other report (fitted, progress, log). */
  report(message: Exclude<WorkerToHost, { kind: 'post' } | { kind: 'done' }>): void;
  /** The worker stopped without being asked to. */
  crashed(reason: string): void;
}

/**
 * The extension host's handle on one playground worker (a Node worker thread on the desktop, a
 * Web Worker on the web: see ./platform.ts). One per panel; `dispose` terminates it (closing the
 * panel never leaks a worker).
 */
export class PlaygroundWorker {
  /** Workers alive in this extension host (for the leak test). */
  static live = 0;
  /** Workers started since activation. */
  static started = 0;

  private readonly worker: WorkerPort;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: Done) => void; onProgress?: (m: string, rows: number) => void }>();
  private disposed = false;

  constructor(start: () => WorkerPort, private readonly events: WorkerEvents) {
    this.worker = start();
    PlaygroundWorker.live++;
    PlaygroundWorker.started++;
    this.worker.onMessage((m) => this.onMessage(m));
    // a worker that fails is stopped: it holds no state worth keeping, and its requests end
    this.worker.onError((reason) => this.stop(reason));
    this.worker.post({ kind: 'language', language: displayLanguage() });
  }

  /** The worker is gone: every pending request ends, and the panel hears why unless it asked. */
  private stop(reason: string | undefined): void {
    if (this.disposed) return;
    this.disposed = true;
    PlaygroundWorker.live--;
    if (reason !== undefined) this.events.crashed(reason);
    for (const p of this.pending.values()) p.resolve({ kind: 'done', id: 0, ok: false, error: 'the compute worker stopped' });
    this.pending.clear();
    void this.worker.terminate();
  }

  get alive(): boolean {
    return !this.disposed;
  }

  /** Sends a request and resolves with the worker's `done` answer. */
  request(msg: WorkerRequest, onProgress?: (message: string, rows: number) => void, transfer?: ArrayBuffer[]): Promise<Done> {
    if (this.disposed) return Promise.resolve({ kind: 'done', id: 0, ok: false, error: 'the compute worker stopped' });
    const id = this.nextId++;
    return new Promise<Done>((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.worker.post({ ...msg, id } as HostToWorker, transfer);
    });
  }

  /** Sends a message that has no answer. */
  send(msg: Exclude<HostToWorker, { id: number }>): void {
    if (!this.disposed) this.worker.post(msg);
  }

  private onMessage(m: WorkerToHost): void {
    switch (m.kind) {
      case 'post':
        this.events.post(m.message);
        return;
      case 'done': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve(m);
        return;
      }
      case 'progress':
        this.pending.get(m.id)?.onProgress?.(m.message, m.rows);
        this.events.report(m);
        return;
      default:
        this.events.report(m);
    }
  }

  dispose(): void {
    this.stop(undefined);
  }
}
