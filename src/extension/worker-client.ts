import { Worker } from 'node:worker_threads';
import type { ExtensionToWebview } from '../protocol';
import type { HostToWorker, WorkerToHost } from '../worker/worker-protocol';

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
 * The extension host's handle on one playground worker thread. One per panel; `dispose`
 * terminates it (closing the panel never leaks a worker).
 */
export class PlaygroundWorker {
  /** Workers alive in this extension host (for the leak test). */
  static live = 0;
  /** Workers started since activation. */
  static started = 0;

  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: Done) => void; onProgress?: (m: string, rows: number) => void }>();
  private disposed = false;

  constructor(scriptPath: string, private readonly events: WorkerEvents) {
    this.worker = new Worker(scriptPath);
    PlaygroundWorker.live++;
    PlaygroundWorker.started++;
    this.worker.on('message', (m: WorkerToHost) => this.onMessage(m));
    this.worker.on('error', (e) => {
      if (!this.disposed) this.events.crashed(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
    });
    this.worker.on('exit', (code) => {
      PlaygroundWorker.live--;
      if (!this.disposed) this.events.crashed(`exit code ${code}`);
      this.disposed = true;
      for (const p of this.pending.values()) p.resolve({ kind: 'done', id: 0, ok: false, error: 'the compute worker stopped' });
      this.pending.clear();
    });
  }

  get alive(): boolean {
    return !this.disposed;
  }

  /** Sends a request and resolves with the worker's `done` answer. */
  request(msg: WorkerRequest, onProgress?: (message: string, rows: number) => void): Promise<Done> {
    if (this.disposed) return Promise.resolve({ kind: 'done', id: 0, ok: false, error: 'the compute worker stopped' });
    const id = this.nextId++;
    return new Promise<Done>((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.worker.postMessage({ ...msg, id } as HostToWorker);
    });
  }

  /** Sends a message that has no answer. */
  send(msg: Exclude<HostToWorker, { id: number }>): void {
    if (!this.disposed) this.worker.postMessage(msg);
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

  dispose(): Promise<number> {
    if (this.disposed) return Promise.resolve(0);
    this.disposed = true;
    return this.worker.terminate();
  }
}
