// One group at a time: concurrent requests (several lenses clicked, a CLI over many groups)
// wait their turn instead of competing for the cores and spoiling each other's timings.
import type { BenchGroup } from './markers';
import type { BenchGroupResult, BenchRunOptions } from './result';

export type GroupRunner = (group: BenchGroup, options: BenchRunOptions) => Promise<BenchGroupResult>;

/**
 * Runs bench groups strictly one after another, in the order asked.
 * A queued run whose signal aborts before its turn resolves `{ kind: 'cancelled' }` without
 * starting; while it waits, `onProgress` hears `{ phase: 'queued', fraction: 0 }`.
 * The runner is passed in: the extension loads the engine (runner, transpiler, statistics) only
 * when a lens is first clicked.
 * @example const queue = new BenchQueue(runBenchGroup); await queue.run(group, { timeoutMs: 30_000 });
 */
export class BenchQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private handedOver = 0;

  constructor(private readonly runner: GroupRunner) {}

  /** Runs queued or running. */
  get pending(): number {
    return this.waiting;
  }

  /** Runs handed to the runner so far (each starts processes): what Restricted Mode must keep at 0. */
  get started(): number {
    return this.handedOver;
  }

  run(group: BenchGroup, options: BenchRunOptions): Promise<BenchGroupResult> {
    this.waiting++;
    if (this.waiting > 1) options.onProgress?.({ phase: 'queued', fraction: 0 });
    const result = this.tail.then(async (): Promise<BenchGroupResult> => {
      if (options.signal?.aborted) return { kind: 'cancelled' };
      this.handedOver++;
      return this.runner(group, options);
    });
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tail = settled;
    return result.finally(() => {
      this.waiting--;
    });
  }
}
